import type { Queryable } from '../../db/engine';
import { residentsAs } from '../residents/sql';

/**
 * Cases among a list of ID numbers (the enterprises module's staff, issue 18 point 5): which of the numbers belong
 * to a person with a case reported in the last CASE_COUNTS_DAYS days, a discarded suspect not counting. Unscoped by nature — staff live anywhere, and the
 * caller has found the list in its own scope; only the match, its class and day leave this module, no case details.
 */
export interface CaseAmong {
  idNumber: string;
  caseId: number;
  classification: string;
  reportedOn: string;
}

/**
 * A case counts for this many days after its report: a person has one case for life (resident_id is unique), so a
 * worker who recovered last year must not suspend their enterprise again at every sweep.
 */
export const CASE_COUNTS_DAYS = 28;

export async function casesAmongIdNumbers(db: Queryable, idNumbers: string[]): Promise<CaseAmong[]> {
  if (!idNumbers.length) return [];
  const rows = await db.query<{ id_number: string; case_id: number; classification: string; reported_on: string }>(
    `SELECT r.id_number, c.id AS case_id, c.classification, to_char(c.reported_on, 'YYYY-MM-DD') AS reported_on
       FROM tracing_cases c JOIN ${residentsAs('r')} ON r.id = c.resident_id
      WHERE r.id_number = ANY($1::text[]) AND c.classification <> 'discarded' AND c.reported_on >= current_date - $2::int
      ORDER BY c.reported_on, c.id`,
    [idNumbers, CASE_COUNTS_DAYS],
  );
  return rows.map((r) => ({ idNumber: r.id_number, caseId: r.case_id, classification: r.classification, reportedOn: r.reported_on }));
}
