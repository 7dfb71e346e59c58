import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { bulkBody } from '../../../domain/tracing/api-board';
import { maskPhone } from '../../../domain/residents/identity';
import { maskName } from '../../../domain/sampling/rules';
import { type AuditEvent, audit, auditActorOf, auditMany } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, notFound } from '../../platform/errors';
import { areaTree } from '../areas';
import * as monitoring from '../monitoring';
import * as tasks from '../tasks';
import * as users from '../users';
import * as boardRepo from './board-repo';
import * as repo from './repo';
import { toContactItem } from './view';

/**
 * The contacts board (issue 16 point 8): every contact of the cases in scope by where finding them stands, with
 * bulk actions — their open tasks to one worker, not found (keep looking), or handed on as assist requests (协查)
 * to the county where they are. A bulk action touches no measure: a contact already under a stricter measure keeps
 * it (the add-contacts path decides measures, and never downgrades one).
 */
export async function contactsBoard(ctx: Ctx, p: { state?: string; level?: string; under?: number; limit: number; offset: number }) {
  let underPath: string | undefined;
  if (p.under) {
    const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, p.under);
    if (!area) throw badRequest('VALIDATION_FAILED', {}, { under: 'not_found' });
    underPath = area.path;
  }
  const { rows, counts } = await boardRepo.board(ctx.db, ctx.actor.scope, { ...p, underPath });
  const all = { to_find: 0, placed: 0, under_measure: 0, elsewhere: 0, ...Object.fromEntries(counts) };
  return {
    items: rows.map((r) => ({
      ...toContactItem(r),
      name: maskName(r.name),
      boardState: r.board_state as never,
      caseName: maskName(r.case_name),
      assistState: r.assist_state,
    })),
    total: p.state ? all[p.state as keyof typeof all] : Object.values(all).reduce((a, b) => a + b, 0),
    counts: all,
  };
}

type Skip = { contactId: number; reason: string };

export async function bulk(ctx: monitoring.MCtx, b: z.infer<typeof bulkBody>) {
  const ids = [...new Set(b.contactIds)];
  const found = await boardRepo.contactsInScope(ctx.db, ctx.actor.scope, ids);
  // All or none: one contact out of scope (or missing) refuses the request, like a single one would be.
  if (found.length !== ids.length) throw notFound();
  if (b.action === 'assign') return assign(ctx, found, b.userId);
  if (b.action === 'not_found') return markNotFound(ctx, found, b.note ?? null);
  if (b.action === 'placed') return markPlaced(ctx, found, b.note ?? null);
  return makeAssist(ctx, found, b.targetRegion);
}

async function assign(ctx: Ctx, found: repo.ContactRow[], userId: number) {
  const worker = await users.findInScope(ctx.db, ctx.actor.scope, userId);
  if (!worker || worker.disabled) throw badRequest('VALIDATION_FAILED', {}, { userId: 'not_found' });
  const skipped: Skip[] = [];
  const movable = found.filter((k) => {
    const reason =
      !k.task_id || !['open', 'in_progress'].includes(k.task_status ?? '')
        ? 'no_open_task'
        : !k.area_path.startsWith(worker.area_path)
          ? 'outside_worker_area'
          : null;
    if (reason) skipped.push({ contactId: k.id, reason });
    return !reason;
  });
  const updated = await ctx.db.tx(async (tx) => {
    const n = await tasks.reassignTasks(
      tx,
      movable.map((k) => k.task_id!),
      { userId: worker.id, teamId: null, role: null },
    );
    await auditMany(
      tx,
      auditActorOf(ctx),
      movable.map((k) => ({
        action: 'assign' as const,
        entity: 'tracing_contact' as const,
        entityId: k.id,
        areaPath: k.area_path,
        after: { taskId: k.task_id, userId: worker.id },
      })),
    );
    return n;
  });
  return { updated, skipped };
}

async function markNotFound(ctx: Ctx, found: repo.ContactRow[], note: string | null) {
  const skipped: Skip[] = [];
  const open = found.filter((k) => {
    if (k.placement !== 'to_find' && k.placement !== 'not_found') skipped.push({ contactId: k.id, reason: `already_${k.placement}` });
    return k.placement === 'to_find' || k.placement === 'not_found';
  });
  // The tasks stay open: not found means keep looking. One update and one audit statement for the whole list.
  await ctx.db.tx(async (tx) => {
    await boardRepo.setPlacementMany(
      tx,
      open.map((k) => k.id),
      'not_found',
      note,
    );
    await auditMany(
      tx,
      auditActorOf(ctx),
      open.map((k) => ({
        action: 'placement' as const,
        entity: 'tracing_contact' as const,
        entityId: k.id,
        areaPath: k.area_path,
        before: { placement: k.placement },
        after: { placement: 'not_found', note },
      })),
    );
  });
  return { updated: open.length, skipped };
}

