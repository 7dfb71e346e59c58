import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';

/** Rows of resident_imports (an uploaded file, its mapping, progress and outcome) and of its errors. */
export type ImportStatus = 'uploaded' | 'validating' | 'validated' | 'committing' | 'done' | 'failed';

export interface ImportRow {
  id: number;
  area_id: number;
  area_path: string;
  created_by: number;
  file_name: string;
  stored_name: string;
  size_bytes: number;
  format: 'xlsx' | 'csv';
  encoding: 'utf8' | 'gbk' | 'utf16le' | null;
  sheet: string | null;
  header_row: number;
  sheet_names: string[];
  headers: string[];
  mapping: Record<string, string | null> | null;
  status: ImportStatus;
  mode: 'all-or-nothing' | 'valid-only' | null;
  total_rows: number | null;
  processed_rows: number;
  read_permille: number;
  ok_rows: number;
  error_rows: number;
  created_count: number;
  updated_count: number;
  unchanged_count: number;
  failure: string | null;
  /** Valid-rows commit: the last sheet row of the last committed batch (0 = none yet); see migration 0020. */
  committed_row: number;
  /** Who started the running validation or commit (migration 0020). */
  started_by: number | null;
  created_at: Date;
}

export interface ImportError {
  row: number;
  column: string;
  zh: string;
  en: string;
}

export async function find(db: Queryable, scope: Scope, id: number): Promise<ImportRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<ImportRow>(`SELECT * FROM resident_imports WHERE id = ${q.add(id)} AND ${scopeClause(scope, 'area_path', q)}`, q.values);
  return row ?? null;
}

export async function listRecent(db: Queryable, scope: Scope, limit: number): Promise<ImportRow[]> {
  const q = new SqlParams();
  return db.query<ImportRow>(`SELECT * FROM resident_imports WHERE ${scopeClause(scope, 'area_path', q)} ORDER BY id DESC LIMIT ${q.add(limit)}`, q.values);
}

export async function insert(
  tx: Queryable,
  r: Pick<
    ImportRow,
    | 'area_id'
    | 'area_path'
    | 'created_by'
    | 'file_name'
    | 'stored_name'
    | 'size_bytes'
    | 'format'
    | 'encoding'
    | 'sheet'
    | 'header_row'
    | 'sheet_names'
    | 'headers'
  >,
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO resident_imports (area_id, area_path, created_by, file_name, stored_name, size_bytes, format, encoding, sheet, header_row, sheet_names, headers)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      r.area_id,
      r.area_path,
      r.created_by,
      r.file_name,
      r.stored_name,
      r.size_bytes,
      r.format,
      r.encoding,
      r.sheet,
      r.header_row,
      JSON.stringify(r.sheet_names),
      JSON.stringify(r.headers),
    ],
  );
  return row.id;
}

type Settable = Partial<Omit<ImportRow, 'id' | 'created_at'>>;

function setClause(p: Settable, first: number) {
  const cols = Object.keys(p) as Array<keyof Settable>;
  return {
    sql: cols.map((c, i) => `${c} = $${i + first}`).join(', '),
    values: cols.map((c) => (typeof p[c] === 'object' && p[c] !== null ? JSON.stringify(p[c]) : p[c])),
  };
}

/**
 * Moves an import to `to` only from one of `from`, in one statement: two clicks on "commit" start one
 * job, and a job never runs on a file whose state moved on.
 */
export async function transition(db: Queryable, id: number, from: ImportStatus[], to: ImportStatus, extra: Settable = {}): Promise<boolean> {
  const set = setClause(extra, 4);
  const n = await db.execute(
    `UPDATE resident_imports SET status = $2, updated_at = now()${set.sql ? ', ' + set.sql : ''} WHERE id = $1 AND status = ANY($3::text[])`,
    [id, to, from, ...set.values],
  );
  return n === 1;
}

/** Whether `userId` has another import being validated or committed (who started it is kept in started_by). */
export async function runningOf(db: Queryable, userId: number, exceptId: number): Promise<boolean> {
  const rows = await db.query(`SELECT 1 FROM resident_imports WHERE started_by = $1 AND id <> $2 AND status IN ('validating', 'committing') LIMIT 1`, [
    userId,
    exceptId,
  ]);
  return rows.length > 0;
}

export async function update(db: Queryable, id: number, p: Settable) {
  const set = setClause(p, 2);
  if (!set.sql) return;
  await db.query(`UPDATE resident_imports SET ${set.sql}, updated_at = now() WHERE id = $1`, [id, ...set.values]);
}

export async function clearErrors(db: Queryable, id: number) {
  await db.query('DELETE FROM resident_import_errors WHERE import_id = $1', [id]);
}

export async function addErrors(db: Queryable, id: number, errors: ImportError[]) {
  if (!errors.length) return;
  await db.query(
    `INSERT INTO resident_import_errors (import_id, row_no, column_name, reason_zh, reason_en)
     SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[])`,
    [id, errors.map((e) => e.row), errors.map((e) => e.column), errors.map((e) => e.zh), errors.map((e) => e.en)],
  );
}

export async function errors(db: Queryable, id: number, limit: number): Promise<ImportError[]> {
  return db.query<ImportError>(
    `SELECT row_no AS row, column_name AS "column", reason_zh AS zh, reason_en AS en
       FROM resident_import_errors WHERE import_id = $1 ORDER BY row_no, column_name LIMIT $2`,
    [id, limit],
  );
}
