import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { usersAs } from '../users/sql';

/** SQL of the lifecycle module's own tables: legal holds, destruction records (retention runs), data requests. */

export interface HoldRow {
  id: number;
  area_id: number;
  area_name: string;
  area_path: string;
  data_classes: string[];
  reason: string;
  created_at: Date;
  created_by_name: string | null;
  released_at: Date | null;
}

const HOLD_COLS = `h.id, h.area_id, a.name AS area_name, h.area_path, h.data_classes, h.reason, h.created_at, u.display_name AS created_by_name, h.released_at`;
const HOLD_FROM = `legal_holds h JOIN ${areasAs('a')} ON a.id = h.area_id LEFT JOIN ${usersAs('u')} ON u.id = h.created_by`;

/** Holds in force, deployment-wide: every run keeps their areas' records. */
export function activeHoldsUnscoped(tx: Queryable): Promise<{ area_path: string; data_classes: string[] }[]> {
  return tx.query(`SELECT area_path, data_classes FROM legal_holds WHERE released_at IS NULL`);
}

export function listHolds(db: Queryable, scope: Scope): Promise<HoldRow[]> {
  const q = new SqlParams();
  return db.query<HoldRow>(
    `SELECT ${HOLD_COLS} FROM ${HOLD_FROM} WHERE ${scopeClause(scope, 'h.area_path', q)}
      ORDER BY h.released_at IS NOT NULL, h.created_at DESC, h.id DESC LIMIT 500`,
    q.values,
  );
}

export async function findHold(db: Queryable, scope: Scope, id: number): Promise<HoldRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<HoldRow>(
    `SELECT ${HOLD_COLS} FROM ${HOLD_FROM} WHERE h.id = ${q.add(id)} AND ${scopeClause(scope, 'h.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

export async function insertHold(
  tx: Queryable,
  h: { areaId: number; areaPath: string; dataClasses: string[]; reason: string; userId: number },
): Promise<number> {
  const [{ id }] = await tx.query<{ id: number }>(
    `INSERT INTO legal_holds (area_id, area_path, data_classes, reason, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [h.areaId, h.areaPath, h.dataClasses, h.reason, h.userId],
  );
  return id;
}

/** Releases a hold in force (false when it was released already). */
export async function releaseHold(tx: Queryable, id: number, userId: number): Promise<boolean> {
  return (await tx.execute(`UPDATE legal_holds SET released_at = now(), released_by = $2 WHERE id = $1 AND released_at IS NULL`, [id, userId])) > 0;
}

// ——— destruction records ———

export interface RunRow {
  id: number;
  kind: 'scheduled' | 'emergency_ended';
  started_at: Date;
  finished_at: Date;
  actor_name: string | null;
  total: number;
  items: { dataClass: string; action: string; count: number; digest: string; partitionsDropped?: { partition: string; rows: number }[] }[];
}

export async function insertRun(
  tx: Queryable,
  r: { kind: RunRow['kind']; startedAt: Date; actorId: number | null; items: RunRow['items']; total: number },
): Promise<number> {
  const [{ id }] = await tx.query<{ id: number }>(
    `INSERT INTO retention_runs (kind, started_at, actor_id, items, total) VALUES ($1, $2, $3, $4::jsonb, $5) RETURNING id`,
    [r.kind, r.startedAt, r.actorId, JSON.stringify(r.items), r.total],
  );
  return id;
}

const RUN_SELECT = `SELECT r.id, r.kind, r.started_at, r.finished_at, u.display_name AS actor_name, r.total, r.items
  FROM retention_runs r LEFT JOIN ${usersAs('u')} ON u.id = r.actor_id`;

export function listRuns(db: Queryable, p: { limit: number; offset: number }): Promise<RunRow[]> {
  return db.query<RunRow>(`${RUN_SELECT} ORDER BY r.started_at DESC, r.id DESC LIMIT $1 OFFSET $2`, [p.limit, p.offset]);
}

export async function countRuns(db: Queryable): Promise<number> {
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM retention_runs`);
  return n;
}

export async function findRun(db: Queryable, id: number): Promise<RunRow | null> {
  const [row] = await db.query<RunRow>(`${RUN_SELECT} WHERE r.id = $1`, [id]);
  return row ?? null;
}

// ——— data requests ———

export interface RequestRow {
  id: number;
  area_id: number;
  area_name: string;
  area_path: string;
  kind: 'access' | 'correction';
  requester_name: string;
  requester_contact: string | null;
  details: string;
  status: 'open' | 'answered';
  answer: string | null;
  received_at: Date;
  created_by_name: string | null;
  answered_at: Date | null;
  answered_by_name: string | null;
}

const REQUEST_COLS = `d.id, d.area_id, a.name AS area_name, d.area_path, d.kind, d.requester_name, d.requester_contact, d.details, d.status, d.answer,
  d.received_at, cu.display_name AS created_by_name, d.answered_at, au.display_name AS answered_by_name`;
const REQUEST_FROM = `data_requests d JOIN ${areasAs('a')} ON a.id = d.area_id LEFT JOIN ${usersAs('cu')} ON cu.id = d.created_by
  LEFT JOIN ${usersAs('au')} ON au.id = d.answered_by`;

export async function listRequests(
  db: Queryable,
  scope: Scope,
  p: { status?: 'open' | 'answered'; limit: number; offset: number },
): Promise<{ rows: RequestRow[]; total: number }> {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'd.area_path', q)];
  if (p.status) where.push(`d.status = ${q.add(p.status)}`);
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM data_requests d WHERE ${where.join(' AND ')}`, q.values);
  const rows = await db.query<RequestRow>(
    `SELECT ${REQUEST_COLS} FROM ${REQUEST_FROM} WHERE ${where.join(' AND ')}
      ORDER BY d.status = 'answered', d.received_at, d.id LIMIT ${q.add(p.limit)} OFFSET ${q.add(p.offset)}`,
    q.values,
  );
  return { rows, total: n };
}

export async function findRequest(db: Queryable, scope: Scope, id: number): Promise<RequestRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<RequestRow>(
    `SELECT ${REQUEST_COLS} FROM ${REQUEST_FROM} WHERE d.id = ${q.add(id)} AND ${scopeClause(scope, 'd.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

export async function insertRequest(
  tx: Queryable,
  r: { areaId: number; areaPath: string; kind: string; requesterName: string; requesterContact: string | null; details: string; userId: number },
): Promise<number> {
  const [{ id }] = await tx.query<{ id: number }>(
    `INSERT INTO data_requests (area_id, area_path, kind, requester_name, requester_contact, details, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [r.areaId, r.areaPath, r.kind, r.requesterName, r.requesterContact, r.details, r.userId],
  );
  return id;
}

/** Answers an open request (false when it was answered already). */
export async function answerRequest(tx: Queryable, id: number, answer: string, userId: number): Promise<boolean> {
  return (
    (await tx.execute(`UPDATE data_requests SET status = 'answered', answer = $2, answered_by = $3, answered_at = now() WHERE id = $1 AND status = 'open'`, [
      id,
      answer,
      userId,
    ])) > 0
  );
}
