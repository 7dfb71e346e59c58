import type { PurgeOutcome, PurgeRequest } from '../../../domain/lifecycle/classes';
import type { Queryable } from '../../db/engine';
import { dropMonthsBefore } from '../../platform/month-partitions';
import { heldPatterns, notHeld, purgeWhere } from '../../platform/purge';

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

/** A follow-up whose purpose has passed at `$1`: due before it, no longer waiting, its measure finished. */
const FOLLOW_UP_DONE_WITH = `f.due_at < $1 AND (f.status <> 'scheduled' OR f.window_ends_at < $1)
  AND EXISTS (SELECT 1 FROM measures m WHERE m.id = f.measure_id AND m.state IN ('released', 'cancelled'))`;

export const FOLLOW_UPS_TABLE = 'follow_ups';

/**
 * Reference date: the follow-up's due time (its measure finished, the follow-up done, cancelled or missed). Rows are
 * anonymised one by one as before; then each whole month of them (migration 0058) that ended before the cutoff is
 * dropped, when every row in it is anonymised (or is this run), none lies in a held area and no fever alert still
 * names one of them (the alert's key would refuse the detach). The destruction record names the months and rows.
 *
 * Dropping a month fires no DELETE trigger, on purpose: the daily report's counters (report_follow_up_counts,
 * migration 0056) keep the month's figures, as anonymising kept them — an old day's report does not change.
 */
export async function purgeFollowUps(tx: Queryable, p: PurgeRequest): Promise<PurgeOutcome> {
  const out = await purgeWhere(tx, p, {
    where: `f.anonymised_at IS NULL AND ${FOLLOW_UP_DONE_WITH} AND ${notHeld('f.area_path')}`,
    find: (w) => `SELECT f.id FROM follow_ups f WHERE ${w}`,
    change: (w) =>
      `UPDATE follow_ups f SET resident_id = NULL, measure_id = NULL, note = NULL, symptoms = '{}', anonymised_at = now() WHERE ${w} RETURNING f.id`,
  });
  const keep = (partition: string) => monthMustStay(tx, partition, p);
  const partitions = await dropMonthsBefore(tx, { table: FOLLOW_UPS_TABLE, cutoff: p.before, keep, dryRun: p.dryRun });
  return partitions.length ? { ...out, partitions } : out;
}

/** A month stays while one of its rows is not done with (nor anonymised), lies in a held area, or is an alert's. */
async function monthMustStay(tx: Queryable, partition: string, p: PurgeRequest): Promise<boolean> {
  if (!/^follow_ups_y\d{4}m\d{2}$/.test(partition)) throw new Error(`not a month of the follow-ups: ${partition}`);
  const [{ stays }] = await tx.query<{ stays: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ${partition} f WHERE NOT (f.anonymised_at IS NOT NULL OR (${FOLLOW_UP_DONE_WITH})) OR f.area_path LIKE ANY($2::text[]))
         OR EXISTS (SELECT 1 FROM ${partition} f JOIN fever_alerts fa ON fa.follow_up_id = f.id AND fa.follow_up_due_at = f.due_at) AS stays`,
    [p.before, heldPatterns(p.heldPaths)],
  );
  return stays;
}

/** Reference date: when the alert was raised (resolved ones only). */
export function purgeFeverAlerts(tx: Queryable, p: PurgeRequest): Promise<PurgeOutcome> {
  return purgeWhere(tx, p, {
    where: `fa.anonymised_at IS NULL AND fa.status = 'resolved' AND fa.raised_at < $1 AND ${notHeld('fa.area_path')}`,
    find: (w) => `SELECT fa.id FROM fever_alerts fa WHERE ${w}`,
    change: (w) =>
      `UPDATE fever_alerts fa SET resident_id = NULL, household_id = NULL, follow_up_id = NULL, follow_up_due_at = NULL, measure_id = NULL, visit_id = NULL,
              visit_at = NULL, note = NULL, symptoms = '{}', anonymised_at = now()
        WHERE ${w} RETURNING fa.id`,
  });
}
