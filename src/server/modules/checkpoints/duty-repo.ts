import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { usersAs } from '../users/sql';

/** SQL of the roster (checkpoint_assignments), check-ins and handovers. */
export interface AssignmentRow {
  id: number;
  post_id: number;
  post_name: string;
  place: string | null;
  area_path: string;
  day: string;
  shift_code: string;
  shift_name: string;
  starts_at: Date;
  ends_at: Date;
  user_id: number;
  user_name: string;
  role: string;
  checked_in_at: Date | null;
  late_minutes: number | null;
}

const COLUMNS = `x.id, x.post_id, p.name AS post_name, p.place, x.area_path, x.day::text AS day, x.shift_code,
  COALESCE((SELECT s->>'name' FROM jsonb_array_elements(p.shifts) s WHERE s->>'code' = x.shift_code LIMIT 1), x.shift_code) AS shift_name,
  x.starts_at, x.ends_at, x.user_id, u.display_name AS user_name, x.role, x.checked_in_at, x.late_minutes`;
const FROM = `checkpoint_assignments x JOIN checkpoint_posts p ON p.id = x.post_id JOIN ${usersAs('u')} ON u.id = x.user_id`;

/** The shift's instants: local start and end on the day (an end at or before the start is the next day). */
const STARTS = (day: string, start: string, tz: string) => `((${day}::date + ${start}::time) AT TIME ZONE ${tz}::text)`;
const ENDS = (day: string, start: string, end: string, tz: string) =>
  `((${day}::date + ${end}::time + CASE WHEN ${end}::time <= ${start}::time THEN interval '1 day' ELSE interval '0' END) AT TIME ZONE ${tz}::text)`;
export { ENDS as shiftEndsSql, STARTS as shiftStartsSql };

export async function findAssignment(db: Queryable, scope: Scope, id: number): Promise<AssignmentRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<AssignmentRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE x.id = ${q.add(id)} AND ${scopeClause(scope, 'x.area_path', q)}`, q.values);
  return row ?? null;
}

/** A user the caller may put on duty: an enabled account inside the caller's scope. */
export async function staffInScope(
  db: Queryable,
  scope: Scope,
  userId: number,
): Promise<{ id: number; name: string; area_id: number; area_path: string } | null> {
  const q = new SqlParams();
  const [row] = await db.query<{ id: number; name: string; area_id: number; area_path: string }>(
    `SELECT u.id, u.display_name AS name, u.area_id, u.area_path FROM ${usersAs('u')} WHERE u.id = ${q.add(userId)} AND NOT u.disabled AND ${scopeClause(scope, 'u.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

/**
 * Puts a person on a shift, or answers the assignment that overlaps it in time (anywhere) — one person's
 * assignments are serialised by an advisory lock, so two racing requests cannot both pass the check.
 */
export async function insertAssignment(
  tx: Queryable,
  a: { postId: number; areaPath: string; day: string; shiftCode: string; start: string; end: string; userId: number; role: string; by: number; tz: string },
): Promise<{ id: number } | { clash: { id: number; post_id: number; post_name: string; area_path: string; day: string; shift_code: string } }> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('checkpoint-duty'), $1)`, [a.userId]);
  const instants = (q: SqlParams) => ({
    starts: STARTS(q.add(a.day), q.add(a.start), q.add(a.tz)),
    ends: ENDS(q.add(a.day), q.add(a.start), q.add(a.end), q.add(a.tz)),
  });
  const q1 = new SqlParams();
  const i1 = instants(q1);
  const [clash] = await tx.query<{ id: number; post_id: number; post_name: string; area_path: string; day: string; shift_code: string }>(
    `SELECT x.id, x.post_id, p.name AS post_name, x.area_path, x.day::text AS day,
            COALESCE((SELECT s->>'name' FROM jsonb_array_elements(p.shifts) s WHERE s->>'code' = x.shift_code LIMIT 1), x.shift_code) AS shift_code
       FROM checkpoint_assignments x JOIN checkpoint_posts p ON p.id = x.post_id
      WHERE x.user_id = ${q1.add(a.userId)} AND x.starts_at < ${i1.ends} AND x.ends_at > ${i1.starts} LIMIT 1`,
    q1.values,
  );
  if (clash) return { clash };
  const q = new SqlParams();
  const i = instants(q);
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO checkpoint_assignments (post_id, area_path, day, shift_code, user_id, role, starts_at, ends_at, created_by)
     VALUES (${q.add(a.postId)}, ${q.add(a.areaPath)}, ${q.add(a.day)}::date, ${q.add(a.shiftCode)}, ${q.add(a.userId)}, ${q.add(a.role)}, ${i.starts}, ${i.ends}, ${q.add(a.by)})
     RETURNING id`,
    q.values,
  );
  return { id: row.id };
}

