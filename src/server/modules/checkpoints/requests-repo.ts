import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { usersAs } from '../users/sql';

/** SQL of swap and leave requests (checkpoint_roster_requests, migration 0032). */
export interface RequestShift {
  assignmentId: number;
  postId: number;
  postName: string;
  day: string;
  shiftCode: string;
  shiftName: string;
  startsAt: string;
  endsAt: string;
  role: string;
}

export interface RequestRow {
  id: number;
  kind: 'swap' | 'leave';
  status: 'pending' | 'accepted_by_colleague' | 'approved' | 'refused' | 'withdrawn';
  requester_id: number;
  requester_name: string;
  colleague_id: number | null;
  colleague_name: string | null;
  area_id: number;
  area_path: string;
  area_name: string;
  assignment_ids: number[];
  shifts: RequestShift[];
  from_day: string | null;
  to_day: string | null;
  reason: string | null;
  decision_note: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  created_at: Date;
}

const COLUMNS = `r.id, r.kind, r.status, r.requester_id, rq.display_name AS requester_name, r.colleague_id, cl.display_name AS colleague_name,
  r.area_id, r.area_path, a.name AS area_name, r.assignment_ids, r.shifts, r.from_day::text AS from_day, r.to_day::text AS to_day, r.reason,
  r.decision_note, dc.display_name AS decided_by_name, r.decided_at, r.created_at`;
const FROM = `checkpoint_roster_requests r JOIN ${usersAs('rq')} ON rq.id = r.requester_id LEFT JOIN ${usersAs('cl')} ON cl.id = r.colleague_id
  JOIN ${areasAs('a')} ON a.id = r.area_id LEFT JOIN ${usersAs('dc')} ON dc.id = r.decided_by`;
const OPEN = `('pending', 'accepted_by_colleague')`;

/**
 * Who reaches a request: a cadre through the scope of its area; the requester and the named colleague because it is
 * theirs (their own shifts, wherever their scope lies). Each action names which of these it accepts.
 */
export type Reach = { scope: Scope } | { requester: number } | { colleague: number };

function reachClause(reach: Reach, q: SqlParams): string {
  if ('scope' in reach) return scopeClause(reach.scope, 'r.area_path', q);
  if ('requester' in reach) return `r.requester_id = ${q.add(reach.requester)}`;
  return `r.colleague_id = ${q.add(reach.colleague)}`;
}

