import type { RosterRequest } from '../../../domain/checkpoints/api-requests';
import { OPEN_REQUEST_STATUSES, type RosterRequestAction, type STAFF_ROLES, requestActions } from '../../../domain/checkpoints/kinds';
import type { RosterRequestInput } from '../../../domain/checkpoints/schemas';
import type { TaskTitleKey, TaskTitleParams } from '../../../domain/tasks/titles';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { pathInScope } from '../../platform/scope';
import { areaTree } from '../areas';
import { closeForSubject, createTasks } from '../tasks';
import { rosterCandidates } from '../volunteers';
import * as duty from './duty-repo';
import * as repo from './requests-repo';
import { rolesOf } from './roster-data';
import { handEditWarnings } from './roster-warnings';

/**
 * Swap and leave requests (issue 15, point 3). A swap: the requester names one of their shifts and a colleague;
 * the colleague accepts (or declines), then a cadre of the area approves (the assignment moves to the colleague) or
 * refuses. Leave: one shift or a range of days; a cadre approves (the shifts become gaps on the board, which the
 * next fill may fill with others — the requester is busy then) or refuses. Refusing, declining and withdrawing
 * change nothing on the roster. Each step is one audited transaction, with its task in the next party's inbox.
 */
const SUBJECT_ASK = 'checkpoint_swap_ask';
const SUBJECT_APPROVE = 'checkpoint_roster_request';
const TASK_TYPE = 'checkpoint_roster_request';

export function requestView(r: repo.RequestRow, warnings: RosterRequest['warnings'] = []) {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    requesterId: r.requester_id,
    requesterName: r.requester_name,
    colleagueId: r.colleague_id,
    colleagueName: r.colleague_name,
    areaId: r.area_id,
    areaName: r.area_name,
    shifts: r.shifts.map((s) => ({ ...s, role: s.role as (typeof STAFF_ROLES)[number] })),
    fromDay: r.from_day,
    toDay: r.to_day,
    reason: r.reason,
    decisionNote: r.decision_note,
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at,
    createdAt: r.created_at,
    warnings,
  };
}

/** The deepest area holding every one of the paths (`/1/5/23/` → ids), with its id. */
function commonArea(paths: string[]): { areaId: number; areaPath: string } {
  const split = paths.map((p) => p.split('/').filter(Boolean));
  const common: string[] = [];
  for (let i = 0; split.every((s) => i < s.length && s[i] === split[0][i]); i++) common.push(split[0][i]);
  return { areaId: Number(common[common.length - 1]), areaPath: `/${common.join('/')}/` };
}

const shiftOf = (a: duty.AssignmentRow): repo.RequestShift => ({
  assignmentId: a.id,
  postId: a.post_id,
  postName: a.post_name,
  day: a.day,
  shiftCode: a.shift_code,
  shiftName: a.shift_name,
  startsAt: new Date(a.starts_at).toISOString(),
  endsAt: new Date(a.ends_at).toISOString(),
  role: a.role,
});

function refuseStarted(
  shifts: { starts_at: Date | string; post_name?: string; postName?: string; day: string; shift_name?: string; shift_code: string }[],
  now: Date,
) {
  const started = shifts.find((s) => new Date(s.starts_at).getTime() <= now.getTime());
  if (started)
    throw conflict(
      'SHIFT_STARTED',
      { post: started.post_name ?? started.postName ?? '', day: started.day, shift: started.shift_name ?? started.shift_code },
      { assignmentId: 'started' },
    );
}

