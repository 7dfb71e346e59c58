import type { Queryable } from '../../db/engine';
import { type AuditActor, auditRowsSql, actorColumnsOf } from '../../platform/audit';
import { CLIENT_WRITES } from '../../platform/client-writes';
import { firstPerClientId } from '../../platform/group-commit';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { residentsAs } from '../residents/sql';

/** SQL of crossings (登记): the phone's write is one statement, the lists and figures are reads. */
export interface NewCrossing {
  clientId: string;
  postId: number;
  at: Date;
  timeZone: string;
  direction: string;
  plate: string | null;
  vehicleType: string | null;
  passNo: string | null;
  originCode: string | null;
  originName: string | null;
  originRiskLevel: string;
  destinationAreaId: number | null;
  checks: string[];
  flagged: number;
  decision: string;
  policyDecision: string;
  policyRule: string;
  by: number;
  people: {
    name: string | null;
    idNumber: string | null;
    phone: string | null;
    temperature: number;
    feverish: boolean;
    codeColour: string | null;
    residentId: number | null;
  }[];
}

/** One phone's crossing as the batch statement checks it: who sends it, within which scope, for which local day. */
export interface PendingCrossing {
  who: AuditActor;
  /** The sender's scope path: the post must lie within it (a post outside it answers like a missing one). */
  scopePath: string;
  /** The local day of the crossing: the post must be open on it. */
  day: string;
  c: NewCrossing;
}

/**
 * What the statement did with one crossing. `seen`: its client id was recorded before (the record, for the
 * caller to answer after checking its own scope); `raced`: another statement took the client id while this one
 * ran (its record is visible only once that one committed: the caller looks it up).
 */
export type CrossingOutcome =
  | { kind: 'written'; id: number; postName: string; areaPath: string }
  | { kind: 'seen'; areaPath: string; crossing: CrossingRow }
  | { kind: 'no_post' }
  | { kind: 'closed'; postName: string }
  | { kind: 'direction' }
  | { kind: 'raced' };

/**
 * Crossings, their people and their audit rows in ONE statement, committed before any answer — with no read
 * before it: the statement itself finds each crossing's post (in its sender's scope, open on the day, the
 * direction one of its own) and the client ids already recorded, per crossing. The statement claims each phone's
 * client id (platform/client-writes.ts: the crossings are split by month, where a unique key
 * would have to hold the time) `ON CONFLICT DO NOTHING`, and writes only the crossings it claimed, so a crossing sent twice —
 * even by retries racing each other (on PostgreSQL the second waits for the first to commit) — inserts nothing the
 * second time. Many crossings go in
 * one statement when the group commit gathers them (crossing-writer.ts), each audited as its own request; the
 * same client id twice in one call is written once (the later ones are `raced`).
 */
