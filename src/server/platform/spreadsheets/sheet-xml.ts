import { StringDecoder } from 'node:string_decoder';
import type { CellValue, SheetRow } from './cells';

/**
 * The two big parts of an .xlsx — a worksheet's rows and the shared strings — read straight from their XML text.
 * ExcelJS's worksheet reader, used before, ran every character through saxes and built a Row and a Cell object
 * per cell: ~2.5 s of CPU for a 100,000-row roster, the whole of an import's validation on its reader thread.
 * A roster's XML is a few fixed shapes, so this scans it with indexOf, keeping only what a cell's value needs.
 *
 * Values are those ExcelJS gave with styles ignored (read-sheet.ts never read styles): a number is a number (a
 * date cell is its Excel serial, which cells.ts's parseDate reads), a shared or inline string its text (rich text
 * runs joined), an empty text null, a boolean a boolean, an error or a formula with no cached result null, a
 * formula its cached result. Where ExcelJS went wrong this does not follow it: a formula's result 0 is 0 (ExcelJS
 * dropped it), inline text is decoded once (ExcelJS decoded entities twice, so a typed "&lt;" became "<"), rich
 * inline text keeps every run (ExcelJS kept the last), the phonetic guide (rPh) is left out, and a namespace
 * prefix (x:row, as some generators write) is understood.
 * sheet-xml.test.ts compares the two over workbooks of every cell kind.
 */

/** Text held while waiting for the rest of it: a cell holds at most 32,767 characters, a tag far less. */
const MAX_PENDING = 1 << 20;

interface Handler {
  /** Whether text between tags is wanted now (inside a value), so it is kept across chunks. */
  wantsText: boolean;
  open(name: string, s: string, attrsFrom: number, attrsTo: number, selfClosing: boolean): void;
  close(name: string): void;
  text(decoded: string): void;
}

/**
 * Feeds the complete tokens of `s` to `h`, and returns where the first incomplete one starts: the caller keeps
 * the rest for the next chunk. Comments, processing instructions and declarations are skipped; CDATA is text.
 */
function scan(s: string, h: Handler): number {
  const n = s.length;
  let i = 0;
  while (i < n) {
    const lt = s.indexOf('<', i);
    if (lt === -1) return h.wantsText ? i : n;
    if (lt > i && h.wantsText) h.text(decodeText(s.slice(i, lt)));
    const next = s.charCodeAt(lt + 1);
    if (next === 33 /* ! */) {
      if (s.startsWith('<!--', lt)) {
        const end = s.indexOf('-->', lt + 4);
        if (end === -1) return lt;
        i = end + 3;
      } else if (s.startsWith('<![CDATA[', lt)) {
        const end = s.indexOf(']]>', lt + 9);
        if (end === -1) return lt;
        if (h.wantsText) h.text(s.slice(lt + 9, end).replace(/\r\n?/g, '\n'));
        i = end + 3;
      } else {
        const end = s.indexOf('>', lt);
        if (end === -1 || lt + 9 > n) return lt; // a declaration, or the start of a comment or CDATA not yet whole
        i = end + 1;
      }
      continue;
    }
    if (next === 63 /* ? */) {
      const end = s.indexOf('?>', lt + 2);
      if (end === -1) return lt;
      i = end + 2;
      continue;
    }
    const gt = tagEnd(s, lt + 1);
    if (gt === -1) return lt;
    if (next === 47 /* / */) {
      h.close(localName(s, lt + 2, gt));
    } else {
      const selfClosing = s.charCodeAt(gt - 1) === 47;
      let nameEnd = lt + 1;
      while (nameEnd < gt && !isSpace(s.charCodeAt(nameEnd)) && s.charCodeAt(nameEnd) !== 47) nameEnd++;
      h.open(localName(s, lt + 1, nameEnd), s, nameEnd, selfClosing ? gt - 1 : gt, selfClosing);
    }
    i = gt + 1;
  }
  return n;
}

