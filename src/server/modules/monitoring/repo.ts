import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';

/**
 * SQL of isolation sites and rooms, measures, follow-ups and fever alerts. Every read takes the caller's
 * scope. Names and masked numbers of residents come from a join on `residents` (read-only, the registry's
 * table): a measure is always about one registered person, and a per-row call would cost the doctor's list.
 */
export const LIVE_STATES = ['proposed', 'confirmed', 'active', 'release_check'];
/** Minutes after its due time that a follow-up may still be recorded on time; past it, it is overdue. */
export const WINDOW_MINUTES = 240;

// ——— sites and rooms ———
export interface SiteRow {
  id: number;
  name: string;
  address: string | null;
  area_id: number;
  area_path: string;
  area_name: string;
  closed_at: Date | null;
}
export interface RoomRow {
  id: number;
  site_id: number;
  code: string;
  capacity: number;
  occupied: number;
}

export async function findSite(db: Queryable, scope: Scope, id: number): Promise<SiteRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<SiteRow>(
    `SELECT s.id, s.name, s.address, s.area_id, s.area_path, a.name AS area_name, s.closed_at FROM isolation_sites s JOIN areas a ON a.id = s.area_id
      WHERE s.id = ${q.add(id)} AND ${scopeClause(scope, 's.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

export async function listSites(db: Queryable, scope: Scope, underPath?: string): Promise<SiteRow[]> {
  const q = new SqlParams();
  const under = underPath ? `AND s.area_path LIKE ${q.add(underPath + '%')}` : '';
  return db.query<SiteRow>(
    `SELECT s.id, s.name, s.address, s.area_id, s.area_path, a.name AS area_name, s.closed_at FROM isolation_sites s JOIN areas a ON a.id = s.area_id
      WHERE ${scopeClause(scope, 's.area_path', q)} ${under} ORDER BY s.name, s.id`,
    q.values,
  );
}

/** Rooms of these sites with how many live measures are in each. */
export async function roomsOf(db: Queryable, siteIds: number[]): Promise<RoomRow[]> {
  return db.query<RoomRow>(
    `SELECT r.id, r.site_id, r.code, r.capacity,
            (SELECT count(*)::int FROM measures m WHERE m.room_id = r.id AND m.state = ANY($2::text[])) AS occupied
       FROM isolation_rooms r WHERE r.site_id = ANY($1::int[]) ORDER BY r.site_id, r.code`,
    [siteIds, LIVE_STATES],
  );
}

export async function insertSite(tx: Queryable, s: { name: string; address: string | null; areaId: number; areaPath: string }): Promise<number> {
  const [{ id }] = await tx.query<{ id: number }>(`INSERT INTO isolation_sites (name, address, area_id, area_path) VALUES ($1, $2, $3, $4) RETURNING id`, [
    s.name,
    s.address,
    s.areaId,
    s.areaPath,
  ]);
  return id;
}

/** Adds rooms; a code the site already has keeps its row and takes the new capacity. */
export async function upsertRooms(tx: Queryable, site: { id: number; area_id: number; area_path: string }, rooms: { code: string; capacity: number }[]) {
  await tx.query(
    `INSERT INTO isolation_rooms (site_id, area_id, area_path, code, capacity)
     SELECT $1, $2, $3, v.code, v.capacity FROM unnest($4::text[], $5::int[]) AS v(code, capacity)
     ON CONFLICT (site_id, code) DO UPDATE SET capacity = EXCLUDED.capacity`,
    [site.id, site.area_id, site.area_path, rooms.map((r) => r.code), rooms.map((r) => r.capacity)],
  );
}

// ——— measures ———
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
const MEASURE_FROM = `measures m JOIN residents r ON r.id = m.resident_id JOIN areas a ON a.id = m.area_id
  LEFT JOIN isolation_sites s ON s.id = m.site_id LEFT JOIN isolation_rooms rm ON rm.id = m.room_id
  LEFT JOIN users gw ON gw.id = m.grid_worker_id LEFT JOIN users dr ON dr.id = m.doctor_id`;

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

/** How many live measures a room holds, locking the room row so two transfers cannot both take the last bed. */
export async function roomForUpdate(tx: Queryable, siteId: number, roomId: number): Promise<(RoomRow & { area_path: string }) | null> {
  const [room] = await tx.query<RoomRow & { area_path: string }>(
    `SELECT r.id, r.site_id, r.code, r.capacity, r.area_path, 0 AS occupied FROM isolation_rooms r WHERE r.id = $1 AND r.site_id = $2 FOR UPDATE`,
    [roomId, siteId],
  );
  if (!room) return null;
  const [{ n }] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM measures WHERE room_id = $1 AND state = ANY($2::text[])`, [
    roomId,
    LIVE_STATES,
  ]);
  return { ...room, occupied: n };
}

