import type { Ctx } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import { type CellValue, cellText } from '../../platform/spreadsheets/cells';
import { sheetProblem } from '../../platform/spreadsheets/problems';
import { SheetError, inspect, readBatches } from '../../platform/spreadsheets/threaded-reader';
import { type ResultInput, ResultStager, emptySummary, receiveStaged } from './results';

/**
 * A lab's result file (csv or xlsx), read with the registry import's sheet reader (sniffing, GBK csv, xlsx
 * read by its zip directory in a worker thread). Headers are found by name in the first rows; the rows are staged by COPY as they
 * are read and applied with their trace-back in one transaction (results.ts, receiveStaged).
 */
const HEADERS: Record<keyof Omit<ResultInput, 'row'>, string[]> = {
  barcode: ['管码', '试管编号', '试管条码', '条码', '样本编号', '采样管编号', '管号', 'barcode', 'tube', 'tube number'],
  result: ['结果', '检测结果', 'result'],
  testedAt: ['检测时间', '报告时间', '时间', 'tested at', 'testedat', 'time'],
  lab: ['检测机构', '实验室', '机构', 'lab', 'laboratory'],
};
const RESULT_WORDS: Record<string, ResultInput['result']> = {
  阴性: 'negative',
  negative: 'negative',
  neg: 'negative',
  '-': 'negative',
  阳性: 'positive',
  positive: 'positive',
  pos: 'positive',
  '+': 'positive',
  无效: 'invalid',
  invalid: 'invalid',
  复检: 'invalid',
};

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** One formatter per zone: building one costs more than reading a row (a lab file has 100,000). */
const offsetFormats = new Map<string, Intl.DateTimeFormat>();
/**
 * Offsets by zone and quarter hour: zones change offset only on a quarter hour, and a lab file's times fall in a
 * few hours, so formatToParts (~10 µs, a second of a 100,000-row file) runs a few times per file.
 */
const offsetCache = new Map<string, Map<number, number>>();
const QUARTER_MS = 900_000;

/** Minutes east of UTC of a zone at an instant ('Asia/Shanghai' → 480). */
function offsetMinutes(timeZone: string, at: number): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) offsetCache.set(timeZone, (zone = new Map()));
  const quarter = Math.floor(at / QUARTER_MS);
  let minutes = zone.get(quarter);
  if (minutes === undefined) {
    if (zone.size > 10_000) zone.clear();
    zone.set(quarter, (minutes = zoneOffset(timeZone, new Date(at))));
  }
  return minutes;
}

function zoneOffset(timeZone: string, at: Date): number {
  let fmt = offsetFormats.get(timeZone);
  if (!fmt) offsetFormats.set(timeZone, (fmt = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })));
  const name = fmt.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
}

/** A wall-clock time as most lab systems export it: 2026-12-01 10:05[:00], or with a T. */
const WALL_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ZONED = /[zZ]|[+-]\d{2}:?\d{2}$/;

/**
 * Whether the day exists: Date.UTC and Date.parse roll an impossible one over (2026-02-30 → March 2nd, month 13 →
 * next year), which would store a result under another day instead of refusing the row.
 */
function dayExists(y: number, mo: number, d: number): boolean {
  const back = new Date(Date.UTC(y, mo - 1, d));
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d;
}

/** The wall clock's fields as UTC milliseconds; NaN for a day or time that does not exist (2026-02-30, 25:00). */
function wallOf(m: RegExpExecArray): number {
  const [y, mo, d, h, mi, se] = [+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)];
  return dayExists(y, mo, d) && h < 24 && mi < 60 && se < 60 ? Date.UTC(y, mo - 1, d, h, mi, se) : Number.NaN;
}

