import type { CreateTaskInput, ReassignInput } from '../../../domain/tasks/api';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, notFound } from '../../platform/errors';
import { areaTree } from '../areas';
import { groupAddressee } from '../command';
import * as users from '../users';
import * as teams from '../volunteers';
import * as repo from './repo';
import { callNumber, withPeople } from './task-people';
import { toTaskView } from './view';

/** The task inbox: my work today, supervisors' lists and counts, hand-made tasks, reassignment, completion. */

/** Start of the local day after `today` in `timeZone`, as an instant (ISO). */
export async function startOfTomorrow(ctx: Ctx, timeZone: string): Promise<string> {
  const [{ at }] = await ctx.db.query<{ at: Date }>(`SELECT (($1::date + 1)::timestamp AT TIME ZONE $2::text) AS at`, [ctx.today, timeZone]);
  return new Date(at).toISOString();
}

/**
 * How far ahead "my work today" looks: at least to the end of the local day, and never less than this many hours —
 * a retest due two hours after a positive at 22:30 falls after midnight, and the worker must still see it tonight.
 */
const LOOK_AHEAD_HOURS = 12;

export async function mine(ctx: Ctx, timeZone: string, all: boolean) {
  const endOfDay = all ? null : await startOfTomorrow(ctx, timeZone);
  const ahead = new Date(Date.now() + LOOK_AHEAD_HOURS * 3600_000).toISOString();
  const until = endOfDay && endOfDay > ahead ? endOfDay : endOfDay && ahead;
  return { items: await withPeople(ctx, (await repo.mine(ctx.db, ctx.actor, until)).map(toTaskView)) };
}

async function underPath(ctx: Ctx, under: number | undefined, field = 'under') {
  if (!under) return undefined;
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, under);
  if (!area) throw badRequest('VALIDATION_FAILED', {}, { [field]: 'not_found' });
  return area.path;
}

export async function list(
  ctx: Ctx,
  p: {
    under?: number;
    status?: string;
    type?: string;
    assigneeUserId?: number;
    assigneeGroupId?: number;
    overdue?: boolean;
    page: number;
    pageSize: number;
  },
) {
  const { rows, total } = await repo.list(ctx.db, ctx.actor.scope, { ...p, underPath: await underPath(ctx, p.under) });
  return { items: await withPeople(ctx, rows.map(toTaskView)), total };
}

export async function counts(ctx: Ctx, p: { under?: number; by: 'area' | 'person' }) {
  const path = (await underPath(ctx, p.under)) ?? ctx.actor.scope.path;
  const rows = await repo.counts(ctx.db, ctx.actor.scope, { underPath: path, by: p.by });
  const items = [];
  for (const r of rows) {
    let name: string | null = null;
    if (p.by === 'area' && r.key) name = (await areaTree.findInScope(ctx.db, ctx.actor.scope, Number(r.key)))?.name ?? null;
    if (p.by === 'person' && /^\d+$/.test(r.key)) name = (await users.findInScope(ctx.db, ctx.actor.scope, Number(r.key)))?.display_name ?? null;
    items.push({ key: r.key, name, open: r.open, overdue: r.overdue, done: r.done });
  }
  return { items };
}

/**
 * The assignee named in a body: a user or a team in scope, a role, or a command group in scope, not stood down,
 * whose area holds every task's area (`paths`) — its members act on the group's work there.
 */
async function assigneeOf(ctx: Ctx, b: { assigneeUserId?: number; assigneeTeamId?: number; assigneeRole?: string; assigneeGroupId?: number }, paths: string[]) {
  if (b.assigneeUserId && !(await users.findInScope(ctx.db, ctx.actor.scope, b.assigneeUserId)))
    throw badRequest('VALIDATION_FAILED', {}, { assigneeUserId: 'not_found' });
  if (b.assigneeTeamId && !(await teams.findTeam(ctx.db, ctx.actor.scope, b.assigneeTeamId)))
    throw badRequest('VALIDATION_FAILED', {}, { assigneeTeamId: 'not_found' });
  if (b.assigneeGroupId) await groupAddressee(ctx, b.assigneeGroupId, 'assigneeGroupId', paths);
  return { userId: b.assigneeUserId ?? null, teamId: b.assigneeTeamId ?? null, role: b.assigneeRole ?? null, groupId: b.assigneeGroupId ?? null };
}

