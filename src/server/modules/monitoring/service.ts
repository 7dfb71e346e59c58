import type { z } from 'zod';
import { type MeasureAction, type MeasureState, allowed } from '../../../domain/monitoring/measures';
import type { assignMeasureBody, endDateBody, proposeMeasureBody, roomsBody, siteBody, transferBody } from '../../../domain/monitoring/api';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, notFound, ruleViolation } from '../../platform/errors';
import { areaTree } from '../areas';
import * as auditLog from '../audit';
import * as policy from '../policy';
import { ageOn } from '../../../domain/residents/identity';
import { addDays } from '../../../domain/policy/rules';
import * as residents from '../residents';
import * as tasks from '../tasks';
import * as users from '../users';
import * as repo from './repo';
import { auditHealthRead } from './read-audit';
import { toMeasureView, toSiteView } from './view';

/** Monitoring needs the deployment's time zone beside the usual context: follow-ups are at local times. */
/**
 * `horizonDays`: how many local days of follow-ups to keep written ahead (FOLLOW_UP_HORIZON_DAYS; 2 when absent).
 * `autoConfirm`: a proposed measure is confirmed at once (MEASURES_AUTO_CONFIRM).
 */
export type MCtx = Ctx & { timeZone: string; horizonDays?: number; autoConfirm?: boolean };

/** The last local day whose follow-ups are written now: today + horizon − 1. */
export const followUpsUntil = (ctx: MCtx) => addDays(ctx.today, (ctx.horizonDays ?? 2) - 1);

async function areaInScope(ctx: Ctx, id: number, field: string) {
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, id);
  if (!area || area.archived) throw badRequest('VALIDATION_FAILED', {}, { [field]: 'not_found' });
  return area;
}

export async function underPath(ctx: Ctx, under: number | undefined) {
  return under ? (await areaInScope(ctx, under, 'under')).path : undefined;
}

async function userInScope(ctx: Ctx, id: number | null | undefined, field: string): Promise<number | null> {
  if (!id) return null;
  if (!(await users.findInScope(ctx.db, ctx.actor.scope, id))) throw badRequest('VALIDATION_FAILED', {}, { [field]: 'not_found' });
  return id;
}

// ——— sites ———

export async function listSites(ctx: Ctx, under?: number) {
  const sites = await repo.listSites(ctx.db, ctx.actor.scope, await underPath(ctx, under));
  const rooms = await repo.roomsOf(
    ctx.db,
    sites.map((s) => s.id),
  );
  return { items: sites.map((s) => toSiteView(s, rooms)) };
}

async function siteView(ctx: Ctx, id: number) {
  const s = (await repo.findSite(ctx.db, ctx.actor.scope, id))!;
  return toSiteView(s, await repo.roomsOf(ctx.db, [id]));
}

export async function createSite(ctx: Ctx, b: z.infer<typeof siteBody>) {
  const area = await areaInScope(ctx, b.areaId, 'areaId');
  const id = await ctx.db.tx(async (tx) => {
    const id = await repo.insertSite(tx, { name: b.name, address: b.address ?? null, areaId: area.id, areaPath: area.path });
    if (b.rooms?.length) await repo.upsertRooms(tx, { id, area_id: area.id, area_path: area.path }, b.rooms);
    await audit(tx, ctx, { action: 'create', entity: 'isolation_site', entityId: id, areaPath: area.path, after: b });
    return id;
  });
  return siteView(ctx, id);
}

export async function addRooms(ctx: Ctx, siteId: number, b: z.infer<typeof roomsBody>) {
  const site = await repo.findSite(ctx.db, ctx.actor.scope, siteId);
  if (!site) throw notFound();
  await ctx.db.tx(async (tx) => {
    await repo.upsertRooms(tx, site, b.rooms);
    await audit(tx, ctx, { action: 'rooms', entity: 'isolation_site', entityId: siteId, areaPath: site.area_path, after: b });
  });
  return siteView(ctx, siteId);
}

// ——— measures ———

export async function mustMeasure(ctx: Ctx, id: number) {
  const m = await repo.findMeasure(ctx.db, ctx.actor.scope, id);
  if (!m) throw notFound();
  return m;
}