export async function insertCrossings(db: Queryable, items: PendingCrossing[]): Promise<CrossingOutcome[]> {
  const batch = firstPerClientId(items, ({ c }) => c.clientId);
  const rows = batch.unique;
  const q = new SqlParams();
  const col = <T>(f: (x: PendingCrossing) => T, type: string) => `${q.add(rows.map(f))}::${type}[]`;
  const src = `unnest(${col((x) => x.c.clientId, 'uuid')}, ${col((x) => x.c.postId, 'int')}, ${col((x) => x.scopePath, 'text')}, ${col((x) => x.day, 'date')},
      ${col((x) => x.c.at, 'timestamptz')}, ${col((x) => x.c.timeZone, 'text')}, ${col((x) => x.c.direction, 'text')}, ${col((x) => x.c.plate, 'text')},
      ${col((x) => x.c.vehicleType, 'text')}, ${col((x) => x.c.passNo, 'text')}, ${col((x) => x.c.originCode, 'text')}, ${col((x) => x.c.originName, 'text')},
      ${col((x) => x.c.originRiskLevel, 'text')}, ${col((x) => x.c.destinationAreaId, 'int')}, ${col((x) => x.c.checks.join(','), 'text')},
      ${col((x) => JSON.stringify(x.c.people.map(personJson)), 'jsonb')}, ${col((x) => x.c.flagged, 'int')}, ${col((x) => x.c.decision, 'text')},
      ${col((x) => x.c.policyDecision, 'text')}, ${col((x) => x.c.policyRule, 'text')}, ${col((x) => x.c.by, 'int')},
      ${col((x) => x.who.actorId, 'int')}, ${col((x) => x.who.actorName, 'text')}, ${col((x) => x.who.requestId, 'text')}, ${col((x) => x.who.clientIp, 'text')})
    WITH ORDINALITY AS s(client_id, post_id, scope_path, day, at, tz, direction, plate, vehicle_type, pass_no, origin_code, origin_name, origin_risk_level,
      destination_area_id, checks, people, flagged, decision, policy_decision, policy_rule, recorded_by, actor_id, actor_name, request_id, client_ip, n)`;
  const aud = auditRowsSql(q, actorColumnsOf('src'), {
    entity: 'checkpoint_crossing',
    action: 'record',
    from: 'ins JOIN src ON src.client_id = ins.client_id',
    entityId: 'ins.id',
    areaPath: 'ins.area_path',
    after: { postId: 'ins.post_id', direction: 'ins.direction', people: 'ins.people', flagged: 'ins.flagged', decision: 'ins.decision' },
    // The plate from the caller, masked like audit()'s (SQL cannot): the trail is kept for years, the crossing 60 days.
    afterEach: { values: rows.map((x) => ({ plate: x.c.plate })), place: 'src.n' },
  });
  const written = await db.query<
    CrossingRow & { k: number; status: string; checked_post_name: string | null; checked_path: string | null; new_id: number | null; seen_path: string | null }
  >(
    `WITH src AS (SELECT * FROM ${src}),
     seen AS (
       -- Each crossing's claim looked up by its client id, then its record by key: laterally, each kept from being
       -- folded into one join (OFFSET 0), so no plan can start from a post's crossings — on a new deployment's
       -- fresh statistics one did, reading every crossing of the day for each batch.
       SELECT src.n, c.area_path AS seen_path, ${COLUMNS}
         FROM src
         CROSS JOIN LATERAL (SELECT w.row_id, w.at FROM ${CLIENT_WRITES} w WHERE w.client_id = src.client_id OFFSET 0) w
         CROSS JOIN LATERAL (SELECT * FROM checkpoint_crossings c0 WHERE c0.id = w.row_id AND c0.at = w.at OFFSET 0) c
         JOIN checkpoint_posts p ON p.id = c.post_id
     ), chk AS (
       SELECT src.n, p.name AS post_name, p.area_path,
              CASE WHEN p.id IS NULL OR NOT starts_with(p.area_path, src.scope_path) THEN 'no_post'
                   WHEN p.opens_on > src.day OR p.closes_on < src.day THEN 'closed'
                   WHEN NOT (src.direction = ANY (p.directions)) THEN 'direction'
                   ELSE 'ok' END AS status
         FROM src LEFT JOIN checkpoint_posts p ON p.id = src.post_id
     ), claim AS (
       -- The client id claimed, with the id the crossing will have: a racing statement with the same client id
       -- waits here for this one to commit, then claims nothing.
       INSERT INTO ${CLIENT_WRITES} (client_id, table_name, row_id, at, area_path)
       SELECT src.client_id, 'checkpoint_crossings', nextval('checkpoint_crossings_id_seq'), src.at, chk.area_path
         FROM src JOIN chk ON chk.n = src.n
        WHERE chk.status = 'ok' AND NOT EXISTS (SELECT 1 FROM seen WHERE seen.n = src.n)
        ORDER BY src.n
       ON CONFLICT (client_id) DO NOTHING RETURNING client_id, row_id
     ), ins AS (
       INSERT INTO checkpoint_crossings (id, client_id, post_id, area_path, at, day, hour, direction, vehicle, plate, vehicle_type, pass_no, origin_code,
         origin_name, origin_risk_level, destination_area_id, checks, people, flagged, decision, policy_decision, policy_rule, recorded_by)
       SELECT claim.row_id, src.client_id, src.post_id, chk.area_path, src.at, (src.at AT TIME ZONE src.tz)::date,
         extract(hour FROM src.at AT TIME ZONE src.tz)::int, src.direction, src.plate IS NOT NULL, src.plate, src.vehicle_type, src.pass_no,
         src.origin_code, src.origin_name, src.origin_risk_level, src.destination_area_id, string_to_array(src.checks, ','),
         jsonb_array_length(src.people), src.flagged, src.decision, src.policy_decision, src.policy_rule, src.recorded_by
         FROM claim JOIN src ON src.client_id = claim.client_id JOIN chk ON chk.n = src.n
        ORDER BY src.n
       RETURNING *
     ), ppl AS (
       INSERT INTO checkpoint_crossing_people (crossing_id, crossing_at, area_path, name, id_number, phone, temperature, feverish, code_colour, resident_id)
       SELECT ins.id, ins.at, ins.area_path, x.name, x.id_number, x.phone, x.temperature, x.feverish, x.code_colour, x.resident_id
         FROM ins JOIN src ON src.client_id = ins.client_id,
              jsonb_to_recordset(src.people) AS x(name text, id_number text, phone text, temperature numeric, feverish boolean, code_colour text, resident_id int, i int)
        ORDER BY src.n, x.i
     ), aud AS (${aud})
     SELECT src.n::int AS k, chk.status, chk.post_name AS checked_post_name, chk.area_path AS checked_path, ins.id AS new_id, seen.*
       FROM src JOIN chk ON chk.n = src.n LEFT JOIN ins ON ins.client_id = src.client_id LEFT JOIN seen ON seen.n = src.n`,
    q.values,
    // The text is the same whatever the batch's size (each column is one array), so its plan is kept.
    'checkpoints.crossings.write',
  );
  const byRow = new Map(written.map((w) => [w.k, w]));
  const outcomeOf = (w: (typeof written)[number] | undefined): CrossingOutcome => {
    if (!w) return { kind: 'raced' };
    // A client id recorded before answers its record, whatever its post is now (closed, moved out of scope).
    if (w.seen_path !== null) return { kind: 'seen', areaPath: w.seen_path, crossing: w };
    if (w.status === 'no_post') return { kind: 'no_post' };
    if (w.status === 'closed') return { kind: 'closed', postName: w.checked_post_name! };
    if (w.status === 'direction') return { kind: 'direction' };
    if (w.new_id === null) return { kind: 'raced' };
    return { kind: 'written', id: w.new_id, postName: w.checked_post_name!, areaPath: w.checked_path! };
  };
  return batch.outcomes((n) => outcomeOf(byRow.get(n)), { kind: 'raced' });
}