// ——— follow-ups ———
export interface FollowUpRow {
  id: number;
  measure_id: number;
  resident_id: number;
  resident_name: string;
  area_id: number;
  area_path: string;
  area_name: string;
  doctor_id: number | null;
  due_at: Date;
  day: string;
  time: string;
  status: string;
  overdue: boolean;
  temperature: string | null;
  symptoms: string[];
  note: string | null;
  recorded_at: Date | null;
  recorded_by_name: string | null;
  alert_id: number | null;
}

const FOLLOW_UP_COLUMNS = (tz: string) => `f.id, f.measure_id, f.resident_id, r.name AS resident_name, f.area_id, f.area_path, a.name AS area_name,
  f.doctor_id, f.due_at, to_char(f.due_at AT TIME ZONE ${tz}::text, 'YYYY-MM-DD') AS day, to_char(f.due_at AT TIME ZONE ${tz}::text, 'HH24:MI') AS time,
  f.status, (f.status = 'scheduled' AND f.window_ends_at < now()) AS overdue, f.temperature::text AS temperature, f.symptoms, f.note,
  f.recorded_at, u.display_name AS recorded_by_name, (SELECT fa.id FROM fever_alerts fa WHERE fa.follow_up_id = f.id) AS alert_id`;
const FOLLOW_UP_FROM = `follow_ups f JOIN residents r ON r.id = f.resident_id JOIN areas a ON a.id = f.area_id LEFT JOIN users u ON u.id = f.recorded_by`;

/**
 * Follow-ups of these measures, N a day at their times, from `from` to each measure's end or `until`
 * (the horizon), whichever comes first, in the deployment's time zone. Slots whose window is already over
 * are skipped; an existing one is kept (idempotent). Records how far each measure is written
 * (`follow_ups_until`), which the sweep reads to write the next days. Two statements.
 */
export async function generateFollowUps(tx: Queryable, measureIds: number[], from: string, until: string, timeZone: string): Promise<number> {
  const created = await tx.execute(
    `INSERT INTO follow_ups (measure_id, resident_id, area_id, area_path, doctor_id, due_at, window_ends_at)
     SELECT m.id, m.resident_id, m.area_id, m.area_path, m.doctor_id, x.at, x.at + make_interval(mins => $4)
       FROM measures m
       CROSS JOIN LATERAL generate_series(GREATEST(m.starts_on, $2::date), LEAST(m.ends_on, $5::date), interval '1 day') AS d(day)
       CROSS JOIN LATERAL unnest(m.follow_up_times) AS t(hhmm)
       CROSS JOIN LATERAL (SELECT ((d.day::date + t.hhmm::time)::timestamp AT TIME ZONE $3::text) AS at) x
      WHERE m.id = ANY($1::int[]) AND x.at + make_interval(mins => $4) > now()
     ON CONFLICT (measure_id, due_at) DO NOTHING`,
    [measureIds, from, timeZone, WINDOW_MINUTES, until],
  );
  await tx.execute(
    `UPDATE measures SET follow_ups_until = LEAST(ends_on, $2::date)
      WHERE id = ANY($1::int[]) AND follow_ups_until IS DISTINCT FROM LEAST(ends_on, $2::date)`,
    [measureIds, until],
  );
  return created;
}

