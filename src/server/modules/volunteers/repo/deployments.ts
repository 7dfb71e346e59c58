import type { Queryable } from '../../../db/engine';
import type { Scope } from '../../../platform/scope';
import { scopeClause } from '../../../platform/scope';
import { SqlParams } from '../../../platform/sql';
import { areasAs } from '../../areas/sql';
import { householdsAs } from '../../residents/sql';

/** SQL of deployments, the clashes of a person in two places at once, and everything one person is linked to. */

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
const DEPLOYMENT_FROM = `deployments d JOIN ${areasAs('a')} ON a.id = d.area_id LEFT JOIN volunteers v ON v.id = d.volunteer_id LEFT JOIN teams t ON t.id = d.team_id`;

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
       JOIN volunteers v ON v.id = other.volunteer_id JOIN ${areasAs('a')} ON a.id = other.area_id
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
      `SELECT p.id, p.kind, p.name, p.place, a.name AS area_name FROM posts p JOIN ${areasAs('a')} ON a.id = p.area_id WHERE p.holder_id = $1 AND p.closed_at IS NULL ORDER BY p.name`,
      [volunteerId],
    ),
    db.query<{ household_id: number; address: string }>(
      `SELECT l.household_id, h.address FROM household_links l JOIN ${householdsAs('h')} ON h.id = l.household_id WHERE l.volunteer_id = $1 ORDER BY h.address, h.id LIMIT 500`,
      [volunteerId],
    ),
    db.query<{ id: number; kind: string; area_id: number; area_name: string; floor: string }>(
      `SELECT c.id, c.kind, c.area_id, a.name AS area_name, c.floor FROM captains c JOIN ${areasAs('a')} ON a.id = c.area_id WHERE c.volunteer_id = $1 ORDER BY a.name, c.floor`,
      [volunteerId],
    ),
    db.query<{ id: number; area_id: number; area_name: string; village_group: string }>(
      `SELECT g.id, g.area_id, a.name AS area_name, g.village_group FROM group_links g JOIN ${areasAs('a')} ON a.id = g.area_id WHERE g.volunteer_id = $1 AND g.ended_at IS NULL`,
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
