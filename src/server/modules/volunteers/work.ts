import type {
  CreateDeploymentInput,
  CreatePostInput,
  CreateTeamInput,
  ServiceRecordInput,
  UpdatePostInput,
  UpdateTeamInput,
} from '../../../domain/volunteers/schemas';
import { maskPhone } from '../../../domain/residents/identity';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, notFound, ruleViolation } from '../../platform/errors';
import * as repo from './repo';
import { fail, mustOrg, mustVolunteer, placeArea, volunteersIn } from './service';
import * as work from './work-repo';
import { toDeploymentViews, toVolunteerView } from './view';

/** Teams and posts, the links that route work, deployments. */

/** A row still referenced elsewhere (PostgreSQL 23503, the same code on PGlite). */
const isForeignKeyViolation = (e: unknown) => (e as { code?: string })?.code === '23503';

async function mustTeam(ctx: Ctx, id: number) {
  const t = await work.findTeam(ctx.db, ctx.actor.scope, id);
  if (!t) throw notFound();
  return t;
}

async function optionalVolunteer(ctx: Ctx, id: number | null | undefined, field: string) {
  if (!id) return null;
  const v = await repo.findVolunteer(ctx.db, ctx.actor.scope, id);
  if (!v) throw badRequest('VALIDATION_FAILED', {}, { [field]: 'not_found' });
  return v;
}

function toTeamView(t: work.TeamRow) {
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
  return { items: (await work.listTeams(ctx.db, ctx.actor.scope, { ...p, underPath })).map(toTeamView) };
}

export async function getTeam(ctx: Ctx, id: number) {
  const t = await mustTeam(ctx, id);
  const [members, subTeams] = await Promise.all([work.teamMembers(ctx.db, id), work.listTeams(ctx.db, ctx.actor.scope, { parentId: id })]);
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
    const parent = await work.findTeam(ctx.db, ctx.actor.scope, input.parentId);
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
    const id = await work.insertTeam(tx, row);
    if (leader) await work.setTeamMembers(tx, ctx.actor.scope, { id, area_path: area.path }, [{ volunteerId: leader.id, role: 'leader' }]);
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
    await work.updateTeam(tx, id, next);
    // Disbanding ends the team's work: its sub-squads go with it, its deployments stop today.
    const ended = disbanding ? await work.disbandTeamTree(tx, id, ctx.today) : null;
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
  const members = await work.teamMembers(ctx.db, id);
  await ctx.db
    .tx(async (tx) => {
      await work.deleteTeam(tx, id);
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
    await work.setTeamMembers(tx, ctx.actor.scope, t, members);
    if (!members.some((m) => m.role === 'leader') && t.leader_id && !ids.includes(t.leader_id))
      await tx.query('UPDATE teams SET leader_id = NULL WHERE id = $1', [id]);
    await audit(tx, ctx, { action: 'set_members', entity: 'team', entityId: id, areaPath: t.area_path, after: { members } });
  });
  return getTeam(ctx, id);
}

// ——— posts ———

function toPostView(p: work.PostRow) {
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
  return { items: (await work.listPosts(ctx.db, ctx.actor.scope, { ...p, underPath })).map(toPostView) };
}

export async function createPost(ctx: Ctx, input: CreatePostInput) {
  const area = await placeArea(ctx, input.areaId, 'areaId');
  const fields: Record<string, string> = {};
  if (input.orgId && !(await repo.findOrg(ctx.db, ctx.actor.scope, input.orgId))) fields.orgId = 'not_found';
  if (input.teamId && !(await work.findTeam(ctx.db, ctx.actor.scope, input.teamId))) fields.teamId = 'not_found';
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
    const id = await work.insertPost(tx, row);
    await audit(tx, ctx, { action: 'create', entity: 'post', entityId: id, areaPath: area.path, after: row });
    return id;
  });
  return toPostView((await work.findPost(ctx.db, ctx.actor.scope, id))!);
}

export async function updatePost(ctx: Ctx, id: number, input: UpdatePostInput) {
  const p = await work.findPost(ctx.db, ctx.actor.scope, id);
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
    await work.updatePost(tx, id, next);
    await audit(tx, ctx, { action: 'update', entity: 'post', entityId: id, areaPath: p.area_path, before: toPostView(p), after: next });
  });
  return toPostView((await work.findPost(ctx.db, ctx.actor.scope, id))!);
}

/** A post or responsibility area entered by mistake goes; one that has served is closed instead (PATCH closed). */
export async function deletePost(ctx: Ctx, id: number) {
  const p = await work.findPost(ctx.db, ctx.actor.scope, id);
  if (!p) throw notFound();
  await ctx.db.tx(async (tx) => {
    await tx.query('DELETE FROM posts WHERE id = $1', [id]);
    await audit(tx, ctx, { action: 'delete', entity: 'post', entityId: id, areaPath: p.area_path, before: toPostView(p) });
  });
  return { ok: true };
}

