import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/engine';
import type { AuditActor } from '../../platform/audit';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import type { ExemptionRules, PoolRule } from '../../../domain/sampling/rules';

/**
 * SQL of mass testing. Every read takes the caller's scope. Names, birth dates and the roster come from
 * read-only joins on the registry's tables (`residents`, `resident_stays`, `households`) and grid workers
 * from `users` (home measures from `measures`, earlier home tasks from `tasks`, a mobile team from `teams`):
 * the desk answers with the name in one statement, and the round's roster is taken from the stays set-based —
 * a per-person call would cost both. Coverage itself reads counters (`sampling_roster`, `sampling_coverage`,
 * migration 0016) that triggers keep as bindings, results and exemptions are written. The one write into another module's table is in `bind`: the person's
 * `home_sampling` task marked done in the same statement (the desk stays at one round trip).
 */

// ——— rounds ———
export interface RoundRow {
  id: number;
  name: string;
  area_id: number;
  area_path: string;
  area_name: string;
  starts_on: string;
  ends_on: string;
  roster_date: string;
  pool_default: 1 | 5 | 10 | 20;
  pool_rules: PoolRule[];
  exemption_rules: ExemptionRules;
  status: 'planned' | 'open' | 'closed';
  created_at: Date;
  closed_at: Date | null;
}
const ROUND_COLUMNS = `r.id, r.name, r.area_id, r.area_path, a.name AS area_name, to_char(r.starts_on, 'YYYY-MM-DD') AS starts_on,
  to_char(r.ends_on, 'YYYY-MM-DD') AS ends_on, to_char(r.roster_date, 'YYYY-MM-DD') AS roster_date, r.pool_default, r.pool_rules,
  r.exemption_rules, r.status, r.created_at, r.closed_at`;

/**
 * Rounds are seen from below as well: a county's round is the round of every grid worker and desk in it.
 * A round is visible when it lies in the caller's scope or its area contains the caller's scope area.
 */
function roundScope(scope: Scope, q: SqlParams): string {
  const p = q.add(scope.path);
  return `(r.area_path LIKE ${p} || '%' OR ${p} LIKE r.area_path || '%')`;
}

export async function insertRound(
  tx: Queryable,
  f: {
    name: string;
    areaId: number;
    areaPath: string;
    startsOn: string;
    endsOn: string;
    rosterDate: string;
    poolDefault: number;
    poolRules: PoolRule[];
    exemptionRules: ExemptionRules;
    by: number;
  },
): Promise<number> {
  const [{ id }] = await tx.query<{ id: number }>(
    `INSERT INTO sampling_rounds (name, area_id, area_path, starts_on, ends_on, roster_date, pool_default, pool_rules, exemption_rules, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [f.name, f.areaId, f.areaPath, f.startsOn, f.endsOn, f.rosterDate, f.poolDefault, JSON.stringify(f.poolRules), JSON.stringify(f.exemptionRules), f.by],
  );
  return id;
}

export async function findRound(db: Queryable, scope: Scope, id: number): Promise<RoundRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<RoundRow>(
    `SELECT ${ROUND_COLUMNS} FROM sampling_rounds r JOIN areas a ON a.id = r.area_id WHERE r.id = ${q.add(id)} AND ${roundScope(scope, q)}`,
    q.values,
  );
  return row ?? null;
}

export async function listRounds(db: Queryable, scope: Scope, p: { underPath?: string; status?: string }): Promise<RoundRow[]> {
  const q = new SqlParams();
  const where = [roundScope(scope, q)];
  if (p.underPath) where.push(`r.area_path LIKE ${q.add(p.underPath + '%')}`);
  if (p.status) where.push(`r.status = ${q.add(p.status)}`);
  return db.query<RoundRow>(
    `SELECT ${ROUND_COLUMNS} FROM sampling_rounds r JOIN areas a ON a.id = r.area_id WHERE ${where.join(' AND ')} ORDER BY r.starts_on DESC, r.id DESC`,
    q.values,
  );
}

export async function roundCounts(db: Queryable, scope: Scope, id: number) {
  const q = new SqlParams();
  const r = q.add(id);
  const [row] = await db.query<{ tubes: number; bindings: number; results: number; positives: number }>(
    `SELECT (SELECT count(*)::int FROM sampling_tubes t WHERE t.round_id = ${r} AND ${scopeClause(scope, 't.area_path', q)}) AS tubes,
            (SELECT count(*)::int FROM sampling_bindings b WHERE b.round_id = ${r} AND b.removed_at IS NULL AND ${scopeClause(scope, 'b.area_path', q)}) AS bindings,
            (SELECT count(*)::int FROM sampling_results s WHERE s.round_id = ${r} AND ${scopeClause(scope, 's.area_path', q)}) AS results,
            (SELECT count(*)::int FROM sampling_results s WHERE s.round_id = ${r} AND s.result = 'positive' AND ${scopeClause(scope, 's.area_path', q)}) AS positives`,
    q.values,
  );
  return row;
}

export async function setRoundStatus(tx: Queryable, id: number, from: string, to: string): Promise<boolean> {
  const n = await tx.execute(`UPDATE sampling_rounds SET status = $3, closed_at = CASE WHEN $3 = 'closed' THEN now() END WHERE id = $1 AND status = $2`, [
    id,
    from,
    to,
  ]);
  return n > 0;
}

// ——— points ———
export interface PointRow {
  id: number;
  round_id: number;
  name: string;
  address: string | null;
  area_id: number;
  area_path: string;
  area_name: string;
  kind: 'fixed' | 'mobile';
  serves_area_ids: number[];
  desks: number;
  opens_at: string;
  closes_at: string;
  per_desk_hour: number;
  staff: string | null;
}
const POINT_COLUMNS = `p.id, p.round_id, p.name, p.address, p.area_id, p.area_path, a.name AS area_name, p.kind, p.serves_area_ids, p.desks,
  to_char(p.opens_at, 'HH24:MI') AS opens_at, to_char(p.closes_at, 'HH24:MI') AS closes_at, p.per_desk_hour, p.staff`;

export async function insertPoint(
  tx: Queryable,
  f: {
    roundId: number;
    name: string;
    address: string | null;
    areaId: number;
    areaPath: string;
    kind: string;
    servesAreaIds: number[];
    desks: number;
    opensAt: string;
    closesAt: string;
    perDeskHour: number;
    staff: string | null;
  },
): Promise<number> {
  const [{ id }] = await tx.query<{ id: number }>(
    `INSERT INTO sampling_points (round_id, name, address, area_id, area_path, kind, serves_area_ids, desks, opens_at, closes_at, per_desk_hour, staff)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [f.roundId, f.name, f.address, f.areaId, f.areaPath, f.kind, f.servesAreaIds, f.desks, f.opensAt, f.closesAt, f.perDeskHour, f.staff],
  );
  return id;
}

