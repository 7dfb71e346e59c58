import { randomBytes } from 'node:crypto';
import { CATEGORIES, SKILLS, type EnlistInput } from '../../../domain/volunteers/schemas';
import type { Db } from '../../db/engine';
import { maskIdNumber } from '../../../domain/residents/identity';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, forbidden, isUniqueViolation, notFound, tooMany } from '../../platform/errors';
import type { AddressWindow } from '../../platform/login-limiter';
import type { Lang } from '../../platform/messages';
import { hashPassword } from '../../platform/passwords';
import { pathInScope } from '../../platform/scope';
import * as residents from '../residents';
import { checkIdentityFields, checkPhoneField } from '../residents';
import * as users from '../users';
import { assertStrongPassword } from '../users';
import * as repo from './repo';
import { fail, mustVolunteer, placeArea, volunteerIdFree } from './checks';
import { enlistWriter } from './enlist-writer';
import { toEnlistmentView, toVolunteerView } from './view';

/**
 * Enlistment (报到 / 请战): a public form reached by a branch's link, no account; the branch secretary
 * approves (creating or linking the volunteer, and an account if asked) or refuses with a reason.
 */

/** What the public side knows about a request: no actor, only where it came from. */
export interface PublicCtx {
  db: Db;
  lang: Lang;
  clientIp: string;
  requestId: string;
  today: string;
  limiter: AddressWindow;
}

/** A branch accepting enlistment: open, and not past its end date. Anything else looks missing. */
async function openBranch(db: Db, token: string, today: string) {
  const org = await repo.findOrgByTokenUnscoped(db, token);
  if (!org || org.closed_at || (org.ends_on && org.ends_on < today) || org.kind === 'committee') throw notFound();
  return org;
}

export async function form(p: PublicCtx, token: string) {
  const org = await openBranch(p.db, token, p.today);
  return { org: { name: org.name, kind: org.kind, place: org.place, areaName: org.area_name }, categories: CATEGORIES, skills: SKILLS };
}

export async function submit(p: PublicCtx, token: string, input: EnlistInput) {
  // Counted before anything else: a flood of bad submissions is throttled like good ones.
  const wait = await p.limiter.check('', p.clientIp);
  if (wait) throw tooMany(wait);
  const fields: Record<string, string> = {};
  const identity = checkIdentityFields(input, p.lang, fields);
  if (identity && !identity.idNumber) fields.idNumber = 'required';
  const phone = checkPhoneField(input.phone, 'phone', p.lang, fields);
  const emergencyPhone = input.emergencyContact ? checkPhoneField(input.emergencyContact.phone, 'emergencyContact', p.lang, fields) : null;
  fail(fields);
  const r = await enlistWriter(p.db).write({
    token,
    today: p.today,
    f: {
      name: input.name,
      idType: identity!.idType,
      idNumber: identity!.idNumber!,
      sex: identity!.sex,
      birthDate: identity!.birthDate,
      phone: phone!,
      category: input.category,
      skills: [...new Set(input.skills ?? [])],
      availability: input.remote ? { ...(input.availability ?? { days: [] }), remoteOnly: true } : (input.availability ?? null),
      healthStatus: input.healthStatus ?? 'unknown',
      emergencyName: input.emergencyContact?.name ?? null,
      emergencyPhone,
      pledge: input.pledge ?? null,
      address: input.address ?? null,
      clientIp: p.clientIp,
    },
    who: { requestId: p.requestId, clientIp: p.clientIp },
    auditAfter: { name: input.name, idNumber: maskIdNumber(identity!.idNumber), category: input.category },
  });
  // An unknown, closed or ended branch looks missing. Every other answer is the same, known ID number or not.
  if (!r.org_name) throw notFound();
  return { id: r.id!, status: 'pending' as const };
}

// ——— the approval queue ———

async function mustEnlistment(ctx: Ctx, id: number) {
  const e = await repo.findEnlistment(ctx.db, ctx.actor.scope, id);
  if (!e) throw notFound();
  return e;
}

/** The resident here with the applicant's ID number, when the approver may see them. */
async function residentFor(ctx: Ctx, idNumber: string) {
  const r = await residents.findByIdNumberUnscoped(ctx.db, idNumber);
  return r && pathInScope(ctx.actor.scope, r.area_path) ? r : null;
}

export async function list(ctx: Ctx, p: { status?: string; orgId?: number; q?: string; page: number; pageSize: number }) {
  const { rows, total } = await repo.listEnlistments(ctx.db, ctx.actor.scope, p);
  return { items: rows.map((e) => toEnlistmentView(e)), total };
}

export async function get(ctx: Ctx, id: number) {
  const e = await mustEnlistment(ctx, id);
  return toEnlistmentView(e, (await residentFor(ctx, e.id_number))?.id ?? null);
}

function generatedPassword(): string {
  // Four character classes, 16 random characters: passes the strength rule whatever the draw.
  return `Wg-${randomBytes(12).toString('base64url')}7a`;
}

