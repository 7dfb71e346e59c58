import type { z } from 'zod';
import { answerProblems, scoreInspection } from '../../../domain/inspections/checklist';
import { deadlineOf } from '../../../domain/inspections/kinds';
import type { inspectionBody } from '../../../domain/inspections/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, notFound, ruleViolation } from '../../platform/errors';
import { pathInScope } from '../../platform/scope';
import { groupAddressee } from '../command';
import { createTasks } from '../tasks';
import * as users from '../users';
import * as ir from './inspection-repo';
import * as photos from './photo-link';
import * as repo from './repo';
import { areaInScope } from './targets';
import { rectifyTask } from './tasks';
import { toChecklist, toInspectionListItem, toOrder } from './view';

/**
 * Recording an inspection (督导检查): every item of the kind's checklist in force answered, a photo on each failure,
 * the score, and one rectification order per failed item in the responsible unit's inbox — one audited transaction.
 */
type Body = z.infer<typeof inspectionBody>;
/** A phone's clock may run a little ahead of the server's. */
const CLOCK_SLACK_MS = 5 * 60_000;

async function mustTarget(ctx: Ctx, id: number) {
  const t = await repo.findTarget(ctx.db, ctx.actor.scope, id);
  if (!t) throw badRequest('VALIDATION_FAILED', {}, { targetId: 'not_found' });
  return t;
}

/** planned and sampled inspections name their plan, and the target must be on it; unannounced ones stand alone. */
async function checkPlan(ctx: Ctx, b: Body) {
  if (b.mode === 'unannounced') {
    if (b.planId) throw badRequest('VALIDATION_FAILED', {}, { planId: 'not_for_unannounced' });
    return null;
  }
  if (!b.planId) throw badRequest('VALIDATION_FAILED', {}, { planId: 'required' });
  const plan = await repo.findPlan(ctx.db, ctx.actor.scope, b.planId);
  if (!plan) throw badRequest('VALIDATION_FAILED', {}, { planId: 'not_found' });
  if (plan.kind !== b.mode) throw badRequest('INSPECTIONS_PLAN_MODE', {}, { mode: 'plan_kind' });
  const targets = await repo.planTargets(ctx.db, [plan.id]);
  if (!targets.some((t) => t.id === b.targetId)) throw badRequest('INSPECTIONS_NOT_IN_PLAN', { plan: plan.name }, { targetId: 'not_in_plan' });
  return plan;
}

/**
 * The unit that rectifies: an area holding the target (default the target's own), a user whose scope covers it, or a
 * role there; or a command group whose area holds the target — its members whose scope covers the unit's area see
 * the orders' tasks (the target's own area by default, so a village member of a town's task force sees them).
 */
async function unitOf(ctx: Ctx, b: Body, target: repo.TargetRow) {
  const r = b.responsible ?? {};
  if (r.groupId) {
    const g = await groupAddressee(ctx, r.groupId, 'responsible.groupId', [target.area_path]);
    const area = r.areaId ? await areaInScope(ctx, r.areaId, 'responsible.areaId') : await areaInScope(ctx, target.area_id, 'targetId');
    if (!target.area_path.startsWith(area.path))
      throw badRequest('INSPECTIONS_UNIT_OUTSIDE', { target: target.name }, { 'responsible.areaId': 'not_above_target' });
    if (!area.path.startsWith(g.areaPath)) throw badRequest('COMMAND_GROUP_OUTSIDE', { group: g.name }, { 'responsible.areaId': 'outside_group' });
    return { area, userId: null, role: null, groupId: g.id };
  }
  const area = r.areaId ? await areaInScope(ctx, r.areaId, 'responsible.areaId') : await areaInScope(ctx, target.area_id, 'targetId');
  if (!target.area_path.startsWith(area.path))
    throw badRequest('INSPECTIONS_UNIT_OUTSIDE', { target: target.name }, { 'responsible.areaId': 'not_above_target' });
  if (r.userId) {
    const u = await users.findInScope(ctx.db, ctx.actor.scope, r.userId);
    if (!u || u.disabled || !area.path.startsWith(u.area_path)) throw badRequest('VALIDATION_FAILED', {}, { 'responsible.userId': 'not_found' });
  }
  return { area, userId: r.userId ?? null, role: r.userId ? null : (r.role ?? 'cadre'), groupId: null };
}

