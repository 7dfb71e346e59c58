import type { Queryable } from '../../../db/engine';
import type { Scope } from '../../../platform/scope';
import { scopeClause } from '../../../platform/scope';
import { SqlParams } from '../../../platform/sql';
import { areasAs } from '../../areas/sql';

/** SQL of teams (service teams, assault squads with their sub-squads, pioneer teams) and their members. */

export interface TeamRow {
  id: number;
  kind: string;
  name: string;
  parent_id: number | null;
  org_id: number | null;
  org_name: string | null;
  area_id: number;
  area_path: string;
  area_name: string;
  leader_id: number | null;
  leader_name: string | null;
  member_count: number;
  disbanded_at: Date | null;
  notes: string | null;
}

const TEAM_COLUMNS = `t.id, t.kind, t.name, t.parent_id, t.org_id, o.name AS org_name, t.area_id, t.area_path, a.name AS area_name,
  t.leader_id, l.name AS leader_name, (SELECT count(*)::int FROM team_members m WHERE m.team_id = t.id) AS member_count, t.disbanded_at, t.notes`;
const TEAM_FROM = `teams t JOIN ${areasAs('a')} ON a.id = t.area_id LEFT JOIN party_orgs o ON o.id = t.org_id LEFT JOIN volunteers l ON l.id = t.leader_id`;

export async function findTeam(db: Queryable, scope: Scope, id: number): Promise<TeamRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<TeamRow>(
    `SELECT ${TEAM_COLUMNS} FROM ${TEAM_FROM} WHERE t.id = ${q.add(id)} AND ${scopeClause(scope, 't.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

export async function listTeams(db: Queryable, scope: Scope, p: { underPath?: string; kind?: string; orgId?: number; parentId?: number }) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 't.area_path', q), 't.disbanded_at IS NULL'];
  if (p.underPath) where.push(`t.area_path LIKE ${q.add(p.underPath + '%')}`);
  if (p.kind) where.push(`t.kind = ${q.add(p.kind)}`);
  if (p.orgId) where.push(`t.org_id = ${q.add(p.orgId)}`);
  if (p.parentId) where.push(`t.parent_id = ${q.add(p.parentId)}`);
  return db.query<TeamRow>(
    `SELECT ${TEAM_COLUMNS} FROM ${TEAM_FROM} WHERE ${where.join(' AND ')} ORDER BY t.area_path, t.kind, t.name, t.id LIMIT 5000`,
    q.values,
  );
}

export async function insertTeam(
  tx: Queryable,
  f: {
    kind: string;
    name: string;
    parentId: number | null;
    orgId: number | null;
    areaId: number;
    areaPath: string;
    leaderId: number | null;
    notes: string | null;
  },
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO teams (kind, name, parent_id, org_id, area_id, area_path, leader_id, notes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [f.kind, f.name, f.parentId, f.orgId, f.areaId, f.areaPath, f.leaderId, f.notes],
  );
  return row.id;
}

export async function updateTeam(tx: Queryable, id: number, f: { name: string; leaderId: number | null; notes: string | null; disbanded: boolean }) {
  await tx.query(
    `UPDATE teams SET name = $2, leader_id = $3, notes = $4, disbanded_at = CASE WHEN $5 THEN coalesce(disbanded_at, now()) END, updated_at = now() WHERE id = $1`,
    [id, f.name, f.leaderId, f.notes, f.disbanded],
  );
}

/**
 * Disbanding a team takes its sub-squads (at any depth) with it, and stops their work: deployments
 * that have not begun are cancelled, those under way end today. Returns what it did, for the audit row.
 */
export async function disbandTeamTree(tx: Queryable, id: number, today: string) {
  const subs = await tx.query<{ id: number }>(
    `WITH RECURSIVE tree AS (SELECT t.id FROM teams t WHERE t.parent_id = $1 UNION SELECT t.id FROM teams t JOIN tree ON t.parent_id = tree.id)
     UPDATE teams SET disbanded_at = coalesce(disbanded_at, now()), updated_at = now() WHERE id IN (SELECT id FROM tree) RETURNING id`,
    [id],
  );
  const ids = [id, ...subs.map((s) => s.id)];
  const cancelled = await tx.query<{ id: number }>(
    'UPDATE deployments SET cancelled_at = now() WHERE team_id = ANY($1::int[]) AND cancelled_at IS NULL AND starts_on > $2::date RETURNING id',
    [ids, today],
  );
  const cut = await tx.query<{ id: number }>(
    'UPDATE deployments SET ends_on = $2::date WHERE team_id = ANY($1::int[]) AND cancelled_at IS NULL AND starts_on <= $2::date AND ends_on > $2::date RETURNING id',
    [ids, today],
  );
  return { subTeamsDisbanded: subs.map((s) => s.id), deploymentsCancelled: cancelled.map((d) => d.id), deploymentsEndedToday: cut.map((d) => d.id) };
}

/** Deletes a team and its member list; a foreign-key violation means it has a history to keep. */
export async function deleteTeam(tx: Queryable, id: number) {
  await tx.query('DELETE FROM team_members WHERE team_id = $1', [id]);
  await tx.query('DELETE FROM teams WHERE id = $1', [id]);
}

export interface TeamMemberRow {
  volunteer_id: number;
  name: string;
  role: string;
  category: string;
}

export async function teamMembers(db: Queryable, teamId: number): Promise<TeamMemberRow[]> {
  return db.query<TeamMemberRow>(
    `SELECT m.volunteer_id, v.name, m.role, v.category FROM team_members m JOIN volunteers v ON v.id = m.volunteer_id
      WHERE m.team_id = $1 ORDER BY array_position(ARRAY['leader','deputy','member'], m.role), v.name`,
    [teamId],
  );
}

/** The whole member list at once: who is missing leaves, who is new joins, roles are updated. */
export async function setTeamMembers(tx: Queryable, scope: Scope, team: { id: number; area_path: string }, members: { volunteerId: number; role: string }[]) {
  const ids = members.map((m) => m.volunteerId);
  // Only members the caller can see leave: people from outside their scope stay as they are.
  const q = new SqlParams();
  await tx.query(
    `DELETE FROM team_members WHERE team_id = ${q.add(team.id)} AND NOT (volunteer_id = ANY(${q.add(ids)}::int[]))
        AND volunteer_id IN (SELECT v.id FROM volunteers v WHERE ${scopeClause(scope, 'v.area_path', q)})`,
    q.values,
  );
  await tx.query(
    `INSERT INTO team_members (team_id, volunteer_id, area_path, role)
     SELECT $1, m.id, $2, m.role FROM unnest($3::int[], $4::text[]) AS m(id, role)
     ON CONFLICT (team_id, volunteer_id) DO UPDATE SET role = EXCLUDED.role`,
    [team.id, team.area_path, ids, members.map((m) => m.role)],
  );
  const leader = members.find((m) => m.role === 'leader');
  if (leader) await tx.query('UPDATE teams SET leader_id = $2, updated_at = now() WHERE id = $1', [team.id, leader.volunteerId]);
}
