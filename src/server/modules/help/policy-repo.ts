import { DEFAULT_HELP_POLICY, type HelpPolicy } from '../../../domain/help/policy';
import type { Queryable } from '../../db/engine';

/**
 * The pipelines and tiers in force: the highest version of `help_policy`. Reference data changed only by a
 * migration, so each process keeps it a minute (the public form reads it on every submission).
 */
export type PolicyInForce = HelpPolicy & { version: number };
let cached: { at: number; policy: PolicyInForce } | null = null;
const KEEP_MS = 60_000;

export async function policyInForce(db: Queryable): Promise<PolicyInForce> {
  if (cached && Date.now() - cached.at < KEEP_MS) return cached.policy;
  const [row] = await db.query<{ version: number; kinds: HelpPolicy['kinds']; tiers: HelpPolicy['tiers']; default_tier: string }>(
    'SELECT version, kinds, tiers, default_tier FROM help_policy ORDER BY version DESC LIMIT 1',
  );
  const policy = row ? { version: row.version, kinds: row.kinds, tiers: row.tiers, defaultTier: row.default_tier } : { version: 0, ...DEFAULT_HELP_POLICY };
  cached = { at: Date.now(), policy };
  return policy;
}