export async function deleteAssignment(tx: Queryable, id: number): Promise<void> {
  await tx.query('DELETE FROM checkpoint_assignments WHERE id = $1', [id]);
}

export async function assignmentsOf(db: Queryable, scope: Scope, p: { postIds: number[]; from: string; to: string }): Promise<AssignmentRow[]> {
  const q = new SqlParams();
  return db.query<AssignmentRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE x.post_id = ANY(${q.add(p.postIds)}::int[]) AND x.day BETWEEN ${q.add(p.from)}::date AND ${q.add(p.to)}::date
        AND ${scopeClause(scope, 'x.area_path', q)} ORDER BY x.starts_at, u.display_name`,
    q.values,
  );
}

/** My shifts: not ended before `since`, soonest first. Mine whatever the scope: the roster put me there. */
export async function shiftsOfUser(db: Queryable, userId: number, since: Date): Promise<AssignmentRow[]> {
  return db.query<AssignmentRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE x.user_id = $1 AND x.ends_at > $2 ORDER BY x.starts_at LIMIT 60`, [userId, since]);
}

/** My assignments: one by id, or every one on the days of a range (a swap or leave request names them). */
export async function assignmentsOfUser(db: Queryable, userId: number, p: { id?: number; from?: string; to?: string }): Promise<AssignmentRow[]> {
  const q = new SqlParams();
  const where = [`x.user_id = ${q.add(userId)}`];
  if (p.id) where.push(`x.id = ${q.add(p.id)}`);
  if (p.from) where.push(`x.day >= ${q.add(p.from)}::date`);
  if (p.to) where.push(`x.day <= ${q.add(p.to)}::date`);
  return db.query<AssignmentRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE ${where.join(' AND ')} ORDER BY x.starts_at LIMIT 200`, q.values);
}

/** The caller's shift at a post that is on now (or starts within `earlyMinutes`), to check in to. */
export async function shiftToCheckIn(db: Queryable, userId: number, postId: number, now: Date, earlyMinutes: number): Promise<AssignmentRow | null> {
  const [row] = await db.query<AssignmentRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE x.user_id = $1 AND x.post_id = $2 AND x.starts_at - make_interval(mins => $4) <= $3 AND x.ends_at > $3
      ORDER BY x.starts_at LIMIT 1`,
    [userId, postId, now, earlyMinutes],
  );
  return row ?? null;
}

/** Stamps the check-in once: a second scan keeps the first time. */
export async function stampCheckIn(tx: Queryable, id: number, now: Date): Promise<boolean> {
  const n = await tx.execute(
    `UPDATE checkpoint_assignments SET checked_in_at = $2, late_minutes = GREATEST(0, floor(extract(epoch FROM ($2::timestamptz - starts_at)) / 60))::int
      WHERE id = $1 AND checked_in_at IS NULL`,
    [id, now],
  );
  return n > 0;
}

export interface HandoverRow {
  id: number;
  post_id: number;
  day: string;
  shift_code: string;
  incidents: string | null;
  supplies_short: string[];
  note: string | null;
  recorded_by_name: string | null;
  recorded_at: Date;
}

export async function insertHandover(
  tx: Queryable,
  h: { postId: number; areaPath: string; day: string; shiftCode: string; incidents: string | null; suppliesShort: string[]; note: string | null; by: number },
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO checkpoint_handovers (post_id, area_path, day, shift_code, incidents, supplies_short, note, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [h.postId, h.areaPath, h.day, h.shiftCode, h.incidents, h.suppliesShort, h.note, h.by],
  );
  return row.id;
}

export async function handoversOf(db: Queryable, scope: Scope, p: { postId: number; id?: number; limit: number; offset: number }) {
  const q = new SqlParams();
  const rows = await db.query<HandoverRow & { total: number }>(
    `SELECT h.id, h.post_id, h.day::text AS day, h.shift_code, h.incidents, h.supplies_short, h.note, u.display_name AS recorded_by_name, h.recorded_at,
            count(*) OVER ()::int AS total
       FROM checkpoint_handovers h LEFT JOIN ${usersAs('u')} ON u.id = h.recorded_by
      WHERE h.post_id = ${q.add(p.postId)} ${p.id ? `AND h.id = ${q.add(p.id)}` : ''} AND ${scopeClause(scope, 'h.area_path', q)}
      ORDER BY h.recorded_at DESC, h.id DESC LIMIT ${q.add(p.limit)} OFFSET ${q.add(p.offset)}`,
    q.values,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}
