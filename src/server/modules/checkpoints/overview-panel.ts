import type { Ctx } from '../../platform/context';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { dayTotals } from './figures';
import { runningShifts, shortRoles } from './staffing';

/**
 * The checkpoints panel of the command center's overview: posts open today in the area, how many are staffed
 * now (every running shift has its minimum checked in) and which are not, and today's crossings and turned back.
 * null when the area has no post open today.
 */
export async function checkpointsPanel(ctx: Ctx, area: { id: number; path: string }, timeZone: string, now = new Date()) {
  const q = new SqlParams();
  const [{ n }] = await ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM checkpoint_posts p WHERE p.area_path LIKE ${q.add(area.path + '%')} AND ${scopeClause(ctx.actor.scope, 'p.area_path', q)}
        AND p.opens_on <= ${q.add(ctx.today)}::date AND (p.closes_on IS NULL OR p.closes_on >= ${q.add(ctx.today)}::date)`,
    q.values,
  );
  if (!n) return null;
  const [running, today] = await Promise.all([
    runningShifts(ctx.db, { now, timeZone, underPath: area.path, scopePath: ctx.actor.scope.path }),
    dayTotals(ctx.db, ctx.actor.scope, { underPath: area.path, day: ctx.today }),
  ]);
  const shortPosts = new Map<number, string>();
  const onShift = new Set<number>();
  for (const s of running) {
    onShift.add(s.post_id);
    if (shortRoles(s).length) shortPosts.set(s.post_id, s.post_name);
  }
  return {
    posts: n,
    staffedNow: onShift.size - shortPosts.size,
    understaffedNow: shortPosts.size,
    understaffed: [...shortPosts].slice(0, 10).map(([postId, name]) => ({ postId, name })),
    crossingsToday: today.checked,
    turnedBackToday: today.turnedBack,
  };
}
