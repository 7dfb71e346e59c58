import { nextIdSql } from '../../db/next-id';
import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams, likeEscape } from '../../platform/sql';
import type { Area } from '../../../domain/areas/api';
import type { AreaKind } from '../../../domain/areas/kinds';

/** The area tree's SQL. Every read takes the caller's scope; the one unscoped lookup says so in its name. */
export interface AreaRow {
  id: number;
  parent_id: number | null;
  name: string;
  kind: AreaKind;
  division_code: string | null;
  path: string;
  level: number;
  archived: boolean;
  child_count?: number;
}

/** The answer shape is the contract's (domain/areas/api.ts). */
export type { Area };

export function toArea(r: AreaRow): Area {
  return {
    id: r.id,
    parentId: r.parent_id,
    name: r.name,
    kind: r.kind,
    divisionCode: r.division_code,
    path: r.path,
    level: r.level,
    archived: r.archived,
    childCount: r.child_count ?? 0,
  };
}

const COLUMNS = `a.id, a.parent_id, a.name, a.kind, a.division_code, a.path, a.level, a.archived,
  (SELECT count(*)::int FROM areas c WHERE c.parent_id = a.id AND NOT c.archived) AS child_count`;

export async function findInScope(db: Queryable, scope: Scope, id: number): Promise<AreaRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<AreaRow>(`SELECT ${COLUMNS} FROM areas a WHERE a.id = ${q.add(id)} AND ${scopeClause(scope, 'a.path', q)}`, q.values);
  return row ?? null;
}

export interface AreaSearch {
  q?: string;
  underPath: string;
  kind?: AreaKind;
  includeArchived?: boolean;
  page: number;
  pageSize: number;
}

/** Subtree search by name, full pinyin or pinyin initials. `underPath` must already lie within the scope. */
export async function search(db: Queryable, scope: Scope, s: AreaSearch) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'a.path', q), `a.path LIKE ${q.add(s.underPath + '%')}`];
  if (!s.includeArchived) where.push('NOT a.archived');
  if (s.kind) where.push(`a.kind = ${q.add(s.kind)}`);
  if (s.q) {
    const text = likeEscape(s.q.trim());
    const latin = text.toLowerCase().replace(/\s+/g, '');
    const or = [`a.name ILIKE ${q.add(`%${text}%`)}`];
    if (/^[a-z0-9]+$/.test(latin)) {
      or.push(`a.pinyin_initials LIKE ${q.add(`${latin}%`)}`, `a.pinyin LIKE ${q.add(`${latin}%`)}`);
    }
    if (/^\d{2,12}$/.test(text)) or.push(`a.division_code LIKE ${q.add(`${text}%`)}`);
    where.push(`(${or.join(' OR ')})`);
  }
  const whereSql = where.join(' AND ');
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM areas a WHERE ${whereSql}`, q.values);
  const limit = q.add(s.pageSize);
  const offset = q.add((s.page - 1) * s.pageSize);
  const rows = await db.query<AreaRow>(`SELECT ${COLUMNS} FROM areas a WHERE ${whereSql} ORDER BY a.level, a.path LIMIT ${limit} OFFSET ${offset}`, q.values);
  return { rows, total };
}

/** Deployment-wide: a division code belongs to one live area. Callers mask what lies outside the scope. */
export async function findByDivisionCodeUnscoped(db: Queryable, code: string): Promise<AreaRow | null> {
  const [row] = await db.query<AreaRow>(
    `SELECT a.id, a.parent_id, a.name, a.kind, a.division_code, a.path, a.level, a.archived
       FROM areas a WHERE a.division_code = $1 AND NOT a.archived LIMIT 1`,
    [code],
  );
  return row ?? null;
}

export async function siblingNamed(db: Queryable, parentId: number, name: string, exceptId = 0) {
  const [row] = await db.query<{ id: number }>('SELECT id FROM areas WHERE parent_id = $1 AND name = $2 AND NOT archived AND id <> $3', [
    parentId,
    name,
    exceptId,
  ]);
  return row ?? null;
}

export interface NewArea {
  parent: { id: number; path: string; level: number };
  name: string;
  kind: AreaKind;
  divisionCode: string | null;
  pinyin: string;
  pinyinInitials: string;
}

/** Inserts areas in one statement each chunk; ids are taken first so the path can include them. */
export async function insertMany(tx: Queryable, items: NewArea[]): Promise<AreaRow[]> {
  if (!items.length) return [];
  const ids = (await tx.query<{ id: number }>(`SELECT ${nextIdSql('areas')}::int AS id FROM generate_series(1, $1)`, [items.length])).map((r) => r.id);
  const rows = items.map((it, i) => ({
    id: ids[i],
    parent_id: it.parent.id,
    name: it.name,
    kind: it.kind,
    division_code: it.divisionCode,
    path: `${it.parent.path}${ids[i]}/`,
    level: it.parent.level + 1,
    pinyin: it.pinyin,
    pinyin_initials: it.pinyinInitials,
  }));
  return tx.query<AreaRow>(
    `INSERT INTO areas (id, parent_id, name, kind, division_code, path, level, pinyin, pinyin_initials)
     SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::text[])
     RETURNING id, parent_id, name, kind, division_code, path, level, archived, 0 AS child_count`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.parent_id),
      rows.map((r) => r.name),
      rows.map((r) => r.kind),
      rows.map((r) => r.division_code),
      rows.map((r) => r.path),
      rows.map((r) => r.level),
      rows.map((r) => r.pinyin),
      rows.map((r) => r.pinyin_initials),
    ],
  );
}

/** Inserts the root of a new tree (first start, seed). Unscoped by nature. */
export async function insertRootUnscoped(
  tx: Queryable,
  a: { name: string; kind: AreaKind; divisionCode: string | null; pinyin: string; pinyinInitials: string },
): Promise<AreaRow> {
  const [{ id }] = await tx.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('areas', 'id'))::int AS id`);
  const [row] = await tx.query<AreaRow>(
    `INSERT INTO areas (id, parent_id, name, kind, division_code, path, level, pinyin, pinyin_initials)
     VALUES ($1, NULL, $2, $3, $4, $5, 1, $6, $7)
     RETURNING id, parent_id, name, kind, division_code, path, level, archived, 0 AS child_count`,
    [id, a.name, a.kind, a.divisionCode, `/${id}/`, a.pinyin, a.pinyinInitials],
  );
  return row;
}