export async function create(ctx: Ctx, b: CreateTaskInput) {
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, b.areaId);
  if (!area || area.archived) throw badRequest('VALIDATION_FAILED', {}, { areaId: 'not_found' });
  const a = await assigneeOf(ctx, b, [area.path]);
  const id = await ctx.db.tx(async (tx) => {
    const [id] = await repo.createTasks(tx, [
      {
        type: 'manual',
        title: b.title,
        areaId: area.id,
        areaPath: area.path,
        assigneeUserId: a.userId,
        assigneeTeamId: a.teamId,
        assigneeRole: a.role,
        assigneeGroupId: a.groupId,
        dueAt: b.dueAt ?? null,
        priority: b.priority,
        createdBy: ctx.actor.userId,
      },
    ]);
    await audit(tx, ctx, { action: 'create', entity: 'task', entityId: id, areaPath: area.path, after: b });
    return id;
  });
  return toTaskView((await repo.findTask(ctx.db, ctx.actor.scope, id))!);
}

export async function reassign(ctx: Ctx, b: ReassignInput) {
  const ids = [...new Set(b.taskIds)];
  const found = await repo.findTasks(ctx.db, ctx.actor.scope, ids);
  if (found.length !== ids.length) throw notFound();
  const a = await assigneeOf(
    ctx,
    b,
    found.map((t) => t.area_path),
  );
  const updated = await ctx.db.tx(async (tx) => {
    const n = await repo.reassign(tx, ids, a);
    for (const t of found) await audit(tx, ctx, { action: 'reassign', entity: 'task', entityId: t.id, areaPath: t.area_path, after: a });
    return n;
  });
  return { updated };
}

/** The assignee works on their own tasks; a task manager on any in scope. */
async function mustWorkable(ctx: Ctx, id: number) {
  const t = await repo.findTask(ctx.db, ctx.actor.scope, id);
  if (!t) throw notFound();
  if (!ctx.actor.permissions.has('tasks.manage') && !(await repo.isMine(ctx.db, ctx.actor, id))) throw notFound();
  if (t.status === 'done' || t.status === 'failed') throw conflict('TASK_CLOSED');
  return t;
}

/**
 * Tasks about a household of a door-to-door campaign (visit, revisit) are closed by the visit itself — visited,
 * nobody home or refused — never by a bare "done" or "not possible": that left the household unvisited and owned
 * by nobody. They may still be started and reassigned.
 */
const CLOSED_BY_SUBJECT = new Map([
  ['screening_target', 'TASK_NEEDS_VISIT'],
  // Rectification (整改) is worked on its order (inspections module): the unit reports it done, a re-inspection closes it.
  ['inspection_rectification', 'TASK_NEEDS_REINSPECTION'],
  ['inspection_reinspection', 'TASK_NEEDS_REINSPECTION'],
  ['inspection_escalation', 'TASK_NEEDS_REINSPECTION'],
  // A disinfection job (field work module) is done when it is recorded, with its area and photos.
  ['disinfection_job', 'TASK_NEEDS_DISINFECTION_RECORD'],
  // A care call (help module) ends with its outcome on the day's list: a bare done left it counted as never called.
  ['help_outreach_call', 'TASK_NEEDS_OUTREACH_OUTCOME'],
]);

export async function transition(ctx: Ctx, id: number, to: 'in_progress' | 'done' | 'failed', extra: { reason?: string; note?: string } = {}) {
  const t = await mustWorkable(ctx, id);
  const closedBy = t.subject_kind ? CLOSED_BY_SUBJECT.get(t.subject_kind) : undefined;
  if (to !== 'in_progress' && closedBy) throw conflict(closedBy);
  await ctx.db.tx(async (tx) => {
    await repo.setStatus(tx, id, { status: to, reason: extra.reason, note: extra.note, by: ctx.actor.userId });
    await audit(tx, ctx, {
      action: to === 'in_progress' ? 'start' : to === 'done' ? 'complete' : 'fail',
      entity: 'task',
      entityId: id,
      areaPath: t.area_path,
      before: { status: t.status },
      after: { status: to, ...extra },
    });
  });
  return toTaskView((await repo.findTask(ctx.db, ctx.actor.scope, id))!);
}

/** The number to ring for an open task about a person: the assignee's (or a task manager's), audited as a reveal. */
export async function call(ctx: Ctx, id: number) {
  return callNumber(ctx, await mustWorkable(ctx, id));
}
