import type { z } from 'zod';
import type { RidePlanView } from '../../../domain/vaccination/api';
import { planRides } from '../../../domain/vaccination/rides';
import type { riderBody, sessionBody, vehicleBody } from '../../../domain/vaccination/schemas';
import { audit } from '../../platform/audit';
import { maskKind } from '../../platform/audit-mask';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, notFound } from '../../platform/errors';
import * as repo from './repo';
import * as rides from './ride-repo';
import { areaInScope } from './service';

/** Rides (专车接送): a village's vehicles and sessions, who rides, and the day's plan grouped into trips. */

const VILLAGE_KINDS = new Set(['village', 'community']);

async function villageInScope(ctx: Ctx, id: number, field: string) {
  const area = await areaInScope(ctx, id, field);
  if (!VILLAGE_KINDS.has(area.kind)) throw badRequest('VACCINATION_NOT_A_VILLAGE', { name: area.name }, { [field]: 'not_a_village' });
  return area;
}

const toVehicle = (v: rides.VehicleRow) => ({
  id: v.id,
  areaId: v.area_id,
  areaName: v.area_name,
  name: v.name,
  seats: v.seats,
  wheelchairSpaces: v.wheelchair_spaces,
  driver: v.driver,
});
const toSession = (s: rides.SessionRow) => ({
  id: s.id,
  areaId: s.area_id,
  areaName: s.area_name,
  day: s.day,
  site: s.site,
  startsAt: s.starts_at,
  endsAt: s.ends_at,
  riders: s.riders,
});

const underOf = async (ctx: Ctx, under?: number) => (under ? (await areaInScope(ctx, under, 'under')).path : ctx.actor.scope.path);

export async function listVehicles(ctx: Ctx, p: { under?: number }) {
  return { items: (await rides.listVehicles(ctx.db, ctx.actor.scope, await underOf(ctx, p.under))).map(toVehicle) };
}

export async function createVehicle(ctx: Ctx, b: z.infer<typeof vehicleBody>) {
  const area = await villageInScope(ctx, b.areaId, 'areaId');
  const id = await ctx.db.tx(async (tx) => {
    const made = await rides.insertVehicle(tx, { ...b, areaPath: area.path, driver: b.driver ?? null, by: ctx.actor.userId });
    if (!made) throw conflict('VACCINATION_VEHICLE_TAKEN', { name: b.name }, { name: 'taken' });
    await audit(tx, ctx, {
      action: 'create',
      entity: 'vaccination_vehicle',
      entityId: made,
      areaPath: area.path,
      after: { name: b.name, seats: b.seats, wheelchairSpaces: b.wheelchairSpaces },
    });
    return made;
  });
  return toVehicle((await rides.findVehicle(ctx.db, ctx.actor.scope, id))!);
}

export async function listSessions(ctx: Ctx, p: { under?: number; day?: string }) {
  return { items: (await rides.listSessions(ctx.db, ctx.actor.scope, { underPath: await underOf(ctx, p.under), day: p.day })).map(toSession) };
}

export async function createSession(ctx: Ctx, b: z.infer<typeof sessionBody>) {
  const area = await villageInScope(ctx, b.areaId, 'areaId');
  if (b.endsAt <= b.startsAt) throw badRequest('VACCINATION_SESSION_HOURS', {}, { endsAt: 'before_start' });
  const id = await ctx.db.tx(async (tx) => {
    const made = await rides.insertSession(tx, { ...b, areaPath: area.path, by: ctx.actor.userId });
    await audit(tx, ctx, {
      action: 'create',
      entity: 'vaccination_session',
      entityId: made,
      areaPath: area.path,
      after: { day: b.day, site: b.site, startsAt: b.startsAt, endsAt: b.endsAt },
    });
    return made;
  });
  return toSession((await rides.findSession(ctx.db, ctx.actor.scope, id))!);
}

