import type { Queryable } from '../../../db/engine';
import { BINDINGS_TABLE } from './bindings';
import { CLIENT_WRITES } from '../../../platform/client-writes';
import { type AuditActor, actorColumnsOf, auditRowsSql } from '../../../platform/audit';
import type { Scope } from '../../../platform/scope';
import { scopeClause } from '../../../platform/scope';
import { SqlParams } from '../../../platform/sql';
import { residentsAs } from '../../residents/sql';

/** SQL of the desk: tubes, and the binding of people into them — the hot path, one statement each. */

// ——— tubes ———
export interface TubeRow {
  id: number;
  round_id: number;
  point_id: number;
  desk: number | null;
  area_id: number;
  area_path: string;
  barcode: string;
  capacity: number;
  bound: number;
  status: 'open' | 'closed' | 'boxed';
  box_id: number | null;
  opened_at: Date;
  closed_at: Date | null;
  result: string | null;
}
export const TUBE_COLUMNS = `t.id, t.round_id, t.point_id, t.desk, t.area_id, t.area_path, t.barcode, t.capacity, t.bound, t.status, t.box_id, t.opened_at, t.closed_at,
  (SELECT s.result FROM sampling_results s WHERE s.tube_id = t.id) AS result`;

/** One desk's new tube: who opens it (audited as its own request), where, under which barcode. */
export interface OpenTubeItem {
  who: AuditActor;
  roundId: number;
  pointId: number;
  desk: number | null;
  areaId: number;
  areaPath: string;
  barcode: string;
  capacity: number;
  by: number;
}

/**
 * Opens the tubes of many desks in ONE statement (tube-writer.ts group-commits them, committed before each answer
 * like the binding: a desk opens one every 5–20 people). Per tube: a barcode opened before (in any round, or
 * earlier in the same batch) inserts nothing and answers null; the desk's previous open tube is closed if anyone is
 * in it (换管); its audit row names its own sender. Answers one row or null per item, in their order.
 */
export async function openTubes(tx: Queryable, items: OpenTubeItem[]): Promise<Array<TubeRow | null>> {
  const q = new SqlParams();
  const col = <T>(f: (x: OpenTubeItem) => T, type: string) => `${q.add(items.map(f))}::${type}[]`;
  const aud = auditRowsSql(q, actorColumnsOf('src'), {
    entity: 'sampling_tube',
    action: 'open',
    from: 'got ins JOIN src ON src.n = ins.n',
    entityId: 'ins.id',
    areaPath: 'ins.area_path',
    after: { barcode: 'ins.barcode', capacity: 'ins.capacity', pointId: 'ins.point_id', desk: 'ins.desk' },
  });
  const rows = await tx.query<TubeRow & { n: number }>(
    `WITH src AS (
       SELECT * FROM unnest(${col((x) => x.roundId, 'int')}, ${col((x) => x.pointId, 'int')}, ${col((x) => x.desk, 'int')}, ${col((x) => x.areaId, 'int')},
              ${col((x) => x.areaPath, 'text')}, ${col((x) => x.barcode, 'text')}, ${col((x) => x.capacity, 'int')}, ${col((x) => x.by, 'int')},
              ${col((x) => x.who.actorId, 'int')}, ${col((x) => x.who.actorName, 'text')}, ${col((x) => x.who.requestId, 'text')}, ${col((x) => x.who.clientIp, 'text')})
         WITH ORDINALITY AS s(round_id, point_id, desk, area_id, area_path, barcode, capacity, opened_by, actor_id, actor_name, request_id, client_ip, n)
     ), ins AS (
       -- A barcode sent twice in the batch (a retry racing its first send) is inserted for its first send only.
       INSERT INTO sampling_tubes (round_id, point_id, desk, area_id, area_path, barcode, capacity, opened_by)
       SELECT round_id, point_id, desk, area_id, area_path, barcode, capacity, opened_by FROM src ORDER BY n
       ON CONFLICT (barcode) DO NOTHING RETURNING *
     ), got AS (
       SELECT DISTINCT ON (ins.id) ins.*, src.n FROM ins JOIN src ON src.barcode = ins.barcode ORDER BY ins.id, src.n
     ), prev AS (
       UPDATE sampling_tubes t SET status = 'closed', closed_at = now(), close_reason = 'next_tube'
         FROM (SELECT DISTINCT round_id, point_id, desk FROM got) g
        WHERE t.round_id = g.round_id AND t.point_id = g.point_id AND t.desk IS NOT DISTINCT FROM g.desk AND t.status = 'open' AND t.bound > 0
     ), aud AS (
       ${aud}
     )
     SELECT ${TUBE_COLUMNS}, t.n FROM got t`,
    q.values,
    'sampling_open_tubes',
  );
  const byItem = new Map(rows.map(({ n, ...row }) => [n, row as TubeRow]));
  return items.map((_, i) => byItem.get(i + 1) ?? null);
}

/** Where a used barcode was opened; the point is named only when the caller may see it. */
export async function usedTubeUnscoped(db: Queryable, barcode: string): Promise<{ area_path: string; point_name: string; opened_at: Date } | null> {
  const [row] = await db.query<{ area_path: string; point_name: string; opened_at: Date }>(
    `SELECT t.area_path, p.name AS point_name, t.opened_at FROM sampling_tubes t JOIN sampling_points p ON p.id = t.point_id WHERE t.barcode = $1`,
    [barcode],
  );
  return row ?? null;
}

