import { nextIdSql } from '../../db/next-id';
import type { Queryable } from '../../db/engine';
import { type AuditActor, actorColumnsOf, auditRowsSql } from '../../platform/audit';
import { CLIENT_WRITES } from '../../platform/client-writes';
import { firstPerClientId } from '../../platform/group-commit';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { householdsAs, residentsAs } from '../residents/sql';
import { closeForSubjectsFromSql } from '../tasks/sql';
import { usersAs } from '../users/sql';
import { VISITS_TABLE, type VisitRow } from './visit-repo';

/**
 * The plain visits of a group-committed batch — no roster change, no arrival, no revisit task, no fever — in ONE
 * statement with no read before it, as the roadside's crossings are written. Nearly every knock on a door is one of
 * these; written one by one in a shared transaction each cost five statements and two reads, and the batch held the
 * audit chain's lock for all of them in turn.
 *
 * The statement checks what the full path checks before its transaction — the target in the sender's scope, the
 * campaign open, the person with the fever one of the household's present members — and claims each phone's id
 * `ON CONFLICT DO NOTHING` in `client_writes` (the visits are split by month, migration 0061, where a unique key
 * would have to hold the time): a visit already recorded answers its record (`seen`), and a retry racing its first
 * send waits for that commit and claims nothing (`raced`: the caller reads the record then). It closes each household's
 * visit task, counts the attempt on the target (two visits of one household in a batch count twice, the later one's
 * outcome last) and writes each visit's audit row as its own request's.
 */
export interface PlainVisit {
  clientId: string;
  campaignId: number;
  householdId: number;
  /** The sender's scope path: a target outside it is not found. */
  scopePath: string;
  outcome: 'visited' | 'refused';
  codeColour: string | null;
  symptoms: string[];
  temperature: number | null;
  testProof: string | null;
  needs: string[];
  feverResidentId: number | null;
  /** The visit's `data` (screening_visits.data), as the full path writes it. */
  data: Record<string, unknown>;
  /** The audit row's `after`, as the full path writes it (masked like audit()'s). */
  audited: Record<string, unknown>;
  visitedBy: number;
  who: AuditActor;
}

export type PlainVisitOutcome =
  | { kind: 'written'; visit: VisitRow }
  | { kind: 'seen'; visit: VisitRow }
  | { kind: 'not_found' }
  | { kind: 'closed'; campaignName: string }
  | { kind: 'fever_resident' }
  | { kind: 'raced' };

/** screening_visits' columns in order, for the union of the rows written and the rows found. */
const STORED = `id, client_id, campaign_id, household_id, area_id, area_path, outcome, code_colour, symptoms, temperature, test_proof, needs, data,
  revisit_on, visited_by, visited_at`;

