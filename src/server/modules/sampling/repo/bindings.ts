import { nextIdSql } from '../../../db/next-id';
import type { Queryable } from '../../../db/engine';
import { type AuditActor, auditRowsSql, actorColumnsOf } from '../../../platform/audit';
import { CLIENT_WRITES } from '../../../platform/client-writes';
import type { Scope } from '../../../platform/scope';
import { SqlParams } from '../../../platform/sql';
import type { PoolRule } from '../../../../domain/sampling/rules';
import { residentsAs } from '../../residents/sql';
import { markDoneSql } from '../../tasks/sql';

/** SQL of the desk's hot path: people bound into tubes, many desks' scans in one statement. */

/** Split by month of `bound_at` (migration 0063). */
export const BINDINGS_TABLE = 'sampling_bindings';

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

/** One desk's scan: who sent it (audited as its own request), in which scope, into which tube. */
export interface BindItem {
  scope: Scope;
  who: AuditActor & { userId: number };
  tubeId: number;
  clientId: string;
  person: Who;
}

/**
 * Binds the scans of many desks in ONE statement (one implicit transaction when called on the database handle):
 * for each scan the people are resolved in its sender's scope, its tube is locked FOR UPDATE (all the tubes of the
 * statement, in id order, before anything is written — see `locked`), a scan whose client id is already claimed in
 * `client_writes` inserts nothing (a retry; the claim `ON CONFLICT DO NOTHING` covers one racing from another
 * transaction — the bindings are split by month, where a unique key would have to hold the time), a scan
 * is taken whole or not at all (a household that does not fit leaves the tube as it was), each person's earlier
 * live binding in the round is the duplicate warning, the tubes' counts are raised, home-sampling tasks are done
 * and one audit row per binding names its own sender and request. Coverage counters move by the triggers of 0016.
 *
 * The caller gives each tube and each client id at most once per call (bind-writer.ts splits a batch into such
 * layers): a tube's 第N人 is then `bound + ord` with `bound` read under its lock, exactly as one scan alone.
 * Answers one outcome per scan, in their order.
 */
