import type { CreatePostInput, CreateTeamInput, UpdatePostInput, UpdateTeamInput } from '../../../domain/volunteers/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, notFound } from '../../platform/errors';
import { fail, optionalVolunteer, placeArea, volunteersIn } from './checks';
import * as repo from './repo';

/** Teams and posts: who works together, who holds which post or responsibility area. */

/** A row still referenced elsewhere (PostgreSQL 23503, the same code on PGlite). */
const isForeignKeyViolation = (e: unknown) => (e as { code?: string })?.code === '23503';

async function mustTeam(ctx: Ctx, id: number) {
  const t = await repo.findTeam(ctx.db, ctx.actor.scope, id);
  if (!t) throw notFound();
  return t;
}

function toTeamView(t: repo.TeamRow) {
  return {
    id: t.id,
    kind: t.kind,
    name: t.name,
    parentId: t.parent_id,
    orgId: t.org_id,
    orgName: t.org_name,
    areaId: t.area_id,
    areaPath: t.area_path,
    areaName: t.area_name,
    leaderId: t.leader_id,
    leaderName: t.leader_name,
    memberCount: t.member_count,
    disbandedAt: t.disbanded_at ? new Date(t.disbanded_at).toISOString() : null,
    notes: t.notes,
  };
}

// ——— teams ———

export async function listTeams(ctx: Ctx, p: { under?: number; kind?: string; orgId?: number }) {
  const underPath = p.under ? (await placeArea(ctx, p.under, 'under')).path : undefined;
  return { items: (await repo.listTeams(ctx.db, ctx.actor.scope, { ...p, underPath })).map(toTeamView) };
}

export async function getTeam(ctx: Ctx, id: number) {
  const t = await mustTeam(ctx, id);
  const [members, subTeams] = await Promise.all([repo.teamMembers(ctx.db, id), repo.listTeams(ctx.db, ctx.actor.scope, { parentId: id })]);
  return {
    ...toTeamView(t),
    members: members.map((m) => ({ volunteerId: m.volunteer_id, name: m.name, role: m.role, category: m.category })),
    subTeams: subTeams.map(toTeamView),
  };
}

export async function createTeam(ctx: Ctx, input: CreateTeamInput) {
  const area = await placeArea(ctx, input.areaId, 'areaId');
  const fields: Record<string, string> = {};
  if (input.parentId) {
    const parent = await repo.findTeam(ctx.db, ctx.actor.scope, input.parentId);
    if (!parent) fields.parentId = 'not_found';
    else if (parent.kind !== 'assault_squad' || input.kind !== 'assault_squad') fields.parentId = 'not_assault_squad';
  }
  if (input.orgId && !(await repo.findOrg(ctx.db, ctx.actor.scope, input.orgId))) fields.orgId = 'not_found';
  fail(fields);
  const leader = await optionalVolunteer(ctx, input.leaderId, 'leaderId');
  const row = {
    kind: input.kind,
    name: input.name,
    parentId: input.parentId ?? null,
    orgId: input.orgId ?? null,
    areaId: area.id,
    areaPath: area.path,
    leaderId: leader?.id ?? null,
    notes: input.notes ?? null,
  };
  const id = await ctx.db.tx(async (tx) => {
    const id = await repo.insertTeam(tx, row);
    if (leader) await repo.setTeamMembers(tx, ctx.actor.scope, { id, area_path: area.path }, [{ volunteerId: leader.id, role: 'leader' }]);
    await audit(tx, ctx, { action: 'create', entity: 'team', entityId: id, areaPath: area.path, after: row });
    return id;
  });
  return getTeam(ctx, id);
}

export async function updateTeam(ctx: Ctx, id: number, input: UpdateTeamInput) {
  const t = await mustTeam(ctx, id);
  const leader = input.leaderId ? await optionalVolunteer(ctx, input.leaderId, 'leaderId') : null;
  const next = {
    name: input.name ?? t.name,
    leaderId: input.leaderId === undefined ? t.leader_id : (leader?.id ?? null),
    notes: input.notes === undefined ? t.notes : input.notes,
    disbanded: input.disbanded ?? Boolean(t.disbanded_at),
  };
  const disbanding = next.disbanded && !t.disbanded_at;
  await ctx.db.tx(async (tx) => {
    await repo.updateTeam(tx, id, next);
    // Disbanding ends the team's work: its sub-squads go with it, its deployments stop today.
    const ended = disbanding ? await repo.disbandTeamTree(tx, id, ctx.today) : null;
    if (leader) {
      await tx.query("UPDATE team_members SET role = 'deputy' WHERE team_id = $1 AND role = 'leader' AND volunteer_id <> $2", [id, leader.id]);
      await tx.query(
        `INSERT INTO team_members (team_id, volunteer_id, area_path, role) VALUES ($1, $2, $3, 'leader') ON CONFLICT (team_id, volunteer_id) DO UPDATE SET role = 'leader'`,
        [id, leader.id, t.area_path],
      );
    }
    await audit(tx, ctx, {
      action: disbanding ? 'disband' : 'update',
      entity: 'team',
      entityId: id,
      areaPath: t.area_path,
      before: { name: t.name, leaderId: t.leader_id, notes: t.notes, disbanded: Boolean(t.disbanded_at) },
      after: ended ? { ...next, ...ended } : next,
    });
  });
  return getTeam(ctx, id);
}

