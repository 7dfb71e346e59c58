import type { Db } from '../../../db/engine';
import type { CellValue } from '../../../platform/spreadsheets/cells';
import { pinyinKeys } from '../../../platform/pinyin';
import { readBatches } from '../../../platform/spreadsheets/threaded-reader';
import type * as imports from '../imports-repo';
import type { ParsedBatch } from './parsed-cache';
import { type ParsedRow, checkRow, type columnMap } from './row-rules';

/**
 * How an import job reads its file: the reader's rows gathered into batches, each parsed, the next batch read
 * while the database writes this one; and how a commit paces itself on PGlite.
 */
function sourceOf(job: imports.ImportRow, path: string) {
  return { path, format: job.format, encoding: job.encoding, sheet: job.sheet, headerRow: job.header_row };
}

/** The reader's batches (a few hundred rows) gathered to about BATCH_ROWS: fewer, larger statements (4,000 measured ~20 % faster than 1,000 on PostgreSQL). */
const BATCH_ROWS = 4000;
async function* batchesOf<T>(source: AsyncIterable<T[]>, size = BATCH_ROWS): AsyncGenerator<T[]> {
  let acc: T[] = [];
  for await (const b of source) {
    acc = acc.length ? acc.concat(b) : b;
    // Cut to `size` as well: a reader's batch can be larger than a PGlite commit batch should be.
    while (acc.length >= size) {
      yield acc.length === size ? acc : acc.slice(0, size);
      acc = acc.length === size ? [] : acc.slice(size);
    }
  }
  if (acc.length) yield acc;
}

/**
 * Starts reading and parsing the next batch while the database works on this one: on PostgreSQL the
 * two run on different cores. A read error surfaces when that batch is awaited.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  next.catch(() => {});
  try {
    for (;;) {
      const r = await next;
      if (r.done) return;
      next = it.next();
      next.catch(() => {});
      yield r.value;
    }
  } finally {
    await it.return?.();
  }
}

/**
 * The sheet's rows, in batches of about `batchRows`, each parsed; problems of a row stay with its batch. With
 * `l`, progress follows the bytes read (validation); a commit counts committed rows itself. Callers read it
 * through readAhead.
 */
export async function* parsedBatches(
  job: imports.ImportRow,
  req: { path: string; today: string },
  columns: ReturnType<typeof columnMap>,
  l: { permille: number } | null,
  batchRows = BATCH_ROWS,
): AsyncGenerator<ParsedBatch> {
  const onBytes = l ? (b: number) => (l.permille = Math.floor((b / job.size_bytes) * 1000)) : undefined;
  const source = batchesOf(readBatches(sourceOf(job, req.path), onBytes), batchRows);
  for await (const batch of source) {
    const errors: imports.ImportError[] = [];
    const parsed = parseBatch(batch, columns, req.today, errors);
    const rowNos = batch.map((r) => r.row);
    yield { rows: batch.length, rowNos, lastRow: rowNos[rowNos.length - 1], parsed, errors };
  }
}

/**
 * A commit's batches with each name's pinyin keys worked out (ParsedRow.nameKeys). Under readAhead this runs while
 * the database writes the batch before, instead of between the statements of this one (bench:import: ~0.3 s of a
 * 100,000-row commit, most of it while the COPY waited for its lines).
 */
export async function* withNameKeys(source: AsyncIterable<ParsedBatch>): AsyncGenerator<ParsedBatch> {
  for await (const b of source) {
    for (const p of b.parsed) p.nameKeys = pinyinKeys(p.name);
    yield b;
  }
}

/**
 * Rows per commit batch. PGlite runs the database on this process's only JavaScript thread: while a batch is
 * written nothing else is answered, so its batches are small enough for a health check or a page to get in between
 * them. Measured by `npm run bench:import-health` (50,000 rows, a machine loaded ~6 runnable threads per core):
 * 100 rows per batch kept /api/health at a median of 45 ms and at most 0.63 s; 250 rows, 0.2 s and 2.4 s; the
 * reader's own batches (~500 rows, not cut before batchesOf did), 0.3–0.4 s and up to 2.3 s.
 */
export function commitBatchRows(db: Db) {
  return db.engine === 'pglite' ? 100 : BATCH_ROWS;
}

/** Lets waiting requests run between two batches (on PGlite they would otherwise queue behind the whole commit). */
export async function breathe(db: Db) {
  if (db.engine === 'pglite') await new Promise((r) => setImmediate(r));
}

/** The parsed rows of a batch, their problems recorded in `errors`. */
function parseBatch(batch: Array<{ row: number; cells: CellValue[] }>, columns: ReturnType<typeof columnMap>, today: string, errors: imports.ImportError[]) {
  const parsed: ParsedRow[] = [];
  for (const { row, cells } of batch) {
    const r = checkRow(row, cells, columns, today);
    if ('ok' in r) parsed.push(r.ok);
    else for (const p of r.problems) errors.push({ row, column: p.column, zh: p.zh, en: p.en });
  }
  return parsed;
}
