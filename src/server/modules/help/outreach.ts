import { FINAL_OUTCOMES, type OutreachCallInput } from '../../../domain/help/outreach';
import { maskName } from '../../../domain/help/policy';
import { ageOn, maskPhone } from '../../../domain/residents/identity';
import type { Db } from '../../db/engine';
import { type AuditActor, audit, auditActorOf } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { localInstant, todayIn } from '../../platform/dates';
import { badRequest, conflict, notFound } from '../../platform/errors';
import type { JobQueue } from '../../platform/jobs';
import { areaTree } from '../areas';
import * as tasks from '../tasks';
import { prepareRecord, writeRecord } from './intake';
import * as repo from './outreach-repo';

/**
 * Proactive care calls (主动关怀, issue 17 point 4). In 2022 elderly people living alone ran short of food and
 * medicine and never asked; so each morning everyone on an outreach list (policy data: help_outreach_lists) gets a
 * call for the day, addressed like a screening visit — the household's linked party member first, else the grid's
 * worker (a call on health lists alone always to the grid's worker). The caller records how it went; a need found becomes a help request on the 'outreach' channel, matched
 * to the person, and goes down the usual triage. Lists that say something about health (bedridden, dialysis,
 * pregnant, under a measure at home) are shown only to holders of `residents.health`.
 */
const SYSTEM: AuditActor = { actorId: null, actorName: 'system', requestId: null, clientIp: null };
const SUPERSEDED = '已由次日关怀电话接替 · Replaced by the next day’s call';

const canSeeHealth = (ctx: Ctx) => ctx.actor.permissions.has('residents.health');

/** Makes `day`'s calls under `area` with their tasks; earlier days' calls still open are closed as replaced. */
export async function prepareDay(db: Db, who: AuditActor, p: { area: { id: number; path: string }; day: string; timeZone: string }): Promise<number> {
  const lists = await repo.activeLists(db, true);
  return db.tx(async (tx) => {
    const made = await repo.insertDayCalls(tx, { path: p.area.path, day: p.day, lists });
    // Calls of days gone are replaced; preparing tomorrow the evening before leaves today's calls to be made.
    const stale = await repo.earlierOpenTaskIds(tx, p.area.path, todayIn(p.timeZone));
    if (stale.length) await tasks.failTasks(tx, stale, SUPERSEDED, who.actorId);
    if (!made.length) return 0;
    const dueAt = localInstant(p.day, '20:00', p.timeZone);
    // A linked party member calls only for what they may see: a call on health lists alone goes to the grid's worker.
    const health = new Set(lists.filter((l) => l.health).map((l) => l.code));
    const taskIds = await tasks.createTasks(
      tx,
      made.map((c) => {
        const memberMay = c.lists.some((l) => !health.has(l));
        const userId = (memberMay ? c.member_user_id : null) ?? c.grid_worker_id;
        // The title is read in inboxes and lists: the name is masked there like everywhere else.
        const name = maskName(c.name);
        return {
          type: 'help_outreach_call',
          title: `关怀电话：${name}`,
          titleKey: 'outreachCall' as const,
          titleParams: { name },
          subjectKind: 'help_outreach_call',
          subjectId: c.id,
          areaId: c.area_id,
          areaPath: c.area_path,
          assigneeUserId: userId,
          assigneeRole: userId ? null : 'grid_worker',
          dueAt,
          priority: 'normal',
          createdBy: who.actorId,
        };
      }),
    );
    await repo.setTasks(
      tx,
      made.map((c) => c.id),
      taskIds,
    );
    await audit(tx, who, {
      entity: 'help_outreach_call',
      action: 'prepare',
      entityId: p.area.id,
      areaPath: p.area.path,
      after: { day: p.day, calls: made.length },
    });
    return made.length;
  });
}

/** The route: a day's calls under an area in the caller's scope, made now (the job makes them every morning). */
export async function prepare(ctx: Ctx, b: { areaId: number; day?: string | null }, timeZone: string) {
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, b.areaId);
  if (!area || area.archived) throw badRequest('VALIDATION_FAILED', {}, { areaId: 'not_found' });
  const day = b.day ?? ctx.today;
  // Calls are for today and the next day (prepared the evening before); not for days gone.
  if (day < ctx.today || Date.parse(day) - Date.parse(ctx.today) > 86_400_000) throw badRequest('VALIDATION_FAILED', {}, { day: 'range' });
  return { day, created: await prepareDay(ctx.db, auditActorOf(ctx), { area, day, timeZone }) };
}

async function underPath(ctx: Ctx, under?: number) {
  if (!under) return ctx.actor.scope.path;
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, under);
  if (!area) throw badRequest('VALIDATION_FAILED', {}, { under: 'not_found' });
  return area.path;
}

export async function lists(ctx: Ctx, p: { under?: number; day?: string }) {
  const day = p.day ?? ctx.today;
  const path = await underPath(ctx, p.under);
  const [ls, figures] = await Promise.all([repo.activeLists(ctx.db, canSeeHealth(ctx)), repo.listFigures(ctx.db, ctx.actor.scope, { underPath: path, day })]);
  const byCode = new Map(figures.map((f) => [f.code, f]));
  return {
    day,
    items: ls.map((l) => ({
      code: l.code,
      name: { zh: l.name_zh, en: l.name_en },
      health: l.health,
      everyDays: l.every_days,
      people: byCode.get(l.code)?.people ?? 0,
      called: byCode.get(l.code)?.called ?? 0,
      needs: byCode.get(l.code)?.needs ?? 0,
    })),
  };
}