export async function findPoint(db: Queryable, scope: Scope, id: number): Promise<PointRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<PointRow>(
    `SELECT ${POINT_COLUMNS} FROM sampling_points p JOIN areas a ON a.id = p.area_id WHERE p.id = ${q.add(id)} AND ${scopeClause(scope, 'p.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

export async function listPoints(db: Queryable, scope: Scope, roundId: number): Promise<PointRow[]> {
  const q = new SqlParams();
  return db.query<PointRow>(
    `SELECT ${POINT_COLUMNS} FROM sampling_points p JOIN areas a ON a.id = p.area_id WHERE p.round_id = ${q.add(roundId)} AND ${scopeClause(scope, 'p.area_path', q)} ORDER BY p.name, p.id`,
    q.values,
  );
}

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
const TUBE_COLUMNS = `t.id, t.round_id, t.point_id, t.desk, t.area_id, t.area_path, t.barcode, t.capacity, t.bound, t.status, t.box_id, t.opened_at, t.closed_at,
  (SELECT s.result FROM sampling_results s WHERE s.tube_id = t.id) AS result`;

/**
 * Opens a tube in ONE statement (committed before the answer, like the binding: a desk opens one every 5–20
 * people): a barcode opened before (in any round) inserts nothing and answers null; the desk's previous open tube
 * is closed if anyone is in it (换管); the audit row is written. The same row `audit()` would write.
 */
export async function openTube(
  tx: Queryable,
  who: AuditActor,
  f: { roundId: number; pointId: number; desk: number | null; areaId: number; areaPath: string; barcode: string; capacity: number; by: number },
): Promise<TubeRow | null> {
  const [row] = await tx.query<TubeRow>(
    `WITH ins AS (
       INSERT INTO sampling_tubes (round_id, point_id, desk, area_id, area_path, barcode, capacity, opened_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (barcode) DO NOTHING RETURNING *
     ), prev AS (
       UPDATE sampling_tubes t SET status = 'closed', closed_at = now(), close_reason = 'next_tube'
        WHERE EXISTS (SELECT 1 FROM ins) AND t.round_id = $1 AND t.point_id = $2 AND t.desk IS NOT DISTINCT FROM $3 AND t.status = 'open' AND t.bound > 0
     ), aud AS (
       INSERT INTO audit_log (actor_id, actor_name, request_id, client_ip, action, entity, entity_id, area_path, after)
       SELECT $9::int, $10::text, $11::text, $12::text, 'open', 'sampling_tube', ins.id::text, ins.area_path,
              jsonb_build_object('barcode', ins.barcode, 'capacity', ins.capacity, 'pointId', ins.point_id, 'desk', ins.desk)
         FROM ins
     )
     SELECT ${TUBE_COLUMNS} FROM ins t`,
    [f.roundId, f.pointId, f.desk, f.areaId, f.areaPath, f.barcode, f.capacity, f.by, who.actorId, who.actorName, who.requestId, who.clientIp],
    'sampling_open_tube',
  );
  return row ?? null;
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
       FROM sampling_bindings b JOIN residents r ON r.id = b.resident_id WHERE b.tube_id = $1 ORDER BY b.bound_at, b.id`,
    [tubeId],
  );
}

export async function closeTube(tx: Queryable, id: number, reason: string | null) {
  await tx.query(`UPDATE sampling_tubes SET status = 'closed', closed_at = now(), close_reason = $2 WHERE id = $1`, [id, reason]);
}

// ——— bindings: the desk's one statement ———
export type Who = { residentId: number } | { idNumber: string } | { householdId: number };

export interface BindOutcome {
  people: number;
  tube: { id: number; round_id: number; capacity: number; bound: number; status: string; barcode: string } | null;
  round_status: string | null;
  pool_rules: PoolRule[] | null;
  pool_default: number | null;
  inserted: { id: number; residentId: number; seq: number; duplicateOf: number | null; name: string; areaPath: string; groups: string[] }[] | null;
  new_bound: number | null;
}

/**
 * Binds one person (or a household's present members) to an open tube in ONE statement — one implicit
 * transaction, committed before the answer: the tube row is locked FOR UPDATE (desks racing on one tube
 * serialise; the lock re-reads the latest `bound`), the people are resolved in the caller's scope, an earlier
 * live binding of each in the round is looked up (the duplicate warning), the bindings go in with
 * `ON CONFLICT (client_id) DO NOTHING` (a retry, even a racing one, inserts nothing), the tube's count is
 * raised by what went in, and the audit rows are written. `inserted` null and `people` > 0 means: a replay,
 * or the tube could not take them (the caller reads which).
 */
