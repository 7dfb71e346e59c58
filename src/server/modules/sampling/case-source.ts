import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';

/**
 * A positive single-tube result as the start of a case (issue 16): contact tracing opens a case from it and
 * reads nothing else of mass testing. Scoped by the result's area; null when missing, out of scope, not
 * positive, or not a single tube (a pool's members are retested first, each in a tube of their own).
 */
export interface PositiveSingleTube {
  resultId: number;
  residentId: number;
  /** The local day the lab tested the tube. */
  testedOn: string;
  /** The person was held from a positive pool (then found by the retest), rather than sampled alone. */
  fromPool: boolean;
}

export async function positiveSingleTube(db: Queryable, scope: Scope, resultId: number, timeZone: string): Promise<PositiveSingleTube | null> {
  const q = new SqlParams();
  const [row] = await db.query<{ result_id: number; resident_id: number; tested_on: string; from_pool: boolean }>(
    `SELECT r.id AS result_id, b.resident_id, to_char((r.tested_at AT TIME ZONE ${q.add(timeZone)})::date, 'YYYY-MM-DD') AS tested_on,
            EXISTS (SELECT 1 FROM sampling_flags f WHERE f.retest_tube_id = t.id) AS from_pool
       FROM sampling_results r
       JOIN sampling_tubes t ON t.id = r.tube_id AND t.capacity = 1
       JOIN sampling_bindings b ON b.tube_id = t.id AND b.removed_at IS NULL
      WHERE r.id = ${q.add(resultId)} AND r.result = 'positive' AND ${scopeClause(scope, 'r.area_path', q)}
      LIMIT 1`,
    q.values,
  );
  return row ? { resultId: row.result_id, residentId: row.resident_id, testedOn: row.tested_on, fromPool: row.from_pool } : null;
}
