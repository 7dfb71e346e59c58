import type { VaccinationPolicyInput } from '../../../domain/vaccination/policy';
import { type VaccinationPolicy, vaccinationPolicy } from '../../../domain/vaccination/policy';
import type { Queryable } from '../../db/engine';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { mustBeRoot } from '../../platform/scope';

/**
 * The vaccination policy as versions (vaccination_policy, migrations 0045 and 0049): the highest in force. The
 * working list, the card, the call lists and the rides read it each time, so a saved version is in force at once.
 */
export interface PolicyInForce {
  version: number;
  note: string | null;
  policy: VaccinationPolicy;
  since: Date;
}

export async function policyInForce(db: Queryable): Promise<PolicyInForce> {
  const [row] = await db.query<{ version: number; note: string | null; policy: unknown; updated_at: Date }>(
    'SELECT version, note, policy, updated_at FROM vaccination_policy ORDER BY version DESC LIMIT 1',
  );
  return { version: row.version, note: row.note, policy: vaccinationPolicy.parse(row.policy), since: row.updated_at };
}

export const policyView = (p: PolicyInForce) => ({ ...p.policy, version: p.version, note: p.note, since: p.since });

/**
 * Saves the policy as a new version. Deployment-wide policy data, edited like the roster rules and the control rule
 * sets: the `policy.manage` permission, from the top of the tree only, audited with the version it replaces.
 */
export async function savePolicy(ctx: Ctx, b: VaccinationPolicyInput): Promise<PolicyInForce> {
  mustBeRoot(ctx.actor.scope, 'POLICY_ROOT_ONLY');
  const { note, ...rest } = b;
  // The 60+ band first, as the seed writes it.
  const policy: VaccinationPolicy = { ...rest, bands: [...rest.bands].sort((x, y) => x.minAge - y.minAge) };
  await ctx.db.tx(async (tx) => {
    // Versions are numbered one after another: two editors saving at once are serialised here.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('vaccination-policy'))`);
    const before = await policyInForce(tx);
    const [row] = await tx.query<{ version: number }>(
      `INSERT INTO vaccination_policy (version, policy, note, updated_by)
       SELECT COALESCE(max(version), 0) + 1, $1, $2, $3 FROM vaccination_policy RETURNING version`,
      [JSON.stringify(policy), note, ctx.actor.userId],
    );
    await audit(tx, ctx, {
      action: 'publish',
      entity: 'vaccination_policy',
      entityId: row.version,
      before: { version: before.version, ...before.policy },
      after: { version: row.version, note, ...policy },
    });
  });
  return policyInForce(ctx.db);
}
