import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { householdsAs, residentsAs } from '../residents/sql';

/**
 * The sealed estate's SQL: needs surveys, deliveries, the green channel and problems of a zone. Every row carries
 * the household's (or the zone's) area path; the service has checked the zone is in the caller's scope, and each
 * read here is bounded by the zone's id. Households and people come from the registry's lent tables.
 */
const d = (col: string, as: string) => `to_char(${col}, 'YYYY-MM-DD') AS ${as}`;

/** A household under the zone's path (null: not one, or not inside). */
export async function householdInside(db: Queryable, zonePath: string, householdId: number) {
  const [row] = await db.query<{ id: number; area_path: string; address: string | null }>(
    `SELECT h.id, h.area_path, h.address FROM ${householdsAs('h')} WHERE h.id = $1 AND h.area_path LIKE $2`,
    [householdId, `${zonePath}%`],
  );
  return row ?? null;
}

export interface HouseholdRow {
  household_id: number;
  address: string | null;
  area_name: string;
  people: number;
  needs: string[] | null;
  appointment_on: string | null;
  needs_note: string | null;
  surveyed_at: Date | null;
  delivered_today: number;
}

/** The zone's households with their latest survey and the day's deliveries (one household or all of them). */
export async function households(db: Queryable, zone: { id: number; path: string }, day: string, householdId?: number) {
  return db.query<HouseholdRow>(
    `SELECT h.id AS household_id, h.address, a.name AS area_name,
            (SELECT count(*)::int FROM ${residentsAs('r')} WHERE r.household_id = h.id AND r.merged_into IS NULL AND r.status IN ('present', 'away')) AS people,
            n.needs, ${d('n.appointment_on', 'appointment_on')}, n.note AS needs_note, n.recorded_at AS surveyed_at,
            (SELECT count(*)::int FROM zone_distributions x WHERE x.zone_id = $1 AND x.household_id = h.id AND x.day = $3::date) AS delivered_today
       FROM ${householdsAs('h')} JOIN ${areasAs('a')} ON a.id = h.area_id
       LEFT JOIN LATERAL (SELECT needs, appointment_on, note, recorded_at FROM zone_needs WHERE zone_id = $1 AND household_id = h.id ORDER BY id DESC LIMIT 1) n ON true
      WHERE h.area_path LIKE $2 ${householdId ? 'AND h.id = $4' : ''}
      ORDER BY h.area_path, h.address, h.id LIMIT 2000`,
    householdId ? [zone.id, `${zone.path}%`, day, householdId] : [zone.id, `${zone.path}%`, day],
  );
}

/** Claims the phone's client id: the new survey's id, or null when that id was already recorded. */
export async function insertNeeds(
  tx: Queryable,
  n: {
    clientId: string;
    zoneId: number;
    householdId: number;
    areaPath: string;
    needs: string[];
    appointmentOn: string | null;
    note: string | null;
    by: number;
  },
) {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO zone_needs (client_id, zone_id, household_id, area_path, needs, appointment_on, note, recorded_by)
     VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8) ON CONFLICT (client_id) DO NOTHING RETURNING id`,
    [n.clientId, n.zoneId, n.householdId, n.areaPath, n.needs, n.appointmentOn, n.note, n.by],
  );
  return row?.id ?? null;
}

export async function needsByClient(db: Queryable, clientId: string) {
  const [row] = await db.query<{ zone_id: number; household_id: number }>(`SELECT zone_id, household_id FROM zone_needs WHERE client_id = $1`, [clientId]);
  return row ?? null;
}

export interface DistributionRow {
  id: number;
  zone_id: number;
  household_id: number;
  address: string | null;
  day: string;
  items: string;
  confirmation: 'photo' | 'recipient';
  recipient: string | null;
  recorded_at: Date;
}
const DIST = `SELECT x.id, x.zone_id, x.household_id, h.address, ${d('x.day', 'day')}, x.items, x.confirmation, x.recipient, x.recorded_at
  FROM zone_distributions x JOIN ${householdsAs('h')} ON h.id = x.household_id`;

export async function insertDistribution(
  tx: Queryable,
  x: {
    clientId: string;
    zoneId: number;
    householdId: number;
    areaPath: string;
    day: string;
    items: string;
    confirmation: string;
    recipient: string | null;
    by: number;
  },
) {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO zone_distributions (client_id, zone_id, household_id, area_path, day, items, confirmation, recipient, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (client_id) DO NOTHING RETURNING id`,
    [x.clientId, x.zoneId, x.householdId, x.areaPath, x.day, x.items, x.confirmation, x.recipient, x.by],
  );
  return row?.id ?? null;
}

export async function distributionByClient(db: Queryable, clientId: string) {
  const [row] = await db.query<DistributionRow>(`${DIST} WHERE x.client_id = $1`, [clientId]);
  return row ?? null;
}