// ——— member ↔ households ———

export async function listHouseholdLinks(ctx: Ctx, p: { householdId?: number; volunteerId?: number; under?: number }) {
  if (!p.householdId && !p.volunteerId && !p.under) throw badRequest('VALIDATION_FAILED', {}, { householdId: 'required' });
  const underPath = p.under ? (await placeArea(ctx, p.under, 'under')).path : undefined;
  const rows = await work.listHouseholdLinks(ctx.db, ctx.actor.scope, { ...p, underPath, limit: 20_000 });
  return {
    items: rows.map((r) => ({
      householdId: r.household_id,
      address: r.address,
      areaId: r.area_id,
      areaName: r.area_name,
      volunteerId: r.volunteer_id,
      volunteerName: r.volunteer_name,
      phone: maskPhone(r.phone),
    })),
  };
}

async function householdsChecked(ctx: Ctx, ids: number[]) {
  const unique = [...new Set(ids)];
  const found = await work.householdsInScope(ctx.db, ctx.actor.scope, unique);
  if (found.length !== unique.length) throw badRequest('VALIDATION_FAILED', {}, { householdIds: 'not_found' });
  return unique;
}

export async function linkHouseholds(ctx: Ctx, volunteerId: number, householdIds: number[]) {
  const v = await optionalVolunteer(ctx, volunteerId, 'volunteerId');
  const ids = await householdsChecked(ctx, householdIds);
  const added = await ctx.db.tx(async (tx) => {
    const added = await work.addHouseholdLinks(tx, v!.id, ids);
    await audit(tx, ctx, { action: 'link_households', entity: 'volunteer', entityId: v!.id, areaPath: v!.area_path, after: { householdIds: ids, added } });
    return added;
  });
  return { added };
}

export async function unlinkHouseholds(ctx: Ctx, volunteerId: number, householdIds: number[]) {
  const v = await optionalVolunteer(ctx, volunteerId, 'volunteerId');
  const ids = await householdsChecked(ctx, householdIds);
  const removed = await ctx.db.tx(async (tx) => {
    const removed = await work.removeHouseholdLinks(tx, v!.id, ids);
    await audit(tx, ctx, { action: 'unlink_households', entity: 'volunteer', entityId: v!.id, areaPath: v!.area_path, after: { householdIds: ids, removed } });
    return removed;
  });
  return { removed };
}

/** The households of a building or area shared evenly among members, in one transaction and one audit row. */
export async function splitHouseholds(ctx: Ctx, input: { areaId: number; volunteerIds: number[]; replace?: boolean }) {
  const area = await placeArea(ctx, input.areaId, 'areaId');
  if (new Set(input.volunteerIds).size !== input.volunteerIds.length) throw badRequest('VALIDATION_FAILED', {}, { volunteerIds: 'duplicate' });
  await volunteersIn(ctx, input.volunteerIds, 'volunteerIds');
  const started = performance.now();
  const r = await ctx.db.tx(async (tx) => {
    const r = await work.splitHouseholds(tx, ctx.actor.scope, area.path, input.volunteerIds, input.replace ?? true);
    await audit(tx, ctx, {
      action: 'split_households',
      entity: 'area',
      entityId: area.id,
      areaPath: area.path,
      after: { volunteerIds: input.volunteerIds, replace: input.replace ?? true, linked: r.n },
    });
    return r;
  });
  return {
    households: r.households,
    linked: r.n,
    members: input.volunteerIds.length,
    perMember: { min: r.min ?? 0, max: r.max ?? 0 },
    ms: Math.round(performance.now() - started),
  };
}

// ——— cadre ↔ village group, captains ———

export async function listGroupLinks(ctx: Ctx, p: { under?: number; volunteerId?: number }) {
  const underPath = p.under ? (await placeArea(ctx, p.under, 'under')).path : undefined;
  const rows = await work.listGroupLinks(ctx.db, ctx.actor.scope, { ...p, underPath });
  return {
    items: rows.map((g) => ({
      id: g.id,
      volunteerId: g.volunteer_id,
      volunteerName: g.volunteer_name,
      areaId: g.area_id,
      areaName: g.area_name,
      villageGroup: g.village_group,
    })),
  };
}

