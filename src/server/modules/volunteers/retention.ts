import type { PurgeOutcome, PurgeRequest } from '../../../domain/lifecycle/classes';
import type { Queryable } from '../../db/engine';
import { notHeld, purgeWhere } from '../../platform/purge';

/**
 * Retention of enlistment applications (the lifecycle module asks): a decided application is a copy of a person's
 * ID number, phone and address kept for the decision — an approved one lives on as the volunteer it made, a
 * refused one has no purpose left. Deleted once past the period; pending ones wait for their secretary.
 * Reference date: the decision.
 */
export function purgeEnlistments(tx: Queryable, p: PurgeRequest): Promise<PurgeOutcome> {
  return purgeWhere(tx, p, {
    where: `e.status <> 'pending' AND COALESCE(e.decided_at, e.submitted_at) < $1 AND ${notHeld('e.area_path')}`,
    find: (w) => `SELECT e.id FROM enlistments e WHERE ${w}`,
    change: (w) => `DELETE FROM enlistments e WHERE ${w} RETURNING e.id`,
  });
}