export async function updateFields(
  tx: Queryable,
  id: number,
  f: { name: string; kind: AreaKind; divisionCode: string | null; pinyin: string; pinyinInitials: string },
) {
  await tx.query(
    `UPDATE areas SET name = $2, kind = $3, division_code = $4, pinyin = $5, pinyin_initials = $6, updated_at = now()
      WHERE id = $1`,
    [id, f.name, f.kind, f.divisionCode, f.pinyin, f.pinyinInitials],
  );
}

export async function childKinds(db: Queryable, id: number): Promise<AreaKind[]> {
  const rows = await db.query<{ kind: AreaKind }>('SELECT DISTINCT kind FROM areas WHERE parent_id = $1 AND NOT archived', [id]);
  return rows.map((r) => r.kind);
}

/**
 * Tables whose rows carry an area path; found from the catalogue so new modules are included by construction. A
 * table split by month is updated through its parent (its months are left out), and the audit trail with its
 * months not at all.
 */
export async function pathCarryingTables(tx: Queryable): Promise<string[]> {
  const rows = await tx.query<{ table_name: string }>(
    `SELECT c.relname AS table_name FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE a.attname = 'area_path' AND NOT a.attisdropped AND c.relnamespace = current_schema()::regnamespace
        AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'audit_log'`,
  );
  return rows.map((r) => r.table_name);
}

/**
 * Moves a subtree: rewrites the prefix `oldPath` to `newPath` on the areas and on every row of every
 * table that carries an area path. The audit trail is history and keeps the paths it recorded.
 */
export async function repathSubtree(tx: Queryable, id: number, newParentId: number, oldPath: string, newPath: string, levelDelta: number) {
  const moved = await tx.execute(
    `UPDATE areas SET path = $2 || substr(path, length($1) + 1), level = level + $3, updated_at = now()
      WHERE path LIKE $1 || '%'`,
    [oldPath, newPath, levelDelta],
  );
  await tx.query('UPDATE areas SET parent_id = $2 WHERE id = $1', [id, newParentId]);
  const carried: Record<string, number> = {};
  for (const table of await pathCarryingTables(tx)) {
    carried[table] = await tx.execute(`UPDATE "${table}" SET area_path = $2 || substr(area_path, length($1) + 1) WHERE area_path LIKE $1 || '%'`, [
      oldPath,
      newPath,
    ]);
  }
  return { areas: moved, carried };
}

export async function archiveSubtree(tx: Queryable, path: string): Promise<number> {
  return tx.execute(`UPDATE areas SET archived = true, updated_at = now() WHERE path LIKE $1 || '%' AND NOT archived`, [path]);
}

/** Loader for the tree cache: one area by id, whoever asks. Callers apply the scope (see tree.ts). */
export async function findByIdUnscoped(db: Queryable, id: number): Promise<AreaRow | null> {
  const [row] = await db.query<AreaRow>(`SELECT ${COLUMNS} FROM areas a WHERE a.id = $1`, [id]);
  return row ?? null;
}

/** Loader for the tree cache: all children of an area, archived ones included. */
export async function listChildrenUnscoped(db: Queryable, parentId: number): Promise<AreaRow[]> {
  return db.query<AreaRow>(`SELECT ${COLUMNS} FROM areas a WHERE a.parent_id = $1 ORDER BY a.division_code NULLS LAST, a.name`, [parentId]);
}