/** A wall-clock time (Excel date, serial or text) in the deployment's zone → ISO instant; null if unreadable. */
export function instantOf(v: CellValue, timeZone: string): string | null {
  let wall: number;
  if (v instanceof Date) wall = v.getTime();
  else if (typeof v === 'number') wall = EXCEL_EPOCH_MS + v * 86_400_000;
  else {
    const text = cellText(v).trim();
    // The common form first, as it is: a lab file has 100,000 of them (the rewrites below cost about 1 µs each).
    let m = WALL_TIME.exec(text);
    if (!m) {
      const s = text.replace(/\//g, '-').replace(/年|月/g, '-').replace(/日/, ' ').trim();
      if (ZONED.test(s)) {
        const day = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(s);
        if (day && !dayExists(+day[1], +day[2], +day[3])) return null;
        if (!Number.isNaN(Date.parse(s))) return new Date(s).toISOString();
      }
      m = WALL_TIME.exec(s);
      if (!m) return null;
    }
    wall = wallOf(m);
  }
  if (!Number.isFinite(wall)) return null;
  return new Date(wall - offsetMinutes(timeZone, wall) * 60_000).toISOString();
}

/**
 * instantOf for one file, remembering the instants of the texts it has read: a lab reports a plate's wells, or a
 * run's, at one time, so a 100,000-row file holds few distinct times, and reading each again cost a tenth of the
 * file's import. Bounded: a file whose every time differs starts over every few thousand.
 */
function fileInstants(timeZone: string): (v: CellValue) => string | null {
  const known = new Map<string, string | null>();
  return (v) => {
    if (typeof v !== 'string') return instantOf(v, timeZone);
    let at = known.get(v);
    if (at === undefined) {
      if (known.size >= 4096) known.clear();
      known.set(v, (at = instantOf(v, timeZone)));
    }
    return at;
  };
}

const headerKey = (h: string) => h.trim().toLowerCase();

/** How the header search scores a top row: 1 for the row that names a barcode column. */
const namesBarcode = (cells: string[]) => (cells.some((c) => HEADERS.barcode.includes(headerKey(c))) ? 1 : 0);

function columnsOf(headers: string[]) {
  const norm = headers.map(headerKey);
  const cols = {} as Record<keyof typeof HEADERS, number>;
  for (const [key, names] of Object.entries(HEADERS) as [keyof typeof HEADERS, string[]][]) {
    const i = norm.findIndex((h) => names.includes(h));
    if (i < 0) throw badRequest('IMPORT_UNKNOWN_HEADER', { header: names[0] });
    cols[key] = i;
  }
  return cols;
}

export async function importLabFile(ctx: Ctx, file: string, timeZone = 'Asia/Shanghai') {
  const sum = emptySummary();
  try {
    // The header row: the first of the top rows that names a barcode column (title rows above it are common), on the
    // sheet that has one. Read by the reader's head job, whose worker then reads the rows: stopping a rows job after
    // its first batch instead ended that worker, and the rows waited for a new one to start (about 0.4 s).
    const head = await inspect(file, namesBarcode);
    const src = { path: file, format: head.format, encoding: head.encoding, sheet: head.sheet, headerRow: head.headerRow };
    const cols = columnsOf(head.headers);
    const stager = new ResultStager(sum);
    const instantIn = fileInstants(timeZone);
    // Read as the COPY asks for lines (streamed into it on PostgreSQL): the file is never held whole. A batch's lines
    // go as one string: an async generator's step per line was a tenth of a 100,000-row file's import.
    async function* lines(): AsyncGenerator<string | null> {
      for await (const batch of readBatches(src)) {
        let text = '';
        for (const r of batch) {
          const result = RESULT_WORDS[cellText(r.cells[cols.result]).toLowerCase()];
          const testedAt = instantIn(r.cells[cols.testedAt] ?? null);
          const barcode = cellText(r.cells[cols.barcode]);
          const lab = cellText(r.cells[cols.lab]).slice(0, 100);
          if (!result || !testedAt || !barcode || !lab) {
            sum.received++;
            if (sum.invalidRows.length < 1000)
              sum.invalidRows.push({ row: r.row, problem: !barcode ? 'barcode' : !result ? 'result' : !testedAt ? 'testedAt' : 'lab' });
            continue;
          }
          text += stager.line({ row: r.row, barcode, result, testedAt, lab }, r.row) ?? '';
        }
        yield text || null;
      }
    }
    await receiveStaged(ctx, lines(), sum);
    return sum;
  } catch (e) {
    if (e instanceof SheetError) throw sheetProblem(e, ctx.lang);
    throw e;
  }
}