export async function listMeasures(ctx: Ctx, p: { under?: number; state?: string; kind?: string; residentId?: number; page: number; pageSize: number }) {
  const { rows, total } = await repo.listMeasures(ctx.db, ctx.actor.scope, { ...p, underPath: await underPath(ctx, p.under) });
  const items = rows.map(toMeasureView);
  if (p.residentId) await auditHealthRead(ctx, items, { measures: items.map((m) => m.id) });
  return { items, total };
}

export async function getMeasure(ctx: Ctx, id: number) {
  const m = await mustMeasure(ctx, id);
  await auditHealthRead(ctx, [{ residentId: m.resident_id, areaPath: m.area_path }], { measures: [id] });
  return { ...toMeasureView(m), history: await auditLog.historyOf(ctx.db, 'measure', String(id)) };
}

/** A site and room in scope with a free bed (checked again under lock when the measure is written). */
async function placeOf(ctx: Ctx, b: { place?: 'home' | 'site'; siteId?: number; roomId?: number }) {
  if ((b.place ?? 'home') === 'home') return { place: 'home', siteId: null, roomId: null };
  if (!b.siteId) throw badRequest('VALIDATION_FAILED', {}, { siteId: 'required' });
  const site = await repo.findSite(ctx.db, ctx.actor.scope, b.siteId);
  if (!site || site.closed_at) throw badRequest('VALIDATION_FAILED', {}, { siteId: 'not_found' });
  if (b.roomId && !(await repo.roomsOf(ctx.db, [site.id])).some((r) => r.id === b.roomId)) throw badRequest('VALIDATION_FAILED', {}, { roomId: 'not_found' });
  return { place: 'site', siteId: site.id, roomId: b.roomId ?? null };
}

async function takeBed(tx: Parameters<Parameters<Ctx['db']['tx']>[0]>[0], siteId: number | null, roomId: number | null) {
  if (!siteId || !roomId) return;
  const room = await repo.roomForUpdate(tx, siteId, roomId);
  if (!room) throw badRequest('VALIDATION_FAILED', {}, { roomId: 'not_found' });
  if (room.occupied >= room.capacity) throw conflict('ROOM_FULL', { room: room.code });
}

/** Proposes the measure the policy in force gives this resident's situation (or none). */
export async function propose(ctx: MCtx, b: z.infer<typeof proposeMeasureBody>, from: { arrivalId?: number } = {}) {
  const r = await residents.findResident(ctx.db, ctx.actor.scope, b.residentId);
  if (!r || r.merged_into) throw badRequest('VALIDATION_FAILED', {}, { residentId: 'not_found' });
  const situation = {
    ...b.situation,
    age: b.situation.age ?? (r.birth_date ? ageOn(r.birth_date, ctx.today) : undefined),
    specialGroups: b.situation.specialGroups ?? r.groups,
  };
  const decision = await policy.decide(ctx, { situation, on: b.on });
  if (decision.measure === 'none') return { created: false, decision, measure: null };
  const gridWorkerId = await userInScope(ctx, b.gridWorkerId, 'gridWorkerId');
  const doctorId = await userInScope(ctx, b.doctorId, 'doctorId');
  const place = await placeOf(ctx, {
    place: b.place ?? (decision.measure === 'central_isolation' && b.siteId ? 'site' : 'home'),
    siteId: b.siteId,
    roomId: b.roomId,
  });
  if (await repo.hasLiveMeasure(ctx.db, r.id)) throw conflict('MEASURE_OPEN');
  const id = await ctx.db.tx(async (tx) => {
    await takeBed(tx, place.siteId, place.roomId);
    const id = await repo.insertMeasure(tx, {
      residentId: r.id,
      areaId: r.area_id,
      areaPath: r.area_path,
      kind: decision.measure,
      ...place,
      startsOn: decision.startsOn!,
      endsOn: decision.endsOn!,
      gridWorkerId,
      doctorId,
      policySetId: decision.set.id,
      ruleVersion: decision.ruleVersion,
      situation,
      testDates: decision.testDates,
      followUpsPerDay: decision.followUpsPerDay,
      followUpTimes: decision.followUpTimes,
      nextSteps: decision.steps.slice(1),
      previousId: null,
      arrivalId: from.arrivalId ?? null,
      createdBy: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      action: 'propose',
      entity: 'measure',
      entityId: id,
      areaPath: r.area_path,
      after: {
        kind: decision.measure,
        ruleVersion: decision.ruleVersion,
        startsOn: decision.startsOn,
        endsOn: decision.endsOn,
        ...place,
        arrivalId: from.arrivalId ?? null,
      },
    });
    if (ctx.autoConfirm) {
      await repo.updateMeasure(tx, id, { state: 'confirmed' });
      await audit(tx, ctx, {
        action: 'confirm',
        entity: 'measure',
        entityId: id,
        areaPath: r.area_path,
        before: { state: 'proposed' },
        after: { state: 'confirmed', automatic: true },
      });
    }
    return id;
  });
  return { created: true, decision, measure: toMeasureView((await repo.findMeasure(ctx.db, ctx.actor.scope, id))!) };
}

