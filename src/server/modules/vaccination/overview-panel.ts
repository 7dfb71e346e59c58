import type { Ctx } from '../../platform/context';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { coverageRows } from './coverage';
import { policyOf } from './repo';

/**
 * The vaccination panel of the command center's overview: coverage of the 60+ and 80+ by village (the bar chart),
 * how many agreed and wait for their dose, how many refused. null when nobody here has been reached yet.
 */
export async function vaccinationPanel(ctx: Ctx, area: { id: number; path: string }) {
  const q = new SqlParams();
  const [row] = await ctx.db.query<{ agreed: number; refused: number; touched: number }>(
    `SELECT count(*) FILTER (WHERE p.state = 'agreed')::int AS agreed, count(*) FILTER (WHERE p.state = 'refused')::int AS refused, count(*)::int AS touched
       FROM vaccination_people p WHERE p.area_path LIKE ${q.add(`${area.path}%`)} AND ${scopeClause(ctx.actor.scope, 'p.area_path', q)}`,
    q.values,
  );
  if (!row.touched) return null;
  const byVillage = await coverageRows(ctx.db, ctx.actor.scope, { policy: await policyOf(ctx.db), today: ctx.today, underPath: area.path });
  return {
    agreedWaiting: row.agreed,
    refused: row.refused,
    byVillage: byVillage.slice(0, 60).map((r) => ({ areaId: r.areaId, name: r.name, rate60: r.sixty.rate, rate80: r.eighty.rate })),
  };
}
