import type { CreateOrgInput, MoveOrgInput, UpdateOrgInput } from '../../../domain/volunteers/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, ruleViolation } from '../../platform/errors';
import { fail, mustOrg, newToken, placeArea, volunteersIn } from './checks';
import * as repo from './repo';
import { toOrgView } from './view';

/** Party organisations: who serves in which committee, branch or temporary branch. */

const showToken = (ctx: Ctx) => ctx.actor.permissions.has('party.manage') || ctx.actor.permissions.has('enlist.approve');

export async function listOrgs(ctx: Ctx, p: { under?: number; kind?: string; includeClosed?: boolean }) {
  const underPath = p.under ? (await placeArea(ctx, p.under, 'under')).path : undefined;
  const rows = await repo.listOrgs(ctx.db, ctx.actor.scope, { ...p, underPath });
  return { items: rows.map((o) => toOrgView(o, showToken(ctx))) };
}

export async function getOrg(ctx: Ctx, id: number) {
  const o = await mustOrg(ctx, id);
  const members = await repo.orgMembers(ctx.db, id);
  return {
    ...toOrgView(o, showToken(ctx)),
    members: members.map((m) => ({
      volunteerId: m.volunteer_id,
      name: m.name,
      category: m.category,
      kind: m.kind,
      role: m.role,
      joinedOn: m.joined_on,
      leftOn: m.left_on,
    })),
  };
}

export async function createOrg(ctx: Ctx, input: CreateOrgInput) {
  const area = await placeArea(ctx, input.areaId, 'areaId');
  const fields: Record<string, string> = {};
  if (input.parentId) {
    const parent = await repo.findOrg(ctx.db, ctx.actor.scope, input.parentId);
    if (!parent) fields.parentId = 'not_found';
    else if (parent.kind !== 'committee') fields.parentId = 'not_committee';
    else if (!area.path.startsWith(parent.area_path)) fields.areaId = 'outside_parent';
  }
  if (input.kind === 'temporary_branch') {
    if (!input.place) fields.place = 'required';
    if (!input.startsOn) fields.startsOn = 'required';
  }
  if (input.startsOn && input.endsOn && input.endsOn < input.startsOn) fields.endsOn = 'too_small';
  fail(fields);
  const row = {
    parentId: input.parentId ?? null,
    kind: input.kind,
    name: input.name,
    areaId: area.id,
    areaPath: area.path,
    place: input.place ?? null,
    startsOn: input.startsOn ?? null,
    endsOn: input.endsOn ?? null,
    token: newToken(),
    notes: input.notes ?? null,
  };
  const id = await ctx.db.tx(async (tx) => {
    const id = await repo.insertOrg(tx, row);
    await audit(tx, ctx, { action: 'create', entity: 'party_org', entityId: id, areaPath: area.path, after: { ...row, token: undefined } });
    return id;
  });
  return getOrg(ctx, id);
}

export async function updateOrg(ctx: Ctx, id: number, input: UpdateOrgInput) {
  const o = await mustOrg(ctx, id);
  const fields: Record<string, string> = {};
  if (input.secretaryId && !(await repo.isOpenMember(ctx.db, id, input.secretaryId))) fields.secretaryId = 'not_member';
  if (input.endsOn && o.starts_on && input.endsOn < o.starts_on) fields.endsOn = 'too_small';
  fail(fields);
  const before = { name: o.name, place: o.place, endsOn: o.ends_on, notes: o.notes, secretaryId: o.secretary_id };
  const next = {
    name: input.name ?? o.name,
    place: input.place === undefined ? o.place : input.place,
    endsOn: input.endsOn === undefined ? o.ends_on : input.endsOn,
    notes: input.notes === undefined ? o.notes : input.notes,
    secretaryId: input.secretaryId === undefined ? o.secretary_id : input.secretaryId,
  };
  if (o.kind === 'temporary_branch' && !next.place) throw badRequest('VALIDATION_FAILED', {}, { place: 'required' });
  await ctx.db.tx(async (tx) => {
    await repo.updateOrg(tx, id, next);
    if (next.secretaryId && next.secretaryId !== o.secretary_id) {
      await tx.query("UPDATE party_memberships SET role = 'secretary' WHERE org_id = $1 AND volunteer_id = $2 AND left_on IS NULL", [id, next.secretaryId]);
    }
    await audit(tx, ctx, { action: 'update', entity: 'party_org', entityId: id, areaPath: o.area_path, before, after: next });
  });
  return getOrg(ctx, id);
}

/**
 * Moves an organisation under another committee (or to the top), its subtree with it: the children
 * keep pointing at it. With `areaId` it is also bound to another area; its own memberships and
 * enlistments, which carry its path, follow in the same transaction. Both places must be in the
 * caller's scope, and so must its present parent; a committee cannot go under itself or its own subtree; an organisation's area lies
 * within its parent's, and its children's within its own.
 */
