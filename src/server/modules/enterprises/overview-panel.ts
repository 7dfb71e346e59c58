import type { Ctx } from '../../platform/context';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';

/**
 * The enterprises panel of the command center's overview (复工复产): how many are resumed, applying, suspended, and
 * how many of the resumed sent today's ledger. null when the area has no enterprise registered.
 */
export async function enterprisesPanel(ctx: Ctx, area: { id: number; path: string }) {
  const q = new SqlParams();
  const [row] = await ctx.db.query<{ total: number; resumed: number; applying: number; suspended: number; ledger_today: number }>(
    `SELECT count(*)::int AS total,
            count(*) FILTER (WHERE e.status = 'resumed')::int AS resumed,
            count(*) FILTER (WHERE e.status = 'applying')::int AS applying,
            count(*) FILTER (WHERE e.status = 'suspended')::int AS suspended,
            count(*) FILTER (WHERE e.status = 'resumed' AND EXISTS (
              SELECT 1 FROM enterprise_ledgers l WHERE l.enterprise_id = e.id AND l.day = ${q.add(ctx.today)}::date))::int AS ledger_today
       FROM enterprises e WHERE e.area_path LIKE ${q.add(`${area.path}%`)} AND ${scopeClause(ctx.actor.scope, 'e.area_path', q)}`,
    q.values,
  );
  if (!row.total) return null;
  return { total: row.total, resumed: row.resumed, applying: row.applying, suspended: row.suspended, ledgerToday: row.ledger_today };
}
