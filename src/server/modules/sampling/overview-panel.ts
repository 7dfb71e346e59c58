import { maskName } from '../../../domain/sampling/rules';
import type { Ctx } from '../../platform/context';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { residentsAs } from '../residents/sql';
import { coverage } from './coverage';

/**
 * The testing panel of the command center's overview: the newest open round that covers the whole area,
 * its coverage (应检尽检) for the area and per child, and the people held by a positive pool awaiting their
 * single-tube retest — each a line of the overview's red list.
 */
export async function samplingPanel(ctx: Ctx, area: { id: number; path: string }) {
  // The round that covers the whole area; else the newest open round inside it (a town's view of one
  // village's round), whose figures then count for the child area that holds it.
  const [round] = await ctx.db.query<{ id: number; name: string; area_id: number; area_path: string; covers: boolean }>(
    `SELECT id, name, area_id, area_path, $1 LIKE area_path || '%' AS covers FROM sampling_rounds
      WHERE status = 'open' AND ($1 LIKE area_path || '%' OR area_path LIKE $1 || '%')
      ORDER BY ($1 LIKE area_path || '%') DESC, starts_on DESC, id DESC LIMIT 1`,
    [area.path],
  );
  if (!round) return null;
  const c = await coverage(ctx, round.id, round.covers ? area.id : round.area_id);
  const q = new SqlParams();
  const held = await ctx.db.query<{ area_name: string; resident_name: string; created_at: Date; n: number }>(
    `SELECT a.name AS area_name, r.name AS resident_name, f.created_at, count(*) OVER ()::int AS n
       FROM sampling_flags f JOIN ${areasAs('a')} ON a.id = f.area_id JOIN ${residentsAs('r')} ON r.id = f.resident_id
      WHERE f.round_id = ${q.add(round.id)} AND f.status = 'held' AND f.area_path LIKE ${q.add(area.path + '%')} AND ${scopeClause(ctx.actor.scope, 'f.area_path', q)}
      ORDER BY f.created_at LIMIT 10`,
    q.values,
  );
  const share = (x: { sampled: number; due: number }) => ({ done: x.sampled, of: x.due });
  // Per child of the overview's area: the coverage rows when the round covers it, else the one child holding the round.
  const childOfRound = Number(round.area_path.slice(area.path.length).split('/')[0]);
  const byChild = round.covers
    ? new Map(c.items.filter((i) => i.areaId !== null).map((i) => [i.areaId as number, share(i)]))
    : new Map(childOfRound ? [[childOfRound, share(c.total)]] : []);
  return {
    roundId: round.id,
    roundName: round.name,
    done: c.total.sampled,
    of: c.total.due,
    exempt: c.total.exempt,
    held: held[0]?.n ?? 0,
    byChild,
    heldPeople: held.map((h) => ({ areaName: h.area_name, name: maskName(h.resident_name), at: h.created_at })),
  };
}