export async function bindMany(db: Queryable, items: BindItem[]): Promise<BindOutcome[]> {
  const q = new SqlParams();
  const col = <T>(f: (x: BindItem) => T, type: string) => `${q.add(items.map(f))}::${type}[]`;
  const pick = <K extends string>(x: BindItem, k: K) => (k in x.person ? (x.person as Record<K, unknown>)[k] : null);
  const src = `unnest(${col((x) => x.clientId, 'text')}, ${col((x) => x.tubeId, 'int')}, ${col((x) => pick(x, 'residentId'), 'int')},
      ${col((x) => pick(x, 'idNumber'), 'text')}, ${col((x) => pick(x, 'householdId'), 'int')}, ${col((x) => `${x.scope.path}%`, 'text')},
      ${col((x) => x.who.userId, 'int')}, ${col((x) => x.who.actorId, 'int')}, ${col((x) => x.who.actorName, 'text')},
      ${col((x) => x.who.requestId, 'text')}, ${col((x) => x.who.clientIp, 'text')})
    WITH ORDINALITY AS s(client_id, tube_id, resident_id, id_number, household_id, scope_like, user_id, actor_id, actor_name, request_id, client_ip, n)`;
  const aud = auditRowsSql(q, actorColumnsOf('nd'), {
    entity: 'sampling_binding',
    action: 'bind',
    from: 'ins JOIN nd ON nd.id = ins.id',
    entityId: 'ins.id',
    areaPath: 'ins.area_path',
    after: { tubeId: 'ins.tube_id', residentId: 'ins.resident_id', seq: 'ins.seq', duplicateOf: 'ins.duplicate_of', clientId: 'nd.cid' },
  });
  const sql = `WITH src AS (SELECT * FROM ${src}),
     p AS (
       -- A scan names one person (by id or ID number) or a household's present members, head first.
       SELECT src.n, r.id, r.name, r.area_id, r.area_path, r.groups,
              CASE WHEN src.household_id IS NULL THEN src.client_id ELSE src.client_id || ':' || r.id END AS ck,
              row_number() OVER (PARTITION BY src.n ORDER BY r.relation = 'head' DESC, r.birth_date NULLS LAST, r.id)::int AS ord
         FROM src CROSS JOIN LATERAL (
                SELECT id, name, area_id, area_path, groups, relation, birth_date, merged_into FROM ${residentsAs('r1')} WHERE r1.id = src.resident_id
                UNION ALL SELECT id, name, area_id, area_path, groups, relation, birth_date, merged_into FROM ${residentsAs('r2')} WHERE r2.id_number = src.id_number
                UNION ALL SELECT id, name, area_id, area_path, groups, relation, birth_date, merged_into FROM ${residentsAs('r3')} WHERE r3.household_id = src.household_id AND r3.status = 'present'
              ) r
        WHERE r.merged_into IS NULL AND r.area_path LIKE src.scope_like
     ), pc AS (
       SELECT n, count(*)::int AS k FROM p GROUP BY n
     ), prior AS MATERIALIZED (
       -- A scan sent before: its id is claimed (the bindings are split by month, migration 0063). Each id looked up
       -- on its own (OFFSET 0 keeps it from being folded into a join): on stale statistics (PGlite has no
       -- autovacuum) a hash join read every claim for each batch. Materialised: the scans of \`ok\` read this list,
       -- where a NOT EXISTS over the lookup itself looked up every id of the batch again for each scan.
       SELECT src.n FROM src CROSS JOIN LATERAL (SELECT 1 FROM ${CLIENT_WRITES} w WHERE w.client_id = src.client_id::uuid OFFSET 0) w
     ), t AS MATERIALIZED (
       SELECT id, round_id, capacity, bound, status, barcode, area_path FROM sampling_tubes
        WHERE id IN (SELECT tube_id FROM src) ORDER BY id FOR UPDATE
     ), locked AS (
       -- Every tube locked before the first row goes in: the audit chain's lock is taken at the first audit row, and
       -- a writer holding one of these tubes while waiting for that lock (closing the tube) must not wait on us.
       SELECT count(*) AS k FROM t
     ), st AS (
       SELECT src.n, t.id, t.round_id, t.capacity, t.bound, t.status, t.barcode, rd.status AS round_status, rd.pool_rules, rd.pool_default,
              COALESCE(pc.k, 0) AS k
         FROM src JOIN t ON t.id = src.tube_id AND t.area_path LIKE src.scope_like
         LEFT JOIN sampling_rounds rd ON rd.id = t.round_id LEFT JOIN pc ON pc.n = src.n
     ), ok AS (
       SELECT st.* FROM st WHERE (SELECT k FROM locked) >= 0 AND st.status = 'open' AND st.round_status = 'open' AND st.k > 0
          AND st.bound + st.k <= st.capacity AND NOT EXISTS (SELECT 1 FROM prior WHERE prior.n = st.n)
     ), dup AS (
       SELECT DISTINCT ON (b.round_id, b.resident_id) b.round_id, b.resident_id, b.id FROM sampling_bindings b
        WHERE (b.round_id, b.resident_id) IN (SELECT ok.round_id, p.id FROM ok JOIN p ON p.n = ok.n) AND b.removed_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM sampling_results sr WHERE sr.tube_id = b.tube_id AND sr.result = 'invalid')
        ORDER BY b.round_id, b.resident_id, b.bound_at, b.id
     ), nw AS (
       -- Ids taken before the insert, so a person scanned at two desks in this one statement is warned at the later one.
       SELECT ${nextIdSql('sampling_bindings')} AS id, p.ck, ok.round_id, ok.id AS tube_id, p.id AS resident_id,
              ok.bound + p.ord AS seq, p.area_id, p.area_path, src.user_id, src.client_id AS cid, src.actor_id, src.actor_name, src.request_id,
              src.client_ip, p.n, p.ord
         FROM ok JOIN p ON p.n = ok.n JOIN src ON src.n = ok.n ORDER BY p.n, p.ord
     ), nd AS (
       SELECT nw.*, COALESCE(dup.id, NULLIF(first_value(nw.id) OVER (PARTITION BY nw.round_id, nw.resident_id ORDER BY nw.n, nw.ord), nw.id)) AS duplicate_of
         FROM nw LEFT JOIN dup ON dup.round_id = nw.round_id AND dup.resident_id = nw.resident_id
     ), claim AS (
       -- Each scan's id claimed with its first binding and the time they all take (now(): the transaction's start). A
       -- racing statement with the same id waits here for this one to commit, then claims nothing and binds nobody.
       INSERT INTO ${CLIENT_WRITES} (client_id, table_name, row_id, at, area_path)
       SELECT DISTINCT ON (nd.n) nd.cid::uuid, '${BINDINGS_TABLE}', nd.id, now(), nd.area_path FROM nd ORDER BY nd.n, nd.ord
       ON CONFLICT (client_id) DO NOTHING RETURNING client_id
     ), ins AS (
       INSERT INTO sampling_bindings (id, client_id, round_id, tube_id, resident_id, seq, area_id, area_path, duplicate_of, bound_by, bound_at)
       SELECT nd.id, nd.ck, nd.round_id, nd.tube_id, nd.resident_id, nd.seq, nd.area_id, nd.area_path, nd.duplicate_of, nd.user_id, now()
         FROM nd JOIN claim ON claim.client_id = nd.cid::uuid ORDER BY nd.n, nd.ord
       RETURNING id, tube_id, resident_id, seq, duplicate_of, area_path, bound_by
     ), upd AS (
       UPDATE sampling_tubes tu SET bound = tu.bound + x.k FROM (SELECT tube_id, count(*)::int AS k FROM ins GROUP BY tube_id) x
        WHERE tu.id = x.tube_id RETURNING tu.id, tu.bound
     ), home AS (
       -- A home-sampling task of the person is done once they are bound (tasks_subject_idx), by who bound them.
       ${markDoneSql({
         subjectKind: "'sampling_home'",
         type: "'home_sampling'",
         subjectIds: 'SELECT resident_id FROM ins',
         by: '(SELECT i.bound_by FROM ins i WHERE i.resident_id = tasks.subject_id LIMIT 1)',
       })}
     ), aud AS (
       ${aud}
     ), done AS (
       -- Each scan's people as bound, gathered once for the batch (a subquery per scan read all of them per scan).
       SELECT nd.n, json_agg(json_build_object('id', ins.id, 'residentId', ins.resident_id, 'seq', ins.seq, 'duplicateOf', ins.duplicate_of, 'name', p.name,
                'areaPath', p.area_path, 'groups', p.groups) ORDER BY ins.seq) AS inserted
         FROM ins JOIN nd ON nd.id = ins.id JOIN p ON p.n = nd.n AND p.id = ins.resident_id
        GROUP BY nd.n
     )
     SELECT COALESCE(pc.k, 0) AS people,
            CASE WHEN st.id IS NULL THEN NULL
                 ELSE json_build_object('id', st.id, 'round_id', st.round_id, 'capacity', st.capacity, 'bound', st.bound, 'status', st.status, 'barcode', st.barcode) END AS tube,
            st.round_status, st.pool_rules, st.pool_default, done.inserted,
            CASE WHEN done.n IS NULL THEN NULL ELSE upd.bound END AS new_bound
       FROM src LEFT JOIN st ON st.n = src.n LEFT JOIN pc ON pc.n = src.n LEFT JOIN done ON done.n = src.n LEFT JOIN upd ON upd.id = st.id
      ORDER BY src.n`;
  // The text is the same whatever the batch's size or the way people are named (each column is one array): one plan, kept.
  return db.query<BindOutcome>(sql, q.values, 'sampling.bind.many');
}

/** One scan alone, in one statement. */
export async function bind(db: Queryable, scope: Scope, who: AuditActor & { userId: number }, p: { tubeId: number; clientId: string; person: Who }) {
  const [out] = await bindMany(db, [{ scope, who, ...p }]);
  return out;
}

/** Locks the tubes in id order: a batch written in several statements takes them all before its first audit row. */
export async function lockTubes(tx: Queryable, ids: number[]): Promise<void> {
  await tx.query('SELECT id FROM sampling_tubes WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE', [ids]);
}