export async function insertPlainVisits(db: Queryable, items: PlainVisit[]): Promise<PlainVisitOutcome[]> {
  const batch = firstPerClientId(items, (v) => v.clientId);
  const rows = batch.unique;
  const q = new SqlParams();
  const col = <T>(f: (x: PlainVisit) => T, type: string) => `${q.add(rows.map(f))}::${type}[]`;
  const src = `unnest(${col((x) => x.clientId, 'uuid')}, ${col((x) => x.campaignId, 'int')}, ${col((x) => x.householdId, 'int')},
      ${col((x) => x.scopePath, 'text')}, ${col((x) => x.outcome, 'text')}, ${col((x) => x.codeColour, 'text')}, ${col((x) => x.symptoms.join(','), 'text')},
      ${col((x) => x.temperature, 'numeric')}, ${col((x) => x.testProof, 'text')}, ${col((x) => x.needs.join(','), 'text')},
      ${col((x) => x.feverResidentId, 'int')}, ${col((x) => JSON.stringify(x.data), 'jsonb')}, ${col((x) => x.visitedBy, 'int')},
      ${col((x) => x.who.actorId, 'int')}, ${col((x) => x.who.actorName, 'text')}, ${col((x) => x.who.requestId, 'text')}, ${col((x) => x.who.clientIp, 'text')})
    WITH ORDINALITY AS s(client_id, campaign_id, household_id, scope_path, outcome, code_colour, symptoms, temperature, test_proof, needs,
      fever_resident_id, data, visited_by, actor_id, actor_name, request_id, client_ip, n)`;
  const aud = auditRowsSql(q, actorColumnsOf('src'), {
    entity: 'screening_visit',
    action: 'visit',
    from: 'ins JOIN src ON src.client_id = ins.client_id',
    entityId: 'ins.id',
    areaPath: 'ins.area_path',
    after: {},
    afterEach: { values: rows.map((x) => x.audited), place: 'src.n' },
  });
  const found = await db.query<VisitRow & { k: number; status: string; campaign_name: string | null; fresh: boolean | null }>(
    `WITH src AS (SELECT * FROM ${src}),
     seen AS (
       -- Each phone id's claim looked up on its own, then its visit by key (id and time: its month); OFFSET 0 keeps
       -- each from being folded into a join over the batch.
       SELECT src.n, v.* FROM src
         CROSS JOIN LATERAL (SELECT w.row_id, w.at FROM ${CLIENT_WRITES} w WHERE w.client_id = src.client_id OFFSET 0) w
         CROSS JOIN LATERAL (SELECT ${STORED} FROM screening_visits v0 WHERE v0.id = w.row_id AND v0.visited_at = w.at OFFSET 0) v
     ), chk AS (
       SELECT src.n, st.id AS target_id, st.area_id, st.area_path, c.name AS campaign_name,
              CASE WHEN st.id IS NULL THEN 'not_found'
                   WHEN c.status <> 'open' THEN 'closed'
                   WHEN src.fever_resident_id IS NOT NULL AND NOT EXISTS (
                     SELECT 1 FROM ${residentsAs('r')} WHERE r.id = src.fever_resident_id AND r.household_id = src.household_id
                        AND r.merged_into IS NULL AND r.status NOT IN ('moved_out', 'deceased')) THEN 'fever_resident'
                   ELSE 'ok' END AS status
         FROM src
         LEFT JOIN screening_targets st ON st.campaign_id = src.campaign_id AND st.household_id = src.household_id AND starts_with(st.area_path, src.scope_path)
         LEFT JOIN screening_campaigns c ON c.id = st.campaign_id
     ), claim AS (
       -- The phone id claimed with the id and time the visit will have: a racing statement with the same phone id
       -- waits here for this one to commit, then claims nothing.
       INSERT INTO ${CLIENT_WRITES} (client_id, table_name, row_id, at, area_path)
       SELECT src.client_id, '${VISITS_TABLE}', ${nextIdSql(VISITS_TABLE)}, now(), chk.area_path
         FROM src JOIN chk ON chk.n = src.n
        WHERE chk.status = 'ok' AND NOT EXISTS (SELECT 1 FROM seen WHERE seen.n = src.n)
        ORDER BY src.n
       ON CONFLICT (client_id) DO NOTHING RETURNING client_id, row_id, at
     ), ins AS (
       INSERT INTO screening_visits (id, visited_at, client_id, campaign_id, household_id, area_id, area_path, outcome, code_colour, symptoms, temperature,
         test_proof, needs, data, visited_by)
       SELECT claim.row_id, claim.at, src.client_id, src.campaign_id, src.household_id, chk.area_id, chk.area_path, src.outcome, src.code_colour,
              string_to_array(src.symptoms, ','), src.temperature, src.test_proof, string_to_array(src.needs, ','), src.data, src.visited_by
         FROM claim JOIN src ON src.client_id = claim.client_id JOIN chk ON chk.n = src.n
        ORDER BY src.n
       RETURNING ${STORED}
     ), tried AS (
       SELECT chk.target_id, count(*)::int AS tries, (array_agg(ins.outcome ORDER BY src.n DESC))[1] AS last_outcome,
              bool_or(ins.outcome = 'visited') AS visited, (array_agg(ins.visited_by ORDER BY src.n DESC))[1] AS visited_by
         FROM ins JOIN src ON src.client_id = ins.client_id JOIN chk ON chk.n = src.n
        GROUP BY chk.target_id
     ), done AS (
       ${closeForSubjectsFromSql({ subjectKind: `'screening_target'`, from: 'tried', subjectId: 'tried.target_id', by: 'tried.visited_by' })}
     ), attempt AS (
       UPDATE screening_targets st SET attempts = st.attempts + tried.tries, last_outcome = tried.last_outcome, last_visit_at = now(),
              visited_at = CASE WHEN tried.visited THEN COALESCE(st.visited_at, now()) ELSE st.visited_at END
         FROM tried WHERE st.id = tried.target_id
     ), aud AS (${aud}),
     vis AS (
       SELECT src.n, true AS fresh, ins.* FROM ins JOIN src ON src.client_id = ins.client_id
       UNION ALL
       SELECT seen.n, false, ${STORED} FROM seen
     )
     SELECT src.n::int AS k, chk.status, chk.campaign_name, v.fresh, v.id, v.client_id, v.campaign_id, v.household_id, h.address, v.area_id, v.area_path,
            a.name AS area_name, v.outcome, v.code_colour, v.symptoms, v.temperature, v.test_proof, v.needs, v.data,
            to_char(v.revisit_on, 'YYYY-MM-DD') AS revisit_on, v.visited_by, u.display_name AS visited_by_name, v.visited_at
       FROM src JOIN chk ON chk.n = src.n
       LEFT JOIN vis v ON v.n = src.n
       LEFT JOIN ${householdsAs('h')} ON h.id = v.household_id
       LEFT JOIN ${areasAs('a')} ON a.id = v.area_id
       LEFT JOIN ${usersAs('u')} ON u.id = v.visited_by`,
    q.values,
    // The same text whatever the batch's size (each column is one array), so its plan is kept.
    'screening.visits.plain',
  );
  const byNumber = new Map(found.map((f) => [f.k, f]));
  const outcomeOf = (f: (typeof found)[number] | undefined): PlainVisitOutcome => {
    if (!f) return { kind: 'raced' };
    const { k: _k, status, campaign_name, fresh, ...visit } = f;
    // A phone id recorded before answers its record, whatever its target is now.
    if (fresh === false) return { kind: 'seen', visit };
    if (status === 'not_found') return { kind: 'not_found' };
    if (status === 'closed') return { kind: 'closed', campaignName: campaign_name! };
    if (status === 'fever_resident') return { kind: 'fever_resident' };
    if (fresh === null) return { kind: 'raced' };
    return { kind: 'written', visit };
  };
  return batch.outcomes((n) => outcomeOf(byNumber.get(n)), { kind: 'raced' });
}
