import type { z } from 'zod';
import { responseMinutes } from '../../../domain/zones/estate';
import { greenChannelFigures, problemCounts } from '../../../domain/zones/estate';
import type { distributionBody, greenBody, needsBody, outcomeBody, problemBody } from '../../../domain/zones/api-estate';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, notFound, ruleViolation } from '../../platform/errors';
import { bindPhotos, photosOf } from '../photos';
import { listCaptains } from '../volunteers';
import { setInForce } from './lift';
import * as repo from './estate-repo';
import { findZoneReaching } from './repo';

/**
 * A sealed estate's day (封控小区): captains survey each household's needs on their phones, deliveries are recorded
 * with a signature photo or the recipient's word, the medical green channel logs requests and response times
 * against the rule set's target, problems end solved, transferred or handed down. Writes from a phone carry the
 * phone's client id and are recorded once however often the outbox resends them.
 */
export type ECtx = Ctx & { timeZone: string };
const PHOTO_OWNER = 'zone_distribution';

async function zoneReached(ctx: Ctx, id: number) {
  const z = await findZoneReaching(ctx.db, ctx.actor.scope, id);
  if (!z) throw notFound();
  return z;
}

async function liveZone(ctx: Ctx, id: number) {
  const z = await zoneReached(ctx, id);
  if (z.status !== 'active') throw conflict('ZONE_LIFTED');
  return z;
}

async function householdOf(ctx: Ctx, zonePath: string, householdId: number) {
  const h = await repo.householdInside(ctx.db, zonePath, householdId);
  if (!h) throw badRequest('VALIDATION_FAILED', {}, { householdId: 'not_found' });
  return h;
}

const toHousehold = (h: repo.HouseholdRow) => ({
  householdId: h.household_id,
  address: h.address,
  areaName: h.area_name,
  people: h.people,
  needs: (h.needs ?? []) as never[],
  appointmentOn: h.appointment_on,
  needsNote: h.needs_note,
  surveyedAt: h.surveyed_at,
  deliveredToday: h.delivered_today,
});

function toGreen(g: repo.GreenRow, target: number) {
  const minutes = responseMinutes(g.requested_at, g.responded_at);
  return {
    id: g.id,
    householdId: g.household_id,
    address: g.address,
    kind: g.kind as never,
    requestedAt: g.requested_at,
    respondedAt: g.responded_at,
    responseMinutes: minutes,
    withinTarget: minutes === null ? null : minutes <= target,
    note: g.note,
  };
}

const toProblem = (p: repo.ProblemRow) => ({
  id: p.id,
  householdId: p.household_id,
  summary: p.summary,
  outcome: p.outcome as never,
  handledBy: p.handled_by,
  createdAt: p.created_at,
  closedAt: p.closed_at,
});

export async function board(ctx: ECtx, id: number, day = ctx.today) {
  const z = await zoneReached(ctx, id);
  const zone = { id: z.id, path: z.inside };
  const [set, households, distributions, green, problems, captains] = await Promise.all([
    setInForce(ctx.db, ctx.today),
    repo.households(ctx.db, zone, day),
    repo.distributionsOn(ctx.db, z.id, day, z.inside),
    repo.greenAround(ctx.db, z.id, day, ctx.timeZone, z.inside),
    repo.problemsOf(ctx.db, z.id, z.inside),
    listCaptains(ctx.db, ctx.actor.scope, { underPath: z.inside }),
  ]);
  const photos = await photosOf(
    ctx.db,
    ctx.actor.scope,
    PHOTO_OWNER,
    distributions.map((x) => x.id),
  );
  const needsTotals = new Map<string, number>();
  for (const h of households) for (const n of h.needs ?? []) needsTotals.set(n, (needsTotals.get(n) ?? 0) + 1);
  const target = set.greenChannelMinutes;
  return {
    zoneId: z.id,
    areaName: z.area_name,
    day,
    captains: captains.map((c) => ({ kind: c.kind as 'building' | 'floor', areaName: c.area_name, floor: c.floor, name: c.volunteer_name })),
    households: households.map(toHousehold),
    needsTotals: [...needsTotals].map(([need, n]) => ({ need: need as never, households: n })),
    distributions: distributions.map((x) => toDistribution(x, photos.get(x.id) ?? [])),
    green: {
      targetMinutes: target,
      items: green.map((g) => toGreen(g, target)),
      ...greenChannelFigures(
        green.map((g) => ({ requestedAt: g.requested_at, respondedAt: g.responded_at })),
        target,
      ),
    },
    problems: { ...problemCounts(problems.map((p) => p.outcome)), items: problems.slice(0, 50).map(toProblem) },
  };
}