export async function addGroupLink(ctx: Ctx, input: { volunteerId: number; areaId: number; villageGroup: string }) {
  const area = await placeArea(ctx, input.areaId, 'areaId');
  const v = await optionalVolunteer(ctx, input.volunteerId, 'volunteerId');
  const id = await ctx.db.tx(async (tx) => {
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO group_links (volunteer_id, area_id, area_path, village_group) VALUES ($1, $2, $3, $4)
       ON CONFLICT (volunteer_id, area_id, village_group) WHERE ended_at IS NULL DO UPDATE SET village_group = EXCLUDED.village_group RETURNING id`,
      [v!.id, area.id, area.path, input.villageGroup],
    );
    await audit(tx, ctx, { action: 'create', entity: 'group_link', entityId: row.id, areaPath: area.path, after: input });
    return row.id;
  });
  return { id, ...(await listGroupLinks(ctx, { volunteerId: v!.id })) };
}

export async function removeGroupLink(ctx: Ctx, id: number) {
  const g = await work.findGroupLink(ctx.db, ctx.actor.scope, id);
  if (!g) throw notFound();
  await ctx.db.tx(async (tx) => {
    await tx.query('UPDATE group_links SET ended_at = now() WHERE id = $1', [id]);
    await audit(tx, ctx, {
      action: 'end',
      entity: 'group_link',
      entityId: id,
      areaPath: g.area_path,
      before: { volunteerId: g.volunteer_id, villageGroup: g.village_group },
    });
  });
  return { ok: true };
}

export async function listCaptains(ctx: Ctx, p: { under?: number; volunteerId?: number }) {
  const underPath = p.under ? (await placeArea(ctx, p.under, 'under')).path : undefined;
  const rows = await work.listCaptains(ctx.db, ctx.actor.scope, { ...p, underPath });
  return {
    items: rows.map((c) => ({
      id: c.id,
      kind: c.kind,
      areaId: c.area_id,
      areaName: c.area_name,
      floor: c.floor || null,
      volunteerId: c.volunteer_id,
      volunteerName: c.volunteer_name,
    })),
  };
}

export async function setCaptain(ctx: Ctx, input: { areaId: number; kind: 'building' | 'floor'; floor?: string; volunteerId: number | null }) {
  const area = await placeArea(ctx, input.areaId, 'areaId');
  if (input.kind === 'floor' && !input.floor) throw badRequest('VALIDATION_FAILED', {}, { floor: 'required' });
  const floor = input.kind === 'floor' ? input.floor! : '';
  const v = await optionalVolunteer(ctx, input.volunteerId, 'volunteerId');
  await ctx.db.tx(async (tx) => {
    if (v) {
      await tx.query(
        `INSERT INTO captains (kind, area_id, area_path, floor, volunteer_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (area_id, kind, floor) DO UPDATE SET volunteer_id = EXCLUDED.volunteer_id, created_at = now()`,
        [input.kind, area.id, area.path, floor, v.id],
      );
    } else {
      await tx.query('DELETE FROM captains WHERE area_id = $1 AND kind = $2 AND floor = $3', [area.id, input.kind, floor]);
    }
    await audit(tx, ctx, {
      action: v ? 'set_captain' : 'clear_captain',
      entity: 'area',
      entityId: area.id,
      areaPath: area.path,
      after: { kind: input.kind, floor: floor || null, volunteerId: v?.id ?? null },
    });
  });
  return listCaptains(ctx, { under: area.id });
}

// ——— deployments ———

async function withConflicts(ctx: Ctx, rows: work.DeploymentRow[]) {
  return toDeploymentViews(
    ctx.actor.scope,
    rows,
    await work.conflictsOf(
      ctx.db,
      rows.map((r) => r.id),
    ),
  );
}

export async function listDeployments(
  ctx: Ctx,
  p: { under?: number; on?: string; volunteerId?: number; teamId?: number; conflictsOnly?: boolean; page: number; pageSize: number },
) {
  const underPath = p.under ? (await placeArea(ctx, p.under, 'under')).path : undefined;
  const { rows, total } = await work.listDeployments(ctx.db, ctx.actor.scope, { ...p, underPath });
  return { items: await withConflicts(ctx, rows), total };
}

export async function createDeployment(ctx: Ctx, input: CreateDeploymentInput) {
  if (!input.volunteerId === !input.teamId) throw badRequest('VALIDATION_FAILED', {}, { volunteerId: 'volunteer_or_team' });
  const fields: Record<string, string> = {};
  if (input.endsOn < input.startsOn) fields.endsOn = 'too_small';
  fail(fields);
  const area = await placeArea(ctx, input.areaId, 'areaId');
  const v = await optionalVolunteer(ctx, input.volunteerId, 'volunteerId');
  const team = input.teamId ? await work.findTeam(ctx.db, ctx.actor.scope, input.teamId) : null;
  if (input.teamId && !team) throw badRequest('VALIDATION_FAILED', {}, { teamId: 'not_found' });
  if (input.orgId) {
    const org = await repo.findOrg(ctx.db, ctx.actor.scope, input.orgId);
    if (!org) throw badRequest('VALIDATION_FAILED', {}, { orgId: 'not_found' });
  }
  const row = {
    volunteerId: v?.id ?? null,
    teamId: team?.id ?? null,
    orgId: input.orgId ?? null,
    areaId: area.id,
    areaPath: area.path,
    place: input.place,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    role: input.role ?? null,
    hoursPerDay: input.hoursPerDay ?? 8,
    notes: input.notes ?? null,
    createdBy: ctx.actor.userId,
  };
  const id = await ctx.db.tx(async (tx) => {
    const id = await work.insertDeployment(tx, row);
    await audit(tx, ctx, { action: 'create', entity: 'deployment', entityId: id, areaPath: area.path, after: row });
    return id;
  });
  const [view] = await withConflicts(ctx, [(await work.findDeployment(ctx.db, ctx.actor.scope, id))!]);
  return view;
}

export async function cancelDeployment(ctx: Ctx, id: number) {
  const d = await work.findDeployment(ctx.db, ctx.actor.scope, id);
  if (!d) throw notFound();
  if (d.cancelled_at) throw ruleViolation('DEPLOYMENT_CANCELLED');
  await ctx.db.tx(async (tx) => {
    await tx.query('UPDATE deployments SET cancelled_at = now() WHERE id = $1', [id]);
    await audit(tx, ctx, { action: 'cancel', entity: 'deployment', entityId: id, areaPath: d.area_path });
  });
  const [view] = toDeploymentViews(ctx.actor.scope, [(await work.findDeployment(ctx.db, ctx.actor.scope, id))!], []);
  return view;
}

/** The signed-in person's own work: found by their account, whatever area their session covers. */
export async function myAssignments(ctx: Ctx) {
  const v = await repo.findVolunteerByUserUnscoped(ctx.db, ctx.actor.userId);
  if (!v) return { volunteer: null, deployments: [], teams: [], posts: [], households: [], captains: [], groups: [] };
  const links = await work.linksOfVolunteer(ctx.db, v.id, ctx.today);
  const conflicts = await work.conflictsOf(
    ctx.db,
    links.deployments.map((d) => d.id),
  );
  // Their own clashes are theirs to see, wherever the other place is.
  return { volunteer: toVolunteerView(v, ctx.today), ...links, deployments: toDeploymentViews({ areaId: 0, path: '/' }, links.deployments, conflicts) };
}

// ——— service records ———

export async function addServiceRecord(ctx: Ctx, input: ServiceRecordInput) {
  const v = await mustVolunteerField(ctx, input.volunteerId);
  if (input.on > ctx.today) throw badRequest('VALIDATION_FAILED', {}, { on: 'too_big' });
  const id = await ctx.db.tx(async (tx) => {
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO service_records (volunteer_id, area_path, on_date, hours, work, note, liaison_group, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [v.id, v.area_path, input.on, input.hours ?? 0, input.work ?? null, input.note ?? null, input.liaisonGroup ?? null, ctx.actor.userId],
    );
    await audit(tx, ctx, { action: 'create', entity: 'service_record', entityId: row.id, areaPath: v.area_path, after: input });
    return row.id;
  });
  const { rows } = await work.listServiceRecords(ctx.db, ctx.actor.scope, { id, page: 1, pageSize: 1 });
  return toServiceRecordView(rows[0]);
}

function toServiceRecordView(r: work.ServiceRecordRow) {
  return {
    id: r.id,
    volunteerId: r.volunteer_id,
    volunteerName: r.volunteer_name,
    areaName: r.area_name,
    on: r.on,
    hours: r.hours,
    work: r.work,
    note: r.note,
    liaisonGroup: r.liaison_group,
    recordedBy: r.recorded_by_name,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** Recorded work and liaison groups' notes on how people perform, newest first. */
export async function listServiceRecords(
  ctx: Ctx,
  p: { volunteerId?: number; under?: number; from?: string; to?: string; notesOnly?: boolean; page: number; pageSize: number },
) {
  if (p.from && p.to && p.to < p.from) throw badRequest('VALIDATION_FAILED', {}, { to: 'too_small' });
  const underPath = p.under ? (await placeArea(ctx, p.under, 'under')).path : undefined;
  const { rows, total } = await work.listServiceRecords(ctx.db, ctx.actor.scope, { ...p, underPath });
  return { items: rows.map(toServiceRecordView), total };
}

async function mustVolunteerField(ctx: Ctx, id: number) {
  const v = await repo.findVolunteer(ctx.db, ctx.actor.scope, id);
  if (!v) throw badRequest('VALIDATION_FAILED', {}, { volunteerId: 'not_found' });
  return v;
}

export { mustOrg, mustVolunteer };
