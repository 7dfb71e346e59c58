import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { PassThrough, type Readable } from 'node:stream';
import iconv from 'iconv-lite';
import type { CellValue, SheetRow } from './cells';
export type { SheetRow } from './cells';
import { csvRecords } from './csv-records';
import { type HeaderScore, type SheetHead, chooseHeader, chooseSheetHeader, isEmptyRow, noHeaderScore } from './header-row';
export { type HeaderScore, type SheetHead, chooseHeader, chooseSheetHeader, headerNames } from './header-row';
import { type XlsxBook, openXlsx } from './xlsx-parts';
import { checkXlsxZip } from './zip-check';

/**
 * Reads resident spreadsheets row by row without holding the file: .xlsx by its zip directory
 * (xlsx-parts.ts; its sheets' XML read by sheet-xml.ts), .csv by csv-records.ts (csv-parse, or split by hand when it has no quotes), GBK (what Excel in China saves) decoded by iconv-lite. Every way a
 * file can be unusable ends in a SheetError with a reason the person uploading can act on.
 */
export type SheetProblem = 'empty' | 'not_spreadsheet' | 'encrypted' | 'old_xls' | 'broken' | 'no_sheet' | 'no_data' | 'too_big';
export class SheetError extends Error {
  constructor(
    readonly problem: SheetProblem,
    readonly detail: Record<string, string | number> = {},
    cause?: unknown,
  ) {
    // The cause (the reader's own error) is kept so a file refused as broken can be traced in the log.
    super(`spreadsheet: ${problem}`, cause === undefined ? undefined : { cause });
  }
}

export type SheetFormat = 'xlsx' | 'csv';
export type TextEncoding = 'utf8' | 'gbk' | 'utf16le';

export interface SheetSource {
  path: string;
  format: SheetFormat;
  encoding: TextEncoding | null;
  sheet: string | null;
  /** 1-based row of the headers; data starts below it. */
  headerRow: number;
}

export interface SheetInfo extends SheetSource {
  sheetNames: string[];
  headers: string[];
}

const PEEK = 64 * 1024;
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** How far down a sheet the header row is looked for (title rows above it are common). */
const HEADER_SEARCH_ROWS = 20;
/** After the last byte is read, a reader that yields nothing for this long is stuck on a broken file. */
const STALL_MS = 10_000;
const STALL_TICK_MS = 1_000;
/** A CSV record longer than this is not a roster row (a binary file, an unclosed quote). */
const MAX_RECORD_CHARS = 64 * 1024;
/** Distinct texts of a workbook (a 100,000-row roster has a few hundred thousand); past this it is built to fill memory. */
export const MAX_SHARED_STRINGS = 2_000_000;

async function peek(path: string, bytes: number): Promise<{ head: Buffer; size: number }> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(Math.min(bytes, size));
    await fh.read(head, 0, head.length, 0);
    return { head, size };
  } finally {
    await fh.close();
  }
}

/** Valid UTF-8 apart from a character cut at the end of the sample. */
function isUtf8(buf: Buffer): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let cut = 0; cut < 4 && cut < buf.length; cut++) {
    try {
      decoder.decode(buf.subarray(0, buf.length - cut));
      return true;
    } catch {
      // try again without a possibly cut last character
    }
  }
  return false;
}

/** What kind of file this is, from its bytes rather than its name. */
export async function sniff(path: string): Promise<{ format: SheetFormat; encoding: TextEncoding | null }> {
  const { head, size } = await peek(path, PEEK);
  if (size === 0) throw new SheetError('empty');
  if (head.subarray(0, 8).equals(OLE_MAGIC)) {
    // Both an encrypted .xlsx and a pre-2007 .xls are OLE compound files; the encrypted one names
    // its EncryptionInfo stream in the directory.
    const { head: more } = await peek(path, 1024 * 1024);
    throw new SheetError(more.includes(Buffer.from('EncryptionInfo', 'utf16le')) ? 'encrypted' : 'old_xls');
  }
  if (head[0] === 0x50 && head[1] === 0x4b) {
    const verdict = await checkXlsxZip(path);
    if (verdict === 'broken') throw new SheetError('broken');
    if (verdict === 'not_xlsx') throw new SheetError('not_spreadsheet');
    if (verdict === 'too_big') throw new SheetError('too_big');
    return { format: 'xlsx', encoding: null };
  }
  if (head[0] === 0xff && head[1] === 0xfe) return { format: 'csv', encoding: 'utf16le' };
  if (head.includes(0)) throw new SheetError('not_spreadsheet');
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { format: 'csv', encoding: 'utf8' };
  return { format: 'csv', encoding: isUtf8(head) ? 'utf8' : 'gbk' };
}

