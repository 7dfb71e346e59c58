import type { z } from 'zod';
import { DEFAULT_EXEMPTION_RULES } from '../../../domain/sampling/rules';
import type { createPointBody, createRoundBody } from '../../../domain/sampling/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, isUniqueViolation, notFound } from '../../platform/errors';
import { pathInScope } from '../../platform/scope';
import * as repo from './repo';
import { areaInScope, mustRound, rosterArgs } from './lookups';

/** Rounds (全员核酸 轮次) and their sampling points. */

// ——— rounds ———
function roundView(r: repo.RoundRow) {
  return {
    id: r.id,
    name: r.name,
    areaId: r.area_id,
    areaPath: r.area_path,
    areaName: r.area_name,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    rosterDate: r.roster_date,
    poolDefault: r.pool_default,
    poolRules: r.pool_rules,
    exemptionRules: r.exemption_rules,
    status: r.status,
    createdAt: r.created_at,
    closedAt: r.closed_at,
  };
}

export async function createRound(ctx: Ctx, b: z.infer<typeof createRoundBody>) {
  const area = await areaInScope(ctx, b.areaId, 'areaId');
  for (const [i, rule] of b.poolRules.entries()) if (rule.areaId) await areaInScope(ctx, rule.areaId, `poolRules.${i}.areaId`);
  const id = await ctx.db.tx(async (tx) => {
    const id = await repo.insertRound(tx, {
      ...b,
      areaId: area.id,
      areaPath: area.path,
      exemptionRules: b.exemptionRules ?? DEFAULT_EXEMPTION_RULES,
      by: ctx.actor.userId,
    });
    await audit(tx, ctx, { action: 'create', entity: 'sampling_round', entityId: id, areaPath: area.path, after: b });
    return id;
  });
  return roundView((await repo.findRound(ctx.db, ctx.actor.scope, id))!);
}

export async function listRounds(ctx: Ctx, p: { under?: number; status?: string }) {
  const underPath = p.under ? (await areaInScope(ctx, p.under, 'under')).path : undefined;
  return { items: (await repo.listRounds(ctx.db, ctx.actor.scope, { underPath, status: p.status })).map(roundView) };
}

export async function getRound(ctx: Ctx, id: number) {
  const r = await mustRound(ctx, id);
  return { ...roundView(r), counts: await repo.roundCounts(ctx.db, ctx.actor.scope, id, r.figures_frozen) };
}

const NEXT_STATUS: Record<string, string> = { open: 'planned', closed: 'open' };

export async function setRoundStatus(ctx: Ctx, id: number, status: 'open' | 'closed') {
  const r = await mustRound(ctx, id);
  // Seen from below (a county's round from a village) is not owned: only a caller whose scope holds it opens or closes it.
  if (!pathInScope(ctx.actor.scope, r.area_path)) throw notFound();
  await ctx.db.tx(async (tx) => {
    if (!(await repo.setRoundStatus(tx, id, NEXT_STATUS[status], status))) throw conflict('ROUND_STATE', { status: r.status });
    // The roster is taken as the round opens, so the first coverage read at the peak does not pay for it.
    if (status === 'open') await repo.syncRoster(tx, rosterArgs(r));
    await audit(tx, ctx, { action: status, entity: 'sampling_round', entityId: id, areaPath: r.area_path, before: { status: r.status }, after: { status } });
  });
  return getRound(ctx, id);
}

// ——— points ———
function pointView(p: repo.PointRow) {
  return {
    id: p.id,
    roundId: p.round_id,
    name: p.name,
    address: p.address,
    areaId: p.area_id,
    areaPath: p.area_path,
    areaName: p.area_name,
    kind: p.kind,
    servesAreaIds: p.serves_area_ids,
    desks: p.desks,
    opensAt: p.opens_at,
    closesAt: p.closes_at,
    perDeskHour: p.per_desk_hour,
    capacityPerHour: p.desks * p.per_desk_hour,
    staff: p.staff,
  };
}

export async function createPoint(ctx: Ctx, roundId: number, b: z.infer<typeof createPointBody>) {
  const round = await mustRound(ctx, roundId);
  const area = await areaInScope(ctx, b.areaId, 'areaId');
  if (!area.path.startsWith(round.area_path)) throw badRequest('VALIDATION_FAILED', {}, { areaId: 'not_found' });
  for (const [i, a] of b.servesAreaIds.entries()) {
    const served = await areaInScope(ctx, a, `servesAreaIds.${i}`);
    if (!served.path.startsWith(round.area_path)) throw badRequest('VALIDATION_FAILED', {}, { [`servesAreaIds.${i}`]: 'not_found' });
  }
  const id = await ctx.db.tx(async (tx) => {
    let id: number;
    try {
      id = await repo.insertPoint(tx, { ...b, roundId, address: b.address ?? null, staff: b.staff ?? null, areaId: area.id, areaPath: area.path });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('POINT_NAME_TAKEN', { name: b.name });
      throw e;
    }
    await audit(tx, ctx, { action: 'create', entity: 'sampling_point', entityId: id, areaPath: area.path, after: { roundId, ...b } });
    return id;
  });
  return pointView((await repo.findPoint(ctx.db, ctx.actor.scope, id))!);
}

export async function listPoints(ctx: Ctx, roundId: number) {
  await mustRound(ctx, roundId);
  return { items: (await repo.listPoints(ctx.db, ctx.actor.scope, roundId)).map(pointView) };
}