export async function findTubeByBarcode(db: Queryable, scope: Scope, barcode: string): Promise<TubeRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<TubeRow>(
    `SELECT ${TUBE_COLUMNS} FROM sampling_tubes t WHERE t.barcode = ${q.add(barcode)} AND ${scopeClause(scope, 't.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

export async function findTube(db: Queryable, scope: Scope, id: number, forUpdate = false): Promise<TubeRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<TubeRow>(
    `SELECT ${TUBE_COLUMNS} FROM sampling_tubes t WHERE t.id = ${q.add(id)} AND ${scopeClause(scope, 't.area_path', q)}${forUpdate ? ' FOR UPDATE' : ''}`,
    q.values,
  );
  return row ?? null;
}

export async function listTubes(db: Queryable, scope: Scope, p: { roundId: number; pointId?: number; desk?: number; status?: string }): Promise<TubeRow[]> {
  const q = new SqlParams();
  const where = [`t.round_id = ${q.add(p.roundId)}`, scopeClause(scope, 't.area_path', q)];
  if (p.pointId) where.push(`t.point_id = ${q.add(p.pointId)}`);
  if (p.desk) where.push(`t.desk = ${q.add(p.desk)}`);
  if (p.status) where.push(`t.status = ${q.add(p.status)}`);
  return db.query<TubeRow>(
    `SELECT ${TUBE_COLUMNS} FROM sampling_tubes t WHERE ${where.join(' AND ')} ORDER BY t.opened_at DESC, t.id DESC LIMIT 500`,
    q.values,
  );
}

export interface MemberRow {
  binding_id: number;
  resident_id: number;
  seq: number;
  name: string;
  id_number: string | null;
  bound_at: Date;
  removed_at: Date | null;
  removed_reason: string | null;
  duplicate_of: number | null;
}
export async function tubeMembers(db: Queryable, tubeId: number): Promise<MemberRow[]> {
  return db.query<MemberRow>(
    `SELECT b.id AS binding_id, b.resident_id, b.seq, r.name, r.id_number, b.bound_at, b.removed_at, b.removed_reason, b.duplicate_of
       FROM sampling_bindings b JOIN ${residentsAs('r')} ON r.id = b.resident_id WHERE b.tube_id = $1 ORDER BY b.bound_at, b.id`,
    [tubeId],
  );
}

export async function closeTube(tx: Queryable, id: number, reason: string | null) {
  await tx.query(`UPDATE sampling_tubes SET status = 'closed', closed_at = now(), close_reason = $2 WHERE id = $1`, [id, reason]);
}

// ——— bindings: the statement itself is in bindings.ts ———
/**
 * The bindings a scan made (a household scan: '<clientId>:<resident id>' per member), for a replay's answer: its claim
 * names its first binding and time (migration 0063), and the scan's other bindings are in the same tube at that time.
 */
export async function bindingsByClient(
  db: Queryable,
  scope: Scope,
  clientId: string,
  householdId?: number,
): Promise<{ id: number; resident_id: number; seq: number; duplicate_of: number | null; name: string; tube_id: number }[]> {
  const keys = householdId ? `SELECT $1 || ':' || m.id FROM ${residentsAs('m')} WHERE m.household_id = $2` : `SELECT $1::text WHERE $2::int IS NULL`;
  return db.query(
    `WITH first AS (
       SELECT f.tube_id, f.bound_at FROM ${CLIENT_WRITES} w JOIN sampling_bindings f ON f.id = w.row_id AND f.bound_at = w.at
        WHERE w.client_id = $1::uuid AND w.table_name = '${BINDINGS_TABLE}'
     )
     SELECT b.id, b.resident_id, b.seq, b.duplicate_of, r.name, b.tube_id
       FROM first JOIN sampling_bindings b ON b.tube_id = first.tube_id AND b.bound_at = first.bound_at
       JOIN ${residentsAs('r')} ON r.id = b.resident_id
      WHERE b.client_id IN (${keys}) AND b.area_path LIKE $3 ORDER BY b.seq, b.id`,
    [clientId, householdId ?? null, scope.path + '%'],
  );
}

/** Where and when the earlier bindings were made (the duplicate warning). */
export async function bindingPlaces(db: Queryable, ids: number[]): Promise<{ id: number; barcode: string; point_name: string; bound_at: Date }[]> {
  if (!ids.length) return [];
  return db.query(
    `SELECT b.id, t.barcode, p.name AS point_name, b.bound_at FROM sampling_bindings b JOIN sampling_tubes t ON t.id = b.tube_id JOIN sampling_points p ON p.id = t.point_id
      WHERE b.id = ANY($1::bigint[])`,
    [ids],
  );
}

/** A live record of a person: an anonymised binding (retention.ts) is history, no longer changed. */
export async function findBindingForUpdate(tx: Queryable, scope: Scope, id: number) {
  const q = new SqlParams();
  const [row] = await tx.query<{ id: number; tube_id: number; area_path: string; removed_at: Date | null; resident_id: number }>(
    `SELECT b.id, b.tube_id, b.area_path, b.removed_at, b.resident_id FROM sampling_bindings b
      WHERE b.id = ${q.add(id)} AND b.anonymised_at IS NULL AND ${scopeClause(scope, 'b.area_path', q)} FOR UPDATE`,
    q.values,
  );
  return row ?? null;
}

export async function removeBinding(tx: Queryable, id: number, tubeId: number, reason: string, by: number) {
  await tx.query(`UPDATE sampling_bindings SET removed_at = now(), removed_by = $2, removed_reason = $3 WHERE id = $1`, [id, by, reason]);
  await tx.query(`UPDATE sampling_tubes SET bound = bound - 1 WHERE id = $1`, [tubeId]);
}