// ——— streams ———

function countingStream(path: string, onBytes?: (bytes: number) => void): Readable {
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  let bytes = 0;
  const counter = new PassThrough({ highWaterMark: 256 * 1024 });
  file.on('data', (chunk: Buffer | string) => {
    bytes += chunk.length;
    onBytes?.(bytes);
  });
  file.on('error', (e) => counter.destroy(e));
  file.pipe(counter);
  return counter;
}

/**
 * Iterates `it`, failing with 'broken' when, asked for the next item, the reader gives nothing for STALL_MS
 * while it reads nothing from the file (`idle`): a parser that waits forever on a damaged part must not hold
 * an import (or its worker) for ever. While a part is being read, a slow disk is no stall.
 * Each wait gets its own timer and its own losing promise; racing every step against one long-lived
 * promise would pile a reaction per step onto it and keep every row in memory.
 */
export async function* stallGuard<T>(it: AsyncIterator<T>, idle: () => boolean, stallMs = STALL_MS): AsyncGenerator<T> {
  try {
    for (;;) {
      // The wait is timed from when we ask, not from the last item: the consumer may spend longer than STALL_MS
      // on a batch (a busy database), and the reader then sits idle with its next item ready — that is no stall. Only
      // checks that came on time count: one that came late says this thread was kept from running (a busy
      // machine), and the reader with it; a reader stuck on a damaged file leaves the thread idle.
      let quietMs = 0;
      let timer: NodeJS.Timeout | undefined;
      const stalled = new Promise<never>((_, reject) => {
        let due = Date.now() + STALL_TICK_MS;
        const check = () => {
          const now = Date.now();
          if (now - due < STALL_TICK_MS / 2) quietMs += STALL_TICK_MS;
          if (idle() && quietMs > stallMs) {
            reject(new SheetError('broken', {}, new Error(`the reader gave nothing for ${quietMs} ms while reading nothing from the file`)));
          } else {
            due = now + STALL_TICK_MS;
            timer = setTimeout(check, STALL_TICK_MS).unref();
          }
        };
        timer = setTimeout(check, STALL_TICK_MS).unref();
      });
      let r: IteratorResult<T>;
      try {
        r = await Promise.race([it.next(), stalled]);
      } finally {
        clearTimeout(timer);
      }
      if (r.done) return;
      yield r.value;
    }
  } finally {
    await it.return?.();
  }
}

interface RawBatch {
  sheet: string;
  rows: SheetRow[];
}
type SourceItem = RawBatch | { sheetStart: string };

/**
 * Every row of every sheet (or of `onlySheet`), a batch per chunk of the sheet's XML: a promise per
 * batch rather than per row keeps a 100,000-row sheet fast. Other sheets are skipped unread.
 */
async function* xlsxBatches(path: string, onlySheet: string | null, onBytes?: (b: number) => void, limitPerSheet = Infinity): AsyncGenerator<SourceItem> {
  let book: XlsxBook | undefined;
  try {
    book = await openXlsx(path, { onBytes, onlySheet, maxSharedStrings: MAX_SHARED_STRINGS, tooMany: () => new SheetError('too_big') });
    const idle = book.idle;
    for await (const sheet of stallGuard(book.sheets(), idle)) {
      yield { sheetStart: sheet.name };
      // Other sheets are never opened.
      if (onlySheet !== null && sheet.name !== onlySheet) continue;
      let taken = 0;
      for await (const rows of stallGuard(sheet.parse(), idle)) {
        taken += rows.length;
        if (rows.length) yield { sheet: sheet.name, rows };
        if (taken >= limitPerSheet) break;
      }
      if (onlySheet !== null) return;
    }
  } catch (e) {
    if (e instanceof SheetError) throw e;
    throw new SheetError('broken', {}, e);
  } finally {
    book?.close();
  }
}

