import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import * as api from '../../../domain/sampling/api';
import { type SlotEdit, applyEdits, measure, type saveSlotPlanBody, storedFromPlan, windowsByUnit } from '../../../domain/sampling/slot-edits';
import { audit } from '../../platform/audit';
import { type Ctx, ctxOf } from '../../platform/context';
import { excelJs } from '../../platform/exceljs';
import { badRequest, conflict, notFound, ruleViolation } from '../../platform/errors';
import * as repo from './repo';
import { planSlots } from '../../../domain/sampling/slots';
import { areaTree } from '../areas';
import { bornAfterOf, mustRound } from './lookups';
import { getRound } from './rounds';
import * as plans from './slot-plans-repo';
import { sendSpreadsheet } from '../../platform/http-files';
import { serve } from '../../platform/serve';
import { safeCell as safe, stampBook, stampLine, stampedSheet } from '../../platform/spreadsheets/write';
import type { ExportStamp } from '../../platform/export-stamp';
import { stampOf } from '../../platform/export-stamp';

/**
 * Stored staggered slot plans (错峰方案): the computed plan saved per point, changed by hand, exported to .xlsx
 * and printed as notices per building. Scoped like the rest of sampling: the round as the caller sees it and
 * the point inside the caller's scope, else 404. Every change is audited in its transaction.
 */

/** What each notice asks people to bring and do (printed in Chinese, whatever the screen's language). */
export const NOTICE_BRING = ['身份证（或户口本、社保卡、老年证）', '手机（出示健康码；无智能手机的老人可出示居民码卡片）', '全程佩戴口罩，排队时保持一米间距'];

async function pointOf(ctx: Ctx, roundId: number, pointId: number) {
  const round = await getRound(ctx, roundId);
  const point = await repo.findPoint(ctx.db, ctx.actor.scope, pointId);
  if (!point || point.round_id !== round.id) throw notFound();
  return { round, point };
}

const slotPoint = (p: repo.PointRow) => ({ desks: p.desks, perDeskHour: p.per_desk_hour, opensAt: p.opens_at, closesAt: p.closes_at });

function pointView(p: repo.PointRow) {
  return {
    id: p.id,
    name: p.name,
    address: p.address,
    areaName: p.area_name,
    areaPath: p.area_path,
    desks: p.desks,
    perDeskHour: p.per_desk_hour,
    opensAt: p.opens_at,
    closesAt: p.closes_at,
    capacityPerHour: p.desks * p.per_desk_hour,
  };
}

function planView(row: plans.SlotPlanRow, point: repo.PointRow) {
  return {
    id: row.id,
    roundId: row.round_id,
    pointId: row.point_id,
    date: row.sampling_on,
    targetWaitMinutes: row.target_wait_minutes,
    version: row.version,
    savedBy: row.saved_by_name,
    savedAt: row.saved_at,
    editedBy: row.edited_by_name,
    editedAt: row.edited_at,
    ...measure(row.slots, slotPoint(point), row.target_wait_minutes),
  };
}

export async function getStored(ctx: Ctx, roundId: number, pointId: number) {
  const { round, point } = await pointOf(ctx, roundId, pointId);
  const row = await plans.findPlan(ctx.db, ctx.actor.scope, point.id);
  return {
    round: { id: round.id, name: round.name, startsOn: round.startsOn, endsOn: round.endsOn },
    point: pointView(point),
    plan: row ? planView(row, point) : null,
  };
}

