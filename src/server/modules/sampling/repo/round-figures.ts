import type { Queryable } from '../../../db/engine';
import type { Scope } from '../../../platform/scope';
import { scopeClause } from '../../../platform/scope';
import { SqlParams } from '../../../platform/sql';

/**
 * A closed round's figures frozen (migration 0065): its hourly chart and its count of bindings, by area and quarter
 * hour, so they no longer need the bindings, whose months retention then drops.
 */

/** The quarter hour of a time, aligned to UTC (every zone's local hour is a whole number of quarters). */
const quarterOf = (at: string) => `date_bin('15 minutes', ${at}, timestamptz '2000-01-01 00:00+00')`;

/**
 * A binding `b` of the roster row `ro` that counts for the chart: not removed, its tube not found invalid. The live
 * chart (`sampledByHour`) and the frozen one take each person's first such binding.
 */
export const COUNTING_BINDING_OF_RO = `b.round_id = ro.round_id AND b.resident_id = ro.resident_id AND b.removed_at IS NULL
     AND NOT EXISTS (SELECT 1 FROM sampling_results sr WHERE sr.tube_id = b.tube_id AND sr.result = 'invalid')`;

/**
 * Freezes the figures of each round closed before `before` (the retention cutoff) whose people are all anonymised
 * (no roster row and no binding names a resident any more) and not frozen yet: the rollup written and the round
 * marked, in the caller's transaction (the retention run's). A round with one person held (a legal hold, a retest
 * pending) is not frozen, and keeps its bindings' months. Answers the rounds frozen.
 */
export async function freezeRoundFigures(tx: Queryable, before: Date): Promise<number[]> {
  const rounds = await tx.query<{ id: number }>(
    `SELECT rd.id FROM sampling_rounds rd
      WHERE rd.status = 'closed' AND rd.closed_at < $1 AND rd.figures_frozen_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM sampling_roster ro WHERE ro.round_id = rd.id AND ro.resident_id > 0)
        AND NOT EXISTS (SELECT 1 FROM sampling_bindings b WHERE b.round_id = rd.id AND b.resident_id > 0)
      ORDER BY rd.id FOR UPDATE`,
    [before],
  );
  const ids = rounds.map((r) => r.id);
  if (!ids.length) return [];
  await tx.query(
    `INSERT INTO sampling_round_figures (round_id, area_path, quarter, sampled, bindings)
     SELECT round_id, area_path, quarter, sum(sampled)::int, sum(bindings)::int FROM (
       SELECT ro.round_id, ro.area_path, ${quarterOf('f.first_at')} AS quarter, 1 AS sampled, 0 AS bindings
         FROM sampling_roster ro CROSS JOIN LATERAL (SELECT min(b.bound_at) FROM sampling_bindings b WHERE ${COUNTING_BINDING_OF_RO}) AS f(first_at)
        WHERE ro.round_id = ANY($1::int[]) AND ro.rostered AND ro.sampled > 0 AND f.first_at IS NOT NULL
       UNION ALL
       SELECT b.round_id, b.area_path, ${quarterOf('b.bound_at')}, 0, 1
         FROM sampling_bindings b WHERE b.round_id = ANY($1::int[]) AND b.removed_at IS NULL
     ) x GROUP BY round_id, area_path, quarter`,
    [ids],
  );
  await tx.query('UPDATE sampling_rounds SET figures_frozen_at = now() WHERE id = ANY($1::int[])', [ids]);
  return ids;
}

/** The frozen chart: rostered people first sampled per local hour under the area, as `sampledByHour` reads live. */
export async function frozenSampledByHour(db: Queryable, p: { roundId: number; underPath: string; scope: Scope; timeZone: string }) {
  const q = new SqlParams();
  return db.query<{ hour: string; sampled: number }>(
    `SELECT to_char(date_trunc('hour', f.quarter AT TIME ZONE ${q.add(p.timeZone)}), 'YYYY-MM-DD"T"HH24:00') AS hour, sum(f.sampled)::int AS sampled
       FROM sampling_round_figures f
      WHERE f.round_id = ${q.add(p.roundId)} AND f.area_path LIKE ${q.add(p.underPath + '%')} AND ${scopeClause(p.scope, 'f.area_path', q)}
      GROUP BY 1 HAVING sum(f.sampled) > 0 ORDER BY 1`,
    q.values,
  );
}

/** The frozen count of the round's bindings in scope (the round's counts read it in place of the bindings). */
export function frozenBindingsCount(q: SqlParams, scope: Scope, roundParam: string): string {
  return `(SELECT coalesce(sum(f.bindings), 0)::int FROM sampling_round_figures f WHERE f.round_id = ${roundParam} AND ${scopeClause(scope, 'f.area_path', q)})`;
}

/**
 * Whether a month of bindings ([from, to)) must stay: a round that could have bound in it — opened (a planned round
 * binds nobody), made before the month's end and not closed before its start — is not frozen. A desk binds only in
 * an open round, and a round once closed never opens again, so no binding of the month belongs to any other round.
 */
export async function monthHasUnfrozenRound(tx: Queryable, from: Date, to: Date): Promise<boolean> {
  const [{ stays }] = await tx.query<{ stays: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM sampling_rounds rd
                     WHERE rd.status <> 'planned' AND rd.created_at < $2 AND (rd.closed_at IS NULL OR rd.closed_at >= $1)
                       AND rd.figures_frozen_at IS NULL) AS stays`,
    [from, to],
  );
  return stays;
}