/** The `>` that ends a tag starting at `from`, outside quoted attribute values (where `>` may stand unescaped). */
function tagEnd(s: string, from: number): number {
  let quote = 0;
  for (let k = from; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return k;
  }
  return -1;
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/** A tag's name without its namespace prefix (`x:row` is `row`), trailing space trimmed. */
function localName(s: string, from: number, to: number): string {
  let end = to;
  while (end > from && isSpace(s.charCodeAt(end - 1))) end--;
  let start = from;
  for (let k = from; k < end; k++) if (s.charCodeAt(k) === 58 /* : */) start = k + 1;
  return s.slice(start, end);
}

/** The value of attribute `name` (unprefixed) in `s[from, to)`, decoded; undefined when absent. */
function attribute(s: string, from: number, to: number, name: string): string | undefined {
  let k = from;
  while (k < to) {
    while (k < to && isSpace(s.charCodeAt(k))) k++;
    const eq = s.indexOf('=', k);
    if (eq === -1 || eq >= to) return undefined;
    let q = eq + 1;
    while (q < to && isSpace(s.charCodeAt(q))) q++;
    const quote = s.charCodeAt(q);
    if (quote !== 34 && quote !== 39) return undefined;
    const close = s.indexOf(quote === 34 ? '"' : "'", q + 1);
    if (close === -1 || close >= to) return undefined;
    if (s.startsWith(name, k)) {
      let e = k + name.length;
      while (e < eq && isSpace(s.charCodeAt(e))) e++;
      if (e === eq) return decodeText(s.slice(q + 1, close));
    }
    k = close + 1;
  }
  return undefined;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text as it reads: entities and character references decoded, line ends made \n (as every XML parser does). */
function decodeText(raw: string): string {
  let t = raw;
  if (t.indexOf('\r') !== -1) t = t.replace(/\r\n?/g, '\n');
  if (t.indexOf('&') === -1) return t;
  return t.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return ENTITIES[ref] ?? whole;
    const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Column number of a cell reference (`AB12` → 28), or 0 when it has none. */
function columnOf(ref: string | undefined): number {
  if (!ref) return 0;
  let col = 0;
  for (let k = 0; k < ref.length; k++) {
    const c = ref.charCodeAt(k) | 0x20; // lower case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  return col;
}

/** Runs `h` over a part's bytes, yielding after each chunk what `take()` gathered; ends early once `h` says it is done. */
async function* parsePart<T>(chunks: AsyncIterable<Buffer>, h: Handler & { done: boolean }, take: () => T[]): AsyncGenerator<T[]> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  for await (const chunk of chunks) {
    const text = pending + decoder.write(chunk);
    const used = scan(text, h);
    pending = used < text.length ? text.slice(used) : '';
    if (pending.length > MAX_PENDING) throw new Error(`an XML token longer than ${MAX_PENDING} characters`);
    const got = take();
    if (got.length) yield got;
    if (h.done) return;
  }
  const rest = decoder.end();
  if (rest || pending) scan(pending + rest, h);
  const got = take();
  if (got.length) yield got;
}

/**
 * A worksheet's rows, a batch per chunk of its XML. `strings` are the workbook's shared strings (sharedStrings).
 * Rows are numbered by their `r` (or one below the last, when a writer leaves it out); cells likewise by column. A
 * row's cells end at the last one that has a value.
 */
export function worksheetRows(chunks: AsyncIterable<Buffer>, strings: readonly string[]): AsyncGenerator<SheetRow[]> {
  let rows: SheetRow[] = [];
  let inSheetData = false;
  let rowNumber = 0;
  let cells: CellValue[] | null = null;
  let column = 0;
  // The cell being read.
  let type: string | undefined;
  let hasValue = false;
  let hasFormula = false;
  let text = '';
  let inValue = false;
  let inInline = false;
  let inPhonetic = false;

  const finishCell = () => {
    if (!cells || !(hasValue || hasFormula)) return;
    let value: CellValue;
    if (!hasValue)
      value = null; // a formula never calculated
    else if (type === 'e')
      value = null; // #N/A, #DIV/0!: no value
    else if (hasFormula) value = type === 'str' ? text : Number.parseFloat(text);
    else if (type === 's') value = strings[Number.parseInt(text, 10)] ?? null;
    else if (type === 'inlineStr' || type === 'str' || type === 'd') value = text;
    else if (type === 'b') value = Number.parseInt(text, 10) !== 0;
    else value = Number.parseFloat(text);
    if (value === '') return; // an empty text is no value, as ExcelJS had it
    const at = column - 1;
    while (cells.length < at) cells.push(null);
    cells[at] = value;
  };

  const h: Handler & { done: boolean } = {
    wantsText: false,
    done: false,
    open(name, s, from, to, selfClosing) {
      if (!inSheetData) {
        if (name === 'sheetData') inSheetData = !selfClosing;
        return;
      }
      switch (name) {
        case 'row': {
          const r = Number.parseInt(attribute(s, from, to, 'r') ?? '', 10);
          rowNumber = Number.isFinite(r) && r > 0 ? r : rowNumber + 1;
          column = 0;
          cells = [];
          if (selfClosing) {
            rows.push({ row: rowNumber, cells });
            cells = null;
          }
          return;
        }
        case 'c':
          column = columnOf(attribute(s, from, to, 'r')) || column + 1;
          type = attribute(s, from, to, 't');
          hasValue = hasFormula = inValue = inInline = inPhonetic = false;
          text = '';
          return;
        case 'v':
          if (selfClosing) hasValue = true;
          else if (!inInline) inValue = h.wantsText = hasValue = true;
          return;
        case 'f':
          hasFormula = true;
          return;
        case 'is':
          inInline = hasValue = true;
          return;
        case 'rPh':
          inPhonetic = !selfClosing;
          return;
        case 't':
          if (inInline && !inPhonetic && !selfClosing) inValue = h.wantsText = true;
          return;
      }
    },
    close(name) {
      if (!inSheetData) return;
      switch (name) {
        case 'v':
        case 't':
          inValue = h.wantsText = false;
          return;
        case 'rPh':
          inPhonetic = false;
          return;
        case 'is':
          inInline = false;
          return;
        case 'c':
          finishCell();
          return;
        case 'row':
          if (cells) rows.push({ row: rowNumber, cells });
          cells = null;
          return;
        case 'sheetData':
          inSheetData = false;
          h.done = true; // what follows (merged cells, page setup) holds no values
          return;
      }
    },
    text(t) {
      if (inValue) text += t;
    },
  };
  return parsePart(chunks, h, () => {
    const got = rows;
    rows = [];
    return got;
  });
}

/**
 * The shared strings (`sst`), each item's text with its rich-text runs joined and its phonetic guide left out.
 * `tooMany` is thrown once there are more than `max`: a workbook made to fill memory is refused as it is read.
 */
export async function sharedStrings(chunks: AsyncIterable<Buffer>, max: number, tooMany: () => Error): Promise<string[]> {
  const strings: string[] = [];
  let text = '';
  let inItem = false;
  let inPhonetic = false;
  const h: Handler & { done: boolean } = {
    wantsText: false,
    done: false,
    open(name, _s, _from, _to, selfClosing) {
      if (name === 'si') {
        text = '';
        inItem = !selfClosing;
        if (selfClosing) strings.push('');
      } else if (name === 'rPh') inPhonetic = !selfClosing;
      else if (name === 't' && inItem && !inPhonetic && !selfClosing) h.wantsText = true;
    },
    close(name) {
      if (name === 't') h.wantsText = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si' && inItem) {
        strings.push(text);
        inItem = false;
        if (strings.length > max) throw tooMany();
      } else if (name === 'sst') h.done = true;
    },
    text(t) {
      text += t;
    },
  };
  for await (const _ of parsePart(chunks, h, () => [])) {
    // everything is gathered in `strings`
  }
  return strings;
}
