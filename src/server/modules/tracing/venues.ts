import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { venueBody, venuePatchBody, venueScanBody } from '../../../domain/tracing/api-exposures';
import { maskIdNumber, maskPhone } from '../../../domain/residents/identity';
import { maskName } from '../../../domain/sampling/rules';
import type { Db } from '../../db/engine';
import { type AuditActor, audit } from '../../platform/audit';
import { dropMonthsBefore } from '../../platform/month-partitions';
import type { Ctx } from '../../platform/context';
import { badRequest, notFound, tooMany } from '../../platform/errors';
import type { AddressWindow } from '../../platform/login-limiter';
import type { Lang } from '../../platform/messages';
import { areaTree } from '../areas';
import * as lifecycle from '../lifecycle';
import * as residents from '../residents';
import * as venuesRepo from './venues-repo';

export { VISITS_TABLE } from './venues-repo';

/**
 * Venue codes (场所码, issue 16 point 4): a register of venues per area, each with the token its printed code
 * carries; anyone who scans it records a visit with a name and a phone (the ID number when they give it), without
 * an account. The public page is throttled per client address like the public help page, validates the phone and
 * ID number as the registry does, and tells the visitor how long the visit is kept; the sweep deletes older visits.
 * Visits are shown masked everywhere: they are read in full only by the exposure suggestions, which mask them too.
 */
export function toVenueItem(v: venuesRepo.VenueRow) {
  return {
    id: v.id,
    areaId: v.area_id,
    areaName: v.area_name,
    name: v.name,
    address: v.address,
    token: v.token,
    active: v.active,
    visits: v.visits,
    createdAt: v.created_at,
  };
}

export async function listVenues(ctx: Ctx, p: { under?: number; limit: number; offset: number }) {
  let underPath: string | undefined;
  if (p.under) {
    const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, p.under);
    if (!area) throw badRequest('VALIDATION_FAILED', {}, { under: 'not_found' });
    underPath = area.path;
  }
  const { rows, total } = await venuesRepo.listVenues(ctx.db, ctx.actor.scope, { ...p, underPath });
  return { items: rows.map(toVenueItem), total };
}

async function mustVenue(ctx: Ctx, id: number) {
  const v = await venuesRepo.findVenue(ctx.db, ctx.actor.scope, id);
  if (!v) throw notFound();
  return v;
}

export async function createVenue(ctx: Ctx, b: z.infer<typeof venueBody>) {
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, b.areaId);
  if (!area || area.archived) throw badRequest('VALIDATION_FAILED', {}, { areaId: 'not_found' });
  const id = await ctx.db.tx(async (tx) => {
    // 24 random bytes: a code cannot be guessed from another's.
    const token = randomBytes(24).toString('base64url');
    const id = await venuesRepo.insertVenue(tx, {
      areaId: area.id,
      areaPath: area.path,
      name: b.name,
      address: b.address ?? null,
      token,
      by: ctx.actor.userId,
    });
    await audit(tx, ctx, { action: 'create', entity: 'tracing_venue', entityId: id, areaPath: area.path, after: { name: b.name, address: b.address ?? null } });
    return id;
  });
  return toVenueItem(await mustVenue(ctx, id));
}

export async function updateVenue(ctx: Ctx, id: number, b: z.infer<typeof venuePatchBody>) {
  const v = await mustVenue(ctx, id);
  const next = { name: b.name ?? v.name, address: b.address === undefined ? v.address : b.address, active: b.active ?? v.active };
  await ctx.db.tx(async (tx) => {
    await venuesRepo.updateVenue(tx, id, next);
    await audit(tx, ctx, {
      action: 'update',
      entity: 'tracing_venue',
      entityId: id,
      areaPath: v.area_path,
      before: { name: v.name, address: v.address, active: v.active },
      after: next,
    });
  });
  return toVenueItem(await mustVenue(ctx, id));
}

