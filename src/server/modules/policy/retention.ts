import type { DataClass } from '../../../domain/lifecycle/classes';
import type { Queryable } from '../../db/engine';
import { usersAs } from '../users/sql';

/**
 * Retention periods as policy data (`retention_policy`, migration 0027): per data class how many days its records
 * are kept after their reference date. Deployment-wide, like the rule sets; read by the lifecycle module's runs
 * and changed from its screen.
 */
export interface RetentionRow {
  data_class: DataClass;
  period_days: number;
  updated_at: Date;
  updated_by_name: string | null;
}

export function retentionPeriods(db: Queryable): Promise<RetentionRow[]> {
  return db.query<RetentionRow>(
    `SELECT r.data_class, r.period_days, r.updated_at, u.display_name AS updated_by_name
       FROM retention_policy r LEFT JOIN ${usersAs('u')} ON u.id = r.updated_by ORDER BY r.data_class`,
  );
}

/** Sets one class's period; false when the class has no row (a class the migrations never seeded). */
export async function setRetentionPeriod(tx: Queryable, dataClass: DataClass, days: number, userId: number): Promise<{ before: number } | null> {
  const [row] = await tx.query<{ before: number }>(
    `UPDATE retention_policy r SET period_days = $2, updated_by = $3, updated_at = now()
       FROM (SELECT period_days AS before FROM retention_policy WHERE data_class = $1 FOR UPDATE) old
      WHERE r.data_class = $1 RETURNING old.before`,
    [dataClass, days, userId],
  );
  return row ?? null;
}
