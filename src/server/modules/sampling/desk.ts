import type { z } from 'zod';
import { checkIdentity, maskIdNumber } from '../../../domain/residents/identity';
import { type PoolSize, maskName, parseScan, poolSizeFor } from '../../../domain/sampling/rules';
import type { bindBody, openTubeBody } from '../../../domain/sampling/schemas';
import { audit, auditActorOf } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, notFound, ruleViolation, tooMany } from '../../platform/errors';
import { bindWriter } from './bind-writer';
import { tubeWriter } from './tube-writer';
import { idLookupWait } from './id-lookups';
import { pathInScope } from '../../platform/scope';
import * as repo from './repo';
import { barcodeOf, mustRound, when } from './lookups';

/** The desk (采样台): tubes opened, people bound into them (the hot path), mistakes removed. */

// ——— tubes ———
function tubeView(t: repo.TubeRow) {
  return {
    id: t.id,
    roundId: t.round_id,
    pointId: t.point_id,
    desk: t.desk,
    barcode: t.barcode,
    capacity: t.capacity,
    bound: t.bound,
    full: t.bound >= t.capacity,
    status: t.status,
    boxId: t.box_id,
    openedAt: t.opened_at,
    closedAt: t.closed_at,
    result: t.result,
  };
}

export async function openTube(ctx: Ctx, b: z.infer<typeof openTubeBody>) {
  const barcode = barcodeOf(b.barcode);
  const place = await repo.findTubePlace(ctx.db, ctx.actor.scope, b.roundId, b.pointId);
  if (!place) throw badRequest('VALIDATION_FAILED', {}, { roundId: 'not_found' });
  if (place.point_id === null || place.point_round_id !== place.round_id) throw badRequest('VALIDATION_FAILED', {}, { pointId: 'not_found' });
  if (b.desk && b.desk > place.desks!) throw badRequest('VALIDATION_FAILED', {}, { desk: 'too_big' });
  if (place.status !== 'open') throw conflict('ROUND_NOT_OPEN', { status: place.status });
  const round = { id: place.round_id };
  const point = { id: place.point_id };
  const capacity = b.capacity ?? poolSizeFor(place.pool_rules, place.pool_default as PoolSize, { areaPath: place.area_path! });
  // Group-committed with the other desks' openings: one statement with the audit rows, one commit for all.
  const tube = await tubeWriter(ctx.db).write({
    who: auditActorOf(ctx),
    roundId: round.id,
    pointId: point.id,
    desk: b.desk ?? null,
    areaId: place.area_id!,
    areaPath: place.area_path!,
    barcode,
    capacity,
    by: ctx.actor.userId,
  });
  if (!tube) {
    // A retried open (the answer was lost) finds its own tube still open at the same desk: answer it again.
    const own = await repo.findTubeByBarcode(ctx.db, ctx.actor.scope, barcode);
    if (own && own.status === 'open' && own.round_id === round.id && own.point_id === point.id && own.desk === (b.desk ?? null))
      return { ...tubeView(own), replayed: true };
    const used = await repo.usedTubeUnscoped(ctx.db, barcode);
    const seen = used && pathInScope(ctx.actor.scope, used.area_path);
    throw conflict('TUBE_USED', { barcode, point: seen ? used.point_name : '—', at: seen ? when(used.opened_at) : '—' });
  }
  return { ...tubeView(tube), replayed: false };
}

/** A desk's tubes (its open one after a reload), newest first. */
export async function listTubes(ctx: Ctx, p: { roundId: number; pointId?: number; desk?: number; status?: string }) {
  await mustRound(ctx, p.roundId);
  return { items: (await repo.listTubes(ctx.db, ctx.actor.scope, p)).map(tubeView) };
}

async function mustTube(ctx: Ctx, id: number) {
  const t = await repo.findTube(ctx.db, ctx.actor.scope, id);
  if (!t) throw notFound();
  return t;
}

export async function getTube(ctx: Ctx, id: number) {
  const t = await mustTube(ctx, id);
  const members = await repo.tubeMembers(ctx.db, id);
  return {
    ...tubeView(t),
    members: members.map((m) => ({
      bindingId: m.binding_id,
      residentId: m.resident_id,
      seq: m.seq,
      name: maskName(m.name),
      idNumber: maskIdNumber(m.id_number),
      boundAt: m.bound_at,
      duplicateOf: m.duplicate_of,
      removed: m.removed_at !== null,
      removedReason: m.removed_reason,
    })),
  };
}

export async function closeTube(ctx: Ctx, id: number, reason: string | null) {
  await ctx.db.tx(async (tx) => {
    const t = await repo.findTube(tx, ctx.actor.scope, id, true);
    if (!t) throw notFound();
    if (t.status !== 'open') throw conflict('TUBE_NOT_OPEN', { barcode: t.barcode });
    if (t.bound === 0) throw conflict('TUBE_EMPTY', { barcode: t.barcode });
    await repo.closeTube(tx, id, reason ?? 'early');
    await audit(tx, ctx, { action: 'close', entity: 'sampling_tube', entityId: id, areaPath: t.area_path, after: { reason, bound: t.bound } });
  });
  return tubeView((await repo.findTube(ctx.db, ctx.actor.scope, id))!);
}

// ——— the desk: bind ———
function who(ctx: Ctx, b: z.infer<typeof bindBody>): repo.Who {
  if (b.scan) return who(ctx, { ...b, scan: undefined, ...parseScan(b.scan) });
  if (b.residentId) return { residentId: b.residentId };
  if (b.householdId) return { householdId: b.householdId };
  const check = checkIdentity(b.idNumber!);
  if (!check.ok) throw badRequest('ID_NUMBER_INVALID', { problem: check.problem }, { idNumber: 'invalid_format' });
  return { idNumber: check.number };
}

