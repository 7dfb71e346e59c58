import type { Queryable } from '../../db/engine';
import { householdsAs, residentsAs } from '../residents/sql';

/**
 * Cases opened since a moment, for the field work module's terminal disinfection (issue 18 point 1): each case's
 * area (where the person lives, which scopes the case) and the address of their household when the registry has
 * one. Unscoped: the caller is a background sweep that keeps one terminal job per case, in the case's own area. A
 * discarded suspect needs no disinfection.
 */
export interface CaseForDisinfection {
  caseId: number;
  areaId: number;
  areaPath: string;
  address: string | null;
  openedAt: Date;
}

/** A page of them in the order of their ids, after `afterId` (0 for the first page). */
export async function casesOpenedSinceUnscoped(db: Queryable, since: Date, afterId = 0, limit = 1000): Promise<CaseForDisinfection[]> {
  const rows = await db.query<{ id: number; area_id: number; area_path: string; address: string | null; created_at: Date }>(
    `SELECT c.id, c.area_id, c.area_path, h.address, c.created_at
       FROM tracing_cases c JOIN ${residentsAs('r')} ON r.id = c.resident_id LEFT JOIN ${householdsAs('h')} ON h.id = r.household_id
      WHERE c.created_at >= $1 AND c.id > $2 AND c.classification <> 'discarded'
      ORDER BY c.id LIMIT $3`,
    [since, afterId, limit],
  );
  return rows.map((r) => ({ caseId: r.id, areaId: r.area_id, areaPath: r.area_path, address: r.address, openedAt: new Date(r.created_at) }));
}
