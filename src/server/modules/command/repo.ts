import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { usersAs } from '../users/sql';

/** The standing bodies and their members, scoped by the group's area path. */
export interface GroupRow {
  id: number;
  kind: string;
  name: string;
  duties: string | null;
  area_id: number;
  area_path: string;
  area_name: string;
  starts_on: string;
  ends_on: string | null;
  active: boolean;
  member_count: number;
  lead_name: string | null;
}

const GROUP = (today: string) => `g.id, g.kind, g.name, g.duties, g.area_id, g.area_path, a.name AS area_name,
  to_char(g.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(g.ends_on, 'YYYY-MM-DD') AS ends_on,
  (g.starts_on <= ${today}::date AND (g.ends_on IS NULL OR g.ends_on >= ${today}::date)) AS active,
  (SELECT count(*)::int FROM command_group_members m WHERE m.group_id = g.id) AS member_count,
  (SELECT u.display_name FROM command_group_members m JOIN ${usersAs('u')} ON u.id = m.user_id
    WHERE m.group_id = g.id AND m.role = 'lead' ORDER BY u.id LIMIT 1) AS lead_name
  FROM command_groups g JOIN ${areasAs('a')} ON a.id = g.area_id`;

const KIND_ORDER = `array_position(ARRAY['leading', 'work', 'supervision', 'liaison', 'task_force'], g.kind)`;

export async function findGroup(db: Queryable, scope: Scope, id: number, today: string): Promise<GroupRow | null> {
  const q = new SqlParams();
  const t = q.add(today);
  const [row] = await db.query<GroupRow>(`SELECT ${GROUP(t)} WHERE g.id = ${q.add(id)} AND ${scopeClause(scope, 'g.area_path', q)}`, q.values);
  return row ?? null;
}

export async function listGroups(
  db: Queryable,
  scope: Scope,
  today: string,
  p: { underPath?: string; kind?: string; active?: boolean; limit: number; offset: number },
) {
  const filter = (q: SqlParams, t: string) => {
    const where = [scopeClause(scope, 'g.area_path', q)];
    if (p.underPath) where.push(`g.area_path LIKE ${q.add(`${p.underPath}%`)}`);
    if (p.kind) where.push(`g.kind = ${q.add(p.kind)}`);
    if (p.active !== undefined) {
      where.push(`${p.active ? '' : 'NOT '}(g.starts_on <= ${t}::date AND (g.ends_on IS NULL OR g.ends_on >= ${t}::date))`);
    }
    return where.join(' AND ');
  };
  const q = new SqlParams();
  const t = q.add(today);
  const w = filter(q, t);
  const c = new SqlParams();
  const ct = c.add(today);
  const cw = filter(c, ct);
  const [rows, [{ n }]] = await Promise.all([
    db.query<GroupRow>(`SELECT ${GROUP(t)} WHERE ${w} ORDER BY ${KIND_ORDER}, g.area_path, g.id LIMIT ${q.add(p.limit)} OFFSET ${q.add(p.offset)}`, q.values),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM command_groups g WHERE ${cw} AND ${ct}::date IS NOT NULL`, c.values),
  ]);
  return { rows, total: n };
}

export async function insertGroup(
  tx: Queryable,
  g: { kind: string; name: string; duties: string | null; areaId: number; areaPath: string; startsOn: string; endsOn: string | null; by: number },
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO command_groups (kind, name, duties, area_id, area_path, starts_on, ends_on, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [g.kind, g.name, g.duties, g.areaId, g.areaPath, g.startsOn, g.endsOn, g.by],
  );
  return row.id;
}

export async function updateGroup(tx: Queryable, id: number, c: { name?: string; duties?: string | null; endsOn?: string | null }) {
  const q = new SqlParams();
  const sets: string[] = [];
  if (c.name !== undefined) sets.push(`name = ${q.add(c.name)}`);
  if (c.duties !== undefined) sets.push(`duties = ${q.add(c.duties)}`);
  if (c.endsOn !== undefined) sets.push(`ends_on = ${q.add(c.endsOn)}::date`);
  if (!sets.length) return;
  await tx.query(`UPDATE command_groups SET ${sets.join(', ')} WHERE id = ${q.add(id)}`, q.values);
}

export interface MemberRow {
  user_id: number;
  name: string;
  area_name: string;
  role: 'lead' | 'deputy' | 'member';
  duty: string | null;
}

export async function membersOf(db: Queryable, groupId: number): Promise<MemberRow[]> {
  return db.query<MemberRow>(
    `SELECT m.user_id, u.display_name AS name, a.name AS area_name, m.role, m.duty
       FROM command_group_members m JOIN ${usersAs('u')} ON u.id = m.user_id JOIN ${areasAs('a')} ON a.id = u.area_id
      WHERE m.group_id = $1 ORDER BY array_position(ARRAY['lead', 'deputy', 'member'], m.role), u.id`,
    [groupId],
  );
}

export async function replaceMembers(tx: Queryable, groupId: number, members: { userId: number; areaPath: string; role: string; duty: string | null }[]) {
  await tx.query('DELETE FROM command_group_members WHERE group_id = $1', [groupId]);
  if (!members.length) return;
  await tx.query(
    `INSERT INTO command_group_members (group_id, user_id, area_path, role, duty)
     SELECT $1, u, p, r, d FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS x(u, p, r, d)`,
    [groupId, members.map((m) => m.userId), members.map((m) => m.areaPath), members.map((m) => m.role), members.map((m) => m.duty)],
  );
}
