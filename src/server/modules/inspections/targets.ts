import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { drawSample } from '../../../domain/inspections/draw';
import type { TargetKind } from '../../../domain/inspections/kinds';
import type { planBody, targetBody } from '../../../domain/inspections/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, notFound, ruleViolation } from '../../platform/errors';
import { areaTree } from '../areas';
import * as repo from './repo';
import { toPlan, toTarget } from './view';

/** Targets (the places inspected) and plans: chosen lists and reproducible random draws (随机抽查). */
export async function areaInScope(ctx: Ctx, id: number, field: string) {
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, id);
  if (!area) throw badRequest('VALIDATION_FAILED', {}, { [field]: 'not_found' });
  return area;
}

const VILLAGE_KINDS = new Set(['village', 'community']);

export async function listTargets(ctx: Ctx, p: { kind?: TargetKind; under?: number; limit: number; offset: number }) {
  const underPath = p.under ? (await areaInScope(ctx, p.under, 'under')).path : undefined;
  const { rows, total } = await repo.listTargets(ctx.db, ctx.actor.scope, { ...p, underPath });
  return { items: rows.map(toTarget), total };
}

/** A village target is the village itself (named by it); any other kind is a named place in an area. */
export async function createTarget(ctx: Ctx, b: z.infer<typeof targetBody>) {
  const area = await areaInScope(ctx, b.areaId, 'areaId');
  let name = b.name ?? '';
  if (b.kind === 'village') {
    if (!VILLAGE_KINDS.has(area.kind)) throw badRequest('INSPECTIONS_NOT_A_VILLAGE', { name: area.name }, { areaId: 'not_a_village' });
    name = area.name;
  } else if (!name) throw badRequest('VALIDATION_FAILED', {}, { name: 'required' });
  const made = await ctx.db.tx(async (tx) => {
    const r = await repo.upsertTarget(tx, { kind: b.kind, name, areaId: area.id, areaPath: area.path, by: ctx.actor.userId });
    if (r.created) await audit(tx, ctx, { action: 'create', entity: 'inspection_target', entityId: r.id, areaPath: area.path, after: { kind: b.kind, name } });
    return r;
  });
  return { created: made.created, view: toTarget((await repo.findTarget(ctx.db, ctx.actor.scope, made.id))!) };
}

export async function createPlan(ctx: Ctx, b: z.infer<typeof planBody>) {
  const area = await areaInScope(ctx, b.areaId, 'areaId');
  if (b.endsOn < b.startsOn) throw badRequest('INSPECTIONS_PLAN_DATES', {}, { endsOn: 'before_start' });
  const id = await ctx.db.tx(async (tx) => {
    let targetIds: number[];
    let seed: string | null = null;
    let candidates: number | null = null;
    if (b.kind === 'planned') {
      if (!b.targetIds?.length) throw badRequest('VALIDATION_FAILED', {}, { targetIds: 'required' });
      targetIds = [...new Set(b.targetIds)];
      const known = new Set(await repo.targetIdsUnder(tx, b.targetKind, area.path));
      const outside = targetIds.findIndex((t) => !known.has(t));
      // A target of another kind, outside the plan's area or outside the caller's reach looks the same: not found.
      if (outside >= 0) throw badRequest('VALIDATION_FAILED', {}, { [`targetIds.${outside}`]: 'not_found' });
    } else {
      if (!b.sampleSize) throw badRequest('VALIDATION_FAILED', {}, { sampleSize: 'required' });
      if (b.targetKind === 'village') await repo.registerVillagesUnder(tx, area.path, ctx.actor.userId);
      const pool = await repo.targetIdsUnder(tx, b.targetKind, area.path);
      if (!pool.length) throw ruleViolation('INSPECTIONS_NO_CANDIDATES', { area: area.name }, { targetKind: 'none_in_area' });
      seed = b.seed || randomBytes(6).toString('hex');
      candidates = pool.length;
      targetIds = drawSample(pool, b.sampleSize, seed);
    }
    const planId = await repo.insertPlan(tx, {
      kind: b.kind,
      name: b.name,
      targetKind: b.targetKind,
      areaId: area.id,
      areaPath: area.path,
      startsOn: b.startsOn,
      endsOn: b.endsOn,
      seed,
      sampleSize: b.kind === 'sampled' ? b.sampleSize! : null,
      candidates,
      targetIds,
      by: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      action: 'create',
      entity: 'inspection_plan',
      entityId: planId,
      areaPath: area.path,
      after: { kind: b.kind, name: b.name, targetKind: b.targetKind, startsOn: b.startsOn, endsOn: b.endsOn, seed, candidates, targetIds },
    });
    return planId;
  });
  return getPlan(ctx, id);
}

export async function getPlan(ctx: Ctx, id: number) {
  const p = await repo.findPlan(ctx.db, ctx.actor.scope, id);
  if (!p) throw notFound();
  return toPlan(p, await repo.planTargets(ctx.db, [p.id]));
}

export async function listPlans(ctx: Ctx, p: { under?: number; limit: number; offset: number }) {
  const underPath = p.under ? (await areaInScope(ctx, p.under, 'under')).path : undefined;
  const { rows, total } = await repo.listPlans(ctx.db, ctx.actor.scope, { ...p, underPath });
  const targets = await repo.planTargets(
    ctx.db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toPlan(r, targets)), total };
}
