import type { Queryable } from '../../../db/engine';
import type { Scope } from '../../../platform/scope';
import { scopeClause } from '../../../platform/scope';
import { SqlParams } from '../../../platform/sql';

/**
 * A lab file's results staged and applied set-based: its rows are copied (COPY) into a temporary table of the
 * transaction, then matched to their tubes, inserted and classified by one statement over the whole file. Sent in
 * batches of 5,000 the same work scanned the tubes twice per batch (a hash join per batch, forty over a 100,000-tube
 * file); over the staged file it is one join.
 */
export const RESULT_STAGE = 'sampling_result_stage';
export const RESULT_STAGE_COLUMNS = ['n', 'barcode', 'result', 'tested_at', 'lab'] as const;

/** Dropped at commit or rollback: an import cut off mid-file leaves nothing behind, and two never see each other's rows. */
export async function createResultStage(tx: Queryable): Promise<void> {
  await tx.exec(`CREATE TEMP TABLE IF NOT EXISTS ${RESULT_STAGE} (
    n int NOT NULL, barcode text NOT NULL, result text NOT NULL, tested_at timestamptz NOT NULL, lab text NOT NULL
  ) ON COMMIT DROP`);
}

/** A staged row the caller must look at: not applied (unknown, already there, conflicting), a single tube, or positive. */
export interface StagedOutcome {
  n: number;
  barcode: string;
  result: string;
  tube_id: number | null;
  capacity: number | null;
  applied: boolean;
  stored: string | null;
}

/**
 * Applies the staged results in one statement: each row's tube found by barcode in the caller's scope, one result per
 * tube inserted (`ON CONFLICT (tube_id) DO NOTHING`: a tube with a result keeps it). Answers how many were applied
 * and, in the file's order, the rows needing more than a count — with, for one not applied, what was stored (the
 * same → already; different → conflict), read from the table as it was before this statement. A tube's result is
 * read from `sampling_results` (the columns `sampling_tubes.result/result_at` of 0012 are not written: copying
 * 100,000 results onto their tubes cost a third of a lab file's import).
 *
 * The staged rows are matched and answered here rather than updated in place with their tubes and outcomes: two
 * updates of a 100,000-row file's staged rows cost about a fifth of its import.
 */
export async function applyStagedResults(tx: Queryable, scope: Scope, by: number): Promise<{ applied: number; rows: StagedOutcome[] }> {
  // The planner reads the staged rows' count and spread instead of guessing (a temporary table has no statistics).
  await tx.exec(`ANALYZE ${RESULT_STAGE}`);
  const q = new SqlParams();
  const byParam = q.add(by);
  const [answer] = await tx.query<{ applied: number; rows: StagedOutcome[] }>(
    `WITH matched AS (
       SELECT v.n, v.barcode, v.result, v.tested_at, v.lab, t.id AS tube_id, t.capacity, t.round_id, t.area_id, t.area_path
         FROM ${RESULT_STAGE} v LEFT JOIN sampling_tubes t ON t.barcode = v.barcode AND ${scopeClause(scope, 't.area_path', q)}
     ), ins AS (
       INSERT INTO sampling_results (tube_id, round_id, area_id, area_path, result, tested_at, lab, received_by)
       SELECT m.tube_id, m.round_id, m.area_id, m.area_path, m.result, m.tested_at, m.lab, ${byParam}
         FROM matched m WHERE m.tube_id IS NOT NULL ORDER BY m.n
       ON CONFLICT (tube_id) DO NOTHING RETURNING tube_id
     ), outcome AS (
       SELECT m.n, m.barcode, m.result, m.tube_id, m.capacity, i.tube_id IS NOT NULL AS applied, s.result AS stored
         FROM matched m LEFT JOIN ins i ON i.tube_id = m.tube_id
         LEFT JOIN sampling_results s ON i.tube_id IS NULL AND s.tube_id = m.tube_id
        WHERE i.tube_id IS NULL OR m.capacity = 1 OR m.result = 'positive'
     )
     SELECT (SELECT count(*)::int FROM ins) AS applied,
            coalesce((SELECT json_agg(o ORDER BY o.n) FROM outcome o), '[]'::json) AS rows`,
    q.values,
  );
  return answer;
}
