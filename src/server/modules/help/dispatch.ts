import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, notFound } from '../../platform/errors';
import { bindPhotos } from '../photos';
import * as tasks from '../tasks';
import * as users from '../users';
import { deliverers, deliveriesOf } from './dispatch-repo';
import * as repo from './repo';
import { closeFields, isOpen, mustRequest } from './triage';
import { toDelivery, toDetail } from './view';

/**
 * Dispatch and delivery: a request past triage is given to a deliverer (the household's linked member first),
 * who sees it in 我的代办 with the address and a masked phone, and records the delivery with proof — a photo, or
 * the code the recipient was given at intake. Only a delivered request closes as done; any open one may close
 * as impossible with the reason the person is told. Each step is one audited transaction.
 */
async function mustOwn(ctx: Ctx, id: number) {
  const r = await mustRequest(ctx, id);
  // An office a request is only being transferred to may read it, and accept or refuse; nothing else.
  if (!r.area_path.startsWith(ctx.actor.scope.path)) throw notFound();
  return r;
}

export async function listDeliverers(ctx: Ctx, id: number) {
  await mustOwn(ctx, id);
  const rows = await deliverers(ctx.db, id);
  return { items: rows.map((r) => ({ userId: r.user_id, name: r.name, why: r.why })) };
}

export async function assign(ctx: Ctx, id: number, userId: number | null | undefined) {
  const r = await mustOwn(ctx, id);
  if (r.status !== 'dispatch' && r.status !== 'delivering') throw conflict('HELP_WRONG_STATE', { status: r.status });
  let deliverer: { id: number; name: string } | null = null;
  if (userId) {
    // Anyone the dispatcher can see whose own scope covers the place (so they can read what they deliver).
    const u = await users.findInScope(ctx.db, ctx.actor.scope, userId);
    if (u && !u.disabled && r.area_path.startsWith(u.area_path)) deliverer = { id: u.id, name: u.display_name };
    else {
      const c = (await deliverers(ctx.db, id)).find((x) => x.user_id === userId);
      if (c) deliverer = { id: c.user_id, name: c.name };
    }
  } else {
    const [first] = await deliverers(ctx.db, id);
    if (first) deliverer = { id: first.user_id, name: first.name };
  }
  if (!deliverer) throw badRequest('HELP_DELIVERER_UNKNOWN', {}, { userId: 'not_found' });
  const d = deliverer;
  await ctx.db.tx(async (tx) => {
    const row = await repo.lockRequest(tx, id);
    if (row.status !== 'dispatch' && row.status !== 'delivering') throw conflict('HELP_WRONG_STATE', { status: row.status });
    await tasks.closeForSubject(tx, 'help_delivery', id, ctx.actor.userId);
    await repo.updateRequest(tx, id, { status: 'delivering', queue: null, deliverer_user_id: d.id, step_since: new Date() });
    await tasks.createTasks(tx, [
      {
        type: 'help_delivery',
        title: `红色代办：${row.code} 送达`,
        titleKey: 'helpDelivery',
        titleParams: { code: row.code },
        subjectKind: 'help_delivery',
        subjectId: id,
        areaId: row.area_id,
        areaPath: row.area_path,
        assigneeUserId: d.id,
        dueAt: row.due_at,
        priority: row.overdue ? 'urgent' : 'high',
        createdBy: ctx.actor.userId,
      },
    ]);
    await audit(tx, ctx, {
      entity: 'help_request',
      action: 'assign',
      entityId: id,
      areaPath: row.area_path,
      before: { delivererUserId: row.deliverer_user_id },
      after: { delivererUserId: d.id },
    });
  });
  return toDetail((await repo.findRequest(ctx.db, ctx.actor.scope, id))!);
}

export async function mine(ctx: Ctx) {
  return { items: (await deliveriesOf(ctx.db, ctx.actor.userId)).map(toDelivery) };
}

/** Wrong delivery codes a request takes before only a photo proves it. */
const MAX_CODE_FAILURES = 5;