export async function createRequest(ctx: Ctx, b: RosterRequestInput, timeZone: string, now = new Date()) {
  const me = ctx.actor.userId;
  const mine = b.assignmentId
    ? await duty.assignmentsOfUser(ctx.db, me, { id: b.assignmentId })
    : await duty.assignmentsOfUser(ctx.db, me, { from: b.fromDay, to: b.toDay });
  // Someone else's shift, or none: named like a missing one.
  if (b.assignmentId && !mine.length) throw badRequest('VALIDATION_FAILED', {}, { assignmentId: 'not_found' });
  if (!mine.length) throw badRequest('NO_SHIFTS_IN_RANGE', { from: b.fromDay, to: b.toDay }, { fromDay: 'no_shifts' });
  refuseStarted(mine, now);
  let colleague: Awaited<ReturnType<typeof duty.staffInScope>> = null;
  if (b.kind === 'swap') {
    if (b.colleagueId === me) throw badRequest('VALIDATION_FAILED', {}, { colleagueId: 'same_person' });
    colleague = await duty.staffInScope(ctx.db, ctx.actor.scope, b.colleagueId!);
    if (!colleague) throw badRequest('VALIDATION_FAILED', {}, { colleagueId: 'not_found' });
  }
  const { areaId, areaPath } = commonArea(mine.map((a) => a.area_path));
  const shifts = mine.map(shiftOf);
  const first = shifts[0];
  const id = await ctx.db.tx(async (tx) => {
    const made = await repo.insertRequest(tx, {
      kind: b.kind,
      requesterId: me,
      colleagueId: colleague?.id ?? null,
      areaId,
      areaPath,
      shifts,
      fromDay: b.assignmentId ? null : (b.fromDay ?? null),
      toDay: b.assignmentId ? null : (b.toDay ?? null),
      reason: b.reason ?? null,
    });
    if ('duplicateOf' in made) throw conflict('ROSTER_REQUEST_DUPLICATE', { id: made.duplicateOf }, { assignmentId: 'duplicate' });
    if (colleague) {
      const params = { name: ctx.actor.displayName, post: first.postName, day: first.day, shift: first.shiftName };
      await createTasks(tx, [
        {
          type: TASK_TYPE,
          title: `换班请求：${params.name} 请您替 ${params.post} ${params.day} ${params.shift}`,
          titleKey: 'swapAsked',
          titleParams: params,
          subjectKind: SUBJECT_ASK,
          subjectId: made.id,
          // The colleague's own area: their inbox shows tasks inside their scope, which may lie below the post's.
          areaId: colleague.area_id,
          areaPath: colleague.area_path,
          assigneeUserId: colleague.id,
          dueAt: first.startsAt,
          priority: 'high',
          createdBy: me,
        },
      ]);
    } else await askApproval(tx, { id: made.id, kind: 'leave', areaId, areaPath, shifts, requester: ctx.actor.displayName, colleague: null, by: me });
    await audit(tx, ctx, {
      action: 'create',
      entity: 'checkpoint_roster_request',
      entityId: made.id,
      areaPath,
      after: { kind: b.kind, assignmentIds: shifts.map((s) => s.assignmentId), colleagueId: colleague?.id ?? null, fromDay: b.fromDay, toDay: b.toDay },
    });
    return made.id;
  });
  const row = (await repo.findRequest(ctx.db, id, { requester: me }))!;
  return requestView(row, await previewWarnings(ctx, row, timeZone));
}

/** The approval task for the cadres of the request's area (role `cadre`), due when its first shift starts. */
async function askApproval(
  tx: Parameters<typeof createTasks>[0],
  r: {
    id: number;
    kind: 'swap' | 'leave';
    areaId: number;
    areaPath: string;
    shifts: repo.RequestShift[];
    requester: string;
    colleague: string | null;
    by: number;
  },
) {
  const first = r.shifts[0];
  const last = r.shifts[r.shifts.length - 1];
  const task: { title: string; titleKey: TaskTitleKey; titleParams: TaskTitleParams } =
    r.kind === 'swap'
      ? {
          title: `换班待审批：${first.postName} ${first.day} ${first.shiftName}，${r.requester} 换给 ${r.colleague}`,
          titleKey: 'swapApprove' as const,
          titleParams: { post: first.postName, day: first.day, shift: first.shiftName, name: r.requester, colleague: r.colleague ?? '' },
        }
      : {
          title: `请假待审批：${r.requester} ${first.day}–${last.day}，共 ${r.shifts.length} 个班次`,
          titleKey: 'leaveApprove' as const,
          titleParams: { name: r.requester, from: first.day, to: last.day, count: r.shifts.length },
        };
  await createTasks(tx, [
    {
      type: TASK_TYPE,
      ...task,
      subjectKind: SUBJECT_APPROVE,
      subjectId: r.id,
      areaId: r.areaId,
      areaPath: r.areaPath,
      assigneeRole: 'cadre',
      dueAt: first.startsAt,
      priority: 'high',
      createdBy: r.by,
    },
  ]);
}

