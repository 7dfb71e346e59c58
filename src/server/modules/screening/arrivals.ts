import type { z } from 'zod';
import type { VisitKey } from './visit-repo';
import type { Situation } from '../../../domain/policy/rules';
import type { ArrivalInput, proposeForArrivalBody } from '../../../domain/screening/schemas';
import type { Queryable } from '../../db/engine';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, notFound } from '../../platform/errors';
import { areaTree } from '../areas';
import * as monitoring from '../monitoring';
import * as residents from '../residents';
import * as repo from './arrival-repo';
import { originLevel } from './origin-level';
import * as riskAreaRepo from './risk-area-repo';
import { divisionFullName } from './risk-areas';
import { toArrivalView } from './view';

/**
 * Arrivals (返乡人员): registered by hand or by a visit. The origin's risk level is looked up in the
 * risk-area list for the arrival date — never typed — and a measure for an arrival is proposed from a
 * `Situation` built from it.
 */
type ArrivalFields = Omit<ArrivalInput, 'residentId'>;

export interface ResolvedOrigin {
  originCode: string | null;
  originName: string;
  originScope: string | null;
  originRiskLevel: string;
  riskAreaId: number | null;
}

/** Name, scope (local / same province / other province / abroad) and risk level of an origin, on the arrival day. */
export async function resolveOrigin(ctx: Ctx, a: ArrivalFields, homePath: string, field: string): Promise<ResolvedOrigin> {
  if (a.abroad || !a.originCode) {
    if (!a.abroad) throw badRequest('VALIDATION_FAILED', {}, { [`${field}originCode`]: 'required' });
    if (!a.originName) throw badRequest('VALIDATION_FAILED', {}, { [`${field}originName`]: 'required' });
    return { originCode: null, originName: a.originName, originScope: 'abroad', originRiskLevel: 'none', riskAreaId: null };
  }
  const name = await divisionFullName(a.originCode);
  if (!name) throw badRequest('VALIDATION_FAILED', {}, { [`${field}originCode`]: 'not_found' });
  const code12 = a.originCode.padEnd(12, '0');
  const listed = await originLevel(ctx.db, code12, a.arrivedOn);
  const home = await riskAreaRepo.homeDivisionCode(ctx.db, homePath);
  const scope = !home ? null : home.slice(0, 6) === code12.slice(0, 6) ? 'local' : home.slice(0, 2) === code12.slice(0, 2) ? 'same_province' : 'other_province';
  return { originCode: a.originCode, originName: name, originScope: scope, originRiskLevel: listed.level, riskAreaId: listed.riskAreaId };
}

export function checkDates(ctx: Ctx, a: ArrivalFields, field: string) {
  if (a.arrivedOn > ctx.today) throw badRequest('VALIDATION_FAILED', {}, { [`${field}arrivedOn`]: 'too_big' });
  if (a.exposedOn && a.exposedOn > ctx.today) throw badRequest('VALIDATION_FAILED', {}, { [`${field}exposedOn`]: 'too_big' });
}

export function newArrival(
  ctx: Ctx,
  a: ArrivalFields,
  o: ResolvedOrigin,
  who: { residentId: number; areaId: number; areaPath: string },
  visit: VisitKey | null,
): repo.NewArrival {
  return {
    ...who,
    ...o,
    arrivedOn: a.arrivedOn,
    transport: a.transport ?? null,
    transportNo: a.transportNo ?? null,
    reason: a.reason ?? null,
    codeColour: a.codeColour ?? null,
    symptoms: a.symptoms ?? [],
    contactType: a.contactType ?? null,
    exposedOn: a.exposedOn ?? null,
    visit,
    createdBy: ctx.actor.userId,
  };
}

export async function insertAudited(tx: Queryable, ctx: Ctx, row: repo.NewArrival): Promise<number> {
  const id = await repo.insertArrival(tx, row);
  await audit(tx, ctx, { action: 'create', entity: 'arrival', entityId: id, areaPath: row.areaPath, after: row });
  return id;
}

export async function register(ctx: Ctx, b: ArrivalInput) {
  const r = await residents.findResident(ctx.db, ctx.actor.scope, b.residentId);
  if (!r || r.merged_into) throw badRequest('VALIDATION_FAILED', {}, { residentId: 'not_found' });
  checkDates(ctx, b, '');
  const origin = await resolveOrigin(ctx, b, r.area_path, '');
  const id = await ctx.db.tx((tx) => insertAudited(tx, ctx, newArrival(ctx, b, origin, { residentId: r.id, areaId: r.area_id, areaPath: r.area_path }, null)));
  return toArrivalView((await repo.findArrival(ctx.db, ctx.actor.scope, id))!);
}

export async function list(
  ctx: Ctx,
  p: { under?: number; residentId?: number; from?: string; to?: string; level?: string; visitId?: number; page: number; pageSize: number },
) {
  let underPath: string | undefined;
  if (p.under) {
    const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, p.under);
    if (!area) throw badRequest('VALIDATION_FAILED', {}, { under: 'not_found' });
    underPath = area.path;
  }
  const { rows, total } = await repo.listArrivals(ctx.db, ctx.actor.scope, { ...p, underPath });
  return { items: rows.map(toArrivalView), total };
}

export async function get(ctx: Ctx, id: number) {
  const a = await repo.findArrival(ctx.db, ctx.actor.scope, id);
  if (!a) throw notFound();
  return toArrivalView(a);
}

/** The policy's `Situation` of an arrival: origin level and scope, code colour, dates, symptoms, contact. */
export function situationOf(a: repo.ArrivalRow): Situation {
  const s: Situation = { arrivedOn: a.arrived_on };
  if (a.origin_risk_level) s.originRiskLevel = a.origin_risk_level as Situation['originRiskLevel'];
  if (a.origin_scope) s.originScope = a.origin_scope as Situation['originScope'];
  if (a.code_colour) s.codeColour = a.code_colour as Situation['codeColour'];
  if (a.symptoms.length) s.symptoms = a.symptoms as Situation['symptoms'];
  if (a.contact_type) s.contactType = a.contact_type as Situation['contactType'];
  if (a.exposed_on) s.exposedOn = a.exposed_on;
  return s;
}

/** Proposes the measure the policy in force gives this arrival (monitoring's propose path). */
export async function propose(ctx: monitoring.MCtx, id: number, b: z.infer<typeof proposeForArrivalBody>) {
  const a = await repo.findArrival(ctx.db, ctx.actor.scope, id);
  if (!a) throw notFound();
  return monitoring.propose(
    ctx,
    { residentId: a.resident_id, situation: situationOf(a), on: b.on, gridWorkerId: b.gridWorkerId, doctorId: b.doctorId },
    { arrivalId: a.id },
  );
}
