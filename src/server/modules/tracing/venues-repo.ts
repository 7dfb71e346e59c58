import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { residentsAs } from '../residents/sql';
import { heldPatterns } from '../../platform/purge';

/** The visits' table, split by month (migration 0057): its months are made and dropped by platform/month-partitions. */
export const VISITS_TABLE = 'tracing_venue_visits';

/** Venues (场所码) and their visits: the register is scoped by the venue's area; the public scan finds a venue by token. */
export interface VenueRow {
  id: number;
  area_id: number;
  area_path: string;
  area_name: string;
  name: string;
  address: string | null;
  token: string;
  active: boolean;
  created_at: Date;
  visits: number;
}

const VENUE_SELECT = `SELECT v.id, v.area_id, v.area_path, a.name AS area_name, v.name, v.address, v.token, v.active, v.created_at,
    (SELECT count(*)::int FROM tracing_venue_visits x WHERE x.venue_id = v.id) AS visits
  FROM tracing_venues v JOIN ${areasAs('a')} ON a.id = v.area_id`;

export async function listVenues(db: Queryable, scope: Scope, p: { underPath?: string; limit: number; offset: number }) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'v.area_path', q)];
  if (p.underPath) where.push(`v.area_path LIKE ${q.add(`${p.underPath}%`)}`);
  const w = where.join(' AND ');
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM tracing_venues v WHERE ${w}`, q.values);
  const rows = await db.query<VenueRow>(
    `${VENUE_SELECT} WHERE ${w} ORDER BY v.area_path, v.name, v.id LIMIT ${q.add(p.limit)} OFFSET ${q.add(p.offset)}`,
    q.values,
  );
  return { rows, total: n };
}

export async function findVenue(db: Queryable, scope: Scope, id: number): Promise<VenueRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<VenueRow>(`${VENUE_SELECT} WHERE v.id = ${q.add(id)} AND ${scopeClause(scope, 'v.area_path', q)}`, q.values);
  return row ?? null;
}

export async function venueByToken(db: Queryable, token: string): Promise<VenueRow | null> {
  const [row] = await db.query<VenueRow>(`${VENUE_SELECT} WHERE v.token = $1 AND v.active`, [token]);
  return row ?? null;
}

export async function venuesByIds(db: Queryable, ids: number[]): Promise<{ id: number; name: string; area_path: string }[]> {
  if (!ids.length) return [];
  return db.query(`SELECT id, name, area_path FROM tracing_venues WHERE id = ANY($1::int[])`, [ids]);
}

export async function insertVenue(tx: Queryable, v: { areaId: number; areaPath: string; name: string; address: string | null; token: string; by: number }) {
  const [{ id }] = await tx.query<{ id: number }>(
    `INSERT INTO tracing_venues (area_id, area_path, name, address, token, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [v.areaId, v.areaPath, v.name, v.address, v.token, v.by],
  );
  return id;
}

export async function updateVenue(tx: Queryable, id: number, f: { name: string; address: string | null; active: boolean }) {
  await tx.query(`UPDATE tracing_venues SET name = $2, address = $3, active = $4 WHERE id = $1`, [id, f.name, f.address, f.active]);
}

/**
 * The registry person a visit names: by ID number, else by a phone exactly one present person holds — and only when
 * the typed name is theirs too (the page has no account: anyone could type a neighbour's ID number and put them at a
 * venue a case visited). The phone is matched by the registry's tail index (reverse), not a scan of every resident.
 */
export async function matchVisitor(db: Queryable, idNumber: string | null, phone: string, name: string): Promise<number | null> {
  const rows = await db.query<{ id: number }>(
    `SELECT r.id FROM ${residentsAs('r')}
      WHERE r.merged_into IS NULL AND ${idNumber ? 'r.id_number = $1' : 'reverse(r.phone) = reverse($1)'} AND r.name = $2 LIMIT 2`,
    [idNumber ?? phone, name],
  );
  return rows.length === 1 ? rows[0].id : null;
}

export async function insertVisit(
  tx: Queryable,
  v: { venueId: number; areaPath: string; name: string; phone: string; idNumber: string | null; residentId: number | null; at: Date },
) {
  const [row] = await tx.query<{ id: number; visited_at: Date }>(
    `INSERT INTO tracing_venue_visits (venue_id, area_path, name, phone, id_number, resident_id, visited_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING id, visited_at`,
    [v.venueId, v.areaPath, v.name, v.phone, v.idNumber, v.residentId, v.at],
  );
  return row;
}