export async function findRequest(db: Queryable, id: number, reach: Reach, lock = false): Promise<RequestRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<RequestRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE r.id = ${q.add(id)} AND ${reachClause(reach, q)}${lock ? ' FOR UPDATE OF r' : ''}`,
    q.values,
  );
  return row ?? null;
}

export async function listRequests(
  db: Queryable,
  scope: Scope,
  p: { underPath?: string; status: string; from?: string; limit: number; offset: number },
): Promise<{ rows: RequestRow[]; total: number }> {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'r.area_path', q)];
  if (p.underPath) where.push(`r.area_path LIKE ${q.add(`${p.underPath}%`)}`);
  if (p.status === 'open') where.push(`r.status IN ${OPEN}`);
  else if (p.status !== 'all') where.push(`r.status = ${q.add(p.status)}`);
  // Requests about a shift on or after the day (the board's week and later).
  if (p.from) where.push(`EXISTS (SELECT 1 FROM jsonb_array_elements(r.shifts) s WHERE (s->>'day')::date >= ${q.add(p.from)}::date)`);
  const rows = await db.query<RequestRow & { total: number }>(
    `SELECT ${COLUMNS}, count(*) OVER ()::int AS total FROM ${FROM} WHERE ${where.join(' AND ')}
      ORDER BY r.created_at DESC, r.id DESC LIMIT ${q.add(p.limit)} OFFSET ${q.add(p.offset)}`,
    q.values,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

/** Requests I made, and those naming me as the colleague: the latest 30 of each. */
export async function requestsOfUser(db: Queryable, userId: number): Promise<{ made: RequestRow[]; asked: RequestRow[] }> {
  const [made, asked] = await Promise.all([
    db.query<RequestRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE r.requester_id = $1 ORDER BY r.created_at DESC, r.id DESC LIMIT 30`, [userId]),
    db.query<RequestRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE r.colleague_id = $1 ORDER BY r.created_at DESC, r.id DESC LIMIT 30`, [userId]),
  ]);
  return { made, asked };
}

/**
 * Stores a request unless one still open covers any of the same shifts (answered with that request's id). The
 * requester's requests are serialised by an advisory lock, so two racing requests cannot both pass the check.
 */
export async function insertRequest(
  tx: Queryable,
  r: {
    kind: string;
    requesterId: number;
    colleagueId: number | null;
    areaId: number;
    areaPath: string;
    shifts: RequestShift[];
    fromDay: string | null;
    toDay: string | null;
    reason: string | null;
  },
): Promise<{ id: number } | { duplicateOf: number }> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('checkpoint-request'), $1)`, [r.requesterId]);
  const ids = r.shifts.map((s) => s.assignmentId);
  const [dup] = await tx.query<{ id: number }>(
    `SELECT id FROM checkpoint_roster_requests WHERE status IN ${OPEN} AND assignment_ids && $1::int[] ORDER BY id LIMIT 1`,
    [ids],
  );
  if (dup) return { duplicateOf: dup.id };
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO checkpoint_roster_requests (kind, requester_id, colleague_id, area_id, area_path, assignment_ids, shifts, from_day, to_day, reason)
     VALUES ($1, $2, $3, $4, $5, $6::int[], $7, $8::date, $9::date, $10) RETURNING id`,
    [r.kind, r.requesterId, r.colleagueId, r.areaId, r.areaPath, ids, JSON.stringify(r.shifts), r.fromDay, r.toDay, r.reason],
  );
  return { id: row.id };
}

/** Moves a request on from one of the states it may leave; false when it was no longer in one of them. */
export async function setStatus(
  tx: Queryable,
  p: { id: number; from: readonly string[]; to: string; by: number; note: string | null; decided: boolean },
): Promise<boolean> {
  const n = await tx.execute(
    `UPDATE checkpoint_roster_requests SET status = $2, decision_note = COALESCE($4, decision_note), updated_at = now(),
            decided_by = CASE WHEN $5 THEN $3::int ELSE decided_by END, decided_at = CASE WHEN $5 THEN now() ELSE decided_at END
      WHERE id = $1 AND status = ANY($6::text[])`,
    [p.id, p.to, p.by, p.note, p.decided, [...p.from]],
  );
  return n > 0;
}

/** The request's shifts as they stand now (locked): gone, moved or checked in since the request are told apart by the caller. */
export async function currentAssignments(
  tx: Queryable,
  ids: number[],
): Promise<{ id: number; user_id: number; checked_in_at: Date | null; starts_at: Date; post_id: number; day: string; shift_code: string }[]> {
  return tx.query(
    `SELECT id, user_id, checked_in_at, starts_at, post_id, day::text AS day, shift_code FROM checkpoint_assignments WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE`,
    [ids],
  );
}

/**
 * Hands an assignment to another person, or answers the assignment of theirs it would overlap in time. Serialised
 * with hand edits by the same per-person advisory lock (duty-repo.insertAssignment). The moved assignment counts as a
 * hand edit from now on (`fill_id` cleared): a new fill keeps it.
 */
export async function moveAssignment(
  tx: Queryable,
  p: { id: number; toUserId: number; by: number },
): Promise<{ moved: true } | { clash: { post_name: string; area_path: string; day: string; shift_code: string } }> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('checkpoint-duty'), $1)`, [p.toUserId]);
  const [clash] = await tx.query<{ post_name: string; area_path: string; day: string; shift_code: string }>(
    `SELECT cp.name AS post_name, x.area_path, x.day::text AS day, x.shift_code
       FROM checkpoint_assignments x JOIN checkpoint_posts cp ON cp.id = x.post_id, checkpoint_assignments m
      WHERE m.id = $1 AND x.user_id = $2 AND x.starts_at < m.ends_at AND x.ends_at > m.starts_at LIMIT 1`,
    [p.id, p.toUserId],
  );
  if (clash) return { clash };
  await tx.query('UPDATE checkpoint_assignments SET user_id = $2, fill_id = NULL, created_by = $3 WHERE id = $1', [p.id, p.toUserId, p.by]);
  return { moved: true };
}

export async function deleteAssignments(tx: Queryable, ids: number[]): Promise<void> {
  await tx.query('DELETE FROM checkpoint_assignments WHERE id = ANY($1::int[]) AND checked_in_at IS NULL', [ids]);
}

/**
 * Approved leave of these people touching the days: a range as its whole days, a single shift as that shift. The
 * fill treats them as busy, so a shift freed by leave is never given back to the person on leave.
 */
export async function approvedLeave(
  db: Queryable,
  p: { userIds: number[]; from: string; to: string },
): Promise<{ user_id: number; from_day: string | null; to_day: string | null; shifts: RequestShift[] }[]> {
  if (!p.userIds.length) return [];
  return db.query(
    `SELECT r.requester_id AS user_id, r.from_day::text AS from_day, r.to_day::text AS to_day, r.shifts FROM checkpoint_roster_requests r
      WHERE r.kind = 'leave' AND r.status = 'approved' AND r.requester_id = ANY($1::int[])
        -- A leave over days covers those days whatever was rostered when it was asked (a long leave reaches weeks
        -- not yet rostered then); a leave of single shifts covers those shifts.
        AND CASE WHEN r.from_day IS NOT NULL THEN r.from_day <= $3::date + 1 AND r.to_day >= $2::date - 1
                 ELSE EXISTS (SELECT 1 FROM jsonb_array_elements(r.shifts) s WHERE (s->>'day')::date BETWEEN ($2::date - 1) AND ($3::date + 1)) END`,
    [p.userIds, p.from, p.to],
  );
}
