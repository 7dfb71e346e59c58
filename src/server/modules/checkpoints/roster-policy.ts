import type { RosterPolicyInput } from '../../../domain/checkpoints/schemas';
import type { Queryable } from '../../db/engine';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { mustBeRoot } from '../../platform/scope';
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

/**
 * Saves the rules and weights as a new version (the highest is in force: the next fill and hand edit use it; a fill
 * already running keeps the version it started with). Deployment-wide policy data, edited like the control rule
 * sets and the retention periods: the `policy.manage` permission, from the top of the tree only, audited.
 */
export async function saveRosterPolicy(ctx: Ctx, b: RosterPolicyInput): Promise<PolicyInForce> {
  mustBeRoot(ctx.actor.scope, 'POLICY_ROOT_ONLY');
  const { note, ...rules } = b;
  await ctx.db.tx(async (tx) => {
    // Versions are numbered one after another: two editors saving at once are serialised here.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('checkpoint-roster-policy'))`);
    const before = await rosterPolicyInForce(tx);
    const [row] = await tx.query<{ version: number }>(
      `INSERT INTO checkpoint_roster_policy (version, rules, note, created_by)
       SELECT COALESCE(max(version), 0) + 1, $1, $2, $3 FROM checkpoint_roster_policy RETURNING version`,
      [JSON.stringify(rules), note, ctx.actor.userId],
    );
    await audit(tx, ctx, {
      action: 'publish',
      entity: 'checkpoint_roster_policy',
      entityId: row.version,
      before: { version: before.version, ...before.policy },
      after: { version: row.version, note, ...rules },
    });
  });
  return rosterPolicyInForce(ctx.db);
}
