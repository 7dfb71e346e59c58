import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { residentsAs } from '../residents/sql';
import { usersAs } from '../users/sql';

/** SQL of follow-ups: written ahead for active measures, the doctor's day, readings. Every read takes the caller's scope. */

/** Minutes after its due time that a follow-up may still be recorded on time; past it, it is overdue. */
export const WINDOW_MINUTES = 240;

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
  f.recorded_at, u.display_name AS recorded_by_name, (SELECT fa.id FROM fever_alerts fa WHERE fa.follow_up_id = f.id AND fa.follow_up_due_at = f.due_at) AS alert_id`;
const FOLLOW_UP_FROM = `follow_ups f JOIN ${residentsAs('r')} ON r.id = f.resident_id JOIN ${areasAs('a')} ON a.id = f.area_id LEFT JOIN ${usersAs('u')} ON u.id = f.recorded_by`;

/**
 * Follow-ups of these measures, N a day at their times, from `from` to each measure's end or `until`
 * (the horizon), whichever comes first, in the deployment's time zone. Slots whose window is already over
 * are skipped; an existing one is kept (idempotent). Records how far each measure is written
 * (`follow_up_horizons`, a narrow table: rewriting the wide measures for one date cost a third of writing a county's
 * follow-ups), which the sweep reads to write the next days. Two statements.
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
    `INSERT INTO follow_up_horizons AS h (measure_id, written_until)
     SELECT m.id, LEAST(m.ends_on, $2::date) FROM measures m WHERE m.id = ANY($1::int[])
     ON CONFLICT (measure_id) DO UPDATE SET written_until = excluded.written_until WHERE h.written_until IS DISTINCT FROM excluded.written_until`,
    [measureIds, until],
  );
  return created;
}

/**
 * Confirmed measures started together, their follow-ups written ahead as far as `until` and the horizon noted, in
 * ONE statement (the tracing board places a line list at once; `generateFollowUps` after an update is three). A
 * measure not (or no longer) confirmed is left as it is. Answers the measures started and how many follow-ups.
 */
export async function startConfirmedMany(tx: Queryable, measureIds: readonly number[], from: string, until: string, timeZone: string) {
  const rows = await tx.query<{ id: number; area_path: string; follow_ups: number }>(
    `WITH started AS (
       UPDATE measures SET state = 'active', updated_at = now()
        WHERE id = ANY($1::int[]) AND state = 'confirmed'
        RETURNING id, resident_id, area_id, area_path, doctor_id, starts_on, ends_on, follow_up_times),
     horizon AS (
       INSERT INTO follow_up_horizons AS h (measure_id, written_until) SELECT id, LEAST(ends_on, $5::date) FROM started
       ON CONFLICT (measure_id) DO UPDATE SET written_until = excluded.written_until),
     written AS (
       INSERT INTO follow_ups (measure_id, resident_id, area_id, area_path, doctor_id, due_at, window_ends_at)
       SELECT m.id, m.resident_id, m.area_id, m.area_path, m.doctor_id, x.at, x.at + make_interval(mins => $4)
         FROM started m
         CROSS JOIN LATERAL generate_series(GREATEST(m.starts_on, $2::date), LEAST(m.ends_on, $5::date), interval '1 day') AS d(day)
         CROSS JOIN LATERAL unnest(m.follow_up_times) AS t(hhmm)
         CROSS JOIN LATERAL (SELECT ((d.day::date + t.hhmm::time)::timestamp AT TIME ZONE $3::text) AS at) x
        WHERE x.at + make_interval(mins => $4) > now()
       ON CONFLICT (measure_id, due_at) DO NOTHING RETURNING 1)
     SELECT s.id, s.area_path, (SELECT count(*)::int FROM written) AS follow_ups FROM started s ORDER BY s.id`,
    [[...measureIds], from, timeZone, WINDOW_MINUTES, until],
  );
  return { started: rows.map((r) => ({ id: r.id, area_path: r.area_path })), followUps: rows[0]?.follow_ups ?? 0 };
}

/** Active measures whose follow-ups are not written as far as `until` (or their end): what the sweep tops up. */
export async function measuresShortOfHorizon(tx: Queryable, until: string, limit: number): Promise<number[]> {
  const rows = await tx.query<{ id: number }>(
    `SELECT m.id FROM measures m LEFT JOIN follow_up_horizons h ON h.measure_id = m.id
      WHERE m.state = 'active' AND (h.written_until IS NULL OR h.written_until < LEAST(m.ends_on, $1::date))
      ORDER BY m.id LIMIT $2 FOR UPDATE OF m SKIP LOCKED`,
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

/**
 * One follow-up; `due_key` is its due time as the database prints it, the half of its key (id, due_at) that finds
 * its month — exact, where a Date would drop the microseconds a hand-set time may carry.
 */
export async function findFollowUp(db: Queryable, scope: Scope, id: number, tz: string): Promise<(FollowUpRow & { due_key: string }) | null> {
  const q = new SqlParams();
  const z = q.add(tz);
  const [row] = await db.query<FollowUpRow & { due_key: string }>(
    `SELECT ${FOLLOW_UP_COLUMNS(z)}, f.due_at::text AS due_key FROM ${FOLLOW_UP_FROM} WHERE f.id = ${q.add(id)} AND ${scopeClause(scope, 'f.area_path', q)}`,
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
    // A doctor's own list, asked for by every doctor of a county morning and evening: its plan (found by the
    // doctor and the day, months pruned as it runs) is kept, where planning it over the month partitions cost
    // as much as running it. The list of a whole scope keeps being planned for its area's prefix.
    p.doctorId ? 'follow-ups-of-doctor' : undefined,
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
  key: { id: number; dueAt: string },
  f: { temperature: number; symptoms: string[]; note: string | null; by: number },
): Promise<boolean> {
  // The due time finds the month (follow-ups are partitioned by it, migration 0058): one partition's key, not every month's.
  const n = await tx.execute(
    `UPDATE follow_ups SET status = 'done', temperature = $2, symptoms = $3, note = $4, recorded_at = now(), recorded_by = $5
      WHERE id = $1 AND due_at = $6 AND status = 'scheduled'`,
    [key.id, f.temperature, f.symptoms, f.note, f.by, key.dueAt],
  );
  return n === 1;
}
