import type { Queryable } from '../../../db/engine';
import type { Scope } from '../../../platform/scope';
import { scopeClause } from '../../../platform/scope';
import { SqlParams } from '../../../platform/sql';
import { areasAs } from '../../areas/sql';
import { householdsAs } from '../../residents/sql';

/** SQL of the links that route work: member ↔ households, cadre ↔ village group, building and floor captains. */

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
       FROM household_links l JOIN ${householdsAs('h')} ON h.id = l.household_id JOIN ${areasAs('a')} ON a.id = h.area_id JOIN volunteers v ON v.id = l.volunteer_id
      WHERE ${where.join(' AND ')} ORDER BY h.area_path, h.address, h.id, v.name LIMIT ${q.add(p.limit)}`,
    q.values,
  );
}

/** Links households (already checked to be in scope) to a member; the link carries the household's path. */
export async function addHouseholdLinks(tx: Queryable, volunteerId: number, householdIds: number[]): Promise<number> {
  const rows = await tx.query<{ household_id: number }>(
    `INSERT INTO household_links (household_id, volunteer_id, area_path)
     SELECT h.id, $1, h.area_path FROM ${householdsAs('h')} WHERE h.id = ANY($2::int[])
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
    `SELECT h.id FROM ${householdsAs('h')} WHERE h.id = ANY(${q.add(ids)}::int[]) AND ${scopeClause(scope, 'h.area_path', q)}`,
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
         FROM ${householdsAs('h')} WHERE ${where}
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
       FROM group_links g JOIN volunteers v ON v.id = g.volunteer_id JOIN ${areasAs('a')} ON a.id = g.area_id
      WHERE ${where.join(' AND ')} ORDER BY g.area_path, g.village_group, v.name LIMIT 5000`,
    q.values,
  );
}

export async function findGroupLink(db: Queryable, scope: Scope, id: number): Promise<GroupLinkRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<GroupLinkRow>(
    `SELECT g.id, g.volunteer_id, v.name AS volunteer_name, g.area_id, g.area_path, a.name AS area_name, g.village_group
       FROM group_links g JOIN volunteers v ON v.id = g.volunteer_id JOIN ${areasAs('a')} ON a.id = g.area_id
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
       FROM captains c JOIN ${areasAs('a')} ON a.id = c.area_id JOIN volunteers v ON v.id = c.volunteer_id
      WHERE ${where.join(' AND ')} ORDER BY c.area_path, c.kind, c.floor LIMIT 5000`,
    q.values,
  );
}