export async function bind(
  tx: Queryable,
  scope: Scope,
  who: AuditActor & { userId: number },
  p: { tubeId: number; clientId: string; person: Who },
): Promise<BindOutcome> {
  const q = new SqlParams();
  const scopeLike = q.add(scope.path + '%');
  const cid = q.add(p.clientId);
  let personWhere: string;
  let ck = `${cid}::text`;
  if ('residentId' in p.person) personWhere = `r.id = ${q.add(p.person.residentId)}`;
  else if ('idNumber' in p.person) personWhere = `r.id_number = ${q.add(p.person.idNumber)}`;
  else {
    personWhere = `r.household_id = ${q.add(p.person.householdId)} AND r.status = 'present'`;
    ck = `${cid}::text || ':' || r.id`;
  }
  const tube = q.add(p.tubeId);
  const actor = q.add(who.userId);
  const sql = `WITH p AS (
       SELECT r.id, r.name, r.area_id, r.area_path, r.groups, ${ck} AS ck,
              row_number() OVER (ORDER BY r.relation = 'head' DESC, r.birth_date NULLS LAST, r.id)::int AS ord
         FROM residents r WHERE r.merged_into IS NULL AND r.area_path LIKE ${scopeLike} AND ${personWhere}
     ), prior AS (
       SELECT 1 FROM sampling_bindings WHERE client_id IN (SELECT ck FROM p) LIMIT 1
     ), t AS (
       SELECT id, round_id, capacity, bound, status, barcode FROM sampling_tubes WHERE id = ${tube} AND area_path LIKE ${scopeLike} FOR UPDATE
     ), rd AS (
       SELECT rr.status, rr.pool_rules, rr.pool_default FROM sampling_rounds rr WHERE rr.id = (SELECT round_id FROM t)
     ), ok AS (
       SELECT t.* FROM t WHERE t.status = 'open' AND (SELECT status FROM rd) = 'open' AND NOT EXISTS (SELECT 1 FROM prior)
          AND (SELECT count(*) FROM p) > 0 AND t.bound + (SELECT count(*) FROM p) <= t.capacity
     ), dup AS (
       SELECT DISTINCT ON (b.resident_id) b.resident_id, b.id FROM sampling_bindings b
        WHERE b.round_id = (SELECT round_id FROM ok) AND b.resident_id IN (SELECT id FROM p) AND b.removed_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM sampling_results sr WHERE sr.tube_id = b.tube_id AND sr.result = 'invalid')
        ORDER BY b.resident_id, b.bound_at, b.id
     ), ins AS (
       INSERT INTO sampling_bindings (client_id, round_id, tube_id, resident_id, seq, area_id, area_path, duplicate_of, bound_by)
       SELECT p.ck, ok.round_id, ok.id, p.id, ok.bound + p.ord, p.area_id, p.area_path, dup.id, ${actor}
         FROM ok CROSS JOIN p LEFT JOIN dup ON dup.resident_id = p.id
       ON CONFLICT (client_id) DO NOTHING
       RETURNING id, resident_id, seq, duplicate_of, area_path
     ), upd AS (
       UPDATE sampling_tubes SET bound = bound + (SELECT count(*) FROM ins) WHERE id = ${tube} AND EXISTS (SELECT 1 FROM ins) RETURNING bound
     ), home AS (
       -- A home-sampling task of the person is done once they are bound (tasks_subject_idx).
       UPDATE tasks SET status = 'done', done_at = now(), done_by = ${actor}, updated_at = now()
        WHERE subject_kind = 'sampling_home' AND subject_id IN (SELECT resident_id FROM ins) AND type = 'home_sampling' AND status IN ('open', 'in_progress')
     ), aud AS (
       INSERT INTO audit_log (actor_id, actor_name, request_id, client_ip, action, entity, entity_id, area_path, after)
       SELECT ${actor}, ${q.add(who.actorName)}, ${q.add(who.requestId)}, ${q.add(who.clientIp)}, 'bind', 'sampling_binding', ins.id::text, ins.area_path,
              jsonb_build_object('tubeId', ${tube}::int, 'residentId', ins.resident_id, 'seq', ins.seq, 'duplicateOf', ins.duplicate_of, 'clientId', ${cid}::text)
         FROM ins
     )
     SELECT (SELECT count(*)::int FROM p) AS people,
            (SELECT row_to_json(t) FROM t) AS tube,
            (SELECT status FROM rd) AS round_status, (SELECT pool_rules FROM rd) AS pool_rules, (SELECT pool_default FROM rd) AS pool_default,
            (SELECT json_agg(json_build_object('id', ins.id, 'residentId', ins.resident_id, 'seq', ins.seq, 'duplicateOf', ins.duplicate_of, 'name', p.name, 'areaPath', p.area_path, 'groups', p.groups) ORDER BY ins.seq)
               FROM ins JOIN p ON p.id = ins.resident_id) AS inserted,
            (SELECT bound FROM upd) AS new_bound`;
  // Prepared once per connection (PostgreSQL): planning this statement cost ~10 times running it (6.5 ms against
  // 0.6 ms on the loaded development machine). Three texts (a person, an ID number, a household), one name each.
  const [row] = await tx.query<BindOutcome>(sql, q.values, `sampling_bind_${createHash('sha1').update(sql).digest('hex').slice(0, 12)}`);
  return row;
}

