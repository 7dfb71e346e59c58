import type { Queryable } from '../../db/engine';
import { type Scope, scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { householdsAs, residentsAs } from '../residents/sql';

/** Vehicles, sessions and rides (专车接送): every read scoped by the row's area path. */

export interface VehicleRow {
  id: number;
  area_id: number;
  area_name: string;
  name: string;
  seats: number;
  wheelchair_spaces: number;
  driver: string | null;
}
export interface SessionRow {
  id: number;
  area_id: number;
  area_path: string;
  area_name: string;
  day: string;
  site: string;
  starts_at: string;
  ends_at: string;
  riders: number;
}

const VEHICLE = `v.id, v.area_id, a.name AS area_name, v.name, v.seats, v.wheelchair_spaces, v.driver`;
const SESSION = `s.id, s.area_id, s.area_path, a.name AS area_name, to_char(s.day, 'YYYY-MM-DD') AS day, s.site,
  to_char(s.starts_at, 'HH24:MI') AS starts_at, to_char(s.ends_at, 'HH24:MI') AS ends_at,
  (SELECT count(*)::int FROM vaccination_rides x WHERE x.session_id = s.id) AS riders`;

export async function listVehicles(db: Queryable, scope: Scope, underPath: string) {
  const q = new SqlParams();
  return db.query<VehicleRow>(
    `SELECT ${VEHICLE} FROM vaccination_vehicles v JOIN ${areasAs('a')} ON a.id = v.area_id
      WHERE v.area_path LIKE ${q.add(`${underPath}%`)} AND ${scopeClause(scope, 'v.area_path', q)} ORDER BY a.name, v.name, v.id`,
    q.values,
  );
}

export async function findVehicle(db: Queryable, scope: Scope, id: number) {
  const q = new SqlParams();
  const [row] = await db.query<VehicleRow>(
    `SELECT ${VEHICLE} FROM vaccination_vehicles v JOIN ${areasAs('a')} ON a.id = v.area_id WHERE v.id = ${q.add(id)} AND ${scopeClause(scope, 'v.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

/** A new vehicle; null when the village already has one of that name. */
export async function insertVehicle(
  tx: Queryable,
  v: { areaId: number; areaPath: string; name: string; seats: number; wheelchairSpaces: number; driver: string | null; by: number },
): Promise<number | null> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO vaccination_vehicles (area_id, area_path, name, seats, wheelchair_spaces, driver, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (area_id, name) DO NOTHING RETURNING id`,
    [v.areaId, v.areaPath, v.name, v.seats, v.wheelchairSpaces, v.driver, v.by],
  );
  return row?.id ?? null;
}

export async function listSessions(db: Queryable, scope: Scope, p: { underPath: string; day?: string }) {
  const q = new SqlParams();
  return db.query<SessionRow>(
    `SELECT ${SESSION} FROM vaccination_sessions s JOIN ${areasAs('a')} ON a.id = s.area_id
      WHERE s.area_path LIKE ${q.add(`${p.underPath}%`)} AND ${scopeClause(scope, 's.area_path', q)} ${p.day ? `AND s.day = ${q.add(p.day)}::date` : ''}
      ORDER BY s.day DESC, s.starts_at, s.id LIMIT 500`,
    q.values,
  );
}

export async function findSession(db: Queryable, scope: Scope, id: number) {
  const q = new SqlParams();
  const [row] = await db.query<SessionRow>(
    `SELECT ${SESSION} FROM vaccination_sessions s JOIN ${areasAs('a')} ON a.id = s.area_id WHERE s.id = ${q.add(id)} AND ${scopeClause(scope, 's.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

export async function insertSession(
  tx: Queryable,
  s: { areaId: number; areaPath: string; day: string; site: string; startsAt: string; endsAt: string; by: number },
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO vaccination_sessions (area_id, area_path, day, site, starts_at, ends_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [s.areaId, s.areaPath, s.day, s.site, s.startsAt, s.endsAt, s.by],
  );
  return row.id;
}

export interface RideRow {
  id: number;
  session_id: number;
  session_day: string;
  site: string;
  resident_id: number;
  name: string;
  address: string | null;
  wheelchair: boolean;
  window_from: string;
  window_to: string;
}
const RIDE = `x.id, x.session_id, to_char(s.day, 'YYYY-MM-DD') AS session_day, s.site, x.resident_id, r.name,
  (SELECT h.address FROM ${householdsAs('h')} WHERE h.id = r.household_id) AS address,
  x.wheelchair, to_char(x.window_from, 'HH24:MI') AS window_from, to_char(x.window_to, 'HH24:MI') AS window_to`;
const RIDE_FROM = `vaccination_rides x JOIN vaccination_sessions s ON s.id = x.session_id JOIN ${residentsAs('r')} ON r.id = x.resident_id`;

/** A ride booked for a person; null when they already ride to that session. */
export async function insertRide(
  tx: Queryable,
  r: { sessionId: number; residentId: number; areaId: number; areaPath: string; wheelchair: boolean; from: string; to: string; by: number },
): Promise<number | null> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO vaccination_rides (session_id, resident_id, area_id, area_path, wheelchair, window_from, window_to, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (session_id, resident_id) DO NOTHING RETURNING id`,
    [r.sessionId, r.residentId, r.areaId, r.areaPath, r.wheelchair, r.from, r.to, r.by],
  );
  return row?.id ?? null;
}

export async function findRide(db: Queryable, scope: Scope, id: number) {
  const q = new SqlParams();
  const [row] = await db.query<RideRow>(`SELECT ${RIDE} FROM ${RIDE_FROM} WHERE x.id = ${q.add(id)} AND ${scopeClause(scope, 'x.area_path', q)}`, q.values);
  return row ?? null;
}

export async function ridesOfSessions(db: Queryable, scope: Scope, sessionIds: number[]) {
  if (!sessionIds.length) return [];
  const q = new SqlParams();
  return db.query<RideRow>(
    `SELECT ${RIDE} FROM ${RIDE_FROM} WHERE x.session_id = ANY(${q.add(sessionIds)}::int[]) AND ${scopeClause(scope, 'x.area_path', q)} ORDER BY x.id`,
    q.values,
  );
}

export async function ridesOfPerson(db: Queryable, scope: Scope, residentId: number) {
  const q = new SqlParams();
  const rows = await db.query<RideRow>(
    `SELECT ${RIDE} FROM ${RIDE_FROM} WHERE x.resident_id = ${q.add(residentId)} AND ${scopeClause(scope, 'x.area_path', q)} ORDER BY s.day DESC, x.id`,
    q.values,
  );
  return rows.map(toRide);
}

export const toRide = (r: RideRow) => ({
  id: r.id,
  sessionId: r.session_id,
  sessionDay: r.session_day,
  site: r.site,
  residentId: r.resident_id,
  name: r.name,
  wheelchair: r.wheelchair,
  from: r.window_from,
  to: r.window_to,
});