/**
 * Found and placed, many at once (a line list placed by the grid workers in one go): set-based — the placements in
 * one update, their tasks done, their confirmed measures started with follow-ups (monitoring's `startMany`), one
 * audit statement for the measures and the contacts. A contact already placed or elsewhere is skipped and said why.
 */
async function markPlaced(ctx: monitoring.MCtx, found: repo.ContactRow[], note: string | null) {
  const skipped: Skip[] = [];
  const open = found.filter((k) => {
    const ok = k.placement === 'to_find' || k.placement === 'not_found';
    if (!ok) skipped.push({ contactId: k.id, reason: `already_${k.placement}` });
    return ok;
  });
  const started = await ctx.db.tx(async (tx) => {
    const ids = open.map((k) => k.id);
    await boardRepo.setPlacedMany(tx, ids, note);
    await tasks.closeForSubjects(tx, 'tracing_contact', ids, ctx.actor.userId);
    const audits: AuditEvent[] = [];
    const started = await monitoring.startMany(
      tx,
      ctx,
      open.flatMap((k) => (k.measure_id ? [k.measure_id] : [])),
      audits,
    );
    await auditMany(tx, auditActorOf(ctx), [
      ...audits,
      ...open.map((k) => ({
        action: 'placement' as const,
        entity: 'tracing_contact' as const,
        entityId: k.id,
        areaPath: k.area_path,
        before: { placement: k.placement },
        after: { placement: 'placed', note, measureStarted: !!k.measure_id && started.includes(k.measure_id) },
      })),
    ]);
    return started.length;
  });
  return { updated: open.length, skipped, measuresStarted: started };
}

/** Our reference in the file: random, so it says nothing of the case, the person or how many we asked. */
const assistRef = () => {
  const A = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return `XC-${[...randomBytes(10)].map((x) => A[x % A.length]).join('')}`;
};

async function makeAssist(ctx: Ctx, found: repo.ContactRow[], targetRegion: string) {
  const skipped: Skip[] = [];
  const updated = await ctx.db.tx(async (tx) => {
    let n = 0;
    for (const k of found) {
      if (k.placement === 'placed') {
        skipped.push({ contactId: k.id, reason: 'already_placed' });
        continue;
      }
      const id = await boardRepo.insertAssist(tx, {
        contactId: k.id,
        caseId: k.case_id,
        areaPath: k.case_area_path,
        ref: assistRef(),
        targetRegion,
        by: ctx.actor.userId,
      });
      if (!id) {
        skipped.push({ contactId: k.id, reason: 'already_requested' });
        continue;
      }
      await repo.setPlacement(tx, k.id, 'elsewhere', targetRegion);
      await tasks.closeForSubject(tx, 'tracing_contact', k.id, ctx.actor.userId);
      await audit(tx, ctx, {
        action: 'create',
        entity: 'tracing_assist_request',
        entityId: id,
        areaPath: k.case_area_path,
        after: { contactId: k.id, targetRegion },
      });
      n += 1;
    }
    return n;
  });
  return { updated, skipped };
}

// ——— assist requests ———
function toAssistItem(a: boardRepo.AssistRow) {
  return {
    id: a.id,
    ref: a.ref,
    contactId: a.contact_id,
    caseId: a.case_id,
    name: maskName(a.name),
    phone: maskPhone(a.phone),
    targetRegion: a.target_region,
    level: a.level,
    lastExposureOn: a.last_exposure_on,
    exposureKind: a.exposure_kind,
    state: a.state,
    answerNote: a.answer_note,
    exportedAt: a.exported_at,
    answeredAt: a.answered_at,
    createdAt: a.created_at,
  };
}

export async function listAssist(ctx: Ctx, p: { state?: string; limit: number; offset: number }) {
  const { rows, total } = await boardRepo.listAssist(ctx.db, ctx.actor.scope, p);
  return { items: rows.map(toAssistItem), total };
}