/** The bindings a client id made (a household scan: '<clientId>:<resident id>' per member), for a replay's answer. */
export async function bindingsByClient(
  db: Queryable,
  scope: Scope,
  clientId: string,
  householdId?: number,
): Promise<{ id: number; resident_id: number; seq: number; duplicate_of: number | null; name: string; tube_id: number }[]> {
  const keys = householdId ? `SELECT $1 || ':' || m.id FROM residents m WHERE m.household_id = $2` : `SELECT $1::text WHERE $2::int IS NULL`;
  return db.query(
    `SELECT b.id, b.resident_id, b.seq, b.duplicate_of, r.name, b.tube_id FROM sampling_bindings b JOIN residents r ON r.id = b.resident_id
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

export async function findBindingForUpdate(tx: Queryable, scope: Scope, id: number) {
  const q = new SqlParams();
  const [row] = await tx.query<{ id: number; tube_id: number; area_path: string; removed_at: Date | null; resident_id: number }>(
    `SELECT b.id, b.tube_id, b.area_path, b.removed_at, b.resident_id FROM sampling_bindings b WHERE b.id = ${q.add(id)} AND ${scopeClause(scope, 'b.area_path', q)} FOR UPDATE`,
    q.values,
  );
  return row ?? null;
}

export async function removeBinding(tx: Queryable, id: number, tubeId: number, reason: string, by: number) {
  await tx.query(`UPDATE sampling_bindings SET removed_at = now(), removed_by = $2, removed_reason = $3 WHERE id = $1`, [id, by, reason]);
  await tx.query(`UPDATE sampling_tubes SET bound = bound - 1 WHERE id = $1`, [tubeId]);
}

// ——— boxes ———
export interface BoxRow {
  id: number;
  round_id: number;
  point_id: number;
  area_id: number;
  area_path: string;
  code: string;
  status: 'packing' | 'handed_over';
  tube_count: number;
  lab: string | null;
  handed_over_at: Date | null;
}
const BOX_COLUMNS = `x.id, x.round_id, x.point_id, x.area_id, x.area_path, x.code, x.status, x.tube_count, x.lab, x.handed_over_at`;

export async function insertBox(
  tx: Queryable,
  f: { roundId: number; pointId: number; areaId: number; areaPath: string; code: string; by: number },
): Promise<number | null> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO sampling_boxes (round_id, point_id, area_id, area_path, code, created_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (round_id, code) DO NOTHING RETURNING id`,
    [f.roundId, f.pointId, f.areaId, f.areaPath, f.code, f.by],
  );
  return row?.id ?? null;
}

export async function findBox(db: Queryable, scope: Scope, id: number, forUpdate = false): Promise<BoxRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<BoxRow>(
    `SELECT ${BOX_COLUMNS} FROM sampling_boxes x WHERE x.id = ${q.add(id)} AND ${scopeClause(scope, 'x.area_path', q)}${forUpdate ? ' FOR UPDATE' : ''}`,
    q.values,
  );
  return row ?? null;
}

export async function listBoxes(db: Queryable, scope: Scope, p: { roundId?: number; status?: string }): Promise<BoxRow[]> {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'x.area_path', q)];
  if (p.roundId) where.push(`x.round_id = ${q.add(p.roundId)}`);
  if (p.status) where.push(`x.status = ${q.add(p.status)}`);
  return db.query<BoxRow>(`SELECT ${BOX_COLUMNS} FROM sampling_boxes x WHERE ${where.join(' AND ')} ORDER BY x.id DESC LIMIT 500`, q.values);
}

export async function tubesByBarcodes(tx: Queryable, scope: Scope, roundId: number, barcodes: string[]): Promise<TubeRow[]> {
  const q = new SqlParams();
  return tx.query<TubeRow>(
    `SELECT ${TUBE_COLUMNS} FROM sampling_tubes t WHERE t.barcode = ANY(${q.add(barcodes)}::text[]) AND t.round_id = ${q.add(roundId)} AND ${scopeClause(scope, 't.area_path', q)} FOR UPDATE`,
    q.values,
  );
}

export async function boxTubes(tx: Queryable, boxId: number, tubeIds: number[]): Promise<number> {
  await tx.query(`UPDATE sampling_tubes SET status = 'boxed', box_id = $1 WHERE id = ANY($2::int[])`, [boxId, tubeIds]);
  const [{ n }] = await tx.query<{ n: number }>(
    `UPDATE sampling_boxes SET tube_count = (SELECT count(*) FROM sampling_tubes WHERE box_id = $1) WHERE id = $1 RETURNING tube_count AS n`,
    [boxId],
  );
  return n;
}

export async function barcodesInBox(tx: Queryable, boxId: number): Promise<string[]> {
  return (await tx.query<{ barcode: string }>(`SELECT barcode FROM sampling_tubes WHERE box_id = $1 ORDER BY barcode`, [boxId])).map((r) => r.barcode);
}

export async function handOver(tx: Queryable, boxId: number, lab: string, by: number) {
  await tx.query(`UPDATE sampling_boxes SET status = 'handed_over', lab = $2, handed_over_by = $3, handed_over_at = now() WHERE id = $1`, [boxId, lab, by]);
}

// ——— lab results and trace-back ———
export interface ResultOutcome {
  barcode: string;
  tube_id: number | null;
  capacity: number | null;
  applied: boolean;
  stored: string | null;
}

/**
 * One batch of results, set-based, in two statements (a CTE joining the inserted rows back to the batch made
 * the planner loop over both): the results inserted for tubes found by barcode in the caller's scope, one per
 * tube (`ON CONFLICT (tube_id) DO NOTHING`); then per barcode whether it was found, applied, and what is stored
 * (for one not applied: what was there before — the same → already; different → conflict). A tube's result is
 * read from `sampling_results` (the columns `sampling_tubes.result/result_at` of 0012 are not written: copying
 * 100,000 results onto their tubes cost a third of a lab file's import).
 */