const toDistribution = (x: repo.DistributionRow, photos: { id: number; url: string; uploadedAt: Date | string }[]) => ({
  id: x.id,
  householdId: x.household_id,
  address: x.address,
  day: x.day,
  items: x.items,
  confirmation: x.confirmation,
  recipient: x.recipient,
  photos: photos as never[],
  recordedAt: x.recorded_at,
});

/** A survey: a new client id is recorded (201); one already recorded answers the household as it stands (200). */
export async function recordNeeds(ctx: ECtx, id: number, b: z.infer<typeof needsBody>) {
  const z = await liveZone(ctx, id);
  const seen = await repo.needsByClient(ctx.db, b.clientId);
  if (seen && (seen.zone_id !== z.id || seen.household_id !== b.householdId)) throw conflict('ZONE_CLIENT_ID_REUSED');
  const h = await householdOf(ctx, z.inside, b.householdId);
  const needs = [...new Set(b.needs)];
  const created = await ctx.db.tx(async (tx) => {
    const needsId = await repo.insertNeeds(tx, {
      clientId: b.clientId,
      zoneId: z.id,
      householdId: h.id,
      areaPath: h.area_path,
      needs,
      appointmentOn: b.appointmentOn ?? null,
      note: b.note ?? null,
      by: ctx.actor.userId,
    });
    // A resend racing the first waits for its insert and records nothing (ON CONFLICT on the client id).
    if (needsId === null) return false;
    await audit(tx, ctx, {
      entity: 'zone_needs',
      action: 'record',
      entityId: needsId,
      areaPath: h.area_path,
      after: { zoneId: z.id, householdId: h.id, needs },
    });
    return true;
  });
  const [row] = await repo.households(ctx.db, { id: z.id, path: z.inside }, ctx.today, h.id);
  return { created, view: toHousehold(row) };
}

export async function recordDistribution(ctx: ECtx, id: number, b: z.infer<typeof distributionBody>) {
  const z = await liveZone(ctx, id);
  const done = await repo.distributionByClient(ctx.db, b.clientId);
  if (done) {
    if (done.zone_id !== z.id || done.household_id !== b.householdId) throw conflict('ZONE_CLIENT_ID_REUSED');
    return { created: false, view: toDistribution(done, (await photosOf(ctx.db, ctx.actor.scope, PHOTO_OWNER, [done.id])).get(done.id) ?? []) };
  }
  const h = await householdOf(ctx, z.inside, b.householdId);
  if (b.day > ctx.today) throw badRequest('VALIDATION_FAILED', {}, { day: 'too_big' });
  const photoIds = b.photoIds ?? [];
  if (b.confirmation === 'photo' && !photoIds.length) throw ruleViolation('ZONE_DELIVERY_PROOF', {}, { photoIds: 'required' });
  if (b.confirmation === 'recipient' && !b.recipient) throw ruleViolation('ZONE_DELIVERY_PROOF', {}, { recipient: 'required' });
  const newId = await ctx.db.tx(async (tx) => {
    const xid = await repo.insertDistribution(tx, {
      clientId: b.clientId,
      zoneId: z.id,
      householdId: h.id,
      areaPath: h.area_path,
      day: b.day,
      items: b.items,
      confirmation: b.confirmation,
      recipient: b.recipient ?? null,
      by: ctx.actor.userId,
    });
    if (xid === null) return null;
    await bindPhotos(tx, ctx, { ids: photoIds, owner: PHOTO_OWNER, ownerId: xid, areaPath: h.area_path, field: 'photoIds' });
    await audit(tx, ctx, {
      entity: 'zone_distribution',
      action: 'record',
      entityId: xid,
      areaPath: h.area_path,
      after: { zoneId: z.id, householdId: h.id, day: b.day, items: b.items, confirmation: b.confirmation, photos: photoIds.length },
    });
    return xid;
  });
  const row = await repo.distributionByClient(ctx.db, b.clientId);
  if (!row) throw notFound();
  return { created: newId !== null, view: toDistribution(row, (await photosOf(ctx.db, ctx.actor.scope, PHOTO_OWNER, [row.id])).get(row.id) ?? []) };
}

