import type { PurgeOutcome, PurgeRequest } from '../../../domain/lifecycle/classes';
import type { Queryable } from '../../db/engine';
import { notHeld, purgeWhere } from '../../platform/purge';

/**
 * Retention of the monitoring records (the lifecycle module asks; ARCHITECTURE.md, lifecycle). Rows are
 * anonymised, not deleted: the person and what leads to them (resident, measure, arrival, notes, symptoms,
 * situation) go, while area, dates, kind, state and status stay — the daily report counts exactly those, so its
 * figures do not move. Only finished records: a measure released or cancelled, a follow-up of such a measure no
 * longer waiting, a resolved alert.
 */

/** Reference date: the release (or the last change of a cancelled measure). */
export function purgeMeasures(tx: Queryable, p: PurgeRequest): Promise<PurgeOutcome> {
  return purgeWhere(tx, p, {
    where: `m.anonymised_at IS NULL AND m.state IN ('released', 'cancelled') AND COALESCE(m.released_at, m.updated_at) < $1 AND ${notHeld('m.area_path')}`,
    find: (w) => `SELECT m.id FROM measures m WHERE ${w}`,
    change: (w) =>
      `UPDATE measures m SET resident_id = NULL, arrival_id = NULL, situation = NULL, reason = NULL, anonymised_at = now() WHERE ${w} RETURNING m.id`,
  });
}

/** Reference date: the follow-up's due time (its measure finished, the follow-up done, cancelled or missed). */
export function purgeFollowUps(tx: Queryable, p: PurgeRequest): Promise<PurgeOutcome> {
  return purgeWhere(tx, p, {
    where: `f.anonymised_at IS NULL AND f.due_at < $1 AND (f.status <> 'scheduled' OR f.window_ends_at < $1) AND ${notHeld('f.area_path')}
            AND EXISTS (SELECT 1 FROM measures m WHERE m.id = f.measure_id AND m.state IN ('released', 'cancelled'))`,
    find: (w) => `SELECT f.id FROM follow_ups f WHERE ${w}`,
    change: (w) =>
      `UPDATE follow_ups f SET resident_id = NULL, measure_id = NULL, note = NULL, symptoms = '{}', anonymised_at = now() WHERE ${w} RETURNING f.id`,
  });
}

/** Reference date: when the alert was raised (resolved ones only). */
export function purgeFeverAlerts(tx: Queryable, p: PurgeRequest): Promise<PurgeOutcome> {
  return purgeWhere(tx, p, {
    where: `fa.anonymised_at IS NULL AND fa.status = 'resolved' AND fa.raised_at < $1 AND ${notHeld('fa.area_path')}`,
    find: (w) => `SELECT fa.id FROM fever_alerts fa WHERE ${w}`,
    change: (w) =>
      `UPDATE fever_alerts fa SET resident_id = NULL, household_id = NULL, follow_up_id = NULL, measure_id = NULL, note = NULL, symptoms = '{}', anonymised_at = now()
        WHERE ${w} RETURNING fa.id`,
  });
}