/**
 * A team made by mistake is deleted with its member list. One with a history — deployments (even
 * cancelled), sub-squads, posts, tasks — answers 409 TEAM_IN_USE: disband it instead, which keeps the record.
 */
export async function deleteTeam(ctx: Ctx, id: number) {
  const t = await mustTeam(ctx, id);
  const members = await repo.teamMembers(ctx.db, id);
  await ctx.db
    .tx(async (tx) => {
      await repo.deleteTeam(tx, id);
      await audit(tx, ctx, {
        action: 'delete',
        entity: 'team',
        entityId: id,
        areaPath: t.area_path,
        before: { ...toTeamView(t), members: members.map((m) => ({ volunteerId: m.volunteer_id, role: m.role })) },
      });
    })
    .catch((e) => {
      if (isForeignKeyViolation(e)) throw conflict('TEAM_IN_USE', { name: t.name });
      throw e;
    });
  return { ok: true };
}

export async function setTeamMembers(ctx: Ctx, id: number, members: { volunteerId: number; role: string }[]) {
  const t = await mustTeam(ctx, id);
  const ids = members.map((m) => m.volunteerId);
  if (new Set(ids).size !== ids.length) throw badRequest('VALIDATION_FAILED', {}, { members: 'duplicate' });
  if (members.filter((m) => m.role === 'leader').length > 1) throw badRequest('VALIDATION_FAILED', {}, { members: 'two_leaders' });
  if (ids.length) await volunteersIn(ctx, ids, 'members');
  await ctx.db.tx(async (tx) => {
    await repo.setTeamMembers(tx, ctx.actor.scope, t, members);
    if (!members.some((m) => m.role === 'leader') && t.leader_id && !ids.includes(t.leader_id))
      await tx.query('UPDATE teams SET leader_id = NULL WHERE id = $1', [id]);
    await audit(tx, ctx, { action: 'set_members', entity: 'team', entityId: id, areaPath: t.area_path, after: { members } });
  });
  return getTeam(ctx, id);
}

// ——— posts ———

function toPostView(p: repo.PostRow) {
  return {
    id: p.id,
    kind: p.kind,
    name: p.name,
    place: p.place,
    areaId: p.area_id,
    areaPath: p.area_path,
    areaName: p.area_name,
    orgId: p.org_id,
    teamId: p.team_id,
    holderId: p.holder_id,
    holderName: p.holder_name,
    closedAt: p.closed_at ? new Date(p.closed_at).toISOString() : null,
    notes: p.notes,
  };
}

export async function listPosts(ctx: Ctx, p: { under?: number; kind?: string }) {
  const underPath = p.under ? (await placeArea(ctx, p.under, 'under')).path : undefined;
  return { items: (await repo.listPosts(ctx.db, ctx.actor.scope, { ...p, underPath })).map(toPostView) };
}

export async function createPost(ctx: Ctx, input: CreatePostInput) {
  const area = await placeArea(ctx, input.areaId, 'areaId');
  const fields: Record<string, string> = {};
  if (input.orgId && !(await repo.findOrg(ctx.db, ctx.actor.scope, input.orgId))) fields.orgId = 'not_found';
  if (input.teamId && !(await repo.findTeam(ctx.db, ctx.actor.scope, input.teamId))) fields.teamId = 'not_found';
  fail(fields);
  const holder = await optionalVolunteer(ctx, input.holderId, 'holderId');
  const row = {
    kind: input.kind,
    name: input.name,
    place: input.place ?? null,
    areaId: area.id,
    areaPath: area.path,
    orgId: input.orgId ?? null,
    teamId: input.teamId ?? null,
    holderId: holder?.id ?? null,
    notes: input.notes ?? null,
  };
  const id = await ctx.db.tx(async (tx) => {
    const id = await repo.insertPost(tx, row);
    await audit(tx, ctx, { action: 'create', entity: 'post', entityId: id, areaPath: area.path, after: row });
    return id;
  });
  return toPostView((await repo.findPost(ctx.db, ctx.actor.scope, id))!);
}

export async function updatePost(ctx: Ctx, id: number, input: UpdatePostInput) {
  const p = await repo.findPost(ctx.db, ctx.actor.scope, id);
  if (!p) throw notFound();
  const holder = input.holderId ? await optionalVolunteer(ctx, input.holderId, 'holderId') : null;
  const next = {
    name: input.name ?? p.name,
    place: input.place === undefined ? p.place : input.place,
    holderId: input.holderId === undefined ? p.holder_id : (holder?.id ?? null),
    notes: input.notes === undefined ? p.notes : input.notes,
    closed: input.closed ?? Boolean(p.closed_at),
  };
  await ctx.db.tx(async (tx) => {
    await repo.updatePost(tx, id, next);
    await audit(tx, ctx, { action: 'update', entity: 'post', entityId: id, areaPath: p.area_path, before: toPostView(p), after: next });
  });
  return toPostView((await repo.findPost(ctx.db, ctx.actor.scope, id))!);
}

/** A post or responsibility area entered by mistake goes; one that has served is closed instead (PATCH closed). */
export async function deletePost(ctx: Ctx, id: number) {
  const p = await repo.findPost(ctx.db, ctx.actor.scope, id);
  if (!p) throw notFound();
  await ctx.db.tx(async (tx) => {
    await tx.query('DELETE FROM posts WHERE id = $1', [id]);
    await audit(tx, ctx, { action: 'delete', entity: 'post', entityId: id, areaPath: p.area_path, before: toPostView(p) });
  });
  return { ok: true };
}