export async function insertResults(
  tx: Queryable,
  scope: Scope,
  by: number,
  rows: { barcode: string; result: string; testedAt: string; lab: string }[],
): Promise<ResultOutcome[]> {
  const q = new SqlParams();
  const args = [q.add(rows.map((r) => r.barcode)), q.add(rows.map((r) => r.result)), q.add(rows.map((r) => r.testedAt)), q.add(rows.map((r) => r.lab))];
  const applied = await tx.query<{ tube_id: number }>(
    `INSERT INTO sampling_results (tube_id, round_id, area_id, area_path, result, tested_at, lab, received_by)
     SELECT t.id, t.round_id, t.area_id, t.area_path, v.result, v.tested_at, v.lab, ${q.add(by)}
       FROM unnest(${args[0]}::text[], ${args[1]}::text[], ${args[2]}::timestamptz[], ${args[3]}::text[]) AS v(barcode, result, tested_at, lab)
       JOIN sampling_tubes t ON t.barcode = v.barcode AND ${scopeClause(scope, 't.area_path', q)}
     ON CONFLICT (tube_id) DO NOTHING RETURNING tube_id`,
    q.values,
  );
  const ids = applied.map((a) => a.tube_id);
  const done = new Set(ids);
  const q2 = new SqlParams();
  const found = await tx.query<{ barcode: string; tube_id: number | null; capacity: number | null; stored: string | null }>(
    `SELECT v.barcode, t.id AS tube_id, t.capacity, s.result AS stored
       FROM unnest(${q2.add(rows.map((r) => r.barcode))}::text[]) AS v(barcode)
       LEFT JOIN sampling_tubes t ON t.barcode = v.barcode AND ${scopeClause(scope, 't.area_path', q2)}
       LEFT JOIN sampling_results s ON s.tube_id = t.id`,
    q2.values,
  );
  return found.map((f) => ({
    barcode: f.barcode,
    tube_id: f.tube_id,
    capacity: f.capacity,
    applied: f.tube_id !== null && done.has(f.tube_id),
    stored: f.tube_id !== null && done.has(f.tube_id) ? null : f.stored,
  }));
}

/**
 * Closes the loop: a result of a single tube bound to someone holding a `held` flag in that round (bound
 * after the flag) clears or confirms the flag. Answers the flags closed.
 */
export async function closeFlagsByRetest(
  tx: Queryable,
  tubeIds: number[],
): Promise<{ id: number; status: string; area_path: string; retest_tube_id: number }[]> {
  if (!tubeIds.length) return [];
  return tx.query(
    `UPDATE sampling_flags f SET status = CASE WHEN s.result = 'positive' THEN 'confirmed' ELSE 'cleared' END, retest_tube_id = t.id, closed_at = now()
       FROM sampling_tubes t JOIN sampling_results s ON s.tube_id = t.id JOIN sampling_bindings b ON b.tube_id = t.id AND b.removed_at IS NULL
      WHERE t.id = ANY($1::int[]) AND t.capacity = 1 AND s.result IN ('negative', 'positive')
        AND f.status = 'held' AND f.round_id = t.round_id AND f.resident_id = b.resident_id AND b.bound_at >= f.created_at
     RETURNING f.id, f.status, f.area_path, f.retest_tube_id`,
    [tubeIds],
  );
}

export interface NewFlag {
  id: number;
  status: string;
  resident_id: number;
  name: string;
  area_id: number;
  area_path: string;
  tube_id: number;
  barcode: string;
}

/** Trace-back: every live member of these positive tubes flagged (held; confirmed at once for a single tube). */
export async function flagMembers(tx: Queryable, tubeIds: number[]): Promise<NewFlag[]> {
  if (!tubeIds.length) return [];
  return tx.query<NewFlag>(
    `WITH m AS (
       SELECT b.id AS binding_id, b.round_id, b.tube_id, b.resident_id, b.area_id, b.area_path, t.capacity
         FROM sampling_bindings b JOIN sampling_tubes t ON t.id = b.tube_id
        WHERE b.tube_id = ANY($1::int[]) AND b.removed_at IS NULL
     ), f AS (
       INSERT INTO sampling_flags (round_id, binding_id, tube_id, resident_id, area_id, area_path, status, closed_at)
       SELECT round_id, binding_id, tube_id, resident_id, area_id, area_path,
              CASE WHEN capacity = 1 THEN 'confirmed' ELSE 'held' END, CASE WHEN capacity = 1 THEN now() END
         FROM m
       ON CONFLICT (binding_id) DO NOTHING
       RETURNING id, status, resident_id, area_id, area_path, tube_id
     )
     SELECT f.id, f.status, f.resident_id, r.name, f.area_id, f.area_path, f.tube_id, t.barcode
       FROM f JOIN residents r ON r.id = f.resident_id JOIN sampling_tubes t ON t.id = f.tube_id ORDER BY f.tube_id, f.id`,
    [tubeIds],
  );
}

/** Grid workers of a person's area: users with the role whose scope area contains it, nearest first. */
const GRID_WORKERS = (path: string, scopeLike: string) =>
  `(SELECT coalesce(array_agg(u.display_name ORDER BY length(u.area_path) DESC, u.id), '{}') FROM users u
     WHERE 'grid_worker' = ANY(u.roles) AND NOT u.disabled AND ${path} LIKE u.area_path || '%' AND u.area_path LIKE ${scopeLike})`;

export interface FlagRow {
  id: number;
  round_id: number;
  resident_id: number;
  name: string;
  id_number: string | null;
  area_id: number;
  area_name: string;
  household_address: string | null;
  barcode: string;
  status: string;
  grid_workers: string[];
  created_at: Date;
  closed_at: Date | null;
}