/** The plan the planner computes now for a point: its roster by building (or grid group), poured into slots. */
export async function slotPlan(ctx: Ctx, roundId: number, pointId: number, targetWaitMinutes: number) {
  const round = await mustRound(ctx, roundId);
  const point = await repo.findPoint(ctx.db, ctx.actor.scope, pointId);
  if (!point || point.round_id !== round.id) throw notFound();
  const served = point.serves_area_ids.length ? point.serves_area_ids : [point.area_id];
  const servedPaths: string[] = [];
  for (const id of served) {
    const a = await areaTree.findInScope(ctx.db, ctx.actor.scope, id);
    if (a && !a.archived) servedPaths.push(a.path);
  }
  const units = await repo.slotUnits(ctx.db, {
    roundId,
    servedPaths,
    scope: ctx.actor.scope,
    rosterDate: round.roster_date,
    bornAfter: bornAfterOf(round.exemption_rules, round.roster_date),
  });
  const plan = planSlots(
    units.map((u) => ({ areaId: u.area_id, name: u.name, people: u.people })),
    { desks: point.desks, perDeskHour: point.per_desk_hour, opensAt: point.opens_at, closesAt: point.closes_at },
    targetWaitMinutes,
  );
  return {
    roundId,
    point: { id: point.id, name: point.name, desks: point.desks, perDeskHour: point.per_desk_hour, opensAt: point.opens_at, closesAt: point.closes_at },
    rosterDate: round.roster_date,
    ...plan,
  };
}

/** A moment as the deployment's local 'YYYY-MM-DD HH:mm', for messages. */
const localTime = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(d);

/** Saves the plan the planner computes now; replacing a stored one only when asked. */
export async function save(ctx: Ctx, roundId: number, pointId: number, b: z.infer<typeof saveSlotPlanBody>, timeZone = 'Asia/Shanghai') {
  const { round, point } = await pointOf(ctx, roundId, pointId);
  const date = b.date ?? round.startsOn;
  if (date < round.startsOn || date > round.endsOn) throw badRequest('VALIDATION_FAILED', {}, { date: 'invalid_value' });
  const computed = await slotPlan(ctx, roundId, pointId, b.targetWaitMinutes);
  const slots = storedFromPlan(computed);
  const replaced = await ctx.db.tx(async (tx) => {
    const before = await plans.findPlan(tx, ctx.actor.scope, point.id, true);
    if (before && !b.replace) throw conflict('SLOT_PLAN_EXISTS', { savedAt: localTime(new Date(before.saved_at), timeZone) });
    const saved = await plans.upsertPlan(tx, {
      roundId,
      pointId: point.id,
      areaId: point.area_id,
      areaPath: point.area_path,
      date,
      targetWaitMinutes: b.targetWaitMinutes,
      slots,
      by: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      action: saved.replaced ? 'replan' : 'create',
      entity: 'sampling_slot_plan',
      entityId: saved.id,
      areaPath: point.area_path,
      before: before ? { version: before.version, slots: before.slots } : undefined,
      after: { pointId: point.id, date, targetWaitMinutes: b.targetWaitMinutes, slots },
    });
    return saved.replaced;
  });
  return { replaced, ...(await getStored(ctx, roundId, pointId)) };
}

/** Hand edits on the stored plan; the answer carries the recomputed loads and waits (overloads warned, not refused). */
export async function edit(ctx: Ctx, roundId: number, pointId: number, b: { version: number; edits: SlotEdit[] }) {
  const { point } = await pointOf(ctx, roundId, pointId);
  await ctx.db.tx(async (tx) => {
    const row = await plans.findPlan(tx, ctx.actor.scope, point.id, true);
    if (!row) throw conflict('SLOT_PLAN_NONE');
    if (row.version !== b.version) throw conflict('SLOT_PLAN_STALE', { by: row.edited_by_name ?? row.saved_by_name ?? '—' });
    const out = applyEdits(row.slots, b.edits, slotPoint(point));
    if ('problem' in out) throw ruleViolation(out.problem.code, { ...out.problem.params, n: out.index + 1 }, { [out.problem.field]: out.problem.code });
    await plans.updateSlots(tx, row.id, out.slots, ctx.actor.userId);
    await audit(tx, ctx, {
      action: 'edit',
      entity: 'sampling_slot_plan',
      entityId: row.id,
      areaPath: point.area_path,
      before: { version: row.version },
      after: { version: row.version + 1, edits: b.edits },
    });
  });
  return getStored(ctx, roundId, pointId);
}

async function mustStored(ctx: Ctx, roundId: number, pointId: number) {
  const s = await getStored(ctx, roundId, pointId);
  if (!s.plan) throw conflict('SLOT_PLAN_NONE');
  return { ...s, plan: s.plan, areaPath: s.point.areaPath };
}

