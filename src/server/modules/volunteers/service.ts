import { randomBytes } from 'node:crypto';
import type { CreateOrgInput, CreateVolunteerInput, MoveOrgInput, UpdateOrgInput, UpdateVolunteerInput } from '../../../domain/volunteers/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, isUniqueViolation, notFound, ruleViolation } from '../../platform/errors';
import { pathInScope } from '../../platform/scope';
import { areaTree } from '../areas';
import * as auditLog from '../audit';
import { checkIdentityFields, checkPhoneField } from '../residents';
import * as residents from '../residents';
import { maskAreaName } from '../residents';
import * as repo from './repo';
import * as work from './work-repo';
import { toDeploymentViews, toOrgView, toVolunteerView } from './view';

/** The day `n` days after `day` (YYYY-MM-DD; n may be negative). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Volunteers and party organisations: who serves, and in which branch. */

export function fail(fields: Record<string, string>) {
  if (Object.keys(fields).length) throw badRequest('VALIDATION_FAILED', {}, fields);
}

/** An area of the caller's scope, or a 400 on `field`. */
export async function placeArea(ctx: Ctx, areaId: number, field: string) {
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, areaId);
  if (!area || area.archived) throw badRequest('VALIDATION_FAILED', {}, { [field]: 'not_found' });
  return area;
}

export async function mustVolunteer(ctx: Ctx, id: number) {
  const v = await repo.findVolunteer(ctx.db, ctx.actor.scope, id);
  if (!v) throw notFound();
  return v;
}

/** Volunteers named in a body: each must be in scope, else a 400 on `field`. */
export async function volunteersIn(ctx: Ctx, ids: number[], field: string) {
  const unique = [...new Set(ids)];
  const found = await repo.findVolunteers(ctx.db, ctx.actor.scope, unique);
  if (found.length !== unique.length) throw badRequest('VALIDATION_FAILED', {}, { [field]: 'not_found' });
  return found;
}

export async function mustOrg(ctx: Ctx, id: number) {
  const o = await repo.findOrg(ctx.db, ctx.actor.scope, id);
  if (!o) throw notFound();
  return o;
}

export const newToken = () => randomBytes(12).toString('base64url');

/** One ID number, one volunteer: a number already held answers 409 naming (or masking) where. */
export async function volunteerIdFree(ctx: Ctx, idNumber: string | null, exceptId = 0) {
  if (!idNumber) return;
  const other = await repo.findVolunteerByIdNumberUnscoped(ctx.db, idNumber);
  if (other && other.id !== exceptId) {
    const area = pathInScope(ctx.actor.scope, other.area_path) ? other.area_name : maskAreaName(other.area_name);
    throw conflict('VOLUNTEER_TAKEN', { area }, { idNumber: 'taken' });
  }
}

function uniqueOr409(e: unknown): never {
  if (isUniqueViolation(e, 'volunteers_id_number_uq') || isUniqueViolation(e, 'volunteers_resident_uq'))
    throw conflict('VOLUNTEER_TAKEN', { area: '—' }, { idNumber: 'taken' });
  throw e;
}

// ——— volunteers ———

export async function listVolunteers(
  ctx: Ctx,
  p: { q?: string; under?: number; category?: string; skill?: string; orgId?: number; teamId?: number; page: number; pageSize: number },
) {
  const underPath = p.under ? (await placeArea(ctx, p.under, 'under')).path : undefined;
  const { rows, total } = await repo.searchVolunteers(ctx.db, ctx.actor.scope, { ...p, underPath });
  return { items: rows.map((r) => toVolunteerView(r, ctx.today)), total };
}

export async function getVolunteer(ctx: Ctx, id: number) {
  const v = await mustVolunteer(ctx, id);
  const [memberships, links, history, hours] = await Promise.all([
    repo.membershipsOf(ctx.db, id),
    work.linksOfVolunteer(ctx.db, id, ctx.today),
    auditLog.historyOf(ctx.db, 'volunteer', String(id)),
    work.hoursPerDay(ctx.db, ctx.actor.scope, { from: addDays(ctx.today, -29), to: ctx.today, volunteerId: id }),
  ]);
  const conflicts = await work.conflictsOf(
    ctx.db,
    links.deployments.map((d) => d.id),
  );
  return {
    ...toVolunteerView(v, ctx.today),
    memberships: memberships.map((m) => ({
      orgId: m.org_id,
      orgName: m.org_name,
      orgKind: m.org_kind,
      kind: m.kind,
      role: m.role,
      joinedOn: m.joined_on,
      leftOn: m.left_on,
    })),
    ...links,
    deployments: toDeploymentViews(ctx.actor.scope, links.deployments, conflicts),
    hours: { last30Days: hours.reduce((s, h) => s + h.hours, 0) },
    history,
  };
}

/** Identity, phone and emergency contact checked as in the resident registry; problems per field. */
export function personFields(ctx: Ctx, input: Partial<CreateVolunteerInput>, fields: Record<string, string>) {
  const identity = checkIdentityFields(input, ctx.lang, fields);
  const phone = checkPhoneField(input.phone, 'phone', ctx.lang, fields);
  const emergencyPhone = input.emergencyContact ? checkPhoneField(input.emergencyContact.phone, 'emergencyContact', ctx.lang, fields) : null;
  return { identity, phone, emergencyPhone };
}

