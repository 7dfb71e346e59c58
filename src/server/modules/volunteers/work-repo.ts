import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';

/**
 * SQL of the work side: teams, posts, the links that route work (member ↔ households, cadre ↔ village
 * group, captains), deployments, service hours and figures. Reads take the caller's scope.
 */

// ——— teams ———

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
const TEAM_FROM = `teams t JOIN areas a ON a.id = t.area_id LEFT JOIN party_orgs o ON o.id = t.org_id LEFT JOIN volunteers l ON l.id = t.leader_id`;

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

// ——— posts ———

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
const POST_FROM = `posts p JOIN areas a ON a.id = p.area_id LEFT JOIN volunteers h ON h.id = p.holder_id`;

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

// ——— member ↔ households ———

export interface HouseholdLinkRow {
  household_id: number;
  address: string;
  area_id: number;
  area_name: string;
  volunteer_id: number;
  volunteer_name: string;
  phone: string | null;
}

export async function listHouseholdLinks(db: Queryable, scope: Scope, p: { householdId?: number; volunteerId?: number; underPath?: string; limit: number }) {
  const q = new SqlParams();
  // Scoped by where the household is now (a household moved by the registry takes its links along).
  const where = [scopeClause(scope, 'h.area_path', q)];
  if (p.householdId) where.push(`l.household_id = ${q.add(p.householdId)}`);
  if (p.volunteerId) where.push(`l.volunteer_id = ${q.add(p.volunteerId)}`);
  if (p.underPath) where.push(`h.area_path LIKE ${q.add(p.underPath + '%')}`);
  return db.query<HouseholdLinkRow>(
    `SELECT l.household_id, h.address, h.area_id, a.name AS area_name, l.volunteer_id, v.name AS volunteer_name, v.phone
       FROM household_links l JOIN households h ON h.id = l.household_id JOIN areas a ON a.id = h.area_id JOIN volunteers v ON v.id = l.volunteer_id
      WHERE ${where.join(' AND ')} ORDER BY h.area_path, h.address, h.id, v.name LIMIT ${q.add(p.limit)}`,
    q.values,
  );
}

/** Links households (already checked to be in scope) to a member; the link carries the household's path. */
export async function addHouseholdLinks(tx: Queryable, volunteerId: number, householdIds: number[]): Promise<number> {
  const rows = await tx.query<{ household_id: number }>(
    `INSERT INTO household_links (household_id, volunteer_id, area_path)
     SELECT h.id, $1, h.area_path FROM households h WHERE h.id = ANY($2::int[])
     ON CONFLICT DO NOTHING RETURNING household_id`,
    [volunteerId, householdIds],
  );
  return rows.length;
}

export async function removeHouseholdLinks(tx: Queryable, volunteerId: number, householdIds: number[]): Promise<number> {
  const rows = await tx.query<{ household_id: number }>(
    'DELETE FROM household_links WHERE volunteer_id = $1 AND household_id = ANY($2::int[]) RETURNING household_id',
    [volunteerId, householdIds],
  );
  return rows.length;
}

/** Households of a set, in scope, that exist: the ids found. */
export async function householdsInScope(db: Queryable, scope: Scope, ids: number[]): Promise<number[]> {
  const q = new SqlParams();
  const rows = await db.query<{ id: number }>(
    `SELECT h.id FROM households h WHERE h.id = ANY(${q.add(ids)}::int[]) AND ${scopeClause(scope, 'h.area_path', q)}`,
    q.values,
  );
  return rows.map((r) => r.id);
}

/**
 * The even split: the households under an area, in address order, cut into as many contiguous runs as
 * there are members (neighbours stay with one member; run sizes differ by at most one). Two set-based
 * statements: the old links of those households go (when replacing), the new ones come in.
 */
