import { randomBytes } from 'node:crypto';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, notFound } from '../../platform/errors';
import { pathInScope } from '../../platform/scope';
import { areaTree } from '../areas';
import { maskAreaName } from '../residents';
import * as repo from './repo';

/** The checks every part of the module makes: places in scope, people in scope, one ID number one volunteer. */

/** The day `n` days after `day` (YYYY-MM-DD; n may be negative). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

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

/** A volunteer named in a body (optional): in scope, else a 400 on `field`. */
export async function optionalVolunteer(ctx: Ctx, id: number | null | undefined, field: string) {
  if (!id) return null;
  const v = await repo.findVolunteer(ctx.db, ctx.actor.scope, id);
  if (!v) throw badRequest('VALIDATION_FAILED', {}, { [field]: 'not_found' });
  return v;
}

/** The volunteer a record is about: in scope, else a 400 on volunteerId. */
export async function mustVolunteerField(ctx: Ctx, id: number) {
  const v = await repo.findVolunteer(ctx.db, ctx.actor.scope, id);
  if (!v) throw badRequest('VALIDATION_FAILED', {}, { volunteerId: 'not_found' });
  return v;
}
