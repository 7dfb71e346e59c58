import type { Ctx } from '../../platform/context';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';

/**
 * The door-to-door panel of the command center's overview (不漏一户): households visited of those to visit
 * in the open campaigns under the area, in total and per child area (the path segment below the area).
 */
export async function screeningPanel(ctx: Ctx, area: { path: string }) {
  const q = new SqlParams();
  const depth = area.path.split('/').filter(Boolean).length;
  const rows = await ctx.db.query<{ child: string; households: number; visited: number }>(
    `SELECT split_part(st.area_path, '/', ${q.add(depth + 2)}) AS child,
            count(*)::int AS households, count(*) FILTER (WHERE st.last_outcome = 'visited')::int AS visited
       FROM screening_targets st JOIN screening_campaigns c ON c.id = st.campaign_id AND c.status = 'open'
      WHERE st.area_path LIKE ${q.add(area.path + '%')} AND ${scopeClause(ctx.actor.scope, 'st.area_path', q)}
      GROUP BY 1`,
    q.values,
  );
  if (!rows.length) return null;
  // The campaigns in total are counted apart: one campaign spans several children. Scoped like the rows above.
  const c = new SqlParams();
  const [{ campaigns }] = await ctx.db.query<{ campaigns: number }>(
    `SELECT count(DISTINCT st.campaign_id)::int AS campaigns FROM screening_targets st JOIN screening_campaigns sc ON sc.id = st.campaign_id AND sc.status = 'open'
      WHERE st.area_path LIKE ${c.add(area.path + '%')} AND ${scopeClause(ctx.actor.scope, 'st.area_path', c)}`,
    c.values,
  );
  return {
    campaigns,
    done: rows.reduce((s, r) => s + r.visited, 0),
    of: rows.reduce((s, r) => s + r.households, 0),
    byChild: new Map(rows.filter((r) => r.child).map((r) => [Number(r.child), { done: r.visited, of: r.households }])),
  };
}