export interface VisitRow {
  id: number;
  name: string;
  phone: string;
  id_number: string | null;
  resident_id: number | null;
  visited_at: Date;
}

export async function visitsOf(db: Queryable, venueId: number, limit: number, offset: number) {
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM tracing_venue_visits WHERE venue_id = $1`, [venueId]);
  const rows = await db.query<VisitRow>(
    `SELECT id, name, phone, id_number, resident_id, visited_at FROM tracing_venue_visits WHERE venue_id = $1 ORDER BY visited_at DESC, id DESC LIMIT $2 OFFSET $3`,
    [venueId, limit, offset],
  );
  return { rows, total: n };
}

export interface VisitNear extends VisitRow {
  key: number;
  venue_name: string;
  venue_area_path: string;
}

/**
 * Visits at each venue in its window (exposure suggestions). Each window is its own lateral read (`OFFSET 0` keeps
 * the planner from flattening it): its venue and both ends go into the index, and only the months the window
 * touches are read. A plain join was planned on the venue alone, reading every month of the venue.
 */
export const VISITS_NEAR = `SELECT w.key, x.id, x.name, x.phone, x.id_number, x.resident_id, x.visited_at, v.name AS venue_name, v.area_path AS venue_area_path
       FROM unnest($1::int[], $2::int[], $3::timestamptz[], $4::timestamptz[]) AS w(key, venue_id, t0, t1)
       JOIN tracing_venues v ON v.id = w.venue_id
       CROSS JOIN LATERAL (
         SELECT x.id, x.name, x.phone, x.id_number, x.resident_id, x.visited_at FROM tracing_venue_visits x
          WHERE x.venue_id = w.venue_id AND x.visited_at >= w.t0 AND x.visited_at < w.t1 OFFSET 0) x`;

/** Visits at each venue in its window (exposure suggestions). */
export async function visitsNear(db: Queryable, windows: { key: number; venueId: number; from: Date; to: Date }[]): Promise<VisitNear[]> {
  if (!windows.length) return [];
  return db.query<VisitNear>(VISITS_NEAR, [windows.map((w) => w.key), windows.map((w) => w.venueId), windows.map((w) => w.from), windows.map((w) => w.to)]);
}

/** A person's own visits since a time (the case's check-ins). */
export function visitsByResident(db: Queryable, residentId: number, since: Date): Promise<{ venue_id: number; venue_name: string; visited_at: Date }[]> {
  return db.query(
    `SELECT x.venue_id, v.name AS venue_name, x.visited_at FROM tracing_venue_visits x JOIN tracing_venues v ON v.id = x.venue_id
      WHERE x.resident_id = $1 AND x.visited_at >= $2 ORDER BY x.visited_at LIMIT 50`,
    [residentId, since],
  );
}

export async function visitDays(db: Queryable): Promise<number> {
  const [row] = await db.query<{ visit_days: number }>(`SELECT visit_days FROM tracing_venue_policy`);
  return row?.visit_days ?? 28;
}

/**
 * Deletes the visits before the cutoff, outside the held areas (LIKE patterns of their paths); answers how many
 * went. After the whole months are dropped this is the partial month, and whatever waited in the default partition.
 */
export async function sweepVisits(tx: Queryable, cutoff: Date, heldPaths: readonly string[]): Promise<number> {
  const rows = await tx.query<{ id: number }>(`DELETE FROM tracing_venue_visits WHERE visited_at < $1 AND NOT (area_path LIKE ANY($2::text[])) RETURNING id`, [
    cutoff,
    heldPatterns(heldPaths),
  ]);
  return rows.length;
}

/** Whether a month partition of the visits holds a row under a held area (then the month is not dropped whole). */
export async function partitionHasHeld(tx: Queryable, partition: string, heldPaths: readonly string[]): Promise<boolean> {
  if (!heldPaths.length) return false;
  if (!/^tracing_venue_visits_y\d{4}m\d{2}$/.test(partition)) throw new Error(`not a month of the visits: ${partition}`);
  const [row] = await tx.query(`SELECT 1 FROM ${partition} WHERE area_path LIKE ANY($1::text[]) LIMIT 1`, [heldPatterns(heldPaths)]);
  return row !== undefined;
}