export async function splitHouseholds(tx: Queryable, scope: Scope, underPath: string, volunteerIds: number[], replace: boolean) {
  const q = new SqlParams();
  const where = `h.area_path LIKE ${q.add(underPath + '%')} AND ${scopeClause(scope, 'h.area_path', q)}`;
  if (replace) await tx.query(`DELETE FROM household_links l USING households h WHERE l.household_id = h.id AND ${where}`, q.values);
  const vols = q.add(volunteerIds);
  const rows = await tx.query<{ n: number; households: number; min: number | null; max: number | null }>(
    `WITH hh AS (
       SELECT h.id, h.area_path, row_number() OVER (ORDER BY h.area_path, h.address, h.id) - 1 AS rn, count(*) OVER () AS total
         FROM households h WHERE ${where}
     ), ins AS (
       INSERT INTO household_links (household_id, volunteer_id, area_path)
       SELECT hh.id, (${vols}::int[])[(hh.rn * cardinality(${vols}::int[]) / hh.total)::int + 1], hh.area_path FROM hh
       ON CONFLICT DO NOTHING RETURNING volunteer_id
     ), per AS (SELECT volunteer_id, count(*)::int AS c FROM ins GROUP BY volunteer_id)
     SELECT (SELECT count(*)::int FROM ins) AS n, (SELECT count(*)::int FROM hh) AS households,
            (SELECT CASE WHEN count(*) < cardinality(${vols}::int[]) THEN 0 ELSE min(c) END FROM per) AS min, (SELECT max(c) FROM per) AS max`,
    q.values,
  );
  return rows[0];
}

// ——— cadre ↔ village group, captains ———

export interface GroupLinkRow {
  id: number;
  volunteer_id: number;
  volunteer_name: string;
  area_id: number;
  area_path: string;
  area_name: string;
  village_group: string;
}

export async function listGroupLinks(db: Queryable, scope: Scope, p: { underPath?: string; volunteerId?: number }) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'g.area_path', q), 'g.ended_at IS NULL'];
  if (p.underPath) where.push(`g.area_path LIKE ${q.add(p.underPath + '%')}`);
  if (p.volunteerId) where.push(`g.volunteer_id = ${q.add(p.volunteerId)}`);
  return db.query<GroupLinkRow>(
    `SELECT g.id, g.volunteer_id, v.name AS volunteer_name, g.area_id, g.area_path, a.name AS area_name, g.village_group
       FROM group_links g JOIN volunteers v ON v.id = g.volunteer_id JOIN areas a ON a.id = g.area_id
      WHERE ${where.join(' AND ')} ORDER BY g.area_path, g.village_group, v.name LIMIT 5000`,
    q.values,
  );
}

