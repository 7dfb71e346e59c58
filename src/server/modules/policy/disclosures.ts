import type { Queryable } from '../../db/engine';
import { usersAs } from '../users/sql';

/**
 * The disclosures threshold as policy data (`audit_policy`, migrations 0017 and 0033): how many reveals and exports
 * of personal data one user may make in a local day before the administrators get a task. Deployment-wide, like
 * the retention periods; read by the audit module's check and changed from its screen.
 */
export interface DisclosureThresholdRow {
  per_day: number;
  updated_at: Date | null;
  updated_by_name: string | null;
}

/** The threshold: `audit_policy` holds exactly one row (its key is `true`, inserted by migration 0017). */
export async function disclosureThreshold(db: Queryable): Promise<DisclosureThresholdRow> {
  const [row] = await db.query<DisclosureThresholdRow>(
    `SELECT p.disclosures_per_day AS per_day, p.updated_at, u.display_name AS updated_by_name
       FROM audit_policy p LEFT JOIN ${usersAs('u')} ON u.id = p.updated_by`,
  );
  return row;
}

/** Sets it; answers the value it replaced. */
export async function setDisclosureThreshold(tx: Queryable, perDay: number, userId: number): Promise<{ before: number }> {
  const [row] = await tx.query<{ before: number }>(
    `UPDATE audit_policy p SET disclosures_per_day = $1, updated_by = $2, updated_at = now()
       FROM (SELECT disclosures_per_day AS before FROM audit_policy FOR UPDATE) old
     RETURNING old.before`,
    [perDay, userId],
  );
  return row;
}