export async function listFlags(db: Queryable, scope: Scope, p: { roundId: number; status?: string; underPath?: string }): Promise<FlagRow[]> {
  const q = new SqlParams();
  const scopeLike = q.add(scope.path + '%');
  const where = [`f.round_id = ${q.add(p.roundId)}`, `f.area_path LIKE ${scopeLike}`];
  if (p.status) where.push(`f.status = ${q.add(p.status)}`);
  if (p.underPath) where.push(`f.area_path LIKE ${q.add(p.underPath + '%')}`);
  return db.query<FlagRow>(
    `SELECT f.id, f.round_id, f.resident_id, r.name, r.id_number, f.area_id, a.name AS area_name, h.address AS household_address, t.barcode, f.status,
            ${GRID_WORKERS('f.area_path', scopeLike)} AS grid_workers, f.created_at, f.closed_at
       FROM sampling_flags f JOIN residents r ON r.id = f.resident_id JOIN areas a ON a.id = f.area_id JOIN sampling_tubes t ON t.id = f.tube_id
       LEFT JOIN households h ON h.id = r.household_id
      WHERE ${where.join(' AND ')}
      ORDER BY f.status = 'held' DESC, f.created_at DESC, f.id LIMIT 5000`,
    q.values,
  );
}

// ——— exemptions ———
export async function insertExemption(
  tx: Queryable,
  f: { roundId: number; residentId: number; areaId: number; areaPath: string; kind: string; detail: string | null; by: number },
): Promise<number> {
  const [{ id }] = await tx.query<{ id: number }>(
    `INSERT INTO sampling_exemptions (round_id, resident_id, area_id, area_path, kind, detail, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [f.roundId, f.residentId, f.areaId, f.areaPath, f.kind, f.detail, f.by],
  );
  return id;
}

export async function revokeExemption(
  tx: Queryable,
  scope: Scope,
  id: number,
  by: number,
): Promise<{ id: number; area_path: string; revoked_at: Date } | null> {
  const q = new SqlParams();
  const [row] = await tx.query<{ id: number; area_path: string; revoked_at: Date }>(
    `UPDATE sampling_exemptions e SET revoked_at = now(), revoked_by = ${q.add(by)} WHERE e.id = ${q.add(id)} AND e.revoked_at IS NULL AND ${scopeClause(scope, 'e.area_path', q)}
     RETURNING e.id, e.area_path, e.revoked_at`,
    q.values,
  );
  return row ?? null;
}

export async function listExemptions(db: Queryable, scope: Scope, p: { roundId: number; underPath?: string }) {
  const q = new SqlParams();
  const where = [`e.round_id = ${q.add(p.roundId)}`, `e.revoked_at IS NULL`, scopeClause(scope, 'e.area_path', q)];
  if (p.underPath) where.push(`e.area_path LIKE ${q.add(p.underPath + '%')}`);
  return db.query<{
    id: number;
    resident_id: number;
    name: string;
    id_number: string | null;
    area_id: number;
    area_name: string;
    kind: string;
    detail: string | null;
    recorded_at: Date;
  }>(
    `SELECT e.id, e.resident_id, r.name, r.id_number, e.area_id, a.name AS area_name, e.kind, e.detail, e.recorded_at
       FROM sampling_exemptions e JOIN residents r ON r.id = e.resident_id JOIN areas a ON a.id = e.area_id
      WHERE ${where.join(' AND ')} ORDER BY a.name, r.name, e.id LIMIT 10000`,
    q.values,
  );
}

// ——— coverage: the round's roster and its counters (migration 0016) ———
/**
 * Whether residents changed since the round's roster was taken (or it was never taken): one look at the last
 * entry of `residents_updated_at_idx`, so a coverage read of an unchanged registry writes nothing.
 */
export async function rosterBehind(db: Queryable, roundId: number): Promise<boolean> {
  const [row] = await db.query<{ behind: boolean }>(
    `SELECT coalesce((SELECT max(updated_at) FROM residents) > (SELECT roster_synced_to FROM sampling_rounds WHERE id = $1), true) AS behind`,
    [roundId],
  );
  return row.behind;
}

/**
 * Takes the round's roster into `sampling_roster`: who is due is the registry's dated stays under the round's area
 * covering the roster date (a person's latest such stay), merged people left out, `young` when born after
 * `bornAfter`. The first time for everyone; then only for the residents changed since (`updated_at`, which every
 * registry write sets: a registration, a move — also one dated back to before the roster date —, a move out, a
 * merge, a household moved, a birth date corrected): each joins, leaves or changes area. The roster table's
 * triggers move the counters. A registry transaction still open while a roster is taken and committed after it,
 * with an older `updated_at`, is not seen (a long all-or-nothing import running across a round's opening):
 * its people are taken in when they next change. Answers the roster rows written.
 */
export async function syncRoster(tx: Queryable, p: { roundId: number; areaPath: string; rosterDate: string; bornAfter: string | null }): Promise<number> {
  // The round row locked: two readers syncing at once take turns, and the second finds nothing left to do.
  // As text: a JS Date would cut the microseconds, and the next look would find the same people changed again.
  const [{ wm, top, done }] = await tx.query<{ wm: string | null; top: string | null; done: boolean }>(
    `SELECT w.wm::text AS wm, t.top::text AS top, coalesce(t.top <= w.wm, t.top IS NULL) AS done
       FROM (SELECT roster_synced_to AS wm FROM sampling_rounds WHERE id = $1 FOR UPDATE) w, (SELECT max(updated_at) AS top FROM residents) t`,
    [p.roundId],
  );
  if (done) return 0;
  const q = new SqlParams();
  const round = q.add(p.roundId);
  const day = q.add(p.rosterDate);
  const young = p.bornAfter ? `coalesce(r.birth_date > ${q.add(p.bornAfter)}::date, false)` : 'false';
  const changed = wm === null ? 'true' : `r.updated_at > ${q.add(wm)}::timestamptz AND r.updated_at <= ${q.add(top)}::timestamptz`;
  const current = `SELECT DISTINCT ON (st.resident_id) st.resident_id, st.area_path, ${young} AS young
       FROM resident_stays st JOIN residents r ON r.id = st.resident_id AND r.merged_into IS NULL
      WHERE ${changed} AND st.area_path LIKE ${q.add(p.areaPath + '%')}
        AND st.from_date <= ${day}::date AND (st.to_date IS NULL OR st.to_date > ${day}::date)
      ORDER BY st.resident_id, st.from_date DESC, st.id DESC`;
  let n = await tx.execute(
    `INSERT INTO sampling_roster AS ro (round_id, resident_id, area_path, young, rostered)
     SELECT ${round}, cur.resident_id, cur.area_path, cur.young, true FROM (${current}) cur
     ON CONFLICT (round_id, resident_id) DO UPDATE SET rostered = true, area_path = excluded.area_path, young = excluded.young
      WHERE (ro.rostered, ro.area_path, ro.young) IS DISTINCT FROM (true, excluded.area_path, excluded.young)`,
    q.values,
  );
  if (wm !== null) {
    // Changed people whose stay of the roster date is no longer under the round's area (moved out, merged): off it.
    n += await tx.execute(
      `UPDATE sampling_roster ro SET rostered = false
        WHERE ro.round_id = ${round} AND ro.rostered
          AND ro.resident_id IN (SELECT r.id FROM residents r WHERE ${changed})
          AND ro.resident_id NOT IN (SELECT cur.resident_id FROM (${current}) cur)`,
      q.values,
    );
  }
  await tx.query('UPDATE sampling_rounds SET roster_synced_to = $2::timestamptz WHERE id = $1', [p.roundId, top]);
  return n;
}

export interface CoverageRow {
  child: number | null;
  roster: number;
  sampled: number;
  exempt: number;
  missing: number;
}

/**
 * The table per child of `under`: a sum over the round's counter rows (one per area path where people stay),
 * a few thousand for a county — not a read of the roster. Status of a person: sampled (a live binding in a tube
 * not found invalid) › exempt (a live exemption, or under age) › missing.
 */
export async function coverage(db: Queryable, p: { roundId: number; underPath: string; scope: Scope }): Promise<CoverageRow[]> {
  const q = new SqlParams();
  return db.query<CoverageRow>(
    `SELECT nullif(split_part(substr(c.stay_path, ${q.add(p.underPath.length + 1)}), '/', 1), '')::int AS child,
            sum(c.roster)::int AS roster, sum(c.sampled)::int AS sampled, sum(c.exempt)::int AS exempt, sum(c.roster - c.sampled - c.exempt)::int AS missing
       FROM sampling_coverage c
      WHERE c.round_id = ${q.add(p.roundId)} AND c.stay_path LIKE ${q.add(p.underPath + '%')} AND ${scopeClause(p.scope, 'c.stay_path', q)}
      GROUP BY 1 HAVING sum(c.roster) > 0`,
    q.values,
  );
}

/** The round's rostered people under `under` (and the caller's scope): the rows the counters count. */
function rosterUnder(q: SqlParams, p: { roundId: number; underPath: string; scope: Scope }) {
  return `ro.round_id = ${q.add(p.roundId)} AND ro.rostered AND ro.area_path LIKE ${q.add(p.underPath + '%')} AND ${scopeClause(p.scope, 'ro.area_path', q)}`;
}

export async function missing(db: Queryable, p: { roundId: number; underPath: string; scope: Scope; page: number; pageSize: number }) {
  const q = new SqlParams();
  const where = rosterUnder(q, p);
  const scopeLike = q.add(p.scope.path + '%');
  const rows = await db.query<{
    resident_id: number;
    name: string;
    id_number: string | null;
    area_id: number;
    area_name: string;
    address: string | null;
    grid_workers: string[];
    total: number;
  }>(
    `WITH m AS (
       SELECT ro.resident_id, ro.area_path, r.name, r.id_number, r.household_id FROM sampling_roster ro JOIN residents r ON r.id = ro.resident_id
        WHERE ${where} AND ro.sampled = 0 AND NOT ro.exempt AND NOT ro.young
     )
     SELECT m.resident_id, m.name, m.id_number, a.id AS area_id, a.name AS area_name, h.address, ${GRID_WORKERS('m.area_path', scopeLike)} AS grid_workers,
            count(*) OVER ()::int AS total
       FROM m JOIN areas a ON a.id = nullif(split_part(rtrim(m.area_path, '/'), '/', array_length(string_to_array(rtrim(m.area_path, '/'), '/'), 1)), '')::int
       LEFT JOIN households h ON h.id = m.household_id
      ORDER BY m.area_path, m.name, m.resident_id
      LIMIT ${q.add(p.pageSize)} OFFSET ${q.add((p.page - 1) * p.pageSize)}`,
    q.values,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

// ——— the slot plan ———
/**
 * People due at a point, per unit: the area their stay points at (a building, or the grid / village group for
 * those outside buildings), in path order so neighbours stay together. Due = on the roster of the day under
 * the served areas, not exempt (recorded, or under age).
 */
export async function slotUnits(db: Queryable, p: { roundId: number; servedPaths: string[]; scope: Scope; rosterDate: string; bornAfter: string | null }) {
  if (!p.servedPaths.length) return [];
  const q = new SqlParams();
  const day = q.add(p.rosterDate);
  const young = p.bornAfter ? `AND NOT (r.birth_date IS NOT NULL AND r.birth_date > ${q.add(p.bornAfter)}::date)` : '';
  return db.query<{ area_id: number; name: string; people: number }>(
    `WITH roster AS (
       SELECT DISTINCT ON (st.resident_id) st.resident_id, st.area_path
         FROM resident_stays st
        WHERE st.area_path LIKE ANY(${q.add(p.servedPaths.map((x) => x + '%'))}::text[]) AND ${scopeClause(p.scope, 'st.area_path', q)}
          AND st.from_date <= ${day}::date AND (st.to_date IS NULL OR st.to_date > ${day}::date)
        ORDER BY st.resident_id, st.from_date DESC
     )
     SELECT a.id AS area_id, a.name, count(*)::int AS people
       FROM roster ro JOIN residents r ON r.id = ro.resident_id AND r.merged_into IS NULL
       JOIN areas a ON a.id = split_part(rtrim(ro.area_path, '/'), '/', array_length(string_to_array(rtrim(ro.area_path, '/'), '/'), 1))::int
      WHERE NOT EXISTS (SELECT 1 FROM sampling_exemptions e WHERE e.round_id = ${q.add(p.roundId)} AND e.resident_id = ro.resident_id AND e.revoked_at IS NULL) ${young}
      GROUP BY a.id, a.name, a.path ORDER BY a.path`,
    q.values,
  );
}

// ——— home sampling ———
/**
 * Who should be sampled at home: on the roster of the day under `underPath` (in the round's area and the
 * caller's scope), bedridden or disabled, at or over `elderlyAge`, or under a live measure at home (a
 * read-only look at monitoring's `measures`); not sampled, not exempt, and without a home-sampling task made
 * since the round was created (a read-only look at the task inbox). Set-based.
 */
export async function homeCandidates(
  db: Queryable,
  p: { roundId: number; roundCreatedAt: Date; underPath: string; scope: Scope; rosterDate: string; elderlyBornOnOrBefore: string | null },
) {
  const q = new SqlParams();
  const day = q.add(p.rosterDate);
  const round = q.add(p.roundId);
  const elderly = p.elderlyBornOnOrBefore ? `OR r.birth_date <= ${q.add(p.elderlyBornOnOrBefore)}::date` : '';
  return db.query<{ resident_id: number; name: string; area_id: number; area_path: string; reason: string }>(
    `WITH roster AS (
       SELECT DISTINCT ON (st.resident_id) st.resident_id FROM resident_stays st
        WHERE st.area_path LIKE ${q.add(p.underPath + '%')} AND ${scopeClause(p.scope, 'st.area_path', q)}
          AND st.from_date <= ${day}::date AND (st.to_date IS NULL OR st.to_date > ${day}::date)
        ORDER BY st.resident_id, st.from_date DESC
     )
     SELECT r.id AS resident_id, r.name, r.area_id, r.area_path,
            CASE WHEN EXISTS (SELECT 1 FROM measures m WHERE m.resident_id = r.id AND m.place = 'home' AND m.state IN ('confirmed', 'active', 'release_check')) THEN 'measure'
                 WHEN r.groups && ARRAY['bedridden', 'disabled'] THEN 'home_bound' ELSE 'elderly' END AS reason
       FROM roster ro JOIN residents r ON r.id = ro.resident_id AND r.merged_into IS NULL AND r.status = 'present'
      WHERE (r.groups && ARRAY['bedridden', 'disabled'] ${elderly}
             OR EXISTS (SELECT 1 FROM measures m WHERE m.resident_id = r.id AND m.place = 'home' AND m.state IN ('confirmed', 'active', 'release_check')))
        AND NOT EXISTS (SELECT 1 FROM sampling_bindings b WHERE b.round_id = ${round} AND b.resident_id = r.id AND b.removed_at IS NULL
                        AND NOT EXISTS (SELECT 1 FROM sampling_results sr WHERE sr.tube_id = b.tube_id AND sr.result = 'invalid'))
        AND NOT EXISTS (SELECT 1 FROM sampling_exemptions e WHERE e.round_id = ${round} AND e.resident_id = r.id AND e.revoked_at IS NULL)
        AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.subject_kind = 'sampling_home' AND t.subject_id = r.id AND t.type = 'home_sampling' AND t.created_at >= ${q.add(p.roundCreatedAt)})
      ORDER BY r.area_path, r.id`,
    q.values,
  );
}

/** Rostered people (the rows the coverage counters count) by the local hour of their first counting binding: the chart. */
export async function sampledByHour(db: Queryable, p: { roundId: number; underPath: string; scope: Scope; timeZone: string }) {
  const q = new SqlParams();
  const where = rosterUnder(q, p);
  return db.query<{ hour: string; sampled: number }>(
    `WITH f AS (
       SELECT min(b.bound_at) AS first_at FROM sampling_roster ro
         JOIN sampling_bindings b ON b.round_id = ro.round_id AND b.resident_id = ro.resident_id AND b.removed_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM sampling_results sr WHERE sr.tube_id = b.tube_id AND sr.result = 'invalid')
        WHERE ${where} AND ro.sampled > 0
        GROUP BY ro.resident_id
     )
     SELECT to_char(date_trunc('hour', f.first_at AT TIME ZONE ${q.add(p.timeZone)}), 'YYYY-MM-DD"T"HH24:00') AS hour, count(*)::int AS sampled
       FROM f GROUP BY 1 ORDER BY 1`,
    q.values,
  );
}
