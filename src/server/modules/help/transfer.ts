import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, notFound } from '../../platform/errors';
import { pathInScope } from '../../platform/scope';
import { areaTree } from '../areas';
import { groupAddressee } from '../command';
import * as tasks from '../tasks';
import * as repo from './repo';
import { isOpen, mustRequest } from './triage';
import { toDetail } from './view';

/**
 * 转办 / 交办: an office hands an open request to another office within its own reach (its scope), with a
 * reason; the receiving office (a cadre there gets a task) accepts — the request moves there, at the step it
 * was — or refuses with a reason, and it stays where it was. One transfer waits at a time. Addressed to a command
 * group (专班 / 工作组) whose area holds the receiving office, the task is in each member's inbox instead of the
 * office's cadres'; the office may then be the request's own (a task force there takes it over).
 */
export async function transfer(ctx: Ctx, id: number, input: { areaId: number; groupId?: number; reason: string }) {
  const r = await mustRequest(ctx, id);
  if (!pathInScope(ctx.actor.scope, r.area_path)) throw notFound();
  if (!isOpen(r)) throw conflict('HELP_NOT_OPEN');
  const target = await areaTree.findInScope(ctx.db, ctx.actor.scope, input.areaId);
  if (!target || target.archived) throw badRequest('HELP_TRANSFER_REACH', {}, { areaId: 'out_of_reach' });
  const group = input.groupId ? await groupAddressee(ctx, input.groupId, 'groupId', [target.path]) : null;
  if (target.id === r.area_id && !group) throw badRequest('HELP_TRANSFER_SAME', {}, { areaId: 'same' });
  await ctx.db.tx(async (tx) => {
    const row = await repo.lockRequest(tx, id);
    if (!isOpen(row)) throw conflict('HELP_NOT_OPEN');
    if (row.transfer_area_id) throw conflict('HELP_TRANSFER_PENDING');
    await repo.updateRequest(tx, id, {
      transfer_area_id: target.id,
      transfer_path: target.path,
      transfer_group_id: group?.id ?? null,
      transfer_reason: input.reason,
      transfer_refused_reason: null,
    });
    await tasks.createTasks(tx, [
      {
        type: 'help_transfer',
        title: `求助转办：${row.code} 请接收或退回`,
        titleKey: 'helpTransfer',
        titleParams: { code: row.code },
        subjectKind: 'help_transfer',
        subjectId: id,
        areaId: target.id,
        areaPath: target.path,
        assigneeRole: group ? null : 'cadre',
        assigneeGroupId: group?.id ?? null,
        dueAt: row.due_at,
        priority: 'high',
        createdBy: ctx.actor.userId,
      },
    ]);
    await audit(tx, ctx, {
      entity: 'help_request',
      action: 'transfer',
      entityId: id,
      areaPath: row.area_path,
      after: { toAreaId: target.id, toGroupId: group?.id ?? null, reason: input.reason },
    });
  });
  return toDetail((await repo.findRequest(ctx.db, ctx.actor.scope, id))!);
}

/** The receiving office decides: only someone whose scope covers the target area. */
async function pending(ctx: Ctx, id: number) {
  const r = await mustRequest(ctx, id);
  if (!r.transfer_path || !pathInScope(ctx.actor.scope, r.transfer_path)) {
    if (!r.transfer_path && pathInScope(ctx.actor.scope, r.area_path)) throw conflict('HELP_NO_TRANSFER');
    throw notFound();
  }
  return r;
}

export async function accept(ctx: Ctx, id: number) {
  await pending(ctx, id);
  await ctx.db.tx(async (tx) => {
    const row = await repo.lockRequest(tx, id);
    if (!row.transfer_area_id || !row.transfer_path) throw conflict('HELP_NO_TRANSFER');
    await repo.updateRequest(tx, id, {
      area_id: row.transfer_area_id,
      area_path: row.transfer_path,
      transfer_area_id: null,
      transfer_path: null,
      transfer_group_id: null,
      transfer_reason: null,
    });
    await tasks.closeForSubject(tx, 'help_transfer', id, ctx.actor.userId);
    await audit(tx, ctx, {
      entity: 'help_request',
      action: 'transfer_accept',
      entityId: id,
      areaPath: row.transfer_path,
      before: { areaId: row.area_id },
      after: { areaId: row.transfer_area_id },
    });
  });
  return toDetail((await repo.findRequest(ctx.db, ctx.actor.scope, id))!);
}

export async function refuse(ctx: Ctx, id: number, reason: string) {
  const r = await pending(ctx, id);
  await ctx.db.tx(async (tx) => {
    const row = await repo.lockRequest(tx, id);
    if (!row.transfer_area_id) throw conflict('HELP_NO_TRANSFER');
    await repo.updateRequest(tx, id, {
      transfer_area_id: null,
      transfer_path: null,
      transfer_group_id: null,
      transfer_reason: null,
      transfer_refused_reason: reason,
    });
    await tasks.closeForSubject(tx, 'help_transfer', id, ctx.actor.userId);
    await audit(tx, ctx, {
      entity: 'help_request',
      action: 'transfer_refuse',
      entityId: id,
      areaPath: row.area_path,
      after: { toAreaId: row.transfer_area_id, reason },
    });
  });
  // The refusing office no longer sees it unless its scope covers the request's own office.
  return toDetail((await repo.findRequest(ctx.db, ctx.actor.scope, id)) ?? r);
}
