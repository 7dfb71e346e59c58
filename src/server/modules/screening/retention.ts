import type { PurgeOutcome, PurgeRequest } from '../../../domain/lifecycle/classes';
import type { Queryable } from '../../db/engine';
import { notHeld, purgeWhere } from '../../platform/purge';

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
              code_colour = NULL, symptoms = '{}', contact_type = NULL, exposed_on = NULL, visit_id = NULL, anonymised_at = now()
        WHERE ${w} RETURNING x.id`,
  });
}

/** Reference date: the time of the visit. */
export function purgeVisits(tx: Queryable, p: PurgeRequest): Promise<PurgeOutcome> {
  return purgeWhere(tx, p, {
    where: `s.anonymised_at IS NULL AND s.visited_at < $1 AND ${notHeld('s.area_path')}`,
    find: (w) => `SELECT s.id FROM screening_visits s WHERE ${w}`,
    change: (w) =>
      `UPDATE screening_visits s SET code_colour = NULL, symptoms = '{}', temperature = NULL, test_proof = NULL, needs = '{}', data = NULL,
              anonymised_at = now()
        WHERE ${w} RETURNING s.id`,
  });
}
