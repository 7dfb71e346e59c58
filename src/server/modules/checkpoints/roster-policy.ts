import type { Queryable } from '../../db/engine';
import { type RosterPolicy, rosterPolicy } from './roster';

/**
 * The roster rules and weights as policy data (checkpoint_roster_policy, migration 0028): versioned rows, the
 * highest in force. A fill records the version it used. Stored JSON is merged over the solver's defaults, so a
 * version written before a rule existed still reads.
 */
export interface PolicyInForce {
  version: number;
  note: string | null;
  policy: RosterPolicy;
  createdAt: Date;
}

export async function rosterPolicyInForce(db: Queryable): Promise<PolicyInForce> {
  const [row] = await db.query<{ version: number; note: string | null; rules: Partial<RosterPolicy>; created_at: Date }>(
    'SELECT version, note, rules, created_at FROM checkpoint_roster_policy ORDER BY version DESC LIMIT 1',
  );
  // The migration writes version 1; an empty table would be a broken deployment, read as the defaults.
  if (!row) return { version: 0, note: null, policy: rosterPolicy(), createdAt: new Date(0) };
  return { version: row.version, note: row.note, policy: rosterPolicy(row.rules), createdAt: row.created_at };
}
