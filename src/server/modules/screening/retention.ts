import type { PurgeOutcome, PurgeRequest } from '../../../domain/lifecycle/classes';
import type { Queryable } from '../../db/engine';
import { forgetClientWrites } from '../../platform/client-writes';
import { dropMonthsBefore } from '../../platform/month-partitions';
import { heldPatterns, notHeld, purgeWhere } from '../../platform/purge';
import { feverAlertsAs } from '../monitoring/sql';
import { VISITS_TABLE } from './visit-repo';

/**
 * Retention of arrivals and door-to-door visits (the lifecycle module asks). Anonymised, not deleted: the daily
 * report counts arrivals by area, day and the origin's risk level, and visits by area, time, outcome and household
 * — those stay; the person, the journey and the health details go.
 */

/** Reference date: the day of arrival. */
export function purgeArrivals(tx: Queryable, p: PurgeRequest): Promise<PurgeOutcome> {
  return purgeWhere(tx, p, {
    where: `x.anonymised_at IS NULL AND x.arrived_on < $1::timestamptz::date AND ${notHeld('x.area_path')}`,
    find: (w) => `SELECT x.id FROM arrivals x WHERE ${w}`,
    change: (w) =>
      `UPDATE arrivals x SET resident_id = NULL, origin_code = NULL, origin_name = '', transport = NULL, transport_no = NULL, reason = NULL,
              code_colour = NULL, symptoms = '{}', contact_type = NULL, exposed_on = NULL, visit_id = NULL, visit_at = NULL,
              anonymised_at = now()
        WHERE ${w} RETURNING x.id`,
  });
}

/**
 * Reference date: the time of the visit. Rows are anonymised one by one; then each whole month of them (migration
 * 0061) that ended before the cutoff is dropped, when every row in it is anonymised (or is this run), none lies in a
 * held area and nothing still names one of them — an arrival or a fever alert not yet anonymised, a roster proposal
 * still waiting for a cadre (their keys would refuse the detach). The phones' client ids of the dropped months go
 * with them. The destruction record names the months and rows; no report counts a visit of a month past the
 * period. The decided roster proposals of visits past the period are cleared first, so they keep no month.
 */
export async function purgeVisits(tx: Queryable, p: PurgeRequest): Promise<PurgeOutcome> {
  const out = await purgeWhere(tx, p, {
    where: `s.anonymised_at IS NULL AND s.visited_at < $1 AND ${notHeld('s.area_path')}`,
    find: (w) => `SELECT s.id FROM screening_visits s WHERE ${w}`,
    change: (w) =>
      `UPDATE screening_visits s SET code_colour = NULL, symptoms = '{}', temperature = NULL, test_proof = NULL, needs = '{}', data = NULL,
              anonymised_at = now()
        WHERE ${w} RETURNING s.id`,
  });
  const proposals = await clearDecidedProposals(tx, p);
  const keep = (partition: string) => monthMustStay(tx, partition, p);
  const partitions = await dropMonthsBefore(tx, { table: VISITS_TABLE, cutoff: p.before, keep, dryRun: p.dryRun });
  if (!p.dryRun && partitions.length) await forgetClientWrites(tx, { table: VISITS_TABLE, timeColumn: 'visited_at' }, p.before);
  return { ...out, ...(partitions.length ? { partitions } : {}), auditOf: [{ entity: 'roster_proposal', ids: proposals }] };
}

/**
 * A roster proposal is the visit's finding, kept as long as the visit (migration 0064): once decided and its visit
 * past the period, it loses the person found (name, ID number, phone, the move's reason in its payload), the
 * cadre's free-text reason and its link to the visit; what it was (added or moved out, on which day, decided how,
 * by whom) stays. One still waiting for a cadre is kept whole, and keeps its visit's month. Answers the ids cleared,
 * whose audit rows are redacted with them.
 */
async function clearDecidedProposals(tx: Queryable, p: PurgeRequest): Promise<number[]> {
  if (p.dryRun) return [];
  const rows = await tx.query<{ id: number }>(
    `UPDATE roster_proposals r
        SET payload = jsonb_strip_nulls(jsonb_build_object('movedInOn', r.payload -> 'movedInOn', 'on', r.payload -> 'on')),
            decision_reason = NULL, visit_id = NULL, visit_at = NULL, anonymised_at = now()
      WHERE r.anonymised_at IS NULL AND r.status <> 'pending' AND r.visit_at < $1 AND NOT (r.area_path LIKE ANY($2::text[]))
      RETURNING r.id`,
    [p.before, heldPatterns(p.heldPaths)],
  );
  return rows.map((r) => r.id);
}

/**
 * A month of visits wholly before the cutoff (every row of it this run anonymises, or did before) stays while one of
 * its rows lies in a held area, or is named by an arrival, a roster proposal (one waiting) or a fever alert.
 */
async function monthMustStay(tx: Queryable, partition: string, p: PurgeRequest): Promise<boolean> {
  if (!/^screening_visits_y\d{4}m\d{2}$/.test(partition)) throw new Error(`not a month of the visits: ${partition}`);
  const [{ stays }] = await tx.query<{ stays: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ${partition} s WHERE s.area_path LIKE ANY($1::text[]))
         OR EXISTS (SELECT 1 FROM arrivals x JOIN ${partition} s ON s.id = x.visit_id AND s.visited_at = x.visit_at)
         OR EXISTS (SELECT 1 FROM roster_proposals r JOIN ${partition} s ON s.id = r.visit_id AND s.visited_at = r.visit_at)
         OR EXISTS (SELECT 1 FROM ${feverAlertsAs('fa')} JOIN ${partition} s ON s.id = fa.visit_id AND s.visited_at = fa.visit_at) AS stays`,
    [heldPatterns(p.heldPaths)],
  );
  return stays;
}
