import { posix } from 'node:path';
import { type Readable, Transform, pipeline } from 'node:stream';
import yauzl from 'yauzl';
import { excelJs } from '../exceljs';
import type { SheetRow } from './cells';
import { sharedStrings, worksheetRows } from './sheet-xml';

/**
 * An .xlsx opened by its zip directory, its parts read in the order a reader needs them: the workbook's
 * relationships, the workbook (sheet names and tab order), the shared strings, then each sheet wanted — and
 * only those. ExcelJS's own streaming reader reads the zip front to back instead. Excel, WPS and ExcelJS
 * itself write the sheets before the shared strings, so it parked each sheet in a temporary file until the
 * end; and its zip parser announces the end of the archive while entries are still queued behind a parked
 * sheet, so under load (a slow disk write) the reader stopped before the workbook part and failed on a
 * valid file ("Cannot read properties of undefined (reading 'sheets')": seen as IMPORT_BROKEN in CI).
 * Reading by the directory (yauzl) needs no temporary file, never reads a sheet it skips, and checks each
 * part's unpacked size against the directory as it reads. ExcelJS parses the two small parts that name the
 * sheets (its workbook reader's part parsers, exceljs 4.4.0); the shared strings and the sheets, nearly all of a
 * file, are read by sheet-xml.ts.
 */

interface Relationship {
  Id: string;
  Type: string;
  Target: string;
}

/** The part parsers of ExcelJS's workbook reader, which take any stream of the part's bytes. */
interface PartParsers {
  workbookRels?: Relationship[];
  model?: { sheets?: Array<{ id: number; name: string; rId: string; state?: string }> };
  _parseRels(part: Readable): Promise<void>;
  _parseWorkbook(part: Readable): Promise<void>;
}

export interface XlsxSheet {
  name: string;
  /** The sheet's rows, in batches; the sheet's part is opened only now and closed when left. */
  parse(): AsyncGenerator<SheetRow[]>;
}

export interface XlsxBook {
  /** The worksheets in tab order (chart sheets and sheets with no part left out). */
  sheets(): AsyncGenerator<XlsxSheet>;
  /** True while no part is being read from the file: a reader waiting then is stuck, not waiting for the disk. */
  idle(): boolean;
  close(): void;
}

export interface XlsxOptions {
  /** How far through the file the reading is, in bytes of the file: the parts to be read, scaled to its size. */
  onBytes?: (bytes: number) => void;
  /** The one sheet that will be read (null: every sheet), so progress is counted against what will be read. */
  onlySheet?: string | null;
  /** The shared strings are kept in memory while the sheets are read: past this count the file is refused with `tooMany()`. */
  maxSharedStrings: number;
  tooMany: () => Error;
}

const WORKSHEET = /\/worksheet$/;

/** A relationship's target as a path in the zip, from the folder of the part that names it (absolute ones start at the root). */
function partPath(from: string, target: string): string {
  return target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(from, target));
}

export async function openXlsx(file: string, opts: XlsxOptions): Promise<XlsxBook> {
  const zip = await yauzl.openPromise(file, { autoClose: false, strictFileNames: false, validateEntrySizes: true });
  let active = 0;
  let packedRead = 0;
  let scale = 1;
  try {
    const entries = new Map<string, yauzl.Entry>();
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
    const book = new (excelJs().stream.xlsx.WorkbookReader)(undefined as never, {
      sharedStrings: 'cache',
      styles: 'ignore',
      hyperlinks: 'ignore',
      entries: 'ignore',
      worksheets: 'emit',
    }) as unknown as PartParsers;

    /** A part's unpacked bytes, counted for progress. */
    const open = async (name: string): Promise<Readable | null> => {
      const entry = entries.get(name);
      if (!entry) return null;
      const raw = await zip.openReadStreamPromise(entry);
      const packedPerByte = entry.compressedSize / Math.max(1, entry.uncompressedSize);
      const counted = new Transform({
        transform(chunk: Buffer, _enc, done) {
          packedRead += chunk.length * packedPerByte;
          opts.onBytes?.(Math.round(packedRead * scale));
          done(null, chunk);
        },
      });
      active++;
      // Either side failing or being closed ends both; the part then counts as no longer read.
      pipeline(raw, counted, () => active--);
      return counted;
    };
    const read = async (name: string, parse: (part: Readable) => Promise<unknown>) => {
      const part = await open(name);
      if (!part) return false;
      try {
        await parse(part);
      } finally {
        // A parser may stop at its closing tag before the part's end; what is left unread is let go.
        part.destroy();
      }
      return true;
    };

    // zip-check.ts has made sure the workbook is where every writer puts it.
    await read('xl/_rels/workbook.xml.rels', (p) => book._parseRels(p));
    if (!(await read('xl/workbook.xml', (p) => book._parseWorkbook(p)))) throw new Error('the workbook part is missing');
    const sheets: Array<{ id: number; name: string; state?: string; part: string }> = [];
    for (const sheet of book.model?.sheets ?? []) {
      const rel = book.workbookRels?.find((r) => r.Id === sheet.rId && WORKSHEET.test(r.Type));
      const part = rel && partPath('xl', rel.Target);
      if (part && entries.has(part)) sheets.push({ ...sheet, part });
    }
    const stringsRel = (book.workbookRels ?? []).find((r) => r.Type.endsWith('/sharedStrings'));
    const stringsPath = stringsRel ? partPath('xl', stringsRel.Target) : 'xl/sharedStrings.xml';
    // Parts not read (styles, themes, the sheets skipped) do not hold the progress short of its end.
    const toRead = [stringsPath, ...sheets.filter((s) => opts.onlySheet == null || s.name === opts.onlySheet).map((s) => s.part)];
    const planned = packedRead + toRead.reduce((sum, name) => sum + (entries.get(name)?.compressedSize ?? 0), 0);
    if (planned > 0) scale = zip.fileSize / planned;

    let strings: string[] = [];
    const stringsPart = await open(stringsPath);
    if (stringsPart) {
      try {
        strings = await sharedStrings(stringsPart, opts.maxSharedStrings, opts.tooMany);
      } finally {
        stringsPart.destroy();
      }
    }

    async function* parseSheet(part: string) {
      const stream = await open(part);
      if (!stream) return;
      try {
        yield* worksheetRows(stream, strings);
      } finally {
        stream.destroy();
      }
    }

    return {
      async *sheets() {
        for (const sheet of sheets) yield { name: sheet.name, parse: () => parseSheet(sheet.part) };
      },
      idle: () => active === 0,
      close: () => zip.close(),
    };
  } catch (e) {
    zip.close();
    throw e;
  }
}