/** A crossing's person as the statement reads it (only these fields: the caller's objects carry more). */
function personJson(p: NewCrossing['people'][number], i: number) {
  return {
    name: p.name,
    id_number: p.idNumber,
    phone: p.phone,
    temperature: p.temperature,
    feverish: p.feverish,
    code_colour: p.codeColour,
    resident_id: p.residentId,
    i,
  };
}

/** One crossing alone (with its returnees' arrivals, in the caller's transaction). */
export async function insertCrossing(db: Queryable, item: PendingCrossing): Promise<CrossingOutcome> {
  const [outcome] = await insertCrossings(db, [item]);
  return outcome;
}

export async function crossingIdByClient(db: Queryable, clientId: string): Promise<{ id: number; area_path: string } | null> {
  const [row] = await db.query<{ id: number; area_path: string }>(
    `SELECT c.id, c.area_path FROM ${CLIENT_WRITES} w JOIN checkpoint_crossings c ON c.id = w.row_id AND c.at = w.at
      WHERE w.client_id = $1 AND w.table_name = 'checkpoint_crossings'`,
    [clientId],
  );
  return row ?? null;
}

export async function setArrival(tx: Queryable, crossingId: number, residentId: number, arrivalId: number): Promise<void> {
  await tx.query('UPDATE checkpoint_crossing_people SET arrival_id = $3 WHERE crossing_id = $1 AND resident_id = $2', [crossingId, residentId, arrivalId]);
}

/** Registered people by ID number, for matching a crossing's people (any area: a returnee lives anywhere in the county). */
export async function residentsByIdNumber(db: Queryable, idNumbers: string[]) {
  if (!idNumbers.length) return [];
  return db.query<{ id: number; name: string; id_number: string; area_id: number; area_path: string }>(
    `SELECT r.id, r.name, r.id_number, r.area_id, r.area_path FROM ${residentsAs('r')} WHERE r.id_number = ANY($1::text[]) AND r.merged_into IS NULL`,
    [idNumbers],
  );
}

export interface CrossingRow {
  id: number;
  post_id: number;
  post_name: string;
  at: Date;
  direction: string;
  plate: string | null;
  vehicle_type: string | null;
  pass_no: string | null;
  origin_name: string | null;
  origin_risk_level: string;
  checks: string[];
  flagged: number;
  decision: string;
  policy_decision: string;
  policy_rule: string;
  people: {
    name: string | null;
    id_number: string | null;
    temperature: number;
    feverish: boolean;
    code_colour: string | null;
    resident_id: number | null;
    arrival_id: number | null;
  }[];
}

const COLUMNS = `c.id, c.post_id, p.name AS post_name, c.at, c.direction, c.plate, c.vehicle_type, c.pass_no, c.origin_name, c.origin_risk_level, c.checks,
  c.flagged, c.decision, c.policy_decision, c.policy_rule,
  (SELECT COALESCE(json_agg(json_build_object('name', x.name, 'id_number', x.id_number, 'temperature', x.temperature::float8, 'feverish', x.feverish,
     'code_colour', x.code_colour, 'resident_id', x.resident_id, 'arrival_id', x.arrival_id) ORDER BY x.id), '[]') FROM checkpoint_crossing_people x WHERE x.crossing_id = c.id AND x.crossing_at = c.at) AS people`;

export async function findCrossing(db: Queryable, id: number): Promise<CrossingRow | null> {
  const [row] = await db.query<CrossingRow>(`SELECT ${COLUMNS} FROM checkpoint_crossings c JOIN checkpoint_posts p ON p.id = c.post_id WHERE c.id = $1`, [id]);
  return row ?? null;
}

export async function listCrossings(
  db: Queryable,
  scope: Scope,
  f: { postId?: number; underPath?: string; day?: string; decision?: string; limit: number; offset: number },
) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'c.area_path', q)];
  if (f.underPath) where.push(`c.area_path LIKE ${q.add(f.underPath + '%')}`);
  if (f.postId) where.push(`c.post_id = ${q.add(f.postId)}`);
  if (f.day) where.push(`c.day = ${q.add(f.day)}::date`);
  if (f.decision) where.push(`c.decision = ${q.add(f.decision)}`);
  const rows = await db.query<CrossingRow & { total: number }>(
    `SELECT ${COLUMNS}, count(*) OVER ()::int AS total FROM checkpoint_crossings c JOIN checkpoint_posts p ON p.id = c.post_id
      WHERE ${where.join(' AND ')} ORDER BY c.at DESC, c.id DESC LIMIT ${q.add(f.limit)} OFFSET ${q.add(f.offset)}`,
    q.values,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}