/** The data of the printed notices: one per building (or grid group), with its window(s) at the point. */
export async function notices(ctx: Ctx, roundId: number, pointId: number) {
  const s = await mustStored(ctx, roundId, pointId);
  return {
    round: s.round,
    point: { id: s.point.id, name: s.point.name, address: s.point.address },
    date: s.plan.date,
    version: s.plan.version,
    bring: NOTICE_BRING,
    items: windowsByUnit(s.plan.slots),
  };
}

/** The plan as a workbook: one row per unit in a slot, the slot's load, capacity and worst wait; audited as an export. */
export async function workbook(ctx: Ctx, roundId: number, pointId: number, stamp: ExportStamp): Promise<{ buffer: Buffer; fileName: string }> {
  const s = await mustStored(ctx, roundId, pointId);
  const p = s.plan;
  const wb = new (excelJs().Workbook)();
  stampBook(wb, stamp, `${s.point.name} 错峰采样方案`);
  const sheet = wb.addWorksheet('错峰方案', stampedSheet(stamp));
  sheet.addRow([safe(`${s.point.name} 错峰采样方案 · ${s.round.name}（${p.date}）`)]);
  sheet.addRow([
    safe(`地址：${s.point.address ?? '—'}；${s.point.desks} 个采样台，每台每小时 ${s.point.perDeskHour} 人；目标等待 ${p.targetWaitMinutes} 分钟`),
  ]);
  sheet.addRow(['时段', '开始', '结束', '楼栋/网格', '人数', '时段人数', '时段容量', '最长等待（分钟）', '提示']);
  for (const [i, slot] of p.slots.entries()) {
    const note = [slot.over ? '超出容量' : '', slot.slow ? '等待超过目标' : ''].filter(Boolean).join('；');
    const units = slot.units.length ? slot.units : [{ name: '（空）', people: 0 }];
    for (const [j, u] of units.entries()) {
      sheet.addRow(
        j === 0
          ? [i + 1, slot.start, slot.end, safe(u.name), u.people, slot.load, slot.capacity, slot.worstWaitMinutes, note]
          : ['', '', '', safe(u.name), u.people],
      );
    }
  }
  sheet.addRow([]);
  sheet.addRow(['合计人数', p.people]);
  sheet.addRow(['理论最短（分钟）', p.lowerBoundMinutes]);
  sheet.addRow(['方案时长（分钟）', p.planMinutes]);
  for (const [i, w] of [8, 8, 8, 24, 8, 10, 10, 16, 20].entries()) sheet.getColumn(i + 1).width = w;
  stampLine(sheet, stamp);
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  await ctx.db.tx((tx) =>
    audit(tx, ctx, {
      action: 'export',
      entity: 'sampling_slot_plan',
      entityId: p.id,
      areaPath: s.areaPath,
      after: { version: p.version, slots: p.slots.length, purpose: stamp.purpose },
    }),
  );
  return { buffer, fileName: `错峰方案-${s.point.name}-${p.date}.xlsx` };
}

// ——— routes (registered from routes.ts) ———
export function slotPlanRoutes(app: FastifyInstance) {
  const read = { access: { permission: 'sampling.read' } };
  const manage = { access: { permission: 'sampling.manage' } };
  serve(app, api.getSlotPlan, read, (req) => getStored(ctxOf(req), req.params.id, req.params.pointId));
  serve(app, api.saveSlotPlan, manage, async (req, reply) => {
    const out = await save(ctxOf(req), req.params.id, req.params.pointId, req.body, req.server.timeZone);
    reply.status(out.replaced ? 200 : 201);
    return out;
  });
  serve(app, api.editSlotPlan, manage, (req) => edit(ctxOf(req), req.params.id, req.params.pointId, req.body));
  serve(app, api.slotNotices, read, (req) => notices(ctxOf(req), req.params.id, req.params.pointId));
  serve(app, api.slotPlanWorkbook, read, async (req, reply) => {
    const ctx = ctxOf(req);
    const stamp = stampOf(ctx, req.body.purpose, req.server.timeZone);
    const { buffer, fileName } = await workbook(ctx, req.params.id, req.params.pointId, stamp);
    return sendSpreadsheet(reply, { fileName, asciiName: 'slot-plan.xlsx' }, buffer);
  });
}
