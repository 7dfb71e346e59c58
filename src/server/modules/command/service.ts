import type { z } from 'zod';
import type { GROUP_KINDS, groupBody, groupPatch, membersBody } from '../../../domain/command/api';

type GroupKind = (typeof GROUP_KINDS)[number];
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, notFound } from '../../platform/errors';
import { areaTree } from '../areas';
import { openTasksOfUsers } from '../tasks';
import { findInScope as findUserInScope } from '../users';
import * as repo from './repo';

/**
 * The command center's standing bodies (指挥部的常设机构): a group is set up at an area with its kind, duties and
 * dates; its members are users of that area, above it (a county leader heading a town's task force) within the
 * caller's reach, or below it. Its page gathers the open tasks of its members under its area.
 */
async function areaInScope(ctx: Ctx, id: number, field: string) {
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, id);
  if (!area) throw badRequest('VALIDATION_FAILED', {}, { [field]: 'not_found' });
  return area;
}

const toGroup = (g: repo.GroupRow) => ({
  id: g.id,
  kind: g.kind as GroupKind,
  name: g.name,
  duties: g.duties,
  areaId: g.area_id,
  areaName: g.area_name,
  startsOn: g.starts_on,
  endsOn: g.ends_on,
  active: g.active,
  memberCount: g.member_count,
  leadName: g.lead_name,
});

export async function listGroups(ctx: Ctx, p: { under?: number; kind?: string; active?: 'true' | 'false'; limit: number; offset: number }) {
  const underPath = p.under ? (await areaInScope(ctx, p.under, 'under')).path : undefined;
  const active = p.active === undefined ? undefined : p.active === 'true';
  const { rows, total } = await repo.listGroups(ctx.db, ctx.actor.scope, ctx.today, { ...p, underPath, active });
  return { items: rows.map(toGroup), total };
}

export async function getGroup(ctx: Ctx, id: number) {
  const g = await repo.findGroup(ctx.db, ctx.actor.scope, id, ctx.today);
  if (!g) throw notFound();
  const members = await repo.membersOf(ctx.db, id);
  const work = await openTasksOfUsers(ctx.db, ctx.actor.scope, { groupId: id, userIds: members.map((m) => m.user_id), underPath: g.area_path, limit: 50 });
  return {
    ...toGroup(g),
    members: members.map((m) => ({ userId: m.user_id, name: m.name, areaName: m.area_name, role: m.role, duty: m.duty })),
    openTasks: work.rows.map((t) => ({
      id: t.id,
      title: t.title,
      titleKey: t.title_key,
      titleParams: t.title_params,
      assigneeName: t.assignee_name,
      toGroup: t.to_group,
      dueAt: t.due_at,
      overdue: t.overdue,
    })),
    openTaskCount: work.total,
  };
}

export async function createGroup(ctx: Ctx, b: z.infer<typeof groupBody>) {
  const area = await areaInScope(ctx, b.areaId, 'areaId');
  if (b.endsOn && b.endsOn < b.startsOn) throw badRequest('VALIDATION_FAILED', {}, { endsOn: 'before_start' });
  const id = await ctx.db.tx(async (tx) => {
    const made = await repo.insertGroup(tx, {
      ...b,
      duties: b.duties || null,
      endsOn: b.endsOn ?? null,
      areaId: area.id,
      areaPath: area.path,
      by: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      action: 'create',
      entity: 'command_group',
      entityId: made,
      areaPath: area.path,
      after: { kind: b.kind, name: b.name, startsOn: b.startsOn, endsOn: b.endsOn },
    });
    return made;
  });
  return getGroup(ctx, id);
}

export async function updateGroup(ctx: Ctx, id: number, b: z.infer<typeof groupPatch>) {
  const g = await repo.findGroup(ctx.db, ctx.actor.scope, id, ctx.today);
  if (!g) throw notFound();
  if (b.endsOn && b.endsOn < g.starts_on) throw badRequest('VALIDATION_FAILED', {}, { endsOn: 'before_start' });
  await ctx.db.tx(async (tx) => {
    await repo.updateGroup(tx, id, { ...b, duties: b.duties === undefined ? undefined : b.duties || null });
    await audit(tx, ctx, { action: 'update', entity: 'command_group', entityId: id, areaPath: g.area_path, after: b });
  });
  return getGroup(ctx, id);
}

export async function setMembers(ctx: Ctx, id: number, b: z.infer<typeof membersBody>) {
  const g = await repo.findGroup(ctx.db, ctx.actor.scope, id, ctx.today);
  if (!g) throw notFound();
  const members: { userId: number; areaPath: string; role: string; duty: string | null }[] = [];
  for (const [i, m] of b.members.entries()) {
    const user = await findUserInScope(ctx.db, ctx.actor.scope, m.userId);
    // A member works at the group's area, above it or below it — not in a sibling area.
    const related = user && (g.area_path.startsWith(user.area_path) || user.area_path.startsWith(g.area_path));
    if (!user || !related) throw badRequest('VALIDATION_FAILED', {}, { [`members.${i}.userId`]: 'not_found' });
    members.push({ userId: user.id, areaPath: g.area_path, role: m.role, duty: m.duty || null });
  }
  await ctx.db.tx(async (tx) => {
    await repo.replaceMembers(tx, id, members);
    await audit(tx, ctx, {
      action: 'set_members',
      entity: 'command_group',
      entityId: id,
      areaPath: g.area_path,
      after: { members: members.map((m) => ({ userId: m.userId, role: m.role })) },
    });
  });
  return getGroup(ctx, id);
}