export async function createVolunteer(ctx: Ctx, input: CreateVolunteerInput) {
  let fieldsRow: repo.VolunteerFields;
  const fields: Record<string, string> = {};
  if (input.residentId) {
    // A resident here: name and identity come from the registry, the area is where they live.
    const r = await residents.findResident(ctx.db, ctx.actor.scope, input.residentId);
    if (!r || r.merged_into) throw badRequest('VALIDATION_FAILED', {}, { residentId: 'not_found' });
    const area = input.areaId ? await placeArea(ctx, input.areaId, 'areaId') : { id: r.area_id, path: r.area_path };
    const phone = input.phone ? checkPhoneField(input.phone, 'phone', ctx.lang, fields) : r.phone;
    const emergencyPhone = input.emergencyContact ? checkPhoneField(input.emergencyContact.phone, 'emergencyContact', ctx.lang, fields) : null;
    fail(fields);
    fieldsRow = {
      areaId: area.id,
      areaPath: area.path,
      residentId: r.id,
      name: r.name,
      idType: r.id_type,
      idNumber: r.id_number,
      sex: r.sex,
      birthDate: r.birth_date,
      phone,
      category: input.category,
      skills: [...new Set(input.skills ?? [])],
      availability: input.availability ?? null,
      healthStatus: input.healthStatus ?? 'unknown',
      emergencyName: input.emergencyContact?.name ?? null,
      emergencyPhone,
      status: 'active',
      notes: input.notes ?? null,
    };
  } else {
    if (!input.name) fields.name = 'required';
    if (!input.areaId) fields.areaId = 'required';
    fail(fields);
    const area = await placeArea(ctx, input.areaId!, 'areaId');
    const { identity, phone, emergencyPhone } = personFields(ctx, input, fields);
    fail(fields);
    fieldsRow = {
      areaId: area.id,
      areaPath: area.path,
      residentId: null,
      name: input.name!,
      ...identity!,
      phone,
      category: input.category,
      skills: [...new Set(input.skills ?? [])],
      availability: input.availability ?? null,
      healthStatus: input.healthStatus ?? 'unknown',
      emergencyName: input.emergencyContact?.name ?? null,
      emergencyPhone,
      status: 'active',
      notes: input.notes ?? null,
    };
  }
  await volunteerIdFree(ctx, fieldsRow.idNumber);
  const id = await ctx.db
    .tx(async (tx) => {
      const id = await repo.insertVolunteer(tx, fieldsRow);
      await audit(tx, ctx, { action: 'create', entity: 'volunteer', entityId: id, areaPath: fieldsRow.areaPath, after: fieldsRow });
      return id;
    })
    .catch(uniqueOr409);
  return getVolunteer(ctx, id);
}

export async function updateVolunteer(ctx: Ctx, id: number, input: UpdateVolunteerInput) {
  const before = await mustVolunteer(ctx, id);
  const prev = repo.volunteerFields(before);
  const area = input.areaId && input.areaId !== before.area_id ? await placeArea(ctx, input.areaId, 'areaId') : { id: before.area_id, path: before.area_path };
  const fields: Record<string, string> = {};
  const identityChanged = input.idNumber !== undefined || input.idType !== undefined;
  let identity = {
    idType: prev.idType,
    idNumber: prev.idNumber,
    sex: input.sex === undefined ? prev.sex : input.sex,
    birthDate: input.birthDate === undefined ? prev.birthDate : input.birthDate,
  };
  if (identityChanged || input.sex !== undefined || input.birthDate !== undefined) {
    if (before.resident_id && identityChanged) fields.idNumber = 'from_resident';
    const checked = checkIdentityFields(
      {
        idType: input.idType ?? prev.idType,
        idNumber: input.idNumber === undefined ? prev.idNumber : input.idNumber,
        sex: input.idNumber !== undefined && input.sex === undefined ? null : identity.sex,
        birthDate: input.idNumber !== undefined && input.birthDate === undefined ? null : identity.birthDate,
      },
      ctx.lang,
      fields,
    );
    if (checked) identity = checked;
  }
  const phone = input.phone === undefined ? prev.phone : checkPhoneField(input.phone, 'phone', ctx.lang, fields);
  const emergencyPhone =
    input.emergencyContact === undefined
      ? prev.emergencyPhone
      : input.emergencyContact
        ? checkPhoneField(input.emergencyContact.phone, 'emergencyContact', ctx.lang, fields)
        : null;
  fail(fields);
  if (identity.idNumber !== prev.idNumber) await volunteerIdFree(ctx, identity.idNumber, id);
  const next: repo.VolunteerFields = {
    ...prev,
    ...identity,
    areaId: area.id,
    areaPath: area.path,
    name: input.name ?? prev.name,
    phone,
    category: input.category ?? prev.category,
    skills: input.skills ? [...new Set(input.skills)] : prev.skills,
    availability: input.availability === undefined ? prev.availability : input.availability,
    healthStatus: input.healthStatus ?? prev.healthStatus,
    emergencyName: input.emergencyContact === undefined ? prev.emergencyName : (input.emergencyContact?.name ?? null),
    emergencyPhone,
    status: input.status ?? prev.status,
    notes: input.notes === undefined ? prev.notes : input.notes,
  };
  await ctx.db
    .tx(async (tx) => {
      await repo.updateVolunteer(tx, id, next);
      await audit(tx, ctx, { action: 'update', entity: 'volunteer', entityId: id, areaPath: next.areaPath, before: prev, after: next });
    })
    .catch(uniqueOr409);
  return getVolunteer(ctx, id);
}

// ——— organisations ———

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