/** A ride for a person of the session's village; the pickup window must end by the session's end. */
export async function addRider(ctx: Ctx, sessionId: number, b: z.infer<typeof riderBody>) {
  const s = await rides.findSession(ctx.db, ctx.actor.scope, sessionId);
  if (!s) throw notFound();
  const person = await repo.person(ctx.db, ctx.actor.scope, b.residentId);
  if (!person || !person.area_path.startsWith(s.area_path)) throw badRequest('VALIDATION_FAILED', {}, { residentId: 'not_found' });
  if (b.to < b.from) throw badRequest('VACCINATION_RIDE_WINDOW', {}, { to: 'before_start' });
  if (b.to > s.ends_at) throw badRequest('VACCINATION_RIDE_AFTER_SESSION', { endsAt: s.ends_at }, { to: 'after_session' });
  const id = await ctx.db.tx(async (tx) => {
    const made = await rides.insertRide(tx, {
      sessionId,
      residentId: b.residentId,
      areaId: person.area_id,
      areaPath: person.area_path,
      wheelchair: b.wheelchair,
      from: b.from,
      to: b.to,
      by: ctx.actor.userId,
    });
    if (!made) throw conflict('VACCINATION_RIDE_TAKEN');
    await audit(tx, ctx, {
      action: 'book',
      entity: 'vaccination_ride',
      entityId: made,
      areaPath: person.area_path,
      after: { sessionId, residentId: b.residentId, wheelchair: b.wheelchair, from: b.from, to: b.to },
    });
    return made;
  });
  return rides.toRide((await rides.findRide(ctx.db, ctx.actor.scope, id))!);
}

/** The day's plan of a village: each session's riders grouped into trips of the village's vehicles (planRides). */
export async function ridePlan(ctx: Ctx, p: { villageId: number; day: string }): Promise<RidePlanView> {
  const village = await villageInScope(ctx, p.villageId, 'villageId');
  const [policy, vehicles, sessions] = await Promise.all([
    repo.policyOf(ctx.db),
    rides.listVehicles(ctx.db, ctx.actor.scope, village.path),
    rides.listSessions(ctx.db, ctx.actor.scope, { underPath: village.path, day: p.day }),
  ]);
  const riders = await rides.ridesOfSessions(
    ctx.db,
    ctx.actor.scope,
    sessions.map((s) => s.id),
  );
  const plan = planRides(
    riders.map((r) => ({ id: r.id, sessionId: r.session_id, wheelchair: r.wheelchair, from: r.window_from, to: r.window_to })),
    vehicles.map((v) => ({ id: v.id, seats: v.seats, wheelchairSpaces: v.wheelchair_spaces })),
    policy.rideTripMinutes,
  );
  const rideOf = new Map(riders.map((r) => [r.id, r]));
  const vehicleOf = new Map(vehicles.map((v) => [v.id, v]));
  const siteOf = new Map(sessions.map((s) => [s.id, s.site]));
  return {
    village: { id: village.id, name: village.name },
    day: p.day,
    sessions: sessions.map(toSession),
    vehicles: vehicles.map(toVehicle),
    trips: plan.trips.map((t) => {
      const v = vehicleOf.get(t.vehicleId)!;
      return {
        vehicleId: v.id,
        vehicleName: v.name,
        driver: v.driver,
        seats: v.seats,
        wheelchairSpaces: v.wheelchair_spaces,
        sessionId: t.sessionId,
        site: siteOf.get(t.sessionId) ?? '',
        pickupAt: t.pickupAt,
        riders: t.riderIds.map((id) => {
          const r = rideOf.get(id)!;
          // The driver needs the way there, not the door: the address is cut like every list of people.
          return {
            residentId: r.resident_id,
            name: r.name,
            address: r.address === null ? null : (maskKind('address', r.address) as string),
            wheelchair: r.wheelchair,
            from: r.window_from,
            to: r.window_to,
          };
        }),
      };
    }),
    unplaced: plan.unplaced.map((u) => {
      const r = rideOf.get(u.id)!;
      return { residentId: r.resident_id, name: r.name, sessionId: r.session_id, why: u.why };
    }),
  };
}
