import type { Queryable } from '../../../db/engine';
import type { Scope } from '../../../platform/scope';
import { scopeClause } from '../../../platform/scope';
import { SqlParams } from '../../../platform/sql';
import { areasAs } from '../../areas/sql';

/** SQL of posts and responsibility areas. */

export interface PostRow {
  id: number;
  kind: string;
  name: string;
  place: string | null;
  area_id: number;
  area_path: string;
  area_name: string;
  org_id: number | null;
  team_id: number | null;
  holder_id: number | null;
  holder_name: string | null;
  closed_at: Date | null;
  notes: string | null;
}

const POST_COLUMNS = `p.id, p.kind, p.name, p.place, p.area_id, p.area_path, a.name AS area_name, p.org_id, p.team_id, p.holder_id,
  h.name AS holder_name, p.closed_at, p.notes`;
const POST_FROM = `posts p JOIN ${areasAs('a')} ON a.id = p.area_id LEFT JOIN volunteers h ON h.id = p.holder_id`;

export async function findPost(db: Queryable, scope: Scope, id: number): Promise<PostRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<PostRow>(
    `SELECT ${POST_COLUMNS} FROM ${POST_FROM} WHERE p.id = ${q.add(id)} AND ${scopeClause(scope, 'p.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

export async function listPosts(db: Queryable, scope: Scope, p: { underPath?: string; kind?: string }) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'p.area_path', q), 'p.closed_at IS NULL'];
  if (p.underPath) where.push(`p.area_path LIKE ${q.add(p.underPath + '%')}`);
  if (p.kind) where.push(`p.kind = ${q.add(p.kind)}`);
  return db.query<PostRow>(`SELECT ${POST_COLUMNS} FROM ${POST_FROM} WHERE ${where.join(' AND ')} ORDER BY p.area_path, p.kind, p.name LIMIT 5000`, q.values);
}

export async function insertPost(
  tx: Queryable,
  f: {
    kind: string;
    name: string;
    place: string | null;
    areaId: number;
    areaPath: string;
    orgId: number | null;
    teamId: number | null;
    holderId: number | null;
    notes: string | null;
  },
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO posts (kind, name, place, area_id, area_path, org_id, team_id, holder_id, notes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [f.kind, f.name, f.place, f.areaId, f.areaPath, f.orgId, f.teamId, f.holderId, f.notes],
  );
  return row.id;
}

export async function updatePost(
  tx: Queryable,
  id: number,
  f: { name: string; place: string | null; holderId: number | null; notes: string | null; closed: boolean },
) {
  await tx.query(
    `UPDATE posts SET name = $2, place = $3, holder_id = $4, notes = $5, closed_at = CASE WHEN $6 THEN coalesce(closed_at, now()) END, updated_at = now() WHERE id = $1`,
    [id, f.name, f.place, f.holderId, f.notes, f.closed],
  );
}
