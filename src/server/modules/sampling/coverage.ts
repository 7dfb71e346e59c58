import { maskIdNumber } from '../../../domain/residents/identity';
import { maskName } from '../../../domain/sampling/rules';
import type { Ctx } from '../../platform/context';
import { areaTree } from '../areas';
import * as repo from './repo';
import { coverageArea, mustRound, rosterUpToDate } from './lookups';

/** Coverage (应检尽检): figures per child area, the missing people, the hourly chart. */

const rate = (sampled: number, due: number) => (due ? Math.round((sampled / due) * 10000) / 10000 : null);

export async function coverage(ctx: Ctx, roundId: number, under?: number) {
  const round = await mustRound(ctx, roundId);
  const area = await coverageArea(ctx, round, under);
  await rosterUpToDate(ctx, round);
  const rows = await repo.coverage(ctx.db, { roundId, underPath: area.path, scope: ctx.actor.scope });
  const figures = (r: { roster: number; sampled: number; exempt: number; missing: number }) => ({
    roster: r.roster,
    due: r.sampled + r.missing,
    sampled: r.sampled,
    exempt: r.exempt,
    missing: r.missing,
    rate: rate(r.sampled, r.sampled + r.missing),
  });
  const children = await areaTree.childrenInScope(ctx.db, ctx.actor.scope, area.id, false);
  const byChild = new Map(rows.map((r) => [r.child, r]));
  const zero = { roster: 0, sampled: 0, exempt: 0, missing: 0 };
  const items = children.map((c) => ({ areaId: c.id as number | null, name: c.name, kind: c.kind as string | null, ...figures(byChild.get(c.id) ?? zero) }));
  const direct = byChild.get(null);
  if (direct) items.push({ areaId: null, name: area.name, kind: null, ...figures(direct) });
  const total = rows.reduce(
    (a, r) => ({ roster: a.roster + r.roster, sampled: a.sampled + r.sampled, exempt: a.exempt + r.exempt, missing: a.missing + r.missing }),
    zero,
  );
  return { area: { id: area.id, name: area.name, kind: area.kind, path: area.path }, rosterDate: round.roster_date, total: figures(total), items };
}

export async function missingPeople(ctx: Ctx, roundId: number, p: { under?: number; page: number; pageSize: number }) {
  const round = await mustRound(ctx, roundId);
  const area = await coverageArea(ctx, round, p.under);
  await rosterUpToDate(ctx, round);
  const { rows, total } = await repo.missing(ctx.db, { roundId, underPath: area.path, scope: ctx.actor.scope, page: p.page, pageSize: p.pageSize });
  return {
    items: rows.map((m) => ({
      residentId: m.resident_id,
      name: maskName(m.name),
      idNumber: maskIdNumber(m.id_number),
      areaId: m.area_id,
      areaName: m.area_name,
      address: m.address,
      gridWorkers: m.grid_workers,
    })),
    total,
  };
}

/** The coverage chart: rostered people first sampled per local hour, and the running total. */
export async function coverageHours(ctx: Ctx, roundId: number, under: number | undefined, timeZone: string) {
  const round = await mustRound(ctx, roundId);
  const area = await coverageArea(ctx, round, under);
  await rosterUpToDate(ctx, round);
  const read = round.figures_frozen ? repo.frozenSampledByHour : repo.sampledByHour;
  const rows = await read(ctx.db, { roundId, underPath: area.path, scope: ctx.actor.scope, timeZone });
  let total = 0;
  return { area: { id: area.id, name: area.name }, timeZone, items: rows.map((r) => ({ hour: r.hour, sampled: r.sampled, cumulative: (total += r.sampled) })) };
}