function csvDelimiter(sample: string): string {
  const firstLine = sample.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', '\t', ';'].map((d) => [d, firstLine.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0][0];
}

async function* csvBatches(path: string, encoding: TextEncoding, onBytes?: (b: number) => void): AsyncGenerator<RawBatch> {
  const { head } = await peek(path, 8192);
  const sample = encoding === 'utf8' ? head.toString('utf8') : iconv.decode(head, encoding === 'gbk' ? 'gb18030' : 'utf16le');
  const stream = countingStream(path, onBytes);
  const decoded = encoding === 'utf8' ? stream : stream.pipe(iconv.decodeStream(encoding === 'gbk' ? 'gb18030' : 'utf16le'));
  const records = csvRecords(decoded, { delimiter: csvDelimiter(sample.replace(/^\uFEFF/, '')), maxRecordChars: MAX_RECORD_CHARS });
  try {
    for await (const batch of records) yield { sheet: '', rows: batch.map((r) => ({ row: r.line, cells: r.record.map((c) => c.trim() || null) })) };
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new SheetError('broken', line ? { line } : {}, e);
  } finally {
    stream.destroy();
  }
}

async function* flatten(source: AsyncGenerator<SourceItem>): AsyncGenerator<{ sheet: string; row: number; cells: CellValue[] } | { sheetStart: string }> {
  for await (const item of source) {
    if ('sheetStart' in item) yield item;
    else for (const r of item.rows) yield { sheet: item.sheet, ...r };
  }
}

/** Reads a file's sheet names and the top rows of each: all the reading the mapping step needs (a worker runs it). */
export async function readHead(path: string): Promise<SheetHead> {
  const { format, encoding } = await sniff(path);
  const sheetNames: string[] = [];
  const rows: SheetHead['rows'] = [];
  let seen = 0;
  let current = '';
  const source = flatten(format === 'xlsx' ? xlsxBatches(path, null, undefined, HEADER_SEARCH_ROWS) : csvBatches(path, encoding!));
  for await (const item of source) {
    if ('sheetStart' in item) {
      sheetNames.push(item.sheetStart);
      current = item.sheetStart;
      seen = 0;
      continue;
    }
    if (item.sheet !== current && format === 'xlsx') continue;
    if (++seen > HEADER_SEARCH_ROWS) {
      if (format === 'csv') break;
      continue;
    }
    rows.push(item);
  }
  return { format, encoding, sheetNames, rows };
}

export async function inspect(path: string, headerScore: HeaderScore = noHeaderScore): Promise<SheetInfo> {
  return chooseHeader(path, await readHead(path), headerScore);
}

/** The top rows of one sheet of an .xlsx, and whether the sheet is there (a worker runs it). */
export async function readSheetHead(path: string, sheet: string): Promise<{ found: boolean; rows: SheetRow[] }> {
  const rows: SheetRow[] = [];
  let found = false;
  for await (const item of flatten(xlsxBatches(path, sheet, undefined, HEADER_SEARCH_ROWS))) {
    if ('sheetStart' in item) {
      if (item.sheetStart === sheet) found = true;
      continue;
    }
    if (rows.length >= HEADER_SEARCH_ROWS) break;
    rows.push({ row: item.row, cells: item.cells });
  }
  return { found, rows };
}

export async function inspectSheet(
  path: string,
  format: SheetFormat,
  sheet: string,
  headerScore: HeaderScore = noHeaderScore,
): Promise<{ headerRow: number; headers: string[] }> {
  return chooseSheetHeader(format, sheet, await readSheetHead(path, sheet), headerScore);
}

/** The data rows below the header row, in batches, empty rows skipped. `onBytes` reports how much of the file is read. */
export async function* readBatches(src: SheetSource, onBytes?: (bytes: number) => void): AsyncGenerator<SheetRow[]> {
  const source = src.format === 'xlsx' ? xlsxBatches(src.path, src.sheet, onBytes) : csvBatches(src.path, src.encoding ?? 'utf8', onBytes);
  for await (const item of source) {
    if ('sheetStart' in item) continue;
    const rows = item.rows.filter((r) => r.row > src.headerRow && !isEmptyRow(r.cells));
    if (rows.length) yield rows;
  }
}