export async function recordInspection(ctx: Ctx, b: Body, now = new Date()) {
  const target = await mustTarget(ctx, b.targetId);
  const plan = await checkPlan(ctx, b);
  const list = await repo.checklistInForce(ctx.db, target.kind);
  if (!list) throw ruleViolation('INSPECTIONS_NO_CHECKLIST');
  const answers = answerProblems(list.items, b.results);
  if (answers.missing.length) throw badRequest('INSPECTIONS_ITEMS_MISSING', { items: answers.missing.join(', ') }, { results: 'missing_items' });
  if (answers.unknown.length || answers.twice.length) {
    throw badRequest('INSPECTIONS_ITEMS_UNKNOWN', { items: [...answers.unknown, ...answers.twice].join(', ') }, { results: 'unknown_items' });
  }
  // Proof of every failure: refused with the items that lack a photo, each named in its field.
  const lacking = b.results.map((r, i) => ({ r, i })).filter(({ r }) => !r.passed && !r.photoIds?.length);
  if (lacking.length) {
    const text = new Map(list.items.map((i) => [i.code, i.text]));
    throw ruleViolation(
      'INSPECTIONS_PHOTO_REQUIRED',
      { items: lacking.map(({ r }) => text.get(r.code)).join('；') },
      Object.fromEntries(lacking.map(({ i }) => [`results.${i}.photoIds`, 'required'])),
    );
  }
  const inspectedAt = b.inspectedAt ? new Date(b.inspectedAt) : now;
  if (inspectedAt.getTime() > now.getTime() + CLOCK_SLACK_MS) throw badRequest('INSPECTIONS_FUTURE', {}, { inspectedAt: 'in_future' });
  const unit = await unitOf(ctx, b, target);
  const score = scoreInspection({ items: list.items, passScore: list.pass_score }, b.results);
  const pol = await repo.policy(ctx.db);
  const id = await ctx.db.tx(async (tx) => {
    const inspectionId = await ir.insertInspection(tx, {
      mode: b.mode,
      planId: plan?.id ?? null,
      targetId: target.id,
      areaId: target.area_id,
      areaPath: target.area_path,
      checklistId: list.id,
      by: ctx.actor.userId,
      inspectedAt,
      latitude: b.latitude ?? null,
      longitude: b.longitude ?? null,
      accuracyM: b.accuracyM ?? null,
      rawScore: score.rawScore,
      score: score.score,
      vetoed: score.vetoed,
      passed: score.passed,
      note: b.note ?? null,
    });
    const itemIds = await ir.insertItems(
      tx,
      inspectionId,
      target.area_path,
      b.results.map((r) => ({ code: r.code, passed: r.passed, note: r.note ?? null })),
    );
    for (const [i, r] of b.results.entries()) {
      if (r.photoIds?.length) {
        await photos.bind(tx, ctx, {
          ids: r.photoIds,
          owner: photos.OWNERS.item,
          ownerId: itemIds.get(r.code)!,
          areaPath: target.area_path,
          field: `results.${i}.photoIds`,
        });
      }
    }
    const failed = list.items.filter((it) => score.failed.includes(it.code));
    const orders = await ir.insertOrders(
      tx,
      {
        inspectionId,
        targetId: target.id,
        areaId: target.area_id,
        areaPath: target.area_path,
        unitAreaId: unit.area.id,
        unitUserId: unit.userId,
        unitRole: unit.role,
        unitGroupId: unit.groupId,
        by: ctx.actor.userId,
      },
      failed.map((it) => ({
        itemId: itemIds.get(it.code)!,
        itemCode: it.code,
        itemText: it.text,
        severity: it.severity,
        deadlineAt: deadlineOf(inspectedAt, it.severity, pol),
      })),
    );
    await createTasks(
      tx,
      orders.map((o) => {
        const it = failed.find((f) => f.code === o.item_code)!;
        return rectifyTask({ orderId: o.id, target: target.name, item: it.text, severity: it.severity, deadlineAt: o.deadline_at, unit, by: ctx.actor.userId });
      }),
    );
    await audit(tx, ctx, {
      action: 'record',
      entity: 'inspection',
      entityId: inspectionId,
      areaPath: target.area_path,
      after: {
        mode: b.mode,
        planId: plan?.id ?? null,
        targetId: target.id,
        checklistId: list.id,
        score: score.score,
        rawScore: score.rawScore,
        vetoed: score.vetoed,
        passed: score.passed,
        failed: score.failed,
        orders: orders.map((o) => o.id),
        located: b.latitude != null,
      },
    });
    return inspectionId;
  });
  return getInspection(ctx, id, now);
}

export async function getInspection(ctx: Ctx, id: number, now = new Date()) {
  const i = await ir.findInspection(ctx.db, ctx.actor.scope, id);
  if (!i) throw notFound();
  const [items, orders, list] = await Promise.all([ir.itemsOf(ctx.db, id), ir.ordersOfInspection(ctx.db, id, now), repo.checklistById(ctx.db, i.checklist_id)]);
  const pics = await photos.of(
    ctx.db,
    ctx.actor.scope,
    photos.OWNERS.item,
    items.filter((x) => !x.passed).map((x) => x.id),
  );
  return {
    ...toInspectionListItem(i),
    checklist: toChecklist(list!),
    latitude: i.latitude,
    longitude: i.longitude,
    accuracyM: i.accuracy_m,
    note: i.note,
    results: items.map((x) => ({ code: x.code, passed: x.passed, note: x.note, photos: pics.get(x.id) ?? [] })),
    // An order is seen where its target is; the unit above it may see more than the inspection's reader, never less.
    orders: orders.filter((o) => pathInScope(ctx.actor.scope, o.area_path)).map(toOrder),
  };
}

export async function listInspections(ctx: Ctx, p: { under?: number; targetId?: number; limit: number; offset: number }) {
  const underPath = p.under ? (await areaInScope(ctx, p.under, 'under')).path : undefined;
  const { rows, total } = await ir.listInspections(ctx.db, ctx.actor.scope, { ...p, underPath });
  return { items: rows.map(toInspectionListItem), total };
}