export async function distributionsOn(db: Queryable, zoneId: number, day: string, insidePath: string) {
  return db.query<DistributionRow>(`${DIST} WHERE x.zone_id = $1 AND x.day = $2::date AND x.area_path LIKE $3 ORDER BY x.id DESC LIMIT 2000`, [
    zoneId,
    day,
    `${insidePath}%`,
  ]);
}

export interface GreenRow {
  id: number;
  zone_id: number;
  area_path: string;
  household_id: number | null;
  address: string | null;
  kind: string;
  requested_at: Date;
  responded_at: Date | null;
  note: string | null;
}
const GREEN = `SELECT g.id, g.zone_id, g.area_path, g.household_id, h.address, g.kind, g.requested_at, g.responded_at, g.note
  FROM zone_green_channel g LEFT JOIN ${householdsAs('h')} ON h.id = g.household_id`;

export async function insertGreen(
  tx: Queryable,
  g: {
    zoneId: number;
    householdId: number | null;
    areaPath: string;
    kind: string;
    requestedAt: string;
    respondedAt: string | null;
    note: string | null;
    by: number;
  },
) {
  const [{ id }] = await tx.query<{ id: number }>(
    `INSERT INTO zone_green_channel (zone_id, household_id, area_path, kind, requested_at, responded_at, note, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [g.zoneId, g.householdId, g.areaPath, g.kind, g.requestedAt, g.respondedAt, g.note, g.by],
  );
  return id;
}

export async function findGreen(db: Queryable, scope: Scope, id: number) {
  const q = new SqlParams();
  const [row] = await db.query<GreenRow>(`${GREEN} WHERE g.id = ${q.add(id)} AND ${scopeClause(scope, 'g.area_path', q)}`, q.values);
  return row ?? null;
}

/** Records the response once: false when another phone's answer came first (the first time stands). */
export async function respondGreen(tx: Queryable, id: number, at: string): Promise<boolean> {
  return (await tx.execute(`UPDATE zone_green_channel SET responded_at = $2 WHERE id = $1 AND responded_at IS NULL`, [id, at])) > 0;
}

/** The green channel around a day: requests made that day, and any still unanswered. */
export async function greenAround(db: Queryable, zoneId: number, day: string, timeZone: string, insidePath: string) {
  return db.query<GreenRow>(
    `${GREEN} WHERE g.zone_id = $1 AND g.area_path LIKE $4 AND ((g.requested_at AT TIME ZONE $3)::date = $2::date OR g.responded_at IS NULL)
      ORDER BY g.requested_at DESC LIMIT 500`,
    [zoneId, day, timeZone, `${insidePath}%`],
  );
}

export interface ProblemRow {
  id: number;
  zone_id: number;
  area_path: string;
  household_id: number | null;
  summary: string;
  outcome: string;
  handled_by: string | null;
  created_at: Date;
  closed_at: Date | null;
}
const PROBLEM = `SELECT id, zone_id, area_path, household_id, summary, outcome, handled_by, created_at, closed_at FROM zone_problems`;

export async function insertProblem(
  tx: Queryable,
  p: { zoneId: number; householdId: number | null; areaPath: string; summary: string; outcome: string; handledBy: string | null; by: number },
) {
  const [{ id }] = await tx.query<{ id: number }>(
    `INSERT INTO zone_problems (zone_id, household_id, area_path, summary, outcome, handled_by, recorded_by, closed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $5 = 'open' THEN NULL ELSE now() END) RETURNING id`,
    [p.zoneId, p.householdId, p.areaPath, p.summary, p.outcome, p.handledBy, p.by],
  );
  return id;
}

export async function findProblem(db: Queryable, scope: Scope, id: number) {
  const q = new SqlParams();
  const [row] = await db.query<ProblemRow>(`${PROBLEM} WHERE id = ${q.add(id)} AND ${scopeClause(scope, 'area_path', q)}`, q.values);
  return row ?? null;
}

/** Closes an open problem once: false when someone closed it a moment ago. */
export async function closeProblem(tx: Queryable, id: number, outcome: string, handledBy: string | null): Promise<boolean> {
  const n = await tx.execute(
    `UPDATE zone_problems SET outcome = $2, handled_by = COALESCE($3, handled_by), closed_at = now() WHERE id = $1 AND outcome = 'open'`,
    [id, outcome, handledBy],
  );
  return n > 0;
}

/** Every problem of the zone (the counts are the zone's whole stay, like the seed's), the latest first. */
export async function problemsOf(db: Queryable, zoneId: number, insidePath: string) {
  return db.query<ProblemRow>(`${PROBLEM} WHERE zone_id = $1 AND area_path LIKE $2 ORDER BY id DESC LIMIT 1000`, [zoneId, `${insidePath}%`]);
}
