import type { Queryable } from '../../db/engine';
import { type Scope, scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { householdsAs, residentsAs } from '../residents/sql';
import { LIST_COLUMNS, LIST_FROM, type ListRow, REQUEST_COLUMNS, REQUEST_FROM, type RequestRow } from './sql-parts';

/**
 * Help requests' SQL. Every read is scoped: a request belongs to its office's area, and an office it is being
 * transferred to sees it too (to accept or refuse). `now` is passed in where time matters, so tests move a clock.
 */
function visible(scope: Scope, q: SqlParams): string {
  return `(${scopeClause(scope, 'h.area_path', q)} OR ${scopeClause(scope, 'h.transfer_path', q)})`;
}

export async function findRequest(db: Queryable, scope: Scope, id: number, now = new Date()): Promise<RequestRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<RequestRow>(
    `SELECT ${REQUEST_COLUMNS(`${q.add(now)}::timestamptz`)} FROM ${REQUEST_FROM} WHERE h.id = ${q.add(id)} AND ${visible(scope, q)}`,
    q.values,
  );
  return row ?? null;
}

/** Locks the row for a change; the caller has already found it in scope. */
export async function lockRequest(tx: Queryable, id: number): Promise<RequestRow> {
  await tx.query('SELECT id FROM help_requests WHERE id = $1 FOR UPDATE', [id]);
  const q = new SqlParams();
  const [row] = await tx.query<RequestRow>(`SELECT ${REQUEST_COLUMNS('now()')} FROM ${REQUEST_FROM} WHERE h.id = ${q.add(id)}`, q.values);
  return row;
}

export async function listRequests(
  db: Queryable,
  scope: Scope,
  p: { underPath?: string; status?: string; kind?: string; limit: number; offset: number },
  now = new Date(),
) {
  const q = new SqlParams();
  const where = [visible(scope, q)];
  if (p.underPath) where.push(`h.area_path LIKE ${q.add(`${p.underPath}%`)}`);
  if (p.status) where.push(`h.status = ${q.add(p.status)}`);
  if (p.kind) where.push(`h.kind = ${q.add(p.kind)}`);
  const w = where.join(' AND ');
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM help_requests h WHERE ${w}`, q.values);
  const rows = await db.query<ListRow>(
    `SELECT ${LIST_COLUMNS(`${q.add(now)}::timestamptz`)} FROM ${LIST_FROM} WHERE ${w}
      ORDER BY h.status NOT IN ('triage', 'dispatch', 'delivering', 'delivered'), h.step_since, h.id LIMIT ${q.add(p.limit)} OFFSET ${q.add(p.offset)}`,
    q.values,
  );
  return { rows, total };
}

/**
 * A board: the open requests at one step of one kind, longest-waiting first. Walks help_requests_board_idx in
 * order and stops at the page; the counts read the same index range.
 */
export async function board(
  db: Queryable,
  scope: Scope,
  p: { kind: string; step: string; underPath?: string; limit: number; offset: number },
  now = new Date(),
) {
  const q = new SqlParams();
  const nowP = `${q.add(now)}::timestamptz`;
  const where = [`h.kind = ${q.add(p.kind)}`, `h.queue = ${q.add(p.step)}`, scopeClause(scope, 'h.area_path', q)];
  if (p.underPath) where.push(`h.area_path LIKE ${q.add(`${p.underPath}%`)}`);
  const w = where.join(' AND ');
  const [counts] = await db.query<{ total: number; overdue: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE h.due_at < ${nowP})::int AS overdue FROM help_requests h WHERE ${w}`,
    q.values,
  );
  const rows = await db.query<ListRow>(
    `SELECT ${LIST_COLUMNS(nowP)} FROM ${LIST_FROM} WHERE ${w} ORDER BY h.step_since, h.id LIMIT ${q.add(p.limit)} OFFSET ${q.add(p.offset)}`,
    q.values,
    'help.board',
  );
  return { rows, ...counts };
}

export async function boardCounts(db: Queryable, scope: Scope, underPath: string | undefined, now = new Date()) {
  const q = new SqlParams();
  const where = ['h.queue IS NOT NULL', scopeClause(scope, 'h.area_path', q)];
  if (underPath) where.push(`h.area_path LIKE ${q.add(`${underPath}%`)}`);
  return db.query<{ kind: string; step: string; open: number; overdue: number }>(
    `SELECT h.kind, h.queue AS step, count(*)::int AS open, count(*) FILTER (WHERE h.due_at < ${q.add(now)})::int AS overdue
       FROM help_requests h WHERE ${where.join(' AND ')} GROUP BY h.kind, h.queue ORDER BY h.kind, h.queue`,
    q.values,
  );
}

/** The person behind a phone or a resident id, in the registry under `path`: their household, its address, their groups. */
export interface PersonMatch {
  id: number;
  name: string;
  phone: string | null;
  household_id: number | null;
  address: string | null;
  groups: string[];
  area_id: number;
  area_path: string;
}
export async function matchPerson(db: Queryable, p: { residentId?: number | null; phone?: string | null; underPath: string }): Promise<PersonMatch | null> {
  if (!p.residentId && !p.phone) return null;
  const q = new SqlParams();
  const by = p.residentId ? `r.id = ${q.add(p.residentId)}` : `reverse(r.phone) = reverse(${q.add(p.phone)}::text)`;
  const [row] = await db.query<PersonMatch>(
    `SELECT r.id, r.name, COALESCE(r.phone, hh.phone) AS phone, r.household_id, hh.address, r.groups, r.area_id, r.area_path
       FROM ${residentsAs('r')} LEFT JOIN ${householdsAs('hh')} ON hh.id = r.household_id
      WHERE ${by} AND r.merged_into IS NULL AND r.area_path LIKE ${q.add(`${p.underPath}%`)} ORDER BY r.id LIMIT 1`,
    q.values,
  );
  return row ?? null;
}

const SETTABLE = new Set([
  'advance_cents',
  'advance_settled_at',
  'advance_settled_by',
  'status',
  'queue',
  'step_since',
  'decisions',
  'tier',
  'due_at',
  'escalate_after',
  'escalation_level',
  'deliverer_user_id',
  'delivered_at',
  'proof',
  'closed_at',
  'closed_within',
  'public_note',
  'satisfaction',
  'follow_up_note',
  'followed_up_at',
  'area_id',
  'area_path',
  'transfer_area_id',
  'transfer_path',
  'transfer_reason',
  'transfer_refused_reason',
  'transfer_group_id',
]);

/** Sets columns of one request (names from a fixed list) and its updated_at. */
export async function updateRequest(tx: Queryable, id: number, set: Record<string, unknown>): Promise<void> {
  const q = new SqlParams();
  const parts = Object.entries(set).map(([k, v]) => {
    if (!SETTABLE.has(k)) throw new Error(`help_requests.${k} is not settable`);
    return `${k} = ${q.add(k === 'decisions' ? JSON.stringify(v) : v)}${k === 'decisions' ? '::jsonb' : ''}`;
  });
  await tx.query(`UPDATE help_requests SET ${parts.join(', ')}, updated_at = now() WHERE id = ${q.add(id)}`, q.values);
}

/** Counts a wrong delivery code (in its own statement, so a refused try still counts) and answers the count so far. */
export async function countCodeFailure(db: Queryable, id: number): Promise<number> {
  const [row] = await db.query<{ n: number }>('UPDATE help_requests SET code_failures = code_failures + 1 WHERE id = $1 RETURNING code_failures AS n', [id]);
  return row?.n ?? 0;
}