export async function deliver(
  ctx: Ctx,
  id: number,
  input: { code?: string | null; photoIds?: number[] | null; advanceYuan?: number | null; receiptPhotoIds?: number[] | null },
) {
  // The deliverer reads the request through the assignment (their scope covers its place: checked at assign).
  const r = await mustRequest(ctx, id);
  if (r.deliverer_user_id !== ctx.actor.userId) throw badRequest('HELP_NOT_DELIVERER');
  if (r.status !== 'delivering') throw conflict('HELP_WRONG_STATE', { status: r.status });
  const photos = input.photoIds ?? [];
  if (!input.code && !photos.length) throw badRequest('HELP_PROOF_REQUIRED', {}, { code: 'required' });
  // Cash advanced is paid back against its receipt: no receipt, no advance recorded.
  const receipts = input.receiptPhotoIds ?? [];
  const advanceCents = input.advanceYuan ? Math.round(input.advanceYuan * 100) : null;
  if (advanceCents && !receipts.length) throw badRequest('HELP_RECEIPT_REQUIRED', {}, { receiptPhotoIds: 'required' });
  if (!advanceCents && receipts.length) throw badRequest('VALIDATION_FAILED', {}, { advanceYuan: 'required' });
  if (input.code) {
    // Four digits are guessed in 10,000 tries: after a few wrong ones only a photo proves the delivery.
    if (r.code_failures >= MAX_CODE_FAILURES) throw conflict('HELP_CODE_LOCKED', { max: MAX_CODE_FAILURES }, { code: 'locked' });
    if (input.code !== r.handover_code) {
      const failures = await repo.countCodeFailure(ctx.db, id);
      if (failures >= MAX_CODE_FAILURES) throw conflict('HELP_CODE_LOCKED', { max: MAX_CODE_FAILURES }, { code: 'locked' });
      throw badRequest('HELP_CODE_WRONG', {}, { code: 'wrong' });
    }
  }
  const at = new Date();
  await ctx.db.tx(async (tx) => {
    const row = await repo.lockRequest(tx, id);
    if (row.status !== 'delivering' || row.deliverer_user_id !== ctx.actor.userId) throw conflict('HELP_WRONG_STATE', { status: row.status });
    // The photos are the deliverer's own unbound uploads, bound to this delivery in this transaction (else 400 PHOTO_UNKNOWN).
    await bindPhotos(tx, ctx, { ids: photos, owner: 'help_delivery', ownerId: id, areaPath: row.area_path, field: 'photoIds' });
    await bindPhotos(tx, ctx, { ids: receipts, owner: 'help_receipt', ownerId: id, areaPath: row.area_path, field: 'receiptPhotoIds' });
    await repo.updateRequest(tx, id, {
      status: 'delivered',
      delivered_at: at,
      proof: input.code ? 'code' : 'photo',
      step_since: at,
      ...(advanceCents ? { advance_cents: advanceCents } : {}),
    });
    await tasks.closeForSubject(tx, 'help_delivery', id, ctx.actor.userId);
    await audit(tx, ctx, {
      entity: 'help_request',
      action: 'deliver',
      entityId: id,
      areaPath: row.area_path,
      after: { proof: input.code ? 'code' : 'photo', photoIds: photos, advanceYuan: advanceCents ? advanceCents / 100 : null, receiptPhotoIds: receipts },
    });
  });
  return { ...toDelivery(r), deliveredAt: at };
}

export async function close(ctx: Ctx, id: number, input: { outcome: 'done' | 'impossible'; reason?: string | null }) {
  const r = await mustOwn(ctx, id);
  if (!isOpen(r)) throw conflict('HELP_NOT_OPEN');
  const reason = input.reason?.trim() || null;
  if (input.outcome === 'done' && r.status !== 'delivered') throw conflict('HELP_PROOF_REQUIRED');
  if (input.outcome === 'impossible' && !reason) throw badRequest('HELP_REASON_REQUIRED', {}, { reason: 'required' });
  await ctx.db.tx(async (tx) => {
    const row = await repo.lockRequest(tx, id);
    if (!isOpen(row)) throw conflict('HELP_NOT_OPEN');
    if (input.outcome === 'done' && row.status !== 'delivered') throw conflict('HELP_PROOF_REQUIRED');
    const set = await closeFields(tx, ctx, row, input.outcome === 'done' ? 'closed' : 'impossible', reason);
    await repo.updateRequest(tx, id, set);
    await audit(tx, ctx, {
      entity: 'help_request',
      action: input.outcome === 'done' ? 'close' : 'impossible',
      entityId: id,
      areaPath: row.area_path,
      before: { status: row.status },
      after: { status: set.status, closedWithin: set.closed_within, reason },
    });
  });
  return toDetail((await repo.findRequest(ctx.db, ctx.actor.scope, id))!);
}

export async function followUp(ctx: Ctx, id: number, input: { satisfaction: number; note?: string | null }) {
  const r = await mustOwn(ctx, id);
  if (isOpen(r)) throw conflict('HELP_WRONG_STATE', { status: r.status });
  await ctx.db.tx(async (tx) => {
    const row = await repo.lockRequest(tx, id);
    if (row.satisfaction !== null) throw conflict('HELP_ALREADY_FOLLOWED');
    await repo.updateRequest(tx, id, { satisfaction: input.satisfaction, follow_up_note: input.note?.trim() || null, followed_up_at: new Date() });
    await audit(tx, ctx, {
      entity: 'help_request',
      action: 'follow_up',
      entityId: id,
      areaPath: row.area_path,
      after: { satisfaction: input.satisfaction, note: input.note ?? null },
    });
  });
  return toDetail((await repo.findRequest(ctx.db, ctx.actor.scope, id))!);
}