export async function venueVisits(ctx: Ctx, id: number, p: { limit: number; offset: number }) {
  await mustVenue(ctx, id);
  const [{ rows, total }, keptDays] = await Promise.all([venuesRepo.visitsOf(ctx.db, id, p.limit, p.offset), venuesRepo.visitDays(ctx.db)]);
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      name: maskName(r.name),
      phone: maskPhone(r.phone),
      idNumber: maskIdNumber(r.id_number),
      matched: r.resident_id !== null,
      visitedAt: r.visited_at,
    })),
    total,
    keptDays,
  };
}

// ——— the public page ———
export interface ScanCtx {
  db: Db;
  lang: Lang;
  clientIp: string;
  limiter: AddressWindow;
}

async function throttle(p: ScanCtx) {
  const wait = await p.limiter.check('', p.clientIp);
  if (wait) throw tooMany(wait);
}

async function mustToken(p: ScanCtx, token: string) {
  const v = await venuesRepo.venueByToken(p.db, token);
  if (!v) throw notFound();
  return v;
}

export async function scanForm(p: ScanCtx, token: string) {
  await throttle(p);
  const v = await mustToken(p, token);
  return { venueName: v.name, areaName: v.area_name, keptDays: await venuesRepo.visitDays(p.db) };
}

/** Counted before anything else: a flood of bad visits is throttled like good ones. The visit itself is not audited (the table is the record, and it is swept). */
export async function scan(p: ScanCtx, token: string, b: z.infer<typeof venueScanBody>) {
  await throttle(p);
  const v = await mustToken(p, token);
  const fields: Record<string, string> = {};
  const phone = residents.checkPhoneField(b.phone, 'phone', p.lang, fields);
  const identity = b.idNumber?.trim() ? residents.checkIdentityFields({ idNumber: b.idNumber }, p.lang, fields) : null;
  if (Object.keys(fields).length || !phone) throw badRequest('VALIDATION_FAILED', {}, Object.keys(fields).length ? fields : { phone: 'required' });
  const idNumber = identity?.idNumber ?? null;
  const residentId = await venuesRepo.matchVisitor(p.db, idNumber, phone, b.name.trim());
  const row = await venuesRepo.insertVisit(p.db, { venueId: v.id, areaPath: v.area_path, name: b.name, phone, idNumber, residentId, at: new Date() });
  return { venueName: v.name, visitedAt: row.visited_at, keptDays: await venuesRepo.visitDays(p.db) };
}

const DAY_MS = 86_400_000;
const SWEEPER: AuditActor = { actorId: null, actorName: 'system:venue-visits', requestId: null, clientIp: null };

/**
 * The retention sweep (a job, daily; `now` from the clock): visits older than the policy's days go. First every
 * month partition wholly before the cutoff is dropped (platform/month-partitions), then the rest of the old rows
 * are deleted one by one — the partial month, and what landed in the default partition. Areas under a hold of
 * every class keep their visits: a month holding one of theirs is not dropped, and its other rows go one by one.
 * The audit row is the destruction record: how many, and which partitions were dropped.
 */
export async function sweepVisits(db: Db, now = new Date()) {
  const days = await venuesRepo.visitDays(db);
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  return db.tx(async (tx) => {
    const held = await lifecycle.areasHeldFromEveryPurge(tx);
    const dropped = await dropMonthsBefore(tx, {
      table: venuesRepo.VISITS_TABLE,
      cutoff,
      keep: (partition) => venuesRepo.partitionHasHeld(tx, partition, held),
    });
    const oneByOne = await venuesRepo.sweepVisits(tx, cutoff, held);
    const deleted = oneByOne + dropped.reduce((n, d) => n + d.rows, 0);
    const partitions = dropped.map((d) => d.partition);
    if (deleted || partitions.length)
      await audit(tx, SWEEPER, { entity: 'tracing_venue_visits', action: 'run', after: { days, cutoff, deleted, oneByOne, partitions: dropped } });
    return { deleted, days, partitions };
  });
}
