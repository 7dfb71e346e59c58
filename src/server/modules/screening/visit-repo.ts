import type { Queryable } from '../../db/engine';
import { CLIENT_WRITES } from '../../platform/client-writes';
import { areasAs } from '../areas/sql';
import { householdsAs } from '../residents/sql';
import { usersAs } from '../users/sql';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';

/**
 * SQL of household visits, claimed once per phone id (`clientId`) in `client_writes`: the visits are split by month
 * of their time (migration 0061), where a unique key would have to hold the time.
 */

/** The table, for retention and its months. */
export const VISITS_TABLE = 'screening_visits';

/**
 * A visit's key: its id and its time, read back as text so it is exact to the microsecond (a JS Date is not) — what
 * an arrival, a roster proposal or a fever alert writes to point at it (the key finds its month).
 */
export interface VisitKey {
  id: number;
  at: string;
}

export interface VisitRow {
  id: number;
  client_id: string;
  campaign_id: number;
  household_id: number;
  address: string;
  area_id: number;
  area_path: string;
  area_name: string;
  outcome: string;
  code_colour: string | null;
  symptoms: string[];
  temperature: string | number | null;
  test_proof: string | null;
  needs: string[];
  data: Record<string, unknown> | null;
  revisit_on: string | null;
  visited_by: number | null;
  visited_by_name: string | null;
  visited_at: Date;
}

const VISIT_COLUMNS = `v.id, v.client_id, v.campaign_id, v.household_id, h.address, v.area_id, v.area_path, a.name AS area_name, v.outcome, v.code_colour,
  v.symptoms, v.temperature, v.test_proof, v.needs, v.data, to_char(v.revisit_on, 'YYYY-MM-DD') AS revisit_on, v.visited_by,
  u.display_name AS visited_by_name, v.visited_at`;
const VISIT_FROM = `screening_visits v JOIN ${householdsAs('h')} ON h.id = v.household_id JOIN ${areasAs('a')} ON a.id = v.area_id LEFT JOIN ${usersAs('u')} ON u.id = v.visited_by`;

/** By the phone's id, whatever the scope: the idempotency check (the caller then checks the scope itself). */
export async function visitByClientIdUnscoped(db: Queryable, clientId: string): Promise<VisitRow | null> {
  const [row] = await db.query<VisitRow>(
    `SELECT ${VISIT_COLUMNS} FROM ${CLIENT_WRITES} w JOIN ${VISIT_FROM} ON v.id = w.row_id AND v.visited_at = w.at
      WHERE w.client_id = $1 AND w.table_name = '${VISITS_TABLE}'`,
    [clientId],
  );
  return row ?? null;
}

export async function listVisits(db: Queryable, scope: Scope, p: { campaignId?: number; householdId?: number; page: number; pageSize: number }) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'v.area_path', q)];
  if (p.campaignId) where.push(`v.campaign_id = ${q.add(p.campaignId)}`);
  if (p.householdId) where.push(`v.household_id = ${q.add(p.householdId)}`);
  const w = where.join(' AND ');
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM screening_visits v WHERE ${w}`, q.values);
  const rows = await db.query<VisitRow>(
    `SELECT ${VISIT_COLUMNS} FROM ${VISIT_FROM} WHERE ${w} ORDER BY v.visited_at DESC, v.id DESC LIMIT ${q.add(p.pageSize)} OFFSET ${q.add((p.page - 1) * p.pageSize)}`,
    q.values,
  );
  return { rows, total: n };
}

/**
 * Claims the phone's id and writes the visit: its key, or nothing when this clientId was recorded already. Under
 * concurrent retries PostgreSQL makes the second claim wait for the first transaction and then skip. The claim and
 * the visit take the same time, `now()`: the transaction's start.
 */
export async function claimVisit(
  tx: Queryable,
  v: {
    clientId: string;
    campaignId: number;
    householdId: number;
    areaId: number;
    areaPath: string;
    outcome: string;
    codeColour: string | null;
    symptoms: string[];
    temperature: number | null;
    testProof: string | null;
    needs: string[];
    revisitOn: string | null;
    visitedBy: number;
  },
): Promise<VisitKey | null> {
  const [row] = await tx.query<VisitKey>(
    `WITH claim AS (
       INSERT INTO ${CLIENT_WRITES} (client_id, table_name, row_id, at, area_path)
       VALUES ($1, '${VISITS_TABLE}', nextval(pg_get_serial_sequence('${VISITS_TABLE}', 'id')), now(), $5)
       ON CONFLICT (client_id) DO NOTHING RETURNING row_id, at
     )
     INSERT INTO screening_visits (id, visited_at, client_id, campaign_id, household_id, area_id, area_path, outcome, code_colour, symptoms, temperature,
       test_proof, needs, revisit_on, visited_by)
     SELECT claim.row_id, claim.at, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13 FROM claim
     RETURNING id, visited_at::text AS at`,
    [
      v.clientId,
      v.campaignId,
      v.householdId,
      v.areaId,
      v.areaPath,
      v.outcome,
      v.codeColour,
      v.symptoms,
      v.temperature,
      v.testProof,
      v.needs,
      v.revisitOn,
      v.visitedBy,
    ],
  );
  return row ?? null;
}

export async function setVisitData(tx: Queryable, key: VisitKey, data: unknown) {
  await tx.query('UPDATE screening_visits SET data = $3 WHERE id = $1 AND visited_at = $2::timestamptz', [key.id, key.at, JSON.stringify(data)]);
}

/** One more attempt at a household; a visit marks it visited (the first time counts for coverage). */
export async function recordAttempt(tx: Queryable, targetId: number, outcome: string, taskId: number | null) {
  await tx.query(
    `UPDATE screening_targets SET attempts = attempts + 1, last_outcome = $2, last_visit_at = now(),
            visited_at = CASE WHEN $2 = 'visited' THEN COALESCE(visited_at, now()) ELSE visited_at END,
            task_id = COALESCE($3, task_id)
      WHERE id = $1`,
    [targetId, outcome, taskId],
  );
}