export async function moveOrg(ctx: Ctx, id: number, input: MoveOrgInput) {
  const o = await mustOrg(ctx, id);
  mustBeOpen(o);
  // Under a committee above the caller's scope, it is part of a structure only that level rearranges.
  if (o.parent_id && !(await repo.findOrg(ctx.db, ctx.actor.scope, o.parent_id))) throw ruleViolation('ORG_PARENT_OUTSIDE', { name: o.name });
  const area = input.areaId && input.areaId !== o.area_id ? await placeArea(ctx, input.areaId, 'areaId') : { id: o.area_id, path: o.area_path };
  const fields: Record<string, string> = {};
  if (input.parentId !== null) {
    const parent = await repo.findOrg(ctx.db, ctx.actor.scope, input.parentId);
    if (!parent) fields.parentId = 'not_found';
    else if (parent.id === id || (await repo.orgSubtreeIds(ctx.db, id)).includes(parent.id)) fields.parentId = 'inside_itself';
    else if (parent.kind !== 'committee') fields.parentId = 'not_committee';
    else if (parent.closed_at) fields.parentId = 'closed';
    else if (!area.path.startsWith(parent.area_path)) fields.areaId = 'outside_parent';
  }
  if (area.id !== o.area_id && !fields.parentId) {
    const children = await repo.childOrgPaths(ctx.db, id);
    if (children.some((c) => !c.startsWith(area.path))) fields.areaId = 'children_outside';
  }
  fail(fields);
  const before = { parentId: o.parent_id, areaId: o.area_id, areaPath: o.area_path };
  const after = { parentId: input.parentId, areaId: area.id, areaPath: area.path };
  await ctx.db.tx(async (tx) => {
    const carried = await repo.moveOrg(tx, id, input.parentId, area);
    await audit(tx, ctx, { action: 'move', entity: 'party_org', entityId: id, areaPath: area.path, before, after: { ...after, ...carried } });
  });
  return getOrg(ctx, id);
}

function mustBeOpen(o: repo.OrgRow) {
  if (o.closed_at) throw ruleViolation('ORG_CLOSED', { name: o.name });
}

export async function drawMembers(ctx: Ctx, id: number, volunteerIds: number[], role: string | undefined) {
  const o = await mustOrg(ctx, id);
  mustBeOpen(o);
  await volunteersIn(ctx, volunteerIds, 'volunteerIds');
  const added = await ctx.db.tx(async (tx) => {
    const added = await repo.addMembers(tx, o, [...new Set(volunteerIds)], role ?? 'member', ctx.today);
    await audit(tx, ctx, {
      action: 'add_members',
      entity: 'party_org',
      entityId: id,
      areaPath: o.area_path,
      after: { volunteerIds, role: role ?? 'member', added },
    });
    return added;
  });
  return { added, org: await getOrg(ctx, id) };
}

export async function leaveMembers(ctx: Ctx, id: number, volunteerIds: number[]) {
  const o = await mustOrg(ctx, id);
  await volunteersIn(ctx, volunteerIds, 'volunteerIds');
  const ended = await ctx.db.tx(async (tx) => {
    const ended = await repo.endMemberships(tx, id, volunteerIds, ctx.today);
    if (o.secretary_id && volunteerIds.includes(o.secretary_id)) await tx.query('UPDATE party_orgs SET secretary_id = NULL WHERE id = $1', [id]);
    await audit(tx, ctx, { action: 'remove_members', entity: 'party_org', entityId: id, areaPath: o.area_path, after: { volunteerIds, ended } });
    return ended;
  });
  return { ended, org: await getOrg(ctx, id) };
}

/** A temporary branch closes: its memberships end today, its link stops, home memberships stay. */
export async function closeOrg(ctx: Ctx, id: number) {
  const o = await mustOrg(ctx, id);
  mustBeOpen(o);
  if (o.kind !== 'temporary_branch') throw ruleViolation('ORG_NOT_TEMPORARY', { name: o.name });
  await ctx.db.tx(async (tx) => {
    const ended = await repo.closeOrg(tx, id, ctx.today);
    await audit(tx, ctx, {
      action: 'close',
      entity: 'party_org',
      entityId: id,
      areaPath: o.area_path,
      after: { closedOn: ctx.today, membershipsEnded: ended },
    });
  });
  return getOrg(ctx, id);
}

export async function rotateToken(ctx: Ctx, id: number) {
  const o = await mustOrg(ctx, id);
  await ctx.db.tx(async (tx) => {
    await repo.setOrgToken(tx, id, newToken());
    await audit(tx, ctx, { action: 'rotate_token', entity: 'party_org', entityId: id, areaPath: o.area_path });
  });
  return getOrg(ctx, id);
}
