import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import type { Shift } from '../../../domain/checkpoints/shifts';
import type { Staffing } from '../../../domain/checkpoints/schemas';

/** SQL of posts (checkpoint_posts). Dates and times are read as text: both engines then answer the same. */
export interface PostRow {
  id: number;
  name: string;
  kind: string;
  area_id: number;
  area_path: string;
  area_name: string;
  place: string | null;
  directions: string[];
  lanes: number;
  opens_at: string | null;
  closes_at: string | null;
  staffing: Staffing;
  shift_kind: string;
  shifts: Shift[];
  handover_minutes: number;
  branch_id: number | null;
  qr_token: string;
  opens_on: string;
  closes_on: string | null;
}

export const POST_COLUMNS = `p.id, p.name, p.kind, p.area_id, p.area_path, a.name AS area_name, p.place, p.directions, p.lanes,
  to_char(p.opens_at, 'HH24:MI') AS opens_at, to_char(p.closes_at, 'HH24:MI') AS closes_at, p.staffing, p.shift_kind, p.shifts,
  p.handover_minutes, p.branch_id, p.qr_token, p.opens_on::text AS opens_on, p.closes_on::text AS closes_on`;
const FROM = `checkpoint_posts p JOIN ${areasAs('a')} ON a.id = p.area_id`;

export async function findPost(db: Queryable, scope: Scope, id: number): Promise<PostRow | null> {
  const q = new SqlParams();
  // Prepared once per connection (named): every crossing at the roadside peak starts with it.
  const [row] = await db.query<PostRow>(
    `SELECT ${POST_COLUMNS} FROM ${FROM} WHERE p.id = ${q.add(id)} AND ${scopeClause(scope, 'p.area_path', q)}`,
    q.values,
    'checkpoints.post',
  );
  return row ?? null;
}

export async function findPostByToken(db: Queryable, scope: Scope, token: string): Promise<PostRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<PostRow>(
    `SELECT ${POST_COLUMNS} FROM ${FROM} WHERE p.qr_token = ${q.add(token)} AND ${scopeClause(scope, 'p.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

export async function listPosts(db: Queryable, scope: Scope, p: { underPath?: string; openOn?: string; postId?: number; limit: number; offset: number }) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'p.area_path', q)];
  if (p.underPath) where.push(`p.area_path LIKE ${q.add(p.underPath + '%')}`);
  if (p.postId) where.push(`p.id = ${q.add(p.postId)}`);
  if (p.openOn) where.push(`p.opens_on <= ${q.add(p.openOn)}::date AND (p.closes_on IS NULL OR p.closes_on >= ${q.add(p.openOn)}::date)`);
  const rows = await db.query<PostRow & { total: number }>(
    `SELECT ${POST_COLUMNS}, count(*) OVER ()::int AS total FROM ${FROM} WHERE ${where.join(' AND ')}
      ORDER BY p.area_path, p.name, p.id LIMIT ${q.add(p.limit)} OFFSET ${q.add(p.offset)}`,
    q.values,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

export interface PostFields {
  name: string;
  kind: string;
  areaId: number;
  areaPath: string;
  place: string | null;
  directions: string[];
  lanes: number;
  opensAt: string | null;
  closesAt: string | null;
  staffing: Staffing;
  shiftKind: string;
  shifts: Shift[];
  handoverMinutes: number;
  branchId: number | null;
  opensOn: string;
  closesOn: string | null;
}

export async function insertPost(tx: Queryable, f: PostFields, token: string, by: number): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO checkpoint_posts (name, kind, area_id, area_path, place, directions, lanes, opens_at, closes_at, staffing, shift_kind, shifts,
       handover_minutes, branch_id, qr_token, opens_on, closes_on, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
    [
      f.name,
      f.kind,
      f.areaId,
      f.areaPath,
      f.place,
      f.directions,
      f.lanes,
      f.opensAt,
      f.closesAt,
      JSON.stringify(f.staffing),
      f.shiftKind,
      JSON.stringify(f.shifts),
      f.handoverMinutes,
      f.branchId,
      token,
      f.opensOn,
      f.closesOn,
      by,
    ],
  );
  return row.id;
}

export async function updatePost(tx: Queryable, id: number, f: PostFields): Promise<void> {
  await tx.query(
    `UPDATE checkpoint_posts SET name = $2, kind = $3, place = $4, directions = $5, lanes = $6, opens_at = $7, closes_at = $8, staffing = $9,
       shift_kind = $10, shifts = $11, handover_minutes = $12, branch_id = $13, opens_on = $14, closes_on = $15, updated_at = now() WHERE id = $1`,
    [
      id,
      f.name,
      f.kind,
      f.place,
      f.directions,
      f.lanes,
      f.opensAt,
      f.closesAt,
      JSON.stringify(f.staffing),
      f.shiftKind,
      JSON.stringify(f.shifts),
      f.handoverMinutes,
      f.branchId,
      f.opensOn,
      f.closesOn,
    ],
  );
}