function toItem(r: repo.CallRow, visible: Set<string>) {
  return {
    id: r.id,
    day: r.day,
    residentId: r.resident_id,
    name: maskName(r.name),
    phone: r.phone ? maskPhone(r.phone) : null,
    age: r.birth_date ? ageOn(r.birth_date, r.day) : null,
    // A list the reader may not see (a health one) is not named to them.
    lists: r.lists.filter((l) => visible.has(l)),
    areaId: r.area_id,
    areaName: r.area_name,
    outcome: r.outcome as never,
    attempts: r.attempts,
    note: r.note,
    requestId: r.request_id,
    requestCode: r.request_code,
    taskId: r.task_id,
    calledAt: r.called_at,
    calledBy: r.called_by,
  };
}

async function visibleLists(ctx: Ctx) {
  return new Set((await repo.activeLists(ctx.db, canSeeHealth(ctx))).map((l) => l.code));
}

export async function calls(ctx: Ctx, p: { under?: number; day?: string; list?: string; state?: string; limit: number; offset: number }) {
  const [path, visible] = await Promise.all([underPath(ctx, p.under), visibleLists(ctx)]);
  if (p.list && !visible.has(p.list)) throw badRequest('VALIDATION_FAILED', {}, { list: 'unknown' });
  const { rows, total } = await repo.listCalls(ctx.db, ctx.actor.scope, { ...p, underPath: path, day: p.day ?? ctx.today, visible: [...visible] });
  return { items: rows.map((r) => toItem(r, visible)), total };
}

/**
 * A call's outcome. Well, a need or declined end the day's call (a second answer is refused: two workers calling
 * the same person see who did); not reached may be tried again. A need is recorded as a request of the person,
 * through the worker intake's own checks, in the transaction that marks the call.
 */
export async function recordCall(ctx: Ctx, id: number, b: OutreachCallInput, mergeMinutes: number) {
  const visible = await visibleLists(ctx);
  const call = await repo.findCall(ctx.db, ctx.actor.scope, id);
  if (!call || !call.lists.some((l) => visible.has(l))) throw notFound();
  if (call.day !== ctx.today) throw conflict('OUTREACH_NOT_TODAY', { day: call.day });
  if (call.outcome && FINAL_OUTCOMES.includes(call.outcome as never)) throw conflict('OUTREACH_ALREADY_CALLED', { by: call.called_by ?? '' });
  if (b.outcome === 'need' && !b.need) throw badRequest('VALIDATION_FAILED', {}, { need: 'required' });
  if (b.outcome !== 'need' && b.need) throw badRequest('VALIDATION_FAILED', {}, { need: 'not_allowed' });
  // The need's checks are read first; then one transaction: the call locked, the request (if a need) and the outcome
  // written together — a second caller racing this one waits, finds the call answered, and leaves no request behind.
  const prepared = b.need
    ? await prepareRecord(ctx, {
        ...b.need,
        channel: 'outreach',
        areaId: call.area_id,
        residentId: call.resident_id,
        name: call.name,
        phone: null,
        address: null,
      })
    : null;
  const request = await ctx.db.tx(async (tx) => {
    const locked = await repo.findCall(tx, ctx.actor.scope, id, true);
    if (!locked) throw notFound();
    if (locked.outcome && FINAL_OUTCOMES.includes(locked.outcome as never)) throw conflict('OUTREACH_ALREADY_CALLED', { by: locked.called_by ?? '' });
    const made = prepared ? (await writeRecord(ctx, tx, prepared, mergeMinutes)).request : null;
    await repo.saveOutcome(tx, id, { outcome: b.outcome, note: b.note ?? null, requestId: made?.id ?? null, by: ctx.actor.userId });
    if (FINAL_OUTCOMES.includes(b.outcome)) await tasks.closeForSubject(tx, 'help_outreach_call', id, ctx.actor.userId);
    await audit(tx, ctx, {
      entity: 'help_outreach_call',
      action: 'call',
      entityId: id,
      areaPath: call.area_path,
      after: { outcome: b.outcome, note: b.note ?? null, requestCode: made?.code ?? null },
    });
    return made;
  });
  const saved = (await repo.findCall(ctx.db, ctx.actor.scope, id))!;
  return { call: toItem(saved, visible), requestCode: request?.code ?? null };
}

/** Each morning at six (the deployment's time zone), the day's calls for the whole deployment. */
export async function defineOutreachJobs(jobs: JobQueue, db: Db, timeZone: string): Promise<void> {
  tasks.registerSubjectPerson('help_outreach_call', async (q, ids) => {
    const rows = await q.query<{ id: number; resident_id: number }>('SELECT id, resident_id FROM help_outreach_calls WHERE id = ANY($1::bigint[])', [ids]);
    return new Map(rows.map((r) => [r.id, r.resident_id]));
  });
  await jobs.define({
    name: 'help.outreach',
    policy: 'stately',
    cron: '0 6 * * *',
    run: async () => {
      const day = todayIn(timeZone);
      for (const area of await repo.rootAreas(db)) await prepareDay(db, SYSTEM, { area, day, timeZone });
    },
  });
}
