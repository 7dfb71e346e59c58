import { disclosingActions } from '../../../domain/audit/events';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { todayIn } from '../../platform/dates';
import { mustBeRoot } from '../../platform/scope';
import { areasAs } from '../areas/sql';
import * as policy from '../policy';
import { usersAs } from '../users/sql';

/**
 * The disclosures watch's screen: the threshold (policy data, policy/disclosures.ts) that disclosures.ts checks
 * every ten minutes, and what it counts — one local day's reveals and exports of personal data per user, from the
 * trail itself. Deployment-wide like the retention periods: read and changed from the top of the tree only.
 */
const mustRoot = (ctx: Ctx) => mustBeRoot(ctx.actor.scope, 'AUDIT_POLICY_ROOT_ONLY');

const thresholdView = (r: policy.DisclosureThresholdRow) => ({ perDay: r.per_day, updatedAt: r.updated_at, updatedByName: r.updated_by_name });

/** The users who revealed or exported anything that day, most first (the first 200). */
export async function disclosures(ctx: Ctx, p: { day?: string; timeZone: string }) {
  mustRoot(ctx);
  const day = p.day ?? todayIn(p.timeZone);
  const rows = await ctx.db.query<{
    user_id: number;
    name: string;
    area_name: string | null;
    reveals: number;
    exports: number;
    total: number;
    alerted: boolean;
  }>(
    `SELECT a.actor_id AS user_id, u.display_name AS name, ar.name AS area_name,
            count(*) FILTER (WHERE a.action = 'reveal')::int AS reveals, count(*) FILTER (WHERE a.action = 'export')::int AS exports,
            count(*)::int AS total,
            EXISTS (SELECT 1 FROM audit_disclosure_alerts d WHERE d.user_id = a.actor_id AND d.day = $1::date) AS alerted
       FROM audit_log a JOIN ${usersAs('u')} ON u.id = a.actor_id LEFT JOIN ${areasAs('ar')} ON ar.id = u.area_id
      WHERE a.at >= ($1::date::timestamp AT TIME ZONE $2) AND a.at < (($1::date + 1)::timestamp AT TIME ZONE $2)
        AND a.action = ANY($3::text[]) AND a.actor_id IS NOT NULL
      GROUP BY a.actor_id, u.display_name, ar.name
      ORDER BY total DESC, a.actor_id LIMIT 200`,
    [day, p.timeZone, disclosingActions],
  );
  return {
    threshold: thresholdView(await policy.disclosureThreshold(ctx.db)),
    day,
    items: rows.map((r) => ({
      userId: r.user_id,
      name: r.name,
      areaName: r.area_name,
      reveals: r.reveals,
      exports: r.exports,
      total: r.total,
      alerted: r.alerted,
    })),
  };
}

export async function setThreshold(ctx: Ctx, perDay: number) {
  mustRoot(ctx);
  await ctx.db.tx(async (tx) => {
    const { before } = await policy.setDisclosureThreshold(tx, perDay, ctx.actor.userId);
    await audit(tx, ctx, { entity: 'disclosure_policy', action: 'update', before: { perDay: before }, after: { perDay } });
  });
  return thresholdView(await policy.disclosureThreshold(ctx.db));
}
