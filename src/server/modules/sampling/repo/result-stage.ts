import type { Queryable } from '../../../db/engine';
import type { Scope } from '../../../platform/scope';
import { scopeClause } from '../../../platform/scope';
import { SqlParams } from '../../../platform/sql';

/**
 * A lab file's results staged and applied set-based: its rows are copied (COPY) into a temporary table of the
 * transaction, then matched to their tubes, inserted and classified by a few statements over the whole file. Sent in
 * batches of 5,000 the same work scanned the tubes twice per batch (a hash join per batch, forty over a 100,000-tube
 * file); over the staged file it is one join.
 */
export const RESULT_STAGE = 'sampling_result_stage';
export const RESULT_STAGE_COLUMNS = ['n', 'barcode', 'result', 'tested_at', 'lab'] as const;

/** Dropped at commit or rollback: an import cut off mid-file leaves nothing behind, and two never see each other's rows. */
export async function createResultStage(tx: Queryable): Promise<void> {
  await tx.exec(`CREATE TEMP TABLE IF NOT EXISTS ${RESULT_STAGE} (
    n int NOT NULL, barcode text NOT NULL, result text NOT NULL, tested_at timestamptz NOT NULL, lab text NOT NULL,
    tube_id int, capacity int, round_id int, area_id int, area_path text, applied boolean NOT NULL DEFAULT false
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
 * Applies the staged results: each row's tube found by barcode in the caller's scope, one result per tube inserted
 * (`ON CONFLICT (tube_id) DO NOTHING`: a tube with a result keeps it) and marked applied. Answers how many were
 * applied and, in the file's order, the rows needing more than a count — with, for one not applied, what was stored
 * (the same → already; different → conflict). A tube's result is read from `sampling_results` (the columns
 * `sampling_tubes.result/result_at` of 0012 are not written: copying 100,000 results onto their tubes cost a third of
 * a lab file's import).
 */
export async function applyStagedResults(tx: Queryable, scope: Scope, by: number): Promise<{ applied: number; rows: StagedOutcome[] }> {
  // The planner reads the staged rows' count and spread instead of guessing (a temporary table has no statistics).
  await tx.exec(`ANALYZE ${RESULT_STAGE}`);
  const q = new SqlParams();
  await tx.query(
    `UPDATE ${RESULT_STAGE} v SET tube_id = t.id, capacity = t.capacity, round_id = t.round_id, area_id = t.area_id, area_path = t.area_path
       FROM sampling_tubes t WHERE t.barcode = v.barcode AND ${scopeClause(scope, 't.area_path', q)}`,
    q.values,
  );
  const [{ applied }] = await tx.query<{ applied: number }>(
    `WITH ins AS (
       INSERT INTO sampling_results (tube_id, round_id, area_id, area_path, result, tested_at, lab, received_by)
       SELECT v.tube_id, v.round_id, v.area_id, v.area_path, v.result, v.tested_at, v.lab, $1
         FROM ${RESULT_STAGE} v WHERE v.tube_id IS NOT NULL ORDER BY v.n
       ON CONFLICT (tube_id) DO NOTHING RETURNING tube_id
     ), marked AS (
       UPDATE ${RESULT_STAGE} v SET applied = true FROM ins WHERE v.tube_id = ins.tube_id RETURNING 1
     )
     SELECT count(*)::int AS applied FROM marked`,
    [by],
  );
  const rows = await tx.query<StagedOutcome>(
    `SELECT v.n, v.barcode, v.result, v.tube_id, v.capacity, v.applied, s.result AS stored
       FROM ${RESULT_STAGE} v LEFT JOIN sampling_results s ON NOT v.applied AND s.tube_id = v.tube_id
      WHERE NOT v.applied OR v.capacity = 1 OR v.result = 'positive'
      ORDER BY v.n`,
  );
  return { applied, rows };
}