/** For a swap still open: the rules the colleague would break by taking the shift. */
async function previewWarnings(ctx: Ctx, r: repo.RequestRow, timeZone: string): Promise<RosterRequest['warnings']> {
  if (r.kind !== 'swap' || !r.colleague_id || !OPEN_REQUEST_STATUSES.includes(r.status)) return [];
  const s = r.shifts[0];
  return handEditWarnings(ctx.db, ctx.actor.scope, {
    userId: r.colleague_id,
    postId: s.postId,
    day: s.day,
    shiftCode: s.shiftCode,
    timeZone,
    taking: s.assignmentId,
  });
}

export async function listRequests(ctx: Ctx, q: { under?: number; status: string; from?: string; limit: number; offset: number }, timeZone: string) {
  let underPath: string | undefined;
  if (q.under) {
    const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, q.under);
    if (!area) throw badRequest('VALIDATION_FAILED', {}, { under: 'not_found' });
    underPath = area.path;
  }
  const { rows, total } = await repo.listRequests(ctx.db, ctx.actor.scope, { ...q, underPath });
  const items = [];
  for (const r of rows) items.push(requestView(r, await previewWarnings(ctx, r, timeZone)));
  return { items, total };
}

/** The colleagues a swap may name: the fill's candidates in my scope who may fill the shift's role, not me. */
export async function colleaguesFor(ctx: Ctx, assignmentId: number) {
  const [mine] = await duty.assignmentsOfUser(ctx.db, ctx.actor.userId, { id: assignmentId });
  if (!mine) throw badRequest('VALIDATION_FAILED', {}, { assignmentId: 'not_found' });
  const list = await rosterCandidates(ctx.db, ctx.actor.scope, { from: mine.day, to: mine.day });
  return {
    items: list.filter((c) => c.user_id !== ctx.actor.userId && rolesOf(c).includes(mine.role)).map((c) => ({ userId: c.user_id, name: c.name })),
  };
}

export async function myRequests(ctx: Ctx) {
  const { made, asked } = await repo.requestsOfUser(ctx.db, ctx.actor.userId);
  return { made: made.map((r) => requestView(r)), asked: asked.map((r) => requestView(r)) };
}

/** Who may take each action: the named colleague, the requester, or a cadre whose scope holds the request's area. */
const REACH: Record<RosterRequestAction, (ctx: Ctx) => repo.Reach> = {
  accept: (ctx) => ({ colleague: ctx.actor.userId }),
  decline: (ctx) => ({ colleague: ctx.actor.userId }),
  withdraw: (ctx) => ({ requester: ctx.actor.userId }),
  approve: (ctx) => ({ scope: ctx.actor.scope }),
  refuse: (ctx) => ({ scope: ctx.actor.scope }),
};
const NEXT: Record<RosterRequestAction, repo.RequestRow['status']> = {
  accept: 'accepted_by_colleague',
  decline: 'refused',
  withdraw: 'withdrawn',
  approve: 'approved',
  refuse: 'refused',
};

