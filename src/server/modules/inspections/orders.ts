import type { z } from 'zod';
import type { OrderState } from '../../../domain/inspections/kinds';
import type { reinspectBody, reportBody } from '../../../domain/inspections/schemas';
import type { Db } from '../../db/engine';
import { type AuditActor, audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { conflict, notFound, ruleViolation } from '../../platform/errors';
import type { JobQueue } from '../../platform/jobs';
import { areasAs } from '../areas/sql';
import { closeForSubject, createTasks } from '../tasks';
import * as ir from './inspection-repo';
import * as photos from './photo-link';
import { areaInScope } from './targets';
import { escalationTask, reinspectTask, rectifyTask } from './tasks';
import { toOrder, toOrderDetail } from './view';

/**
 * Rectification orders (整改单): the unit reports done with photos; only a re-inspection closes an order (fixed),
 * or sends it back (not fixed, with a photo of what is still wrong); overdue ones are escalated (督办) by a job.
 */
export async function listOrders(
  ctx: Ctx,
  p: { under?: number; status?: OrderState | 'overdue' | 'unclosed'; limit: number; offset: number },
  now = new Date(),
) {
  const underPath = p.under ? (await areaInScope(ctx, p.under, 'under')).path : undefined;
  const { rows, total } = await ir.listOrders(ctx.db, ctx.actor.scope, { ...p, underPath, now });
  return { items: rows.map(toOrder), total };
}

export async function getOrder(ctx: Ctx, id: number, now = new Date()) {
  const r = await ir.findOrder(ctx.db, ctx.actor.scope, id, now);
  if (!r) throw notFound();
  const [items, insp, fail, report, re] = await Promise.all([
    ir.itemsOf(ctx.db, r.inspection_id),
    ir.findInspection(ctx.db, ctx.actor.scope, r.inspection_id),
    photos.of(ctx.db, ctx.actor.scope, photos.OWNERS.item, [r.item_id]),
    photos.of(ctx.db, ctx.actor.scope, photos.OWNERS.report, [r.id]),
    photos.of(ctx.db, ctx.actor.scope, photos.OWNERS.reinspection, [r.id]),
  ]);
  return toOrderDetail(r, {
    failNote: items.find((x) => x.id === r.item_id)?.note ?? null,
    inspectorName: insp?.inspector_name ?? '',
    fail: fail.get(r.item_id) ?? [],
    report: report.get(r.id) ?? [],
    reinspection: re.get(r.id) ?? [],
  });
}

async function lockedOrder(ctx: Ctx, tx: Parameters<Parameters<Db['tx']>[0]>[0], id: number, now: Date) {
  const r = await ir.findOrder(tx, ctx.actor.scope, id, now, true);
  if (!r) throw notFound();
  if (r.status === 'closed') throw conflict('INSPECTIONS_ORDER_CLOSED');
  return r;
}

/** The unit says it is fixed, with photos: the unit's task is done and the inspector is asked to come back. */
export async function reportOrder(ctx: Ctx, id: number, b: z.infer<typeof reportBody>, now = new Date()) {
  if (!b.photoIds.length) throw ruleViolation('INSPECTIONS_REPORT_PHOTO', {}, { photoIds: 'required' });
  await ctx.db.tx(async (tx) => {
    const r = await lockedOrder(ctx, tx, id, now);
    if (r.status === 'reported') throw conflict('INSPECTIONS_ORDER_REPORTED');
    await ir.setReported(tx, id, { by: ctx.actor.userId, at: now, note: b.note ?? null });
    await photos.bind(tx, ctx, { ids: b.photoIds, owner: photos.OWNERS.report, ownerId: id, areaPath: r.area_path, field: 'photoIds' });
    await closeForSubject(tx, 'inspection_rectification', id, ctx.actor.userId);
    const [insp] = await tx.query<{ inspector_id: number }>('SELECT inspector_id FROM inspections WHERE id = $1', [r.inspection_id]);
    await createTasks(tx, [
      reinspectTask({
        orderId: id,
        target: r.target_name,
        item: r.item_text,
        areaId: r.area_id,
        areaPath: r.area_path,
        inspectorId: insp.inspector_id,
        by: ctx.actor.userId,
      }),
    ]);
    await audit(tx, ctx, {
      action: 'report',
      entity: 'inspection_rectification',
      entityId: id,
      areaPath: r.area_path,
      before: { status: r.status },
      after: { status: 'reported', note: b.note ?? null, photos: b.photoIds.length },
    });
  });
  return getOrder(ctx, id, now);
}

/**
 * The one way an order closes. Whoever reported it done may not re-inspect it (the check would be their own
 * word); not fixed needs a photo of what is still wrong and sends the order back to the unit's inbox.
 */
export async function reinspectOrder(ctx: Ctx, id: number, b: z.infer<typeof reinspectBody>, now = new Date()) {
  if (!b.passed && !b.photoIds?.length) throw ruleViolation('INSPECTIONS_PHOTO_REQUIRED', { items: '' }, { photoIds: 'required' });
  await ctx.db.tx(async (tx) => {
    const r = await lockedOrder(ctx, tx, id, now);
    if (r.reported_by === ctx.actor.userId && r.status === 'reported') throw conflict('INSPECTIONS_SELF_REINSPECT');
    await ir.setReinspected(tx, id, { by: ctx.actor.userId, at: now, note: b.note ?? null, passed: b.passed });
    if (b.photoIds?.length) {
      await photos.bind(tx, ctx, { ids: b.photoIds, owner: photos.OWNERS.reinspection, ownerId: id, areaPath: r.area_path, field: 'photoIds' });
    }
    await closeForSubject(tx, 'inspection_reinspection', id, ctx.actor.userId);
    if (b.passed) {
      await closeForSubject(tx, 'inspection_rectification', id, ctx.actor.userId);
      await closeForSubject(tx, 'inspection_escalation', id, ctx.actor.userId);
    } else if (r.status === 'reported') {
      const unitArea = { id: r.unit_area_id, path: r.unit_area_path };
      await createTasks(tx, [
        rectifyTask({
          orderId: id,
          target: r.target_name,
          item: r.item_text,
          severity: r.severity,
          deadlineAt: r.deadline_at,
          unit: { area: unitArea, userId: r.unit_user_id, role: r.unit_role, groupId: r.unit_group_id },
          by: ctx.actor.userId,
        }),
      ]);
    }
    await audit(tx, ctx, {
      action: 'reinspect',
      entity: 'inspection_rectification',
      entityId: id,
      areaPath: r.area_path,
      before: { status: r.status },
      after: { status: b.passed ? 'closed' : 'open', passed: b.passed, note: b.note ?? null, located: b.latitude != null },
    });
  });
  return getOrder(ctx, id, now);
}

/**
 * 督办: every order past its deadline and not closed, escalated once to the command center of the level above its
 * unit (the unit's own area when it is the top), with an urgent task. `now` is passed so tests move the clock.
 */
const JOB_ACTOR: AuditActor = { actorId: null, actorName: 'inspections.escalate', requestId: null, clientIp: null };

export async function escalateOverdue(db: Db, now: Date): Promise<number> {
  return db.tx(async (tx) => {
    const due = await ir.overdueToEscalate(tx, now, 500);
    for (const r of due) {
      const [above] = r.unit_area_parent_id
        ? await tx.query<{ id: number; path: string }>(`SELECT a.id, a.path FROM ${areasAs('a')} WHERE a.id = $1`, [r.unit_area_parent_id])
        : [{ id: r.unit_area_id, path: r.unit_area_path }];
      await ir.setEscalated(tx, r.id, now, above.id);
      await createTasks(tx, [
        escalationTask({ orderId: r.id, target: r.target_name, item: r.item_text, unit: r.unit_area_name, deadlineAt: r.deadline_at, area: above }),
      ]);
      await audit(tx, JOB_ACTOR, {
        action: 'escalate',
        entity: 'inspection_rectification',
        entityId: r.id,
        areaPath: r.area_path,
        after: { toAreaId: above.id, deadlineAt: r.deadline_at, status: r.status },
      });
    }
    return due.length;
  });
}

export async function defineInspectionJobs(jobs: JobQueue, db: Db): Promise<void> {
  await jobs.define({ name: 'inspections.escalate', policy: 'stately', cron: '*/5 * * * *', run: async () => void (await escalateOverdue(db, new Date())) });
}