async function duplicatesOf(ctx: Ctx, ids: (number | null)[]) {
  const places = await repo.bindingPlaces(
    ctx.db,
    ids.filter((x): x is number => x !== null),
  );
  return new Map(places.map((p) => [Number(p.id), { bindingId: Number(p.id), tubeBarcode: p.barcode, pointName: p.point_name, boundAt: p.bound_at }]));
}

export async function bind(ctx: Ctx, b: z.infer<typeof bindBody>) {
  const person = who(ctx, b);
  // A typed or card-read ID number, from someone who may not reveal numbers: counted, answered masked, a miss audited.
  const byNumber = 'idNumber' in person && !ctx.actor.permissions.has('residents.reveal');
  if (byNumber) {
    const wait = idLookupWait(ctx.actor.userId);
    if (wait) throw tooMany(wait);
  }
  const shown = (name: string) => (byNumber ? maskName(name) : name);
  const actor = { ...auditActorOf(ctx), userId: ctx.actor.userId };
  // Group-committed with the other desks' scans (bind-writer.ts): committed (durable) when it returns.
  const out = await bindWriter(ctx.db).write({ scope: ctx.actor.scope, who: actor, tubeId: b.tubeId, clientId: b.clientId, person });
  if (byNumber && out.people === 0 && out.tube) {
    await audit(ctx.db, ctx, {
      action: 'id_lookup_miss',
      entity: 'sampling_tube',
      entityId: out.tube.id,
      areaPath: ctx.actor.scope.path,
      after: { idNumber: maskIdNumber((person as { idNumber: string }).idNumber) },
    });
  }
  if (out.inserted?.length) {
    const dups = out.inserted.some((i) => i.duplicateOf)
      ? await duplicatesOf(
          ctx,
          out.inserted.map((i) => i.duplicateOf),
        )
      : new Map();
    const bound = out.new_bound ?? 0;
    const full = bound >= out.tube!.capacity;
    // A person whose group or area calls for a smaller pool (a key group in single tubes) is bound and warned,
    // like a duplicate: the swab is not taken yet, and the desk removes the binding and opens the right tube.
    const poolSize = (i: (typeof out.inserted)[number]) =>
      poolSizeFor(out.pool_rules ?? [], (out.pool_default ?? 10) as PoolSize, { areaPath: i.areaPath, groups: i.groups });
    return {
      replayed: false,
      bindings: out.inserted.map((i) => ({
        id: Number(i.id),
        residentId: i.residentId,
        name: shown(i.name),
        seq: i.seq,
        duplicate: i.duplicateOf ? (dups.get(Number(i.duplicateOf)) ?? null) : null,
        poolSize: poolSize(i) < out.tube!.capacity ? { required: poolSize(i), tube: out.tube!.capacity } : null,
      })),
      tube: { id: out.tube!.id, barcode: out.tube!.barcode, capacity: out.tube!.capacity, bound, full },
      full,
    };
  }
  // Nothing went in: a retry of a scan that did (answer the first result), or the tube could not take them.
  const prior = await repo.bindingsByClient(ctx.db, ctx.actor.scope, b.clientId, 'householdId' in person ? person.householdId : undefined);
  const priorTube = prior.length ? await repo.findTube(ctx.db, ctx.actor.scope, prior[0].tube_id) : null;
  if (priorTube) {
    const tube = priorTube;
    const dups = await duplicatesOf(
      ctx,
      prior.map((p) => p.duplicate_of),
    );
    return {
      replayed: true,
      bindings: prior.map((p) => ({
        id: Number(p.id),
        residentId: p.resident_id,
        name: shown(p.name),
        seq: p.seq,
        duplicate: p.duplicate_of ? (dups.get(Number(p.duplicate_of)) ?? null) : null,
      })),
      tube: { id: tube.id, barcode: tube.barcode, capacity: tube.capacity, bound: tube.bound, full: tube.bound >= tube.capacity },
      full: tube.bound >= tube.capacity,
    };
  }
  if (!out.tube) throw badRequest('VALIDATION_FAILED', {}, { tubeId: 'not_found' });
  if (out.people === 0) throw ruleViolation('PERSON_NOT_REGISTERED');
  if (out.round_status !== 'open') throw conflict('ROUND_NOT_OPEN', { status: out.round_status });
  if (out.tube.status !== 'open') throw conflict('TUBE_NOT_OPEN', { barcode: out.tube.barcode });
  throw conflict('TUBE_FULL', { barcode: out.tube.barcode, left: Math.max(0, out.tube.capacity - out.tube.bound) });
}

export async function removeBinding(ctx: Ctx, id: number, reason: string) {
  const tubeId = await ctx.db.tx(async (tx) => {
    const b = await repo.findBindingForUpdate(tx, ctx.actor.scope, id);
    if (!b) throw notFound();
    if (b.removed_at) throw conflict('BINDING_REMOVED');
    // The tube's desk may be outside the caller's scope only if the person is in it: read it unscoped by id.
    const [t] = await tx.query<{ status: string; barcode: string }>('SELECT status, barcode FROM sampling_tubes WHERE id = $1 FOR UPDATE', [b.tube_id]);
    if (t.status === 'boxed') throw conflict('TUBE_NOT_OPEN', { barcode: t.barcode });
    await repo.removeBinding(tx, id, b.tube_id, reason, ctx.actor.userId);
    await audit(tx, ctx, {
      action: 'remove',
      entity: 'sampling_binding',
      entityId: id,
      areaPath: b.area_path,
      after: { reason, tubeId: b.tube_id, residentId: b.resident_id },
    });
    return b.tube_id;
  });
  const t = await repo.findTube(ctx.db, ctx.actor.scope, tubeId);
  return t ? tubeView(t) : { id: tubeId };
}