function checkTimes(ctx: Ctx, requestedAt: string, respondedAt: string | null) {
  const soon = Date.now() + 5 * 60_000;
  if (Date.parse(requestedAt) > soon) throw badRequest('VALIDATION_FAILED', {}, { requestedAt: 'too_big' });
  if (respondedAt && Date.parse(respondedAt) > soon) throw badRequest('VALIDATION_FAILED', {}, { respondedAt: 'too_big' });
  if (respondedAt && Date.parse(respondedAt) < Date.parse(requestedAt)) throw ruleViolation('ZONE_RESPONSE_ORDER', {}, { respondedAt: 'too_small' });
}

export async function recordGreen(ctx: ECtx, id: number, b: z.infer<typeof greenBody>) {
  const z = await liveZone(ctx, id);
  const h = b.householdId ? await householdOf(ctx, z.inside, b.householdId) : null;
  checkTimes(ctx, b.requestedAt, b.respondedAt ?? null);
  const set = await setInForce(ctx.db, ctx.today);
  const gid = await ctx.db.tx(async (tx) => {
    const areaPath = h?.area_path ?? z.inside;
    const newId = await repo.insertGreen(tx, {
      zoneId: z.id,
      householdId: h?.id ?? null,
      areaPath,
      kind: b.kind,
      requestedAt: b.requestedAt,
      respondedAt: b.respondedAt ?? null,
      note: b.note ?? null,
      by: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      entity: 'zone_green_channel',
      action: 'request',
      entityId: newId,
      areaPath,
      after: { zoneId: z.id, kind: b.kind, requestedAt: b.requestedAt },
    });
    return newId;
  });
  return toGreen((await repo.findGreen(ctx.db, ctx.actor.scope, gid))!, set.greenChannelMinutes);
}

export async function respondGreen(ctx: ECtx, id: number, respondedAt: string) {
  const g = await repo.findGreen(ctx.db, ctx.actor.scope, id);
  if (!g) throw notFound();
  if (g.responded_at) throw conflict('ZONE_GREEN_ANSWERED');
  checkTimes(ctx, g.requested_at.toISOString(), respondedAt);
  const set = await setInForce(ctx.db, ctx.today);
  await ctx.db.tx(async (tx) => {
    if (!(await repo.respondGreen(tx, id, respondedAt))) throw conflict('ZONE_GREEN_ANSWERED');
    await audit(tx, ctx, { entity: 'zone_green_channel', action: 'respond', entityId: id, areaPath: g.area_path, after: { respondedAt } });
  });
  return toGreen((await repo.findGreen(ctx.db, ctx.actor.scope, id))!, set.greenChannelMinutes);
}

export async function recordProblem(ctx: ECtx, id: number, b: z.infer<typeof problemBody>) {
  const z = await liveZone(ctx, id);
  const h = b.householdId ? await householdOf(ctx, z.inside, b.householdId) : null;
  const areaPath = h?.area_path ?? z.inside;
  const pid = await ctx.db.tx(async (tx) => {
    const newId = await repo.insertProblem(tx, {
      zoneId: z.id,
      householdId: h?.id ?? null,
      areaPath,
      summary: b.summary,
      outcome: b.outcome,
      handledBy: b.handledBy ?? null,
      by: ctx.actor.userId,
    });
    await audit(tx, ctx, { entity: 'zone_problem', action: 'create', entityId: newId, areaPath, after: { zoneId: z.id, outcome: b.outcome } });
    return newId;
  });
  return toProblem((await repo.findProblem(ctx.db, ctx.actor.scope, pid))!);
}

export async function closeProblem(ctx: ECtx, id: number, b: z.infer<typeof outcomeBody>) {
  const p = await repo.findProblem(ctx.db, ctx.actor.scope, id);
  if (!p) throw notFound();
  if (p.outcome !== 'open') throw conflict('ZONE_PROBLEM_CLOSED');
  await ctx.db.tx(async (tx) => {
    if (!(await repo.closeProblem(tx, id, b.outcome, b.handledBy ?? null))) throw conflict('ZONE_PROBLEM_CLOSED');
    await audit(tx, ctx, {
      entity: 'zone_problem',
      action: 'close',
      entityId: id,
      areaPath: p.area_path,
      before: { outcome: p.outcome },
      after: { outcome: b.outcome },
    });
  });
  return toProblem((await repo.findProblem(ctx.db, ctx.actor.scope, id))!);
}
