import type { Queryable } from '../../db/engine';
import type { FieldworkPolicy } from '../../../domain/fieldwork/defaults';

/** The field work's policy in force (one row, seeded by migration 0044). */
export async function policyOf(db: Queryable): Promise<FieldworkPolicy> {
  const [row] = await db.query<{ policy: FieldworkPolicy }>('SELECT policy FROM fieldwork_policy WHERE id = 1');
  return row.policy;
}
