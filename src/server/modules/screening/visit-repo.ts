import type { Queryable } from '../../db/engine';
import { areasAs } from '../areas/sql';
import { householdsAs } from '../residents/sql';
import { usersAs } from '../users/sql';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';

/** SQL of household visits, claimed once per phone id (`clientId`). */

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
  const [row] = await db.query<VisitRow>(`SELECT ${VISIT_COLUMNS} FROM ${VISIT_FROM} WHERE v.client_id = $1`, [clientId]);
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
 * Claims the phone's id: the visit row, or nothing when this clientId was recorded already. Under
 * concurrent retries PostgreSQL makes the second insert wait for the first transaction and then skip.
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
): Promise<number | null> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO screening_visits (client_id, campaign_id, household_id, area_id, area_path, outcome, code_colour, symptoms, temperature, test_proof, needs, revisit_on, visited_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (client_id) DO NOTHING RETURNING id`,
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
  return row?.id ?? null;
}

export async function setVisitData(tx: Queryable, id: number, data: unknown) {
  await tx.query('UPDATE screening_visits SET data = $2 WHERE id = $1', [id, JSON.stringify(data)]);
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
