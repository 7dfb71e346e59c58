import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { residentsAs } from '../residents/sql';
import { usersAs } from '../users/sql';

/**
 * SQL of measures. Every read takes the caller's scope. Names and masked numbers of residents come from a
 * join on `residents` (read-only, the registry's table): a measure is always about one registered person,
 * and a per-row call would cost the measures list.
 */
export const LIVE_STATES = ['proposed', 'confirmed', 'active', 'release_check'];

export interface MeasureRow {
  id: number;
  resident_id: number;
  resident_name: string;
  id_number: string | null;
  arrival_id: number | null;
  area_id: number;
  area_path: string;
  area_name: string;
  kind: string;
  state: string;
  place: string;
  site_id: number | null;
  site_name: string | null;
  room_id: number | null;
  room_code: string | null;
  starts_on: string;
  ends_on: string;
  grid_worker_id: number | null;
  grid_worker_name: string | null;
  doctor_id: number | null;
  doctor_name: string | null;
  policy_set_id: number | null;
  rule_version: string | null;
  situation: unknown;
  test_dates: string[];
  follow_ups_per_day: number;
  follow_up_times: string[];
  next_steps: { measure: string; startsOn: string; endsOn: string }[];
  previous_id: number | null;
  reason: string | null;
  released_at: Date | null;
  created_at: Date;
}

const MEASURE_COLUMNS = `m.id, m.resident_id, r.name AS resident_name, r.id_number, m.arrival_id, m.area_id, m.area_path, a.name AS area_name,
  m.kind, m.state, m.place, m.site_id, s.name AS site_name, m.room_id, rm.code AS room_code,
  to_char(m.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(m.ends_on, 'YYYY-MM-DD') AS ends_on,
  m.grid_worker_id, gw.display_name AS grid_worker_name, m.doctor_id, dr.display_name AS doctor_name,
  m.policy_set_id, m.rule_version, m.situation, ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(m.test_dates) AS d ORDER BY d) AS test_dates,
  m.follow_ups_per_day, m.follow_up_times, m.next_steps, m.previous_id, m.reason, m.released_at, m.created_at`;
const MEASURE_FROM = `measures m JOIN ${residentsAs('r')} ON r.id = m.resident_id JOIN ${areasAs('a')} ON a.id = m.area_id
  LEFT JOIN isolation_sites s ON s.id = m.site_id LEFT JOIN isolation_rooms rm ON rm.id = m.room_id
  LEFT JOIN ${usersAs('gw')} ON gw.id = m.grid_worker_id LEFT JOIN ${usersAs('dr')} ON dr.id = m.doctor_id`;

export async function findMeasure(db: Queryable, scope: Scope, id: number): Promise<MeasureRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<MeasureRow>(
    `SELECT ${MEASURE_COLUMNS} FROM ${MEASURE_FROM} WHERE m.id = ${q.add(id)} AND ${scopeClause(scope, 'm.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

export async function listMeasures(
  db: Queryable,
  scope: Scope,
  p: { underPath?: string; state?: string; kind?: string; residentId?: number; page: number; pageSize: number },
) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'm.area_path', q)];
  if (p.underPath) where.push(`m.area_path LIKE ${q.add(p.underPath + '%')}`);
  if (p.state) where.push(`m.state = ${q.add(p.state)}`);
  if (p.kind) where.push(`m.kind = ${q.add(p.kind)}`);
  if (p.residentId) where.push(`m.resident_id = ${q.add(p.residentId)}`);
  const w = where.join(' AND ');
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM measures m WHERE ${w}`, q.values);
  const rows = await db.query<MeasureRow>(
    `SELECT ${MEASURE_COLUMNS} FROM ${MEASURE_FROM} WHERE ${w} ORDER BY m.id DESC LIMIT ${q.add(p.pageSize)} OFFSET ${q.add((p.page - 1) * p.pageSize)}`,
    q.values,
  );
  return { rows, total: n };
}

export async function hasLiveMeasure(db: Queryable, residentId: number): Promise<boolean> {
  const rows = await db.query(`SELECT 1 FROM measures WHERE resident_id = $1 AND state = ANY($2::text[]) LIMIT 1`, [residentId, LIVE_STATES]);
  return rows.length > 0;
}

/** The live measures (proposed to awaiting release) of several people at once, the newest per person: tracing keeps a stricter one instead of proposing. */
export async function liveMeasuresOf(db: Queryable, residentIds: readonly number[]): Promise<Map<number, { id: number; kind: string; state: string }>> {
  if (!residentIds.length) return new Map();
  const rows = await db.query<{ id: number; kind: string; state: string; resident_id: number }>(
    `SELECT DISTINCT ON (resident_id) id, kind, state, resident_id FROM measures
      WHERE resident_id = ANY($1::int[]) AND state = ANY($2::text[]) ORDER BY resident_id, id DESC`,
    [[...residentIds], LIVE_STATES],
  );
  return new Map(rows.map((r) => [r.resident_id, { id: r.id, kind: r.kind, state: r.state }]));
}

export interface NewMeasure {
  residentId: number;
  areaId: number;
  areaPath: string;
  kind: string;
  place: string;
  siteId: number | null;
  roomId: number | null;
  startsOn: string;
  endsOn: string;
  gridWorkerId: number | null;
  doctorId: number | null;
  policySetId: number | null;
  ruleVersion: string | null;
  situation: unknown;
  testDates: string[];
  followUpsPerDay: number;
  followUpTimes: string[];
  nextSteps: unknown[];
  previousId: number | null;
  /** The arrival the measure was proposed for (screening/arrivals). */
  arrivalId?: number | null;
  createdBy: number;
}

export async function insertMeasure(tx: Queryable, m: NewMeasure): Promise<number> {
  const [{ id }] = await tx.query<{ id: number }>(
    `INSERT INTO measures (resident_id, area_id, area_path, kind, place, site_id, room_id, starts_on, ends_on, grid_worker_id, doctor_id,
       policy_set_id, rule_version, situation, test_dates, follow_ups_per_day, follow_up_times, next_steps, previous_id, created_by, arrival_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::date[], $16, $17, $18, $19, $20, $21) RETURNING id`,
    [
      m.residentId,
      m.areaId,
      m.areaPath,
      m.kind,
      m.place,
      m.siteId,
      m.roomId,
      m.startsOn,
      m.endsOn,
      m.gridWorkerId,
      m.doctorId,
      m.policySetId,
      m.ruleVersion,
      JSON.stringify(m.situation),
      m.testDates,
      m.followUpsPerDay,
      m.followUpTimes,
      JSON.stringify(m.nextSteps),
      m.previousId,
      m.createdBy,
      m.arrivalId ?? null,
    ],
  );
  return id;
}

/** Sets the named columns of a measure (a fixed list: never a caller's key). */
export async function updateMeasure(
  tx: Queryable,
  id: number,
  f: Partial<{
    state: string;
    ends_on: string;
    place: string;
    site_id: number | null;
    room_id: number | null;
    grid_worker_id: number | null;
    doctor_id: number | null;
    reason: string | null;
    released_at: Date | null;
  }>,
) {
  const allowed = ['state', 'ends_on', 'place', 'site_id', 'room_id', 'grid_worker_id', 'doctor_id', 'reason', 'released_at'];
  const q = new SqlParams();
  const sets = Object.entries(f)
    .filter(([k, v]) => allowed.includes(k) && v !== undefined)
    .map(([k, v]) => `${k} = ${q.add(v)}`);
  await tx.query(`UPDATE measures SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = ${q.add(id)}`, q.values);
}