const ACTION_NAMES: Record<MeasureAction, { zh: string; en: string }> = {
  confirm: { zh: '确认', en: 'confirmed' },
  cancel: { zh: '撤销', en: 'cancelled' },
  start: { zh: '开始', en: 'started' },
  release_check: { zh: '进入解除评估', en: 'checked for release' },
  release: { zh: '解除', en: 'released' },
  release_early: { zh: '提前解除', en: 'released early' },
  end_date: { zh: '调整期限', en: 'extended or shortened' },
  transfer: { zh: '转移', en: 'transferred' },
  assign: { zh: '更换负责人', en: 'reassigned' },
  follow_ups: { zh: '生成随访', en: 'given follow-ups' },
};
const STATE_NAMES: Record<MeasureState, { zh: string; en: string }> = {
  proposed: { zh: '待确认', en: 'proposed' },
  confirmed: { zh: '已确认', en: 'confirmed' },
  active: { zh: '进行中', en: 'active' },
  release_check: { zh: '解除评估中', en: 'in release check' },
  released: { zh: '已解除', en: 'released' },
  cancelled: { zh: '已撤销', en: 'cancelled' },
};

/** 409 naming the state when an action does not apply to it. */
export function mustAllow(ctx: Ctx, action: MeasureAction, state: string) {
  if (!allowed(action, state as MeasureState)) {
    throw conflict('MEASURE_STATE', { state: STATE_NAMES[state as MeasureState]?.[ctx.lang] ?? state, action: ACTION_NAMES[action][ctx.lang] });
  }
}

/** Applies one audited transition: checks the state, runs `change` in the transaction, answers the measure. */
async function transition(
  ctx: MCtx,
  id: number,
  action: MeasureAction,
  change: (tx: Parameters<Parameters<Ctx['db']['tx']>[0]>[0], m: repo.MeasureRow) => Promise<Record<string, unknown>>,
) {
  const m = await mustMeasure(ctx, id);
  mustAllow(ctx, action, m.state);
  await ctx.db.tx(async (tx) => {
    const after = await change(tx, m);
    await audit(tx, ctx, {
      action,
      entity: 'measure',
      entityId: id,
      areaPath: m.area_path,
      before: { state: m.state, endsOn: m.ends_on, place: m.place, siteId: m.site_id, roomId: m.room_id },
      after,
    });
  });
  return toMeasureView((await repo.findMeasure(ctx.db, ctx.actor.scope, id))!);
}

export const confirm = (ctx: MCtx, id: number) =>
  transition(ctx, id, 'confirm', async (tx) => {
    await repo.updateMeasure(tx, id, { state: 'confirmed' });
    return { state: 'confirmed' };
  });

export const cancel = (ctx: MCtx, id: number, reason: string) =>
  transition(ctx, id, 'cancel', async (tx) => {
    await repo.updateMeasure(tx, id, { state: 'cancelled', reason });
    return { state: 'cancelled', reason };
  });

export const start = (ctx: MCtx, id: number) =>
  transition(ctx, id, 'start', async (tx) => {
    await repo.updateMeasure(tx, id, { state: 'active' });
    const followUps = await repo.generateFollowUps(tx, [id], ctx.today, followUpsUntil(ctx), ctx.timeZone);
    return { state: 'active', followUps };
  });

export const releaseCheck = (ctx: MCtx, id: number) =>
  transition(ctx, id, 'release_check', async (tx, m) => {
    await repo.updateMeasure(tx, id, { state: 'release_check' });
    const [taskId] = await tasks.createTasks(tx, [
      {
        type: 'release_check',
        title: `解除评估：${m.resident_name}`,
        titleKey: 'releaseCheck',
        titleParams: { name: m.resident_name },
        subjectKind: 'measure',
        subjectId: id,
        areaId: m.area_id,
        areaPath: m.area_path,
        assigneeUserId: m.grid_worker_id,
        assigneeRole: m.grid_worker_id ? null : 'grid_worker',
        dueAt: new Date(),
        priority: 'high',
        createdBy: ctx.actor.userId,
      },
    ]);
    return { state: 'release_check', taskId };
  });