export async function findGroupLink(db: Queryable, scope: Scope, id: number): Promise<GroupLinkRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<GroupLinkRow>(
    `SELECT g.id, g.volunteer_id, v.name AS volunteer_name, g.area_id, g.area_path, a.name AS area_name, g.village_group
       FROM group_links g JOIN volunteers v ON v.id = g.volunteer_id JOIN areas a ON a.id = g.area_id
      WHERE g.id = ${q.add(id)} AND g.ended_at IS NULL AND ${scopeClause(scope, 'g.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

export interface CaptainRow {
  id: number;
  kind: string;
  area_id: number;
  area_path: string;
  area_name: string;
  floor: string;
  volunteer_id: number;
  volunteer_name: string;
}

export async function listCaptains(db: Queryable, scope: Scope, p: { underPath?: string; volunteerId?: number }) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'c.area_path', q)];
  if (p.underPath) where.push(`c.area_path LIKE ${q.add(p.underPath + '%')}`);
  if (p.volunteerId) where.push(`c.volunteer_id = ${q.add(p.volunteerId)}`);
  return db.query<CaptainRow>(
    `SELECT c.id, c.kind, c.area_id, c.area_path, a.name AS area_name, c.floor, c.volunteer_id, v.name AS volunteer_name
       FROM captains c JOIN areas a ON a.id = c.area_id JOIN volunteers v ON v.id = c.volunteer_id
      WHERE ${where.join(' AND ')} ORDER BY c.area_path, c.kind, c.floor LIMIT 5000`,
    q.values,
  );
}

// ——— deployments ———

export interface DeploymentRow {
  id: number;
  volunteer_id: number | null;
  volunteer_name: string | null;
  team_id: number | null;
  team_name: string | null;
  org_id: number | null;
  area_id: number;
  area_path: string;
  area_name: string;
  place: string;
  starts_on: string;
  ends_on: string;
  role: string | null;
  hours_per_day: number;
  cancelled_at: Date | null;
  notes: string | null;
}

const DEPLOYMENT_COLUMNS = `d.id, d.volunteer_id, v.name AS volunteer_name, d.team_id, t.name AS team_name, d.org_id, d.area_id, d.area_path,
  a.name AS area_name, d.place, to_char(d.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(d.ends_on, 'YYYY-MM-DD') AS ends_on, d.role,
  d.hours_per_day::float8 AS hours_per_day, d.cancelled_at, d.notes`;
const DEPLOYMENT_FROM = `deployments d JOIN areas a ON a.id = d.area_id LEFT JOIN volunteers v ON v.id = d.volunteer_id LEFT JOIN teams t ON t.id = d.team_id`;

/** Who each live deployment puts where: the person itself, or every member of the team. */
export const ASSIGNMENTS = `(
  SELECT d.id AS deployment_id, d.volunteer_id, d.area_id, d.area_path, d.place, d.starts_on, d.ends_on, d.hours_per_day
    FROM deployments d WHERE d.volunteer_id IS NOT NULL AND d.cancelled_at IS NULL
  UNION ALL
  SELECT d.id, tm.volunteer_id, d.area_id, d.area_path, d.place, d.starts_on, d.ends_on, d.hours_per_day
    FROM deployments d JOIN team_members tm ON tm.team_id = d.team_id WHERE d.cancelled_at IS NULL
)`;

export async function findDeployment(db: Queryable, scope: Scope, id: number): Promise<DeploymentRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<DeploymentRow>(
    `SELECT ${DEPLOYMENT_COLUMNS} FROM ${DEPLOYMENT_FROM} WHERE d.id = ${q.add(id)} AND ${scopeClause(scope, 'd.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

export interface DeploymentSearch {
  underPath?: string;
  on?: string;
  volunteerId?: number;
  teamId?: number;
  conflictsOnly?: boolean;
  page: number;
  pageSize: number;
}

const overlapWhere = (me: string, other: string) =>
  `${other}.volunteer_id = ${me}.volunteer_id AND ${other}.deployment_id <> ${me}.deployment_id
   AND ${other}.starts_on <= ${me}.ends_on AND ${me}.starts_on <= ${other}.ends_on
   AND (${other}.area_id <> ${me}.area_id OR ${other}.place <> ${me}.place)`;

export async function listDeployments(db: Queryable, scope: Scope, s: DeploymentSearch) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'd.area_path', q), 'd.cancelled_at IS NULL'];
  if (s.underPath) where.push(`d.area_path LIKE ${q.add(s.underPath + '%')}`);
  if (s.on) where.push(`d.starts_on <= ${q.add(s.on)}::date AND d.ends_on >= ${q.add(s.on)}::date`);
  if (s.volunteerId) {
    const v = q.add(s.volunteerId);
    where.push(`(d.volunteer_id = ${v} OR d.team_id IN (SELECT team_id FROM team_members WHERE volunteer_id = ${v}))`);
  }
  if (s.teamId) where.push(`d.team_id = ${q.add(s.teamId)}`);
  if (s.conflictsOnly)
    where.push(`EXISTS (SELECT 1 FROM ${ASSIGNMENTS} me JOIN ${ASSIGNMENTS} other ON ${overlapWhere('me', 'other')} WHERE me.deployment_id = d.id)`);
  const w = where.join(' AND ');
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM deployments d WHERE ${w}`, q.values);
  const rows = await db.query<DeploymentRow>(
    `SELECT ${DEPLOYMENT_COLUMNS} FROM ${DEPLOYMENT_FROM} WHERE ${w} ORDER BY d.starts_on DESC, d.id DESC
      LIMIT ${q.add(s.pageSize)} OFFSET ${q.add((s.page - 1) * s.pageSize)}`,
    q.values,
  );
  return { rows, total };
}

export interface ConflictRow {
  deployment_id: number;
  other_id: number;
  volunteer_id: number;
  volunteer_name: string;
  place: string;
  area_path: string;
  area_name: string;
  starts_on: string;
  ends_on: string;
}

/** A person in two places at once: for each given deployment, the other live ones of its people that overlap elsewhere. */
export async function conflictsOf(db: Queryable, deploymentIds: number[]): Promise<ConflictRow[]> {
  if (!deploymentIds.length) return [];
  return db.query<ConflictRow>(
    `SELECT me.deployment_id, other.deployment_id AS other_id, other.volunteer_id, v.name AS volunteer_name, other.place, other.area_path,
            a.name AS area_name, to_char(other.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(other.ends_on, 'YYYY-MM-DD') AS ends_on
       FROM ${ASSIGNMENTS} me JOIN ${ASSIGNMENTS} other ON ${overlapWhere('me', 'other')}
       JOIN volunteers v ON v.id = other.volunteer_id JOIN areas a ON a.id = other.area_id
      WHERE me.deployment_id = ANY($1::int[])
      ORDER BY me.deployment_id, other.starts_on, other.deployment_id, v.name`,
    [deploymentIds],
  );
}

export async function insertDeployment(
  tx: Queryable,
  f: {
    volunteerId: number | null;
    teamId: number | null;
    orgId: number | null;
    areaId: number;
    areaPath: string;
    place: string;
    startsOn: string;
    endsOn: string;
    role: string | null;
    hoursPerDay: number;
    notes: string | null;
    createdBy: number;
  },
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO deployments (volunteer_id, team_id, org_id, area_id, area_path, place, starts_on, ends_on, role, hours_per_day, notes, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [f.volunteerId, f.teamId, f.orgId, f.areaId, f.areaPath, f.place, f.startsOn, f.endsOn, f.role, f.hoursPerDay, f.notes, f.createdBy],
  );
  return row.id;
}

/** Deployments of one person (directly or through a team) that have not ended before `from`. */
export async function deploymentsOfVolunteer(db: Queryable, volunteerId: number, from: string): Promise<DeploymentRow[]> {
  return db.query<DeploymentRow>(
    `SELECT ${DEPLOYMENT_COLUMNS} FROM ${DEPLOYMENT_FROM}
      WHERE d.cancelled_at IS NULL AND d.ends_on >= $2::date
        AND (d.volunteer_id = $1 OR d.team_id IN (SELECT team_id FROM team_members WHERE volunteer_id = $1))
      ORDER BY d.starts_on, d.id LIMIT 200`,
    [volunteerId, from],
  );
}

/** Everything a person is linked to, for their page and their phone. */
export async function linksOfVolunteer(db: Queryable, volunteerId: number, today: string) {
  const [teams, posts, households, captains, groups, deployments] = await Promise.all([
    db.query<{ team_id: number; name: string; kind: string; role: string }>(
      'SELECT m.team_id, t.name, t.kind, m.role FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.volunteer_id = $1 AND t.disbanded_at IS NULL ORDER BY t.name',
      [volunteerId],
    ),
    db.query<{ id: number; kind: string; name: string; place: string | null; area_name: string }>(
      'SELECT p.id, p.kind, p.name, p.place, a.name AS area_name FROM posts p JOIN areas a ON a.id = p.area_id WHERE p.holder_id = $1 AND p.closed_at IS NULL ORDER BY p.name',
      [volunteerId],
    ),
    db.query<{ household_id: number; address: string }>(
      'SELECT l.household_id, h.address FROM household_links l JOIN households h ON h.id = l.household_id WHERE l.volunteer_id = $1 ORDER BY h.address, h.id LIMIT 500',
      [volunteerId],
    ),
    db.query<{ id: number; kind: string; area_id: number; area_name: string; floor: string }>(
      'SELECT c.id, c.kind, c.area_id, a.name AS area_name, c.floor FROM captains c JOIN areas a ON a.id = c.area_id WHERE c.volunteer_id = $1 ORDER BY a.name, c.floor',
      [volunteerId],
    ),
    db.query<{ id: number; area_id: number; area_name: string; village_group: string }>(
      'SELECT g.id, g.area_id, a.name AS area_name, g.village_group FROM group_links g JOIN areas a ON a.id = g.area_id WHERE g.volunteer_id = $1 AND g.ended_at IS NULL',
      [volunteerId],
    ),
    deploymentsOfVolunteer(db, volunteerId, today),
  ]);
  return {
    teams: teams.map((t) => ({ teamId: t.team_id, name: t.name, kind: t.kind, role: t.role })),
    posts: posts.map((p) => ({ id: p.id, kind: p.kind, name: p.name, place: p.place, areaName: p.area_name })),
    households: households.map((h) => ({ householdId: h.household_id, address: h.address })),
    captains: captains.map((c) => ({ id: c.id, kind: c.kind, areaId: c.area_id, areaName: c.area_name, floor: c.floor || null })),
    groups: groups.map((g) => ({ id: g.id, areaId: g.area_id, areaName: g.area_name, villageGroup: g.village_group })),
    deployments,
  };
}

// ——— hours and figures ———

export interface HoursRow {
  volunteer_id: number;
  name: string;
  on: string;
  hours: number;
  sources: string[];
}

/** Hours per person per day: each day of a live deployment (its hours per day) plus recorded work; at most 24 a day. */
export async function hoursPerDay(db: Queryable, scope: Scope, p: { from: string; to: string; underPath?: string; volunteerId?: number }): Promise<HoursRow[]> {
  const q = new SqlParams();
  const from = q.add(p.from);
  const to = q.add(p.to);
  const who = [scopeClause(scope, 'v.area_path', q)];
  if (p.underPath) who.push(`v.area_path LIKE ${q.add(p.underPath + '%')}`);
  if (p.volunteerId) who.push(`v.id = ${q.add(p.volunteerId)}`);
  return db.query<HoursRow>(
    `WITH work AS (
       SELECT s.volunteer_id, gs::date AS on_date, s.hours_per_day AS hours, 'deployment' AS source
         FROM ${ASSIGNMENTS} s
         CROSS JOIN LATERAL generate_series(GREATEST(s.starts_on, ${from}::date), LEAST(s.ends_on, ${to}::date), interval '1 day') gs
        WHERE s.starts_on <= ${to}::date AND s.ends_on >= ${from}::date
       UNION ALL
       SELECT r.volunteer_id, r.on_date, r.hours, 'record' FROM service_records r WHERE r.on_date BETWEEN ${from}::date AND ${to}::date
     )
     SELECT w.volunteer_id, v.name, to_char(w.on_date, 'YYYY-MM-DD') AS on, LEAST(24, sum(w.hours))::float8 AS hours,
            array_agg(DISTINCT w.source ORDER BY w.source) AS sources
       FROM work w JOIN volunteers v ON v.id = w.volunteer_id
      WHERE ${who.join(' AND ')}
      GROUP BY w.volunteer_id, v.name, w.on_date ORDER BY w.on_date, v.name, w.volunteer_id LIMIT 50000`,
    q.values,
  );
}

export async function hoursTotals(
  db: Queryable,
  scope: Scope,
  p: { from: string; to: string; underPath?: string; by: 'branch' | 'team' | 'category' | 'person' },
): Promise<Array<{ key: string; name: string; people: number; hours: number }>> {
  const q = new SqlParams();
  const from = q.add(p.from);
  const to = q.add(p.to);
  const who = [scopeClause(scope, 'v.area_path', q)];
  if (p.underPath) who.push(`v.area_path LIKE ${q.add(p.underPath + '%')}`);
  const daily = `SELECT volunteer_id, on_date, LEAST(24, sum(hours)) AS hours FROM (
       SELECT s.volunteer_id, gs::date AS on_date, s.hours_per_day AS hours
         FROM ${ASSIGNMENTS} s
         CROSS JOIN LATERAL generate_series(GREATEST(s.starts_on, ${from}::date), LEAST(s.ends_on, ${to}::date), interval '1 day') gs
        WHERE s.starts_on <= ${to}::date AND s.ends_on >= ${from}::date
       UNION ALL
       SELECT r.volunteer_id, r.on_date, r.hours FROM service_records r WHERE r.on_date BETWEEN ${from}::date AND ${to}::date
     ) w GROUP BY volunteer_id, on_date`;
  const dims = {
    category: { join: '', key: 'v.category', name: 'v.category' },
    person: { join: '', key: 'v.id::text', name: 'v.name' },
    branch: {
      join: `LEFT JOIN party_memberships m ON m.volunteer_id = v.id AND m.kind = 'home' AND m.left_on IS NULL LEFT JOIN party_orgs o ON o.id = m.org_id`,
      key: "coalesce(o.id::text, '')",
      name: "coalesce(o.name, '')",
    },
    team: { join: 'JOIN team_members tm ON tm.volunteer_id = v.id JOIN teams t ON t.id = tm.team_id', key: 't.id::text', name: 't.name' },
  }[p.by];
  return db.query(
    `WITH daily AS (${daily})
     SELECT ${dims.key} AS key, ${dims.name} AS name, count(DISTINCT v.id)::int AS people, sum(d.hours)::float8 AS hours
       FROM daily d JOIN volunteers v ON v.id = d.volunteer_id ${dims.join}
      WHERE ${who.join(' AND ')}
      GROUP BY 1, 2 ORDER BY hours DESC, name LIMIT 1000`,
    q.values,
  );
}

export interface FigureRow {
  key: string;
  name: string | null;
  enlisted: number;
  pending: number;
  approved: number;
  refused: number;
  volunteers: number;
  on_duty: number;
}

/** Open branches (and temporary branches) under an area, and how many of them have had enlistments. */
export async function branchCounts(db: Queryable, scope: Scope, underPath: string): Promise<{ branches: number; reporting: number }> {
  const q = new SqlParams();
  const [row] = await db.query<{ branches: number; reporting: number }>(
    `SELECT count(*)::int AS branches, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM enlistments e WHERE e.org_id = o.id))::int AS reporting
       FROM party_orgs o WHERE o.kind <> 'committee' AND o.closed_at IS NULL AND o.area_path LIKE ${q.add(underPath + '%')} AND ${scopeClause(scope, 'o.area_path', q)}`,
    q.values,
  );
  return row;
}

/**
 * Enlisted / approved / serving / on duty on a day, grouped by category, home branch or the child
 * area of `underPath` that holds the row. One pass over enlistments and one over volunteers.
 */
export async function figures(
  db: Queryable,
  scope: Scope,
  p: { underPath: string; on: string; by: 'category' | 'branch' | 'area' | 'total' },
): Promise<FigureRow[]> {
  const q = new SqlParams();
  const under = q.add(p.underPath + '%');
  const on = q.add(p.on);
  const depth = p.underPath.split('/').filter(Boolean).length;
  const areaKey = (col: string) => `coalesce(nullif(split_part(${col}, '/', ${depth + 2}), ''), split_part(${col}, '/', ${depth + 1}))`;
  const key = {
    category: { e: 'e.category', v: 'v.category' },
    branch: { e: 'e.org_id::text', v: "coalesce(vh.org_id::text, '')" },
    area: { e: areaKey('e.area_path'), v: areaKey('v.area_path') },
    total: { e: "'all'", v: "'all'" },
  }[p.by];
  const name = {
    category: 's.key',
    branch: '(SELECT o.name FROM party_orgs o WHERE o.id::text = s.key)',
    area: '(SELECT a.name FROM areas a WHERE a.id::text = s.key)',
    total: 's.key',
  }[p.by];
  const inScopeE = scopeClause(scope, 'e.area_path', q);
  const inScopeV = scopeClause(scope, 'v.area_path', q);
  return db.query<FigureRow>(
    `WITH src AS (
       SELECT ${key.e} AS key, 1 AS enlisted, (e.status = 'pending')::int AS pending, (e.status = 'approved')::int AS approved,
              (e.status = 'refused')::int AS refused, 0 AS volunteers, 0 AS on_duty
         FROM enlistments e WHERE e.area_path LIKE ${under} AND ${inScopeE}
       UNION ALL
       SELECT ${key.v}, 0, 0, 0, 0, 1,
              (EXISTS (SELECT 1 FROM deployments d WHERE d.cancelled_at IS NULL AND d.starts_on <= ${on}::date AND d.ends_on >= ${on}::date
                 AND (d.volunteer_id = v.id OR d.team_id IN (SELECT tm.team_id FROM team_members tm WHERE tm.volunteer_id = v.id))))::int
         FROM volunteers v
         LEFT JOIN LATERAL (SELECT m.org_id FROM party_memberships m WHERE m.volunteer_id = v.id AND m.left_on IS NULL ORDER BY m.kind = 'home' DESC, m.id LIMIT 1) vh ON true
        WHERE v.status = 'active' AND v.area_path LIKE ${under} AND ${inScopeV}
     )
     SELECT s.key, ${name} AS name, sum(s.enlisted)::int AS enlisted, sum(s.pending)::int AS pending, sum(s.approved)::int AS approved,
            sum(s.refused)::int AS refused, sum(s.volunteers)::int AS volunteers, sum(s.on_duty)::int AS on_duty
       FROM src s
      GROUP BY s.key ORDER BY enlisted DESC, volunteers DESC, s.key`,
    q.values,
  );
}

// ——— service records and liaison notes ———

export interface ServiceRecordRow {
  id: number;
  volunteer_id: number;
  volunteer_name: string;
  area_name: string;
  on: string;
  hours: number;
  work: string | null;
  note: string | null;
  liaison_group: string | null;
  recorded_by_name: string | null;
  created_at: Date;
}

/** Recorded work and liaison notes, newest first; scoped by where the person is now (as their hours are). */
export async function listServiceRecords(
  db: Queryable,
  scope: Scope,
  p: { id?: number; volunteerId?: number; underPath?: string; from?: string; to?: string; notesOnly?: boolean; page: number; pageSize: number },
) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'v.area_path', q)];
  if (p.id) where.push(`r.id = ${q.add(p.id)}`);
  if (p.volunteerId) where.push(`r.volunteer_id = ${q.add(p.volunteerId)}`);
  if (p.underPath) where.push(`v.area_path LIKE ${q.add(p.underPath + '%')}`);
  if (p.from) where.push(`r.on_date >= ${q.add(p.from)}::date`);
  if (p.to) where.push(`r.on_date <= ${q.add(p.to)}::date`);
  if (p.notesOnly) where.push('r.note IS NOT NULL');
  const w = where.join(' AND ');
  const from = 'service_records r JOIN volunteers v ON v.id = r.volunteer_id';
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM ${from} WHERE ${w}`, q.values);
  const rows = await db.query<ServiceRecordRow>(
    `SELECT r.id, r.volunteer_id, v.name AS volunteer_name, a.name AS area_name, to_char(r.on_date, 'YYYY-MM-DD') AS on, r.hours::float8 AS hours,
            r.work, r.note, r.liaison_group, u.display_name AS recorded_by_name, r.created_at
       FROM ${from} JOIN areas a ON a.id = v.area_id LEFT JOIN users u ON u.id = r.recorded_by
      WHERE ${w} ORDER BY r.on_date DESC, r.id DESC LIMIT ${q.add(p.pageSize)} OFFSET ${q.add((p.page - 1) * p.pageSize)}`,
    q.values,
  );
  return { rows, total };
}
