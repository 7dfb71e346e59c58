import type { Queryable } from '../../db/engine';
import type { Ctx } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areaTree } from '../areas';

/**
 * A day's crossing figures: per post, their roll-up and per hour. People are counted (a bus of 40 is 40
 * checked); "vehicles turned back" counts vehicles. Let through includes registered-and-let-through.
 */
const SUMS = `COALESCE(sum(c.people), 0)::int AS checked, (count(*) FILTER (WHERE c.vehicle))::int AS vehicles,
  COALESCE(sum(c.people) FILTER (WHERE c.decision IN ('let_through', 'registered')), 0)::int AS let_through,
  COALESCE(sum(c.people) FILTER (WHERE c.decision = 'turned_back'), 0)::int AS turned_back,
  (count(*) FILTER (WHERE c.vehicle AND c.decision = 'turned_back'))::int AS vehicles_turned_back,
  COALESCE(sum(c.people) FILTER (WHERE c.decision = 'handed_over'), 0)::int AS handed_over,
  COALESCE(sum(c.flagged), 0)::int AS flagged`;

interface SumRow {
  checked: number;
  vehicles: number;
  let_through: number;
  turned_back: number;
  vehicles_turned_back: number;
  handed_over: number;
  flagged: number;
}
const view = (r: SumRow | undefined) => ({
  checked: r?.checked ?? 0,
  vehicles: r?.vehicles ?? 0,
  letThrough: r?.let_through ?? 0,
  turnedBack: r?.turned_back ?? 0,
  vehiclesTurnedBack: r?.vehicles_turned_back ?? 0,
  handedOver: r?.handed_over ?? 0,
  flagged: r?.flagged ?? 0,
});

function where(scope: Scope, f: { underPath: string; postId?: number; day: string }, q: SqlParams): string {
  const w = [scopeClause(scope, 'c.area_path', q), `c.area_path LIKE ${q.add(f.underPath + '%')}`, `c.day = ${q.add(f.day)}::date`];
  if (f.postId) w.push(`c.post_id = ${q.add(f.postId)}`);
  return w.join(' AND ');
}

export async function dayTotals(db: Queryable, scope: Scope, f: { underPath: string; day: string }) {
  const q = new SqlParams();
  const [row] = await db.query<SumRow>(`SELECT ${SUMS} FROM checkpoint_crossings c WHERE ${where(scope, f, q)}`, q.values);
  return view(row);
}

export async function crossingFigures(ctx: Ctx, p: { postId?: number; under?: number; day?: string }) {
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, p.under ?? ctx.actor.scope.areaId);
  if (!area) throw badRequest('VALIDATION_FAILED', {}, { under: 'not_found' });
  const day = p.day ?? ctx.today;
  const f = { underPath: area.path, postId: p.postId, day };
  const q1 = new SqlParams();
  const q2 = new SqlParams();
  const [posts, hours] = await Promise.all([
    ctx.db.query<SumRow & { post_id: number; name: string }>(
      `SELECT c.post_id, p.name, ${SUMS} FROM checkpoint_crossings c JOIN checkpoint_posts p ON p.id = c.post_id
        WHERE ${where(ctx.actor.scope, f, q1)} GROUP BY c.post_id, p.name ORDER BY p.name, c.post_id`,
      q1.values,
    ),
    ctx.db.query<{ hour: number; checked: number; turned_back: number }>(
      `SELECT c.hour::int AS hour, COALESCE(sum(c.people), 0)::int AS checked, COALESCE(sum(c.people) FILTER (WHERE c.decision = 'turned_back'), 0)::int AS turned_back
         FROM checkpoint_crossings c WHERE ${where(ctx.actor.scope, f, q2)} GROUP BY c.hour ORDER BY c.hour`,
      q2.values,
    ),
  ]);
  const byHour = new Map(hours.map((h) => [h.hour, h]));
  const total = view(undefined);
  for (const r of posts) {
    const v = view(r);
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += v[k];
  }
  return {
    day,
    total,
    posts: posts.map((r) => ({ postId: r.post_id, name: r.name, figures: view(r) })),
    hours: Array.from({ length: 24 }, (_, hour) => ({ hour, checked: byHour.get(hour)?.checked ?? 0, turnedBack: byHour.get(hour)?.turned_back ?? 0 })),
  };
}
