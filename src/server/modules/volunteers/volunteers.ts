import type { CreateVolunteerInput, UpdateVolunteerInput } from '../../../domain/volunteers/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, isUniqueViolation } from '../../platform/errors';
import * as auditLog from '../audit';
import { checkIdentityFields, checkPhoneField } from '../residents';
import * as residents from '../residents';
import { addDays, fail, mustVolunteer, placeArea, volunteerIdFree } from './checks';
import * as repo from './repo';
import { toDeploymentViews, toVolunteerView } from './view';

/** Volunteers: the roster, one person's page, registration from scratch or from a resident. */

function uniqueOr409(e: unknown): never {
  if (isUniqueViolation(e, 'volunteers_id_number_uq') || isUniqueViolation(e, 'volunteers_resident_uq'))
    throw conflict('VOLUNTEER_TAKEN', { area: '—' }, { idNumber: 'taken' });
  throw e;
}

export async function listVolunteers(
  ctx: Ctx,
  p: { q?: string; under?: number; category?: string; skill?: string; orgId?: number; teamId?: number; page: number; pageSize: number },
) {
  const underPath = p.under ? (await placeArea(ctx, p.under, 'under')).path : undefined;
  const { rows, total } = await repo.searchVolunteers(ctx.db, ctx.actor.scope, { ...p, underPath, byNumber: ctx.actor.permissions.has('residents.reveal') });
  return { items: rows.map((r) => toVolunteerView(r, ctx.today)), total };
}

export async function getVolunteer(ctx: Ctx, id: number) {
  const v = await mustVolunteer(ctx, id);
  const [memberships, links, history, hours] = await Promise.all([
    repo.membershipsOf(ctx.db, id),
    repo.linksOfVolunteer(ctx.db, id, ctx.today),
    auditLog.historyOf(ctx.db, 'volunteer', String(id)),
    repo.hoursPerDay(ctx.db, ctx.actor.scope, { from: addDays(ctx.today, -29), to: ctx.today, volunteerId: id }),
  ]);
  const conflicts = await repo.conflictsOf(
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
