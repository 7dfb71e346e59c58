import type { z } from 'zod';
import type * as api from '../../../domain/lifecycle/api';
import { CLASS_ACTION, type DataClass } from '../../../domain/lifecycle/classes';
import { audit, auditActorOf } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { conflict, notFound } from '../../platform/errors';
import { mustBeRoot } from '../../platform/scope';
import { areaTree } from '../areas';
import * as policy from '../policy';
import * as repo from './repo';
import { runRetention } from './runs';

/** The lifecycle screens' services: the retention policy, destruction records, legal holds, "emergency ended", data requests. */

/** The retention policy and the runs are deployment-wide: read and changed only from the top of the tree. */
const mustRoot = (ctx: Ctx) => mustBeRoot(ctx.actor.scope, 'LIFECYCLE_ROOT_ONLY');

const ruleView = (r: policy.RetentionRow) => ({
  dataClass: r.data_class,
  action: CLASS_ACTION[r.data_class],
  periodDays: r.period_days,
  updatedAt: r.updated_at,
  updatedByName: r.updated_by_name,
});

export async function listRetention(ctx: Ctx) {
  mustRoot(ctx);
  return { items: (await policy.retentionPeriods(ctx.db)).map(ruleView) };
}

export async function setRetention(ctx: Ctx, dataClass: DataClass, periodDays: number) {
  mustRoot(ctx);
  await ctx.db.tx(async (tx) => {
    const changed = await policy.setRetentionPeriod(tx, dataClass, periodDays, ctx.actor.userId);
    if (!changed) throw notFound();
    await audit(tx, ctx, { entity: 'retention_policy', action: 'update', entityId: dataClass, before: { periodDays: changed.before }, after: { periodDays } });
  });
  const row = (await policy.retentionPeriods(ctx.db)).find((r) => r.data_class === dataClass);
  if (!row) throw notFound();
  return ruleView(row);
}

const runView = (r: repo.RunRow) => ({
  id: r.id,
  kind: r.kind,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  actorName: r.actor_name,
  total: r.total,
  items: r.items as z.infer<typeof api.runItem>[],
});

export async function listRuns(ctx: Ctx, p: { limit: number; offset: number }) {
  mustRoot(ctx);
  const [rows, total] = await Promise.all([repo.listRuns(ctx.db, p), repo.countRuns(ctx.db)]);
  return { items: rows.map(runView), total };
}

/** "Emergency ended": what the purge would do now (held areas kept). */
export async function previewEmergencyEnded(ctx: Ctx) {
  mustRoot(ctx);
  const r = await ctx.db.tx((tx) => runRetention(tx, { now: new Date(), kind: 'emergency_ended', dryRun: true }));
  return { items: r.items.map(({ digest: _, ...i }) => i), total: r.total };
}

/** Runs it, if it still touches exactly the number of rows the confirming person was shown. */
export async function runEmergencyEnded(ctx: Ctx, confirmTotal: number) {
  mustRoot(ctx);
  const r = await ctx.db.tx((tx) =>
    runRetention(tx, { now: new Date(), kind: 'emergency_ended', dryRun: false, who: auditActorOf(ctx), expectTotal: confirmTotal }),
  );
  const row = r.runId ? await repo.findRun(ctx.db, r.runId) : null;
  if (!row) throw notFound();
  return runView(row);
}

// ——— legal holds ———

const holdView = (h: repo.HoldRow) => ({
  id: h.id,
  areaId: h.area_id,
  areaName: h.area_name,
  dataClasses: h.data_classes as DataClass[],
  reason: h.reason,
  createdAt: h.created_at,
  createdByName: h.created_by_name,
  releasedAt: h.released_at,
});

export async function listHolds(ctx: Ctx) {
  return { items: (await repo.listHolds(ctx.db, ctx.actor.scope)).map(holdView) };
}

export async function createHold(ctx: Ctx, b: z.infer<typeof api.createHold.body>) {
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, b.areaId);
  if (!area) throw notFound();
  const dataClasses = [...new Set(b.dataClasses)];
  const id = await ctx.db.tx(async (tx) => {
    const id = await repo.insertHold(tx, { areaId: area.id, areaPath: area.path, dataClasses, reason: b.reason, userId: ctx.actor.userId });
    await audit(tx, ctx, {
      entity: 'legal_hold',
      action: 'create',
      entityId: id,
      areaPath: area.path,
      after: { areaId: area.id, dataClasses, reason: b.reason },
    });
    return id;
  });
  const row = await repo.findHold(ctx.db, ctx.actor.scope, id);
  if (!row) throw notFound();
  return holdView(row);
}

export async function releaseHold(ctx: Ctx, id: number) {
  const hold = await repo.findHold(ctx.db, ctx.actor.scope, id);
  if (!hold) throw notFound();
  await ctx.db.tx(async (tx) => {
    if (!(await repo.releaseHold(tx, id, ctx.actor.userId))) throw conflict('HOLD_ALREADY_RELEASED');
    await audit(tx, ctx, { entity: 'legal_hold', action: 'release', entityId: id, areaPath: hold.area_path });
  });
  return { ok: true as const };
}

// ——— data requests ———

const requestView = (r: repo.RequestRow) => ({
  id: r.id,
  areaId: r.area_id,
  areaName: r.area_name,
  kind: r.kind,
  requesterName: r.requester_name,
  requesterContact: r.requester_contact,
  details: r.details,
  status: r.status,
  answer: r.answer,
  receivedAt: r.received_at,
  createdByName: r.created_by_name,
  answeredAt: r.answered_at,
  answeredByName: r.answered_by_name,
});

export async function listRequests(ctx: Ctx, p: { status?: 'open' | 'answered'; limit: number; offset: number }) {
  const { rows, total } = await repo.listRequests(ctx.db, ctx.actor.scope, p);
  return { items: rows.map(requestView), total };
}

export async function createRequest(ctx: Ctx, b: z.infer<typeof api.createRequest.body>) {
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, b.areaId);
  if (!area) throw notFound();
  const id = await ctx.db.tx(async (tx) => {
    const id = await repo.insertRequest(tx, {
      areaId: area.id,
      areaPath: area.path,
      kind: b.kind,
      requesterName: b.requesterName,
      requesterContact: b.requesterContact || null,
      details: b.details,
      userId: ctx.actor.userId,
    });
    // The trail records that a request came and of which kind; the person's name and words stay in the queue.
    await audit(tx, ctx, { entity: 'data_request', action: 'create', entityId: id, areaPath: area.path, after: { kind: b.kind } });
    return id;
  });
  const row = await repo.findRequest(ctx.db, ctx.actor.scope, id);
  if (!row) throw notFound();
  return requestView(row);
}

export async function answerRequest(ctx: Ctx, id: number, answer: string) {
  const req = await repo.findRequest(ctx.db, ctx.actor.scope, id);
  if (!req) throw notFound();
  await ctx.db.tx(async (tx) => {
    if (!(await repo.answerRequest(tx, id, answer, ctx.actor.userId))) throw conflict('DATA_REQUEST_ALREADY_ANSWERED');
    await audit(tx, ctx, { entity: 'data_request', action: 'answer', entityId: id, areaPath: req.area_path, after: { kind: req.kind } });
  });
  const row = await repo.findRequest(ctx.db, ctx.actor.scope, id);
  if (!row) throw notFound();
  return requestView(row);
}
