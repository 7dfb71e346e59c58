import type { z } from 'zod';
import type { recordFollowUpBody, resolveAlertBody } from '../../../domain/monitoring/api';
import type { Db } from '../../db/engine';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { conflict, notFound } from '../../platform/errors';
import { perDatabase, sharedTransactions } from '../../platform/group-commit';
import * as tasks from '../tasks';
import { alertPolicy, mustAlert, raiseFeverAlert } from './alert-raise';
import * as repo from './repo';
import { type MCtx, followUpsUntil, mustAllow, mustMeasure, underPath } from './service';
import { auditHealthRead } from './read-audit';
import { toAlertView, toFollowUpView } from './view';

/** Health monitoring: follow-ups generated ahead, the doctor's day, readings, fever alerts and their resolution. */

/**
 * Readings from the doctors' and the people's own phones come twice a day from everyone under a measure, mostly
 * in the same morning and evening hours: they are group-committed (`sharedTransactions`), each reading by its own
 * statements in a transaction shared with the readings arriving at the same moment.
 */
export const followUpWriter = perDatabase((db: Db) => sharedTransactions<void>(db, 50));

export async function generate(ctx: MCtx, measureId: number) {
  const m = await mustMeasure(ctx, measureId);
  mustAllow(ctx, 'follow_ups', m.state);
  const created = await ctx.db.tx(async (tx) => {
    const n = await repo.generateFollowUps(tx, [measureId], ctx.today, followUpsUntil(ctx), ctx.timeZone);
    await audit(tx, ctx, { action: 'follow_ups', entity: 'measure', entityId: measureId, areaPath: m.area_path, after: { created: n } });
    return n;
  });
  return { created };
}

/** The doctor's list: today's (or `day`'s) follow-ups where I am the doctor, or every one in scope. */
export async function today(ctx: MCtx, p: { all?: boolean; day?: string }) {
  const rows = await repo.followUpsOfDay(ctx.db, ctx.actor.scope, {
    day: p.day ?? ctx.today,
    doctorId: p.all ? undefined : ctx.actor.userId,
    tz: ctx.timeZone,
  });
  return { day: p.day ?? ctx.today, items: rows.map(toFollowUpView) };
}

export async function list(
  ctx: MCtx,
  p: { measureId?: number; under?: number; from?: string; to?: string; status?: string; overdue?: boolean; page: number; pageSize: number },
) {
  const { rows, total } = await repo.listFollowUps(ctx.db, ctx.actor.scope, { ...p, underPath: await underPath(ctx, p.under), tz: ctx.timeZone });
  const items = rows.map(toFollowUpView);
  // A person's follow-ups are read even when there are none yet: the measure names the person.
  const m = p.measureId ? await repo.findMeasure(ctx.db, ctx.actor.scope, p.measureId) : null;
  if (m) await auditHealthRead(ctx, [{ residentId: m.resident_id, areaPath: m.area_path }], { measures: [m.id], followUps: items.length });
  return { items, total };
}

/**
 * Records a reading. A fever (≥ the set's threshold) or an alerting symptom raises a fever alert and its
 * urgent tasks (alert-raise.ts: command center, grid worker, and the measure's doctor unless they recorded it)
 * in the same transaction.
 */
export async function record(ctx: MCtx, id: number, b: z.infer<typeof recordFollowUpBody>) {
  const f = await repo.findFollowUp(ctx.db, ctx.actor.scope, id, ctx.timeZone);
  if (!f) throw notFound();
  if (f.status === 'done') throw conflict('FOLLOW_UP_DONE');
  if (f.status === 'cancelled') throw conflict('FOLLOW_UP_CANCELLED');
  const m = await mustMeasure(ctx, f.measure_id);
  const policy = await alertPolicy(ctx, m.policy_set_id);
  const alert = mustAlert(policy, b.temperature, b.symptoms);
  await followUpWriter(ctx.db).write(async (tx) => {
    if (
      !(await repo.recordFollowUp(
        tx,
        { id, dueAt: f.due_key },
        { temperature: b.temperature, symptoms: b.symptoms, note: b.note ?? null, by: ctx.actor.userId },
      ))
    )
      throw conflict('FOLLOW_UP_DONE');
    // Recorded late: the sweep's "missed follow-up" task is done.
    await tasks.closeForSubject(tx, 'follow_up', id, ctx.actor.userId);
    await audit(tx, ctx, { action: 'record', entity: 'follow_up', entityId: id, areaPath: f.area_path, after: b });
    if (!alert) return;
    await raiseFeverAlert(
      tx,
      ctx,
      policy,
      {
        followUp: { id, dueAt: f.due_key },
        measureId: m.id,
        residentId: m.resident_id,
        name: m.resident_name,
        areaId: m.area_id,
        areaPath: m.area_path,
        temperature: b.temperature,
        symptoms: b.symptoms,
      },
      { gridWorkerId: m.grid_worker_id, doctorId: m.doctor_id },
    );
  });
  return toFollowUpView((await repo.findFollowUp(ctx.db, ctx.actor.scope, id, ctx.timeZone))!);
}

export async function alerts(ctx: Ctx, p: { status?: string; under?: number }) {
  return { items: (await repo.listAlerts(ctx.db, ctx.actor.scope, { status: p.status, underPath: await underPath(ctx, p.under) })).map(toAlertView) };
}

/** Resolution (fever clinic, false alarm, other) with who and when; the alert's open tasks are done. */
export async function resolve(ctx: Ctx, id: number, b: z.infer<typeof resolveAlertBody>) {
  const a = await repo.findAlert(ctx.db, ctx.actor.scope, id);
  if (!a) throw notFound();
  if (a.status !== 'open') throw conflict('ALERT_RESOLVED');
  await ctx.db.tx(async (tx) => {
    if (!(await repo.resolveAlert(tx, id, { resolution: b.resolution, note: b.note ?? null, by: ctx.actor.userId }))) throw conflict('ALERT_RESOLVED');
    const closed = await tasks.closeForSubject(tx, 'fever_alert', id, ctx.actor.userId);
    await audit(tx, ctx, { action: 'resolve', entity: 'fever_alert', entityId: id, areaPath: a.area_path, after: { ...b, tasksClosed: closed } });
  });
  return toAlertView((await repo.findAlert(ctx.db, ctx.actor.scope, id))!);
}
