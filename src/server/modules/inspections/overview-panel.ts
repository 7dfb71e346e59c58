import type { Ctx } from '../../platform/context';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';

/**
 * The inspections panel of the command center's overview: inspections of the last seven days (today included) and
 * their pass rate, rectification orders open and overdue. null when the area has neither inspections nor orders.
 */
export async function inspectionsPanel(ctx: Ctx, area: { id: number; path: string }, timeZone: string, now = new Date()) {
  const q = new SqlParams();
  const under = q.add(`${area.path}%`);
  const since = q.add(new Date(Date.parse(ctx.today) - 6 * 86_400_000).toISOString().slice(0, 10));
  const nowP = q.add(now);
  const from = `(${since}::date)::timestamp AT TIME ZONE ${q.add(timeZone)}`;
  const [row] = await ctx.db.query<{ week: number; passed: number; open: number; overdue: number; any: boolean }>(
    `SELECT
       (SELECT count(*)::int FROM inspections i WHERE i.area_path LIKE ${under} AND ${scopeClause(ctx.actor.scope, 'i.area_path', q)}
           AND i.inspected_at >= ${from} AND i.inspected_at <= ${nowP}::timestamptz) AS week,
       (SELECT count(*)::int FROM inspections i WHERE i.area_path LIKE ${under} AND ${scopeClause(ctx.actor.scope, 'i.area_path', q)}
           AND i.inspected_at >= ${from} AND i.inspected_at <= ${nowP}::timestamptz AND i.passed) AS passed,
       (SELECT count(*)::int FROM inspection_rectifications r WHERE r.area_path LIKE ${under} AND ${scopeClause(ctx.actor.scope, 'r.area_path', q)}
           AND r.status <> 'closed') AS open,
       (SELECT count(*)::int FROM inspection_rectifications r WHERE r.area_path LIKE ${under} AND ${scopeClause(ctx.actor.scope, 'r.area_path', q)}
           AND r.status <> 'closed' AND r.deadline_at < ${nowP}::timestamptz) AS overdue,
       EXISTS (SELECT 1 FROM inspections i WHERE i.area_path LIKE ${under} AND ${scopeClause(ctx.actor.scope, 'i.area_path', q)}) AS any`,
    q.values,
  );
  if (!row.any && !row.open) return null;
  return {
    inspectionsThisWeek: row.week,
    passRate: row.week ? Math.round((1000 * row.passed) / row.week) / 10 : null,
    openOrders: row.open,
    overdueOrders: row.overdue,
  };
}