/** Release at the end (from release_check) or early from active, with a reason; the next step is proposed. */
export async function release(ctx: MCtx, id: number, reason: string | undefined) {
  const m = await mustMeasure(ctx, id);
  const early = m.state === 'active';
  if (early && !reason) throw badRequest('VALIDATION_FAILED', {}, { reason: 'required' });
  return transition(ctx, id, early ? 'release_early' : 'release', async (tx) => {
    await repo.updateMeasure(tx, id, { state: 'released', released_at: new Date(), reason: reason ?? null });
    await repo.cancelFollowUps(tx, id, null, ctx.timeZone);
    await tasks.closeForSubject(tx, 'measure', id, ctx.actor.userId);
    // The next step (e.g. home monitoring after central isolation) is proposed for a cadre to confirm.
    const [next, ...rest] = m.next_steps;
    let nextId: number | null = null;
    if (next && !early) {
      const startsOn = next.startsOn > ctx.today ? next.startsOn : ctx.today;
      if (next.endsOn >= startsOn) {
        nextId = await repo.insertMeasure(tx, {
          residentId: m.resident_id,
          areaId: m.area_id,
          areaPath: m.area_path,
          kind: next.measure,
          place: 'home',
          siteId: null,
          roomId: null,
          startsOn,
          endsOn: next.endsOn,
          gridWorkerId: m.grid_worker_id,
          doctorId: m.doctor_id,
          policySetId: m.policy_set_id,
          ruleVersion: m.rule_version,
          situation: m.situation,
          testDates: m.test_dates.filter((d) => d >= startsOn),
          followUpsPerDay: m.follow_ups_per_day,
          followUpTimes: m.follow_up_times,
          nextSteps: rest,
          previousId: id,
          arrivalId: m.arrival_id,
          createdBy: ctx.actor.userId,
        });
        await audit(tx, ctx, {
          action: 'propose',
          entity: 'measure',
          entityId: nextId,
          areaPath: m.area_path,
          after: { kind: next.measure, startsOn, endsOn: next.endsOn, previousId: id },
        });
      }
    }
    return { state: 'released', reason: reason ?? null, nextMeasureId: nextId };
  });
}

/** Extend or shorten: never before the start or today; follow-ups follow the new end. */
export function setEndDate(ctx: MCtx, id: number, b: z.infer<typeof endDateBody>) {
  return transition(ctx, id, 'end_date', async (tx, m) => {
    if (b.endsOn < m.starts_on || b.endsOn < ctx.today) throw ruleViolation('MEASURE_DATES', { startsOn: m.starts_on }, { endsOn: 'too_early' });
    await repo.updateMeasure(tx, id, { ends_on: b.endsOn, reason: b.reason });
    await repo.cancelFollowUps(tx, id, b.endsOn, ctx.timeZone);
    if (m.state !== 'confirmed') await repo.generateFollowUps(tx, [id], ctx.today, followUpsUntil(ctx), ctx.timeZone);
    return { endsOn: b.endsOn, reason: b.reason };
  });
}

export async function transfer(ctx: MCtx, id: number, b: z.infer<typeof transferBody>) {
  const place = await placeOf(ctx, b);
  return transition(ctx, id, 'transfer', async (tx) => {
    await takeBed(tx, place.siteId, place.roomId);
    await repo.updateMeasure(tx, id, { place: place.place, site_id: place.siteId, room_id: place.roomId, reason: b.reason });
    return { ...place, reason: b.reason };
  });
}

export async function assign(ctx: MCtx, id: number, b: z.infer<typeof assignMeasureBody>) {
  const gridWorkerId = b.gridWorkerId === undefined ? undefined : await userInScope(ctx, b.gridWorkerId, 'gridWorkerId');
  const doctorId = b.doctorId === undefined ? undefined : await userInScope(ctx, b.doctorId, 'doctorId');
  return transition(ctx, id, 'assign', async (tx) => {
    await repo.updateMeasure(tx, id, { grid_worker_id: gridWorkerId, doctor_id: doctorId });
    if (doctorId !== undefined) await repo.setFollowUpDoctor(tx, id, doctorId);
    return { gridWorkerId, doctorId };
  });
}