export async function approve(ctx: Ctx, id: number, input: { account?: { username: string; password?: string }; areaId?: number }) {
  const e = await mustEnlistment(ctx, id);
  if (e.status !== 'pending') throw conflict('ENLIST_NOT_PENDING');
  const org = await repo.findOrg(ctx.db, ctx.actor.scope, e.org_id);
  if (!org) throw notFound();
  const resident = await residentFor(ctx, e.id_number);
  const existingRef = await repo.findVolunteerByIdNumberUnscoped(ctx.db, e.id_number);
  // Someone already serving elsewhere is not duplicated: the approver must be able to see them.
  if (existingRef && !pathInScope(ctx.actor.scope, existingRef.area_path)) await volunteerIdFree(ctx, e.id_number);
  const existing = existingRef ? await mustVolunteer(ctx, existingRef.id) : null;
  const residentRow = resident ? await residents.findResident(ctx.db, ctx.actor.scope, resident.id) : null;
  const area = input.areaId
    ? await placeArea(ctx, input.areaId, 'areaId')
    : existing
      ? { id: existing.area_id, path: existing.area_path }
      : residentRow
        ? { id: residentRow.area_id, path: residentRow.area_path }
        : { id: org.area_id, path: org.area_path };
  let password: string | undefined;
  let generated = false;
  if (input.account) {
    if (existing?.user_id) throw conflict('VOLUNTEER_HAS_ACCOUNT');
    // The approver hands out the volunteer role: they must hold everything it grants.
    const role = (await users.listRoles(ctx.db)).find((r) => r.code === 'volunteer');
    if (!role || !role.permissions.every((p) => ctx.actor.permissions.has(p))) throw forbidden('ROLE_NOT_GRANTABLE', { role: 'volunteer' });
    if (input.account.password) assertStrongPassword(ctx, input.account.password, input.account.username, 'account.password');
    else generated = true;
    password = input.account.password || generatedPassword();
  }
  const passwordHash = password ? await hashPassword(password) : null;
  const fields: repo.VolunteerFields = {
    areaId: area.id,
    areaPath: area.path,
    residentId: existing?.resident_id ?? residentRow?.id ?? null,
    name: e.name,
    idType: e.id_type,
    idNumber: e.id_number,
    sex: e.sex,
    birthDate: e.birth_date,
    phone: e.phone,
    category: e.category,
    skills: existing ? [...new Set([...existing.skills, ...e.skills])] : e.skills,
    availability: e.availability ?? existing?.availability ?? null,
    healthStatus: e.health_status,
    emergencyName: e.emergency_name ?? existing?.emergency_name ?? null,
    emergencyPhone: e.emergency_phone ?? existing?.emergency_phone ?? null,
    status: 'active',
    notes: existing?.notes ?? null,
  };
  const result = await ctx.db
    .tx(async (tx) => {
      let volunteerId: number;
      if (existing) {
        volunteerId = existing.id;
        await repo.updateVolunteer(tx, volunteerId, fields);
        await audit(tx, ctx, {
          action: 'update',
          entity: 'volunteer',
          entityId: volunteerId,
          areaPath: area.path,
          before: repo.volunteerFields(existing),
          after: fields,
        });
      } else {
        volunteerId = await repo.insertVolunteer(tx, fields);
        await audit(tx, ctx, { action: 'create', entity: 'volunteer', entityId: volunteerId, areaPath: area.path, after: { ...fields, enlistmentId: id } });
      }
      await repo.addMembers(tx, org, [volunteerId], 'member', ctx.today);
      let userId: number | null = null;
      if (input.account && passwordHash) {
        userId = await users.insert(tx, {
          username: input.account.username,
          displayName: e.name,
          phone: e.phone,
          passwordHash,
          roles: ['volunteer'],
          areaId: area.id,
          areaPath: area.path,
          // Set by the approver or generated: the volunteer replaces it at the first sign-in.
          mustChangePassword: true,
        });
        await repo.setVolunteerUser(tx, volunteerId, userId);
        await audit(tx, ctx, {
          action: 'create',
          entity: 'user',
          entityId: userId,
          areaPath: area.path,
          after: { username: input.account.username, roles: ['volunteer'], scopeAreaId: area.id, volunteerId },
        });
      }
      if (!(await repo.decideEnlistment(tx, id, { status: 'approved', by: ctx.actor.userId, reason: null, volunteerId }))) throw conflict('ENLIST_NOT_PENDING');
      await audit(tx, ctx, {
        action: 'approve',
        entity: 'enlistment',
        entityId: id,
        areaPath: e.area_path,
        after: { volunteerId, userId, account: input.account?.username ?? null },
      });
      return { volunteerId, userId };
    })
    .catch((err) => {
      if (isUniqueViolation(err, 'users_username_uq')) throw conflict('USERNAME_TAKEN', { username: input.account!.username }, { 'account.username': 'taken' });
      if (isUniqueViolation(err, 'volunteers_id_number_uq')) throw conflict('VOLUNTEER_TAKEN', { area: '—' }, { idNumber: 'taken' });
      throw err;
    });
  const volunteer = await repo.findVolunteer(ctx.db, ctx.actor.scope, result.volunteerId);
  return {
    enlistment: await get(ctx, id),
    volunteer: volunteer ? toVolunteerView(volunteer, ctx.today) : null,
    account: result.userId ? { userId: result.userId, username: input.account!.username, initialPassword: generated ? password : undefined } : null,
  };
}

export async function refuse(ctx: Ctx, id: number, reason: string) {
  const e = await mustEnlistment(ctx, id);
  if (e.status !== 'pending') throw conflict('ENLIST_NOT_PENDING');
  if (!reason.trim()) throw badRequest('VALIDATION_FAILED', {}, { reason: 'required' });
  await ctx.db.tx(async (tx) => {
    if (!(await repo.decideEnlistment(tx, id, { status: 'refused', by: ctx.actor.userId, reason, volunteerId: null }))) throw conflict('ENLIST_NOT_PENDING');
    await audit(tx, ctx, { action: 'refuse', entity: 'enlistment', entityId: id, areaPath: e.area_path, after: { reason } });
  });
  return get(ctx, id);
}
