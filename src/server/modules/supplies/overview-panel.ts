import type { Ctx } from '../../platform/context';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';

/**
 * The supplies panel of the command center's overview: stores in the area, items low now (open alerts, the
 * worst first), issues and donations today, and money donated in all. null when the area has no store and no donation.
 */
export async function suppliesPanel(ctx: Ctx, area: { id: number; path: string }) {
  const q = new SqlParams();
  const under = q.add(`${area.path}%`);
  const scope = (col: string) => scopeClause(ctx.actor.scope, col, q);
  const today = q.add(ctx.today);
  const [row] = await ctx.db.query<{ stores: number; low: number; issues_today: number; donations: number; money: string }>(
    `SELECT (SELECT count(*)::int FROM supply_stores s WHERE s.area_path LIKE ${under} AND ${scope('s.area_path')}) AS stores,
            (SELECT count(*)::int FROM supply_alerts al WHERE al.area_path LIKE ${under} AND ${scope('al.area_path')} AND al.cleared_at IS NULL) AS low,
            (SELECT count(*)::int FROM supply_movements m WHERE m.area_path LIKE ${under} AND ${scope('m.area_path')} AND m.kind = 'issue'
               AND m.occurred_on = ${today}::date) AS issues_today,
            (SELECT count(*)::int FROM supply_donations d WHERE d.area_path LIKE ${under} AND ${scope('d.area_path')}) AS donations,
            (SELECT COALESCE(sum(d.amount) FILTER (WHERE d.kind = 'money'), 0)::text FROM supply_donations d
              WHERE d.area_path LIKE ${under} AND ${scope('d.area_path')}) AS money`,
    q.values,
  );
  if (!row.stores && !row.donations) return null;
  const lowItems = await ctx.db.query<{ store_id: number; store_name: string; item_name: string; cover_days: string | null }>(
    `SELECT al.store_id, s.name AS store_name, i.name AS item_name, al.cover_days::text AS cover_days
       FROM supply_alerts al JOIN supply_stores s ON s.id = al.store_id JOIN supply_items i ON i.id = al.item_id
      WHERE al.area_path LIKE $1 AND al.area_path LIKE $2 AND al.cleared_at IS NULL ORDER BY al.cover_days NULLS FIRST, al.id LIMIT 10`,
    [`${area.path}%`, `${ctx.actor.scope.path}%`],
  );
  return {
    stores: row.stores,
    lowNow: row.low,
    issuesToday: row.issues_today,
    donations: row.donations,
    moneyDonated: Number(row.money),
    low: lowItems.map((l) => ({
      storeId: l.store_id,
      storeName: l.store_name,
      itemName: l.item_name,
      coverDays: l.cover_days === null ? null : Number(l.cover_days),
    })),
  };
}