/** Active measures whose follow-ups are not written as far as `until` (or their end): what the sweep tops up. */
export async function measuresShortOfHorizon(tx: Queryable, until: string, limit: number): Promise<number[]> {
  const rows = await tx.query<{ id: number }>(
    `SELECT id FROM measures
      WHERE state = 'active' AND (follow_ups_until IS NULL OR follow_ups_until < LEAST(ends_on, $1::date))
      ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [until, limit],
  );
  return rows.map((r) => r.id);
}

/** Cancels the scheduled follow-ups of a measure due on local days after `afterDay` (null: every one not yet due). */
export async function cancelFollowUps(tx: Queryable, measureId: number, afterDay: string | null, timeZone: string): Promise<number> {
  return afterDay
    ? tx.execute(
        `UPDATE follow_ups SET status = 'cancelled' WHERE measure_id = $1 AND status = 'scheduled' AND due_at >= (($2::date + 1)::timestamp AT TIME ZONE $3::text)`,
        [measureId, afterDay, timeZone],
      )
    : tx.execute(`UPDATE follow_ups SET status = 'cancelled' WHERE measure_id = $1 AND status = 'scheduled' AND due_at > now()`, [measureId]);
}

export async function setFollowUpDoctor(tx: Queryable, measureId: number, doctorId: number | null) {
  await tx.query(`UPDATE follow_ups SET doctor_id = $2 WHERE measure_id = $1 AND status = 'scheduled'`, [measureId, doctorId]);
}

export async function findFollowUp(db: Queryable, scope: Scope, id: number, tz: string): Promise<FollowUpRow | null> {
  const q = new SqlParams();
  const z = q.add(tz);
  const [row] = await db.query<FollowUpRow>(
    `SELECT ${FOLLOW_UP_COLUMNS(z)} FROM ${FOLLOW_UP_FROM} WHERE f.id = ${q.add(id)} AND ${scopeClause(scope, 'f.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

/** Follow-ups due on a local day, by doctor or all in scope, in time order. */
export async function followUpsOfDay(db: Queryable, scope: Scope, p: { day: string; doctorId?: number; tz: string }): Promise<FollowUpRow[]> {
  const q = new SqlParams();
  const z = q.add(p.tz);
  const day = q.add(p.day);
  const doctor = p.doctorId ? `AND f.doctor_id = ${q.add(p.doctorId)}` : '';
  return db.query<FollowUpRow>(
    `SELECT ${FOLLOW_UP_COLUMNS(z)} FROM ${FOLLOW_UP_FROM}
      WHERE f.due_at >= (${day}::date::timestamp AT TIME ZONE ${z}::text) AND f.due_at < ((${day}::date + 1)::timestamp AT TIME ZONE ${z}::text)
        AND f.status <> 'cancelled' AND ${scopeClause(scope, 'f.area_path', q)} ${doctor}
      ORDER BY f.due_at, a.path, r.name LIMIT 5000`,
    q.values,
  );
}

export async function listFollowUps(
  db: Queryable,
  scope: Scope,
  p: { measureId?: number; underPath?: string; from?: string; to?: string; status?: string; overdue?: boolean; tz: string; page: number; pageSize: number },
) {
  const q = new SqlParams();
  const z = q.add(p.tz);
  const where = [scopeClause(scope, 'f.area_path', q)];
  if (p.measureId) where.push(`f.measure_id = ${q.add(p.measureId)}`);
  if (p.underPath) where.push(`f.area_path LIKE ${q.add(p.underPath + '%')}`);
  if (p.from) where.push(`f.due_at >= (${q.add(p.from)}::date::timestamp AT TIME ZONE ${z}::text)`);
  if (p.to) where.push(`f.due_at < ((${q.add(p.to)}::date + 1)::timestamp AT TIME ZONE ${z}::text)`);
  if (p.status) where.push(`f.status = ${q.add(p.status)}`);
  if (p.overdue) where.push(`f.status = 'scheduled' AND f.window_ends_at < now()`);
  const w = where.join(' AND ');
  // The time zone is a parameter of every statement here, so the count names it too (an unused one has no type).
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM follow_ups f WHERE ${w} AND ${z}::text <> ''`, q.values);
  const rows = await db.query<FollowUpRow>(
    `SELECT ${FOLLOW_UP_COLUMNS(z)} FROM ${FOLLOW_UP_FROM} WHERE ${w} ORDER BY f.due_at, f.id LIMIT ${q.add(p.pageSize)} OFFSET ${q.add((p.page - 1) * p.pageSize)}`,
    q.values,
  );
  return { rows, total: n };
}

export async function recordFollowUp(
  tx: Queryable,
  id: number,
  f: { temperature: number; symptoms: string[]; note: string | null; by: number },
): Promise<boolean> {
  const n = await tx.execute(
    `UPDATE follow_ups SET status = 'done', temperature = $2, symptoms = $3, note = $4, recorded_at = now(), recorded_by = $5 WHERE id = $1 AND status = 'scheduled'`,
    [id, f.temperature, f.symptoms, f.note, f.by],
  );
  return n === 1;
}

// ——— fever alerts ———
export interface AlertRow {
  id: number;
  follow_up_id: number | null;
  measure_id: number | null;
  resident_id: number;
  resident_name: string;
  area_id: number;
  area_path: string;
  area_name: string;
  temperature: string | null;
  symptoms: string[];
  raised_at: Date;
  status: string;
  resolution: string | null;
  note: string | null;
  resolved_at: Date | null;
  resolved_by_name: string | null;
}
const ALERT_COLUMNS = `fa.id, fa.follow_up_id, fa.measure_id, fa.resident_id, r.name AS resident_name, fa.area_id, fa.area_path, a.name AS area_name,
  fa.temperature::text AS temperature, fa.symptoms, fa.raised_at, fa.status, fa.resolution, fa.note, fa.resolved_at, u.display_name AS resolved_by_name`;
const ALERT_FROM = `fever_alerts fa JOIN residents r ON r.id = fa.resident_id JOIN areas a ON a.id = fa.area_id LEFT JOIN users u ON u.id = fa.resolved_by`;

export async function insertAlert(
  tx: Queryable,
  a: { followUpId: number; measureId: number; residentId: number; areaId: number; areaPath: string; temperature: number; symptoms: string[] },
): Promise<number> {
  const [{ id }] = await tx.query<{ id: number }>(
    `INSERT INTO fever_alerts (follow_up_id, measure_id, resident_id, area_id, area_path, temperature, symptoms) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [a.followUpId, a.measureId, a.residentId, a.areaId, a.areaPath, a.temperature, a.symptoms],
  );
  return id;
}

export async function findAlert(db: Queryable, scope: Scope, id: number): Promise<AlertRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<AlertRow>(
    `SELECT ${ALERT_COLUMNS} FROM ${ALERT_FROM} WHERE fa.id = ${q.add(id)} AND ${scopeClause(scope, 'fa.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

export async function listAlerts(db: Queryable, scope: Scope, p: { status?: string; underPath?: string }): Promise<AlertRow[]> {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'fa.area_path', q)];
  if (p.status) where.push(`fa.status = ${q.add(p.status)}`);
  if (p.underPath) where.push(`fa.area_path LIKE ${q.add(p.underPath + '%')}`);
  return db.query<AlertRow>(
    `SELECT ${ALERT_COLUMNS} FROM ${ALERT_FROM} WHERE ${where.join(' AND ')} ORDER BY fa.status = 'open' DESC, fa.raised_at DESC LIMIT 500`,
    q.values,
  );
}

export async function resolveAlert(tx: Queryable, id: number, f: { resolution: string; note: string | null; by: number }): Promise<boolean> {
  const n = await tx.execute(
    `UPDATE fever_alerts SET status = 'resolved', resolution = $2, note = $3, resolved_at = now(), resolved_by = $4 WHERE id = $1 AND status = 'open'`,
    [id, f.resolution, f.note, f.by],
  );
  return n === 1;
}
