import type { Ctx } from '../../platform/context';
import { evidenceOf, liftView, setInForce } from './lift';
import * as repo from './repo';

/**
 * The zones panel of the command center's overview: the live zones under the area by level, and the next lifting
 * due (the earliest day a zone's quiet period ends) with what still blocks it. null when no zone is live there.
 * The zones read are bounded: an emergency has tens of zones, not thousands.
 */
export async function zonesPanel(ctx: Ctx, area: { id: number; path: string }) {
  const { rows, total } = await repo.listZones(ctx.db, ctx.actor.scope, { status: 'active', underPath: area.path, limit: 200, offset: 0 });
  if (!total) return null;
  const set = await setInForce(ctx.db, ctx.today);
  const ev = await evidenceOf(ctx.db, set, rows, ctx.today);
  const counts = new Map<string, number>();
  for (const z of rows) counts.set(z.level, (counts.get(z.level) ?? 0) + 1);
  const byLevel = [...counts].map(([level, count]) => ({
    level: level as never,
    name: set.levels.find((l) => l.code === level)?.name ?? null,
    count,
  }));
  let next: { zoneId: number; areaName: string; level: string; dueOn: string; daysLeft: number; blocker: string | null } | null = null;
  for (const z of rows) {
    const c = ev.get(z.id)?.check;
    if (!c?.dueOn || (next && next.dueOn <= c.dueOn)) continue;
    const view = liftView(set, c, ctx.lang);
    next = { zoneId: z.id, areaName: z.area_name, level: z.level, dueOn: c.dueOn, daysLeft: c.daysLeft, blocker: view.blockers[0]?.text ?? null };
  }
  return { active: total, byLevel, next: next as (typeof next & { level: never }) | null };
}