export async function decide(ctx: Ctx, id: number, action: RosterRequestAction, note: string | undefined, timeZone: string, now = new Date()) {
  const r = await repo.findRequest(ctx.db, id, REACH[action](ctx));
  if (!r) throw notFound();
  if (!requestActions(r.kind, r.status).includes(action)) throw conflict('ROSTER_REQUEST_STATE');
  const cadreAction = action === 'approve' || action === 'refuse';
  // Nobody approves their own request, though their scope would reach it.
  if (cadreAction && r.requester_id === ctx.actor.userId) throw forbidden('ROSTER_REQUEST_OWN');
  if (action === 'approve' || action === 'accept')
    refuseStarted(
      r.shifts.map((s) => ({ ...s, starts_at: s.startsAt, shift_code: s.shiftCode, shift_name: s.shiftName })),
      now,
    );
  const from = requestActions(r.kind, 'pending').includes(action) ? ['pending'] : [];
  if (requestActions(r.kind, 'accepted_by_colleague').includes(action)) from.push('accepted_by_colleague');
  await ctx.db.tx(async (tx) => {
    const moved = await repo.setStatus(tx, {
      id,
      from,
      to: NEXT[action],
      by: ctx.actor.userId,
      note: note ?? null,
      decided: action !== 'accept' && action !== 'withdraw',
    });
    if (!moved) throw conflict('ROSTER_REQUEST_STATE');
    if (action === 'approve') await applyApproval(ctx, tx, r, now);
    if (action === 'accept') {
      await closeForSubject(tx, SUBJECT_ASK, id, ctx.actor.userId);
      await askApproval(tx, {
        ...r,
        kind: 'swap',
        areaId: r.area_id,
        areaPath: r.area_path,
        requester: r.requester_name,
        colleague: r.colleague_name,
        by: ctx.actor.userId,
      });
    } else {
      await closeForSubject(tx, SUBJECT_ASK, id, ctx.actor.userId);
      await closeForSubject(tx, SUBJECT_APPROVE, id, ctx.actor.userId);
    }
    await audit(tx, ctx, {
      action,
      entity: 'checkpoint_roster_request',
      entityId: id,
      areaPath: r.area_path,
      before: { status: r.status },
      after: { status: NEXT[action], ...(note ? { note } : {}) },
    });
  });
  const reach: repo.Reach = pathInScope(ctx.actor.scope, r.area_path) ? { scope: ctx.actor.scope } : REACH[action](ctx);
  const after = (await repo.findRequest(ctx.db, id, reach))!;
  if (action === 'approve' && r.kind === 'swap') {
    const s = r.shifts[0];
    const warnings = await handEditWarnings(ctx.db, ctx.actor.scope, {
      userId: r.colleague_id!,
      postId: s.postId,
      day: s.day,
      shiftCode: s.shiftCode,
      timeZone,
    });
    return requestView(after, warnings);
  }
  return requestView(after, await previewWarnings(ctx, after, timeZone));
}

/**
 * The roster change of an approval, inside its transaction. The shifts are read again, locked: one taken away, moved or
 * checked in since the request was made is told (409) rather than changed blindly; a swap that would put the
 * colleague in two places at once is refused like a hand edit (409 naming the other place).
 */
async function applyApproval(ctx: Ctx, tx: Parameters<typeof repo.currentAssignments>[0], r: repo.RequestRow, now: Date) {
  const current = await repo.currentAssignments(tx, r.assignment_ids);
  const stillMine = current.filter((a) => a.user_id === r.requester_id && !a.checked_in_at);
  const byId = new Map(r.shifts.map((s) => [s.assignmentId, s]));
  const started = stillMine.find((a) => new Date(a.starts_at).getTime() <= now.getTime());
  if (started) {
    const s = byId.get(started.id)!;
    throw conflict('SHIFT_STARTED', { post: s.postName, day: s.day, shift: s.shiftName }, { assignmentId: 'started' });
  }
  if (r.kind === 'leave') {
    // Shifts taken off the requester by hand meanwhile are already free: the rest become gaps.
    if (stillMine.length)
      await repo.deleteAssignments(
        tx,
        stillMine.map((a) => a.id),
      );
    return;
  }
  if (!stillMine.length) throw conflict('ROSTER_REQUEST_STALE');
  const moved = await repo.moveAssignment(tx, { id: stillMine[0].id, toUserId: r.colleague_id!, by: ctx.actor.userId });
  if ('clash' in moved) {
    const other = pathInScope(ctx.actor.scope, moved.clash.area_path) ? moved.clash.post_name : ctx.lang === 'en' ? 'another post' : '其他卡点';
    throw conflict('SHIFT_OVERLAP', { name: r.colleague_name, post: other, day: moved.clash.day, shift: moved.clash.shift_code }, { colleagueId: 'overlap' });
  }
}
