import type { z } from 'zod';
import { checkIdentity, maskIdNumber } from '../../../domain/residents/identity';
import {
  DEFAULT_EXEMPTION_RULES,
  type ExemptionRules,
  type PoolSize,
  checkExemption,
  maskName,
  RETEST_HOURS,
  normalizeBarcode,
  parseScan,
  poolSizeFor,
  underAgeBornAfter,
} from '../../../domain/sampling/rules';
import type {
  bindBody,
  boxTubesBody,
  createBoxBody,
  createPointBody,
  createRoundBody,
  exemptionBody,
  handOverBody,
  openTubeBody,
} from '../../../domain/sampling/schemas';
import { audit, auditActorOf, auditMany } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, isUniqueViolation, notFound, ruleViolation } from '../../platform/errors';
import { pathInScope } from '../../platform/scope';
import { areaTree } from '../areas';
import * as residents from '../residents';
import * as tasks from '../tasks';
import { planSlots } from '../../../domain/sampling/slots';
import * as repo from './repo';

/** Mass testing (全员核酸): rounds, points, the desk, boxes, lab results with trace-back, exemptions, coverage. */

async function areaInScope(ctx: Ctx, id: number, field: string) {
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, id);
  if (!area || area.archived) throw badRequest('VALIDATION_FAILED', {}, { [field]: 'not_found' });
  return area;
}

async function mustRound(ctx: Ctx, id: number) {
  const r = await repo.findRound(ctx.db, ctx.actor.scope, id);
  if (!r) throw notFound();
  return r;
}

/** A round named in a body: out of scope or missing is a field problem, like any other id in a body. */
async function roundOfBody(ctx: Ctx, id: number) {
  const r = await repo.findRound(ctx.db, ctx.actor.scope, id);
  if (!r) throw badRequest('VALIDATION_FAILED', {}, { roundId: 'not_found' });
  return r;
}

function roundOpen(r: repo.RoundRow) {
  if (r.status !== 'open') throw conflict('ROUND_NOT_OPEN', { status: r.status });
}

const when = (d: Date | string) => new Date(d).toISOString();

// ——— rounds ———
function roundView(r: repo.RoundRow) {
  return {
    id: r.id,
    name: r.name,
    areaId: r.area_id,
    areaPath: r.area_path,
    areaName: r.area_name,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    rosterDate: r.roster_date,
    poolDefault: r.pool_default,
    poolRules: r.pool_rules,
    exemptionRules: r.exemption_rules,
    status: r.status,
    createdAt: r.created_at,
    closedAt: r.closed_at,
  };
}

export async function createRound(ctx: Ctx, b: z.infer<typeof createRoundBody>) {
  const area = await areaInScope(ctx, b.areaId, 'areaId');
  for (const [i, rule] of b.poolRules.entries()) if (rule.areaId) await areaInScope(ctx, rule.areaId, `poolRules.${i}.areaId`);
  const id = await ctx.db.tx(async (tx) => {
    const id = await repo.insertRound(tx, {
      ...b,
      areaId: area.id,
      areaPath: area.path,
      exemptionRules: b.exemptionRules ?? DEFAULT_EXEMPTION_RULES,
      by: ctx.actor.userId,
    });
    await audit(tx, ctx, { action: 'create', entity: 'sampling_round', entityId: id, areaPath: area.path, after: b });
    return id;
  });
  return roundView((await repo.findRound(ctx.db, ctx.actor.scope, id))!);
}

export async function listRounds(ctx: Ctx, p: { under?: number; status?: string }) {
  const underPath = p.under ? (await areaInScope(ctx, p.under, 'under')).path : undefined;
  return { items: (await repo.listRounds(ctx.db, ctx.actor.scope, { underPath, status: p.status })).map(roundView) };
}

export async function getRound(ctx: Ctx, id: number) {
  const r = await mustRound(ctx, id);
  return { ...roundView(r), counts: await repo.roundCounts(ctx.db, ctx.actor.scope, id) };
}

const NEXT_STATUS: Record<string, string> = { open: 'planned', closed: 'open' };

export async function setRoundStatus(ctx: Ctx, id: number, status: 'open' | 'closed') {
  const r = await mustRound(ctx, id);
  // Seen from below (a county's round from a village) is not owned: only a caller whose scope holds it opens or closes it.
  if (!pathInScope(ctx.actor.scope, r.area_path)) throw notFound();
  await ctx.db.tx(async (tx) => {
    if (!(await repo.setRoundStatus(tx, id, NEXT_STATUS[status], status))) throw conflict('ROUND_STATE', { status: r.status });
    // The roster is taken as the round opens, so the first coverage read at the peak does not pay for it.
    if (status === 'open') await repo.syncRoster(tx, rosterArgs(r));
    await audit(tx, ctx, { action: status, entity: 'sampling_round', entityId: id, areaPath: r.area_path, before: { status: r.status }, after: { status } });
  });
  return getRound(ctx, id);
}

// ——— points ———
function pointView(p: repo.PointRow) {
  return {
    id: p.id,
    roundId: p.round_id,
    name: p.name,
    address: p.address,
    areaId: p.area_id,
    areaPath: p.area_path,
    areaName: p.area_name,
    kind: p.kind,
    servesAreaIds: p.serves_area_ids,
    desks: p.desks,
    opensAt: p.opens_at,
    closesAt: p.closes_at,
    perDeskHour: p.per_desk_hour,
    capacityPerHour: p.desks * p.per_desk_hour,
    staff: p.staff,
  };
}

export async function createPoint(ctx: Ctx, roundId: number, b: z.infer<typeof createPointBody>) {
  const round = await mustRound(ctx, roundId);
  const area = await areaInScope(ctx, b.areaId, 'areaId');
  if (!area.path.startsWith(round.area_path)) throw badRequest('VALIDATION_FAILED', {}, { areaId: 'not_found' });
  for (const [i, a] of b.servesAreaIds.entries()) {
    const served = await areaInScope(ctx, a, `servesAreaIds.${i}`);
    if (!served.path.startsWith(round.area_path)) throw badRequest('VALIDATION_FAILED', {}, { [`servesAreaIds.${i}`]: 'not_found' });
  }
  const id = await ctx.db.tx(async (tx) => {
    let id: number;
    try {
      id = await repo.insertPoint(tx, { ...b, roundId, address: b.address ?? null, staff: b.staff ?? null, areaId: area.id, areaPath: area.path });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('POINT_NAME_TAKEN', { name: b.name });
      throw e;
    }
    await audit(tx, ctx, { action: 'create', entity: 'sampling_point', entityId: id, areaPath: area.path, after: { roundId, ...b } });
    return id;
  });
  return pointView((await repo.findPoint(ctx.db, ctx.actor.scope, id))!);
}

export async function listPoints(ctx: Ctx, roundId: number) {
  await mustRound(ctx, roundId);
  return { items: (await repo.listPoints(ctx.db, ctx.actor.scope, roundId)).map(pointView) };
}

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

function barcodeOf(raw: string, field = 'barcode'): string {
  const code = normalizeBarcode(raw);
  if (!code) throw badRequest('TUBE_BARCODE', { barcode: raw.slice(0, 40) }, { [field]: 'invalid_format' });
  return code;
}

export async function openTube(ctx: Ctx, b: z.infer<typeof openTubeBody>) {
  const barcode = barcodeOf(b.barcode);
  const round = await roundOfBody(ctx, b.roundId);
  const point = await repo.findPoint(ctx.db, ctx.actor.scope, b.pointId);
  if (!point || point.round_id !== round.id) throw badRequest('VALIDATION_FAILED', {}, { pointId: 'not_found' });
  if (b.desk && b.desk > point.desks) throw badRequest('VALIDATION_FAILED', {}, { desk: 'too_big' });
  roundOpen(round);
  const capacity = b.capacity ?? poolSizeFor(round.pool_rules, round.pool_default as PoolSize, { areaPath: point.area_path });
  // One statement with its audit row: a round trip instead of four (BEGIN, insert, audit, COMMIT).
  const tube = await repo.openTube(ctx.db, auditActorOf(ctx), {
    roundId: round.id,
    pointId: point.id,
    desk: b.desk ?? null,
    areaId: point.area_id,
    areaPath: point.area_path,
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
  const actor = { ...auditActorOf(ctx), userId: ctx.actor.userId };
  // The one statement of the desk: committed (durable) when it returns.
  const out = await repo.bind(ctx.db, ctx.actor.scope, actor, { tubeId: b.tubeId, clientId: b.clientId, person });
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
        name: i.name,
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
        name: p.name,
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

// ——— boxes ———
function boxView(x: repo.BoxRow) {
  return {
    id: x.id,
    roundId: x.round_id,
    pointId: x.point_id,
    code: x.code,
    status: x.status,
    tubeCount: x.tube_count,
    lab: x.lab,
    handedOverAt: x.handed_over_at,
  };
}

export async function createBox(ctx: Ctx, b: z.infer<typeof createBoxBody>) {
  const code = barcodeOf(b.code, 'code');
  const round = await roundOfBody(ctx, b.roundId);
  const point = await repo.findPoint(ctx.db, ctx.actor.scope, b.pointId);
  if (!point || point.round_id !== round.id) throw badRequest('VALIDATION_FAILED', {}, { pointId: 'not_found' });
  const id = await ctx.db.tx(async (tx) => {
    const id = await repo.insertBox(tx, { roundId: round.id, pointId: point.id, areaId: point.area_id, areaPath: point.area_path, code, by: ctx.actor.userId });
    if (!id) throw conflict('BOX_CODE_TAKEN', { code });
    await audit(tx, ctx, {
      action: 'create',
      entity: 'sampling_box',
      entityId: id,
      areaPath: point.area_path,
      after: { code, roundId: round.id, pointId: point.id },
    });
    return id;
  });
  return boxView((await repo.findBox(ctx.db, ctx.actor.scope, id))!);
}

export async function listBoxes(ctx: Ctx, p: { roundId?: number; status?: string }) {
  return { items: (await repo.listBoxes(ctx.db, ctx.actor.scope, p)).map(boxView) };
}

export async function getBox(ctx: Ctx, id: number) {
  const box = await repo.findBox(ctx.db, ctx.actor.scope, id);
  if (!box) throw notFound();
  return { ...boxView(box), barcodes: await repo.barcodesInBox(ctx.db, id) };
}

export async function addTubesToBox(ctx: Ctx, id: number, b: z.infer<typeof boxTubesBody>) {
  const codes = [...new Set(b.barcodes.map((c, i) => barcodeOf(c, `barcodes.${i}`)))];
  await ctx.db.tx(async (tx) => {
    const box = await repo.findBox(tx, ctx.actor.scope, id, true);
    if (!box) throw notFound();
    if (box.status !== 'packing') throw conflict('BOX_HANDED_OVER', { code: box.code });
    const tubes = await repo.tubesByBarcodes(tx, ctx.actor.scope, box.round_id, codes);
    const byCode = new Map(tubes.map((t) => [t.barcode, t]));
    const problems: Record<string, string> = {};
    for (const c of codes) {
      const t = byCode.get(c);
      if (!t) problems[c] = 'not_found';
      else if (t.status === 'open') problems[c] = 'tube_open';
      else if (t.status === 'boxed' && t.box_id !== box.id) problems[c] = 'other_box';
    }
    if (Object.keys(problems).length) throw conflict('BOX_TUBES', { count: Object.keys(problems).length }, problems);
    const n = await repo.boxTubes(
      tx,
      box.id,
      tubes.map((t) => t.id),
    );
    await audit(tx, ctx, { action: 'pack', entity: 'sampling_box', entityId: box.id, areaPath: box.area_path, after: { barcodes: codes, tubeCount: n } });
  });
  return boxView((await repo.findBox(ctx.db, ctx.actor.scope, id))!);
}

export async function handOver(ctx: Ctx, id: number, b: z.infer<typeof handOverBody>) {
  const scanned = b.barcodes ? [...new Set(b.barcodes.map((c, i) => barcodeOf(c, `barcodes.${i}`)))] : null;
  await ctx.db.tx(async (tx) => {
    const box = await repo.findBox(tx, ctx.actor.scope, id, true);
    if (!box) throw notFound();
    if (box.status !== 'packing') throw conflict('BOX_HANDED_OVER', { code: box.code });
    const inBox = await repo.barcodesInBox(tx, box.id);
    const missing = scanned ? inBox.filter((c) => !scanned.includes(c)) : [];
    const extra = scanned ? scanned.filter((c) => !inBox.includes(c)) : [];
    if (b.count !== inBox.length || missing.length || extra.length) {
      const fields: Record<string, string> = {};
      if (missing.length) fields.missing = missing.join(',');
      if (extra.length) fields.extra = extra.join(',');
      if (b.count !== inBox.length) fields.count = String(b.count - inBox.length);
      throw conflict('BOX_COUNT_MISMATCH', { expected: inBox.length, counted: scanned ? scanned.length : b.count }, fields);
    }
    await repo.handOver(tx, box.id, b.lab, ctx.actor.userId);
    await audit(tx, ctx, { action: 'hand_over', entity: 'sampling_box', entityId: box.id, areaPath: box.area_path, after: { count: b.count, lab: b.lab } });
  });
  return boxView((await repo.findBox(ctx.db, ctx.actor.scope, id))!);
}

// ——— lab results and trace-back ———
export interface ResultInput {
  row?: number;
  barcode: string;
  result: 'negative' | 'positive' | 'invalid';
  testedAt: string;
  lab: string;
}

export interface ResultsSummary {
  received: number;
  applied: number;
  already: number;
  unknown: string[];
  conflicts: { barcode: string; stored: string; received: string }[];
  invalidRows: { row: number; problem: string }[];
  positives: { tubes: number; flagged: number; tasks: number; closed: number };
}

export function emptySummary(): ResultsSummary {
  return { received: 0, applied: 0, already: 0, unknown: [], conflicts: [], invalidRows: [], positives: { tubes: 0, flagged: 0, tasks: 0, closed: 0 } };
}

const LIST_MAX = 1000;

/**
 * One batch of results in one transaction: results written set-based, then the loop closed for retests and
 * the trace-back of new positives (flags, retest tasks, audit rows) — a result never lands without its
 * consequences.
 */
export async function receiveResults(ctx: Ctx, items: ResultInput[], sum: ResultsSummary = emptySummary()): Promise<ResultsSummary> {
  const rows: ResultInput[] = [];
  const seen = new Map<string, ResultInput>();
  for (const [i, it] of items.entries()) {
    sum.received++;
    const code = normalizeBarcode(it.barcode);
    if (!code) {
      if (sum.invalidRows.length < LIST_MAX) sum.invalidRows.push({ row: it.row ?? i + 1, problem: 'barcode' });
      continue;
    }
    const first = seen.get(code);
    if (first) {
      if (first.result !== it.result && sum.conflicts.length < LIST_MAX) sum.conflicts.push({ barcode: code, stored: first.result, received: it.result });
      else sum.already++;
      continue;
    }
    const row = { ...it, barcode: code };
    seen.set(code, row);
    rows.push(row);
  }
  if (!rows.length) return sum;
  const received = new Map(rows.map((r) => [r.barcode, r.result]));
  await ctx.db.tx(async (tx) => {
    const out = await repo.insertResults(tx, ctx.actor.scope, ctx.actor.userId, rows);
    const applied = out.filter((o) => o.applied);
    sum.applied += applied.length;
    for (const o of out) {
      if (!o.tube_id) {
        if (sum.unknown.length < LIST_MAX) sum.unknown.push(o.barcode);
      } else if (!o.applied) {
        if (o.stored === received.get(o.barcode)) sum.already++;
        else if (sum.conflicts.length < LIST_MAX) sum.conflicts.push({ barcode: o.barcode, stored: o.stored ?? '', received: received.get(o.barcode)! });
      }
    }
    // Retests first: a single tube of someone held in this round closes their flag (and is not a new flag).
    const closed = await repo.closeFlagsByRetest(
      tx,
      applied.filter((o) => o.capacity === 1).map((o) => o.tube_id!),
    );
    const retestTubes = new Set(closed.map((c) => c.retest_tube_id));
    for (const c of closed) await tasks.closeForSubject(tx, 'sampling_flag', c.id, ctx.actor.userId);
    const positives = applied.filter((o) => received.get(o.barcode) === 'positive' && !retestTubes.has(o.tube_id!)).map((o) => o.tube_id!);
    const flags = await repo.flagMembers(tx, positives);
    const held = flags.filter((f) => f.status === 'held');
    const due = new Date(Date.now() + RETEST_HOURS * 3600_000);
    const newTasks: tasks.NewTask[] = held.map((f) => ({
      type: 'sampling_retest',
      title: `单管复核（混管阳性 ${f.barcode}）：${f.name}`,
      subjectKind: 'sampling_flag',
      subjectId: f.id,
      areaId: f.area_id,
      areaPath: f.area_path,
      assigneeRole: 'grid_worker',
      dueAt: due,
      priority: 'urgent',
      createdBy: ctx.actor.userId,
    }));
    // The command center gets one task per positive tube, at the tube's first member's area.
    const firstOfTube = new Map<number, repo.NewFlag>();
    for (const f of flags) if (!firstOfTube.has(f.tube_id)) firstOfTube.set(f.tube_id, f);
    for (const f of firstOfTube.values()) {
      const n = flags.filter((x) => x.tube_id === f.tube_id).length;
      newTasks.push({
        type: 'sampling_retest',
        title: `核酸阳性：管 ${f.barcode}，${n} 人就地管控、待单管复核`,
        subjectKind: 'sampling_tube',
        subjectId: f.tube_id,
        areaId: f.area_id,
        areaPath: f.area_path,
        assigneeRole: 'command',
        dueAt: due,
        priority: 'urgent',
        createdBy: ctx.actor.userId,
      });
    }
    await tasks.createTasks(tx, newTasks);
    await auditMany(tx, auditActorOf(ctx), [
      ...flags.map((f) => ({
        action: 'flag',
        entity: 'sampling_flag',
        entityId: f.id,
        areaPath: f.area_path,
        after: { tubeId: f.tube_id, residentId: f.resident_id, status: f.status },
      })),
      ...closed.map((c) => ({
        action: 'retest',
        entity: 'sampling_flag',
        entityId: c.id,
        areaPath: c.area_path,
        after: { status: c.status, retestTubeId: c.retest_tube_id },
      })),
    ]);
    sum.positives.tubes += positives.length;
    sum.positives.flagged += flags.length;
    sum.positives.tasks += newTasks.length;
    sum.positives.closed += closed.length;
  });
  return sum;
}

/** Results through the API: one call, batches of BATCH. */
export const RESULT_BATCH = 5000;
export async function receiveAll(ctx: Ctx, items: ResultInput[]) {
  const sum = emptySummary();
  for (let i = 0; i < items.length; i += RESULT_BATCH) await receiveResults(ctx, items.slice(i, i + RESULT_BATCH), sum);
  return sum;
}

export async function positives(ctx: Ctx, roundId: number, p: { status?: string; under?: number }) {
  await mustRound(ctx, roundId);
  const underPath = p.under ? (await areaInScope(ctx, p.under, 'under')).path : undefined;
  const rows = await repo.listFlags(ctx.db, ctx.actor.scope, { roundId, status: p.status, underPath });
  return {
    items: rows.map((f) => ({
      id: f.id,
      roundId: f.round_id,
      residentId: f.resident_id,
      name: maskName(f.name),
      idNumber: maskIdNumber(f.id_number),
      areaId: f.area_id,
      areaName: f.area_name,
      householdAddress: f.household_address,
      tubeBarcode: f.barcode,
      status: f.status,
      gridWorkers: f.grid_workers,
      createdAt: f.created_at,
      closedAt: f.closed_at,
    })),
  };
}

// ——— exemptions ———
export async function createExemption(ctx: Ctx, b: z.infer<typeof exemptionBody>) {
  const round = await roundOfBody(ctx, b.roundId);
  const r = await residents.findResident(ctx.db, ctx.actor.scope, b.residentId);
  if (!r || r.merged_into || !r.area_path.startsWith(round.area_path)) throw badRequest('VALIDATION_FAILED', {}, { residentId: 'not_found' });
  const problem = checkExemption(round.exemption_rules, b, { birthDate: r.birth_date }, round.roster_date);
  if (problem) throw ruleViolation('EXEMPTION_RULE', { problem }, { [problem === 'detail_required' ? 'detail' : 'kind']: problem });
  const id = await ctx.db.tx(async (tx) => {
    let id: number;
    try {
      id = await repo.insertExemption(tx, {
        roundId: round.id,
        residentId: r.id,
        areaId: r.area_id,
        areaPath: r.area_path,
        kind: b.kind,
        detail: b.detail?.trim() || null,
        by: ctx.actor.userId,
      });
    } catch (e) {
      if (isUniqueViolation(e, 'sampling_exemptions_live_uq')) throw conflict('EXEMPTION_EXISTS');
      throw e;
    }
    await audit(tx, ctx, { action: 'exempt', entity: 'sampling_exemption', entityId: id, areaPath: r.area_path, after: b });
    return id;
  });
  return { id, roundId: round.id, residentId: r.id, kind: b.kind, detail: b.detail ?? null };
}

export async function revokeExemption(ctx: Ctx, id: number) {
  return ctx.db.tx(async (tx) => {
    const row = await repo.revokeExemption(tx, ctx.actor.scope, id, ctx.actor.userId);
    if (!row) throw notFound();
    await audit(tx, ctx, { action: 'revoke', entity: 'sampling_exemption', entityId: id, areaPath: row.area_path });
    return { id: row.id, revokedAt: row.revoked_at };
  });
}

export async function listExemptions(ctx: Ctx, roundId: number, under?: number) {
  await mustRound(ctx, roundId);
  const underPath = under ? (await areaInScope(ctx, under, 'under')).path : undefined;
  const rows = await repo.listExemptions(ctx.db, ctx.actor.scope, { roundId, underPath });
  return {
    items: rows.map((e) => ({
      id: e.id,
      residentId: e.resident_id,
      name: maskName(e.name),
      idNumber: maskIdNumber(e.id_number),
      areaId: e.area_id,
      areaName: e.area_name,
      kind: e.kind,
      detail: e.detail,
      recordedAt: e.recorded_at,
    })),
  };
}

// ——— coverage ———
/** The area the figures are for: `under`, else the round's area or the caller's scope area, whichever is deeper. */
async function coverageArea(ctx: Ctx, round: repo.RoundRow, under?: number) {
  const id = under ?? (round.area_path.startsWith(ctx.actor.scope.path) ? round.area_id : ctx.actor.scope.areaId);
  const area = await areaInScope(ctx, id, 'under');
  if (!area.path.startsWith(round.area_path)) throw badRequest('VALIDATION_FAILED', {}, { under: 'not_found' });
  return area;
}

const rate = (sampled: number, due: number) => (due ? Math.round((sampled / due) * 10000) / 10000 : null);
const bornAfterOf = (rules: ExemptionRules, day: string) => (rules.underAge > 0 ? underAgeBornAfter(rules.underAge, day) : null);
function rosterArgs(round: repo.RoundRow) {
  return { roundId: round.id, areaPath: round.area_path, rosterDate: round.roster_date, bornAfter: bornAfterOf(round.exemption_rules, round.roster_date) };
}

/**
 * Coverage reads the round's roster and its counters (migration 0016), kept by the writes themselves; stays
 * recorded since the roster was taken (registrations, moves) are taken in first — usually none, one cheap look.
 */
async function rosterUpToDate(ctx: Ctx, round: repo.RoundRow) {
  if (await repo.rosterBehind(ctx.db, round.id)) await ctx.db.tx((tx) => repo.syncRoster(tx, rosterArgs(round)));
}

export async function coverage(ctx: Ctx, roundId: number, under?: number) {
  const round = await mustRound(ctx, roundId);
  const area = await coverageArea(ctx, round, under);
  await rosterUpToDate(ctx, round);
  const rows = await repo.coverage(ctx.db, { roundId, underPath: area.path, scope: ctx.actor.scope });
  const figures = (r: { roster: number; sampled: number; exempt: number; missing: number }) => ({
    roster: r.roster,
    due: r.sampled + r.missing,
    sampled: r.sampled,
    exempt: r.exempt,
    missing: r.missing,
    rate: rate(r.sampled, r.sampled + r.missing),
  });
  const children = await areaTree.childrenInScope(ctx.db, ctx.actor.scope, area.id, false);
  const byChild = new Map(rows.map((r) => [r.child, r]));
  const zero = { roster: 0, sampled: 0, exempt: 0, missing: 0 };
  const items = children.map((c) => ({ areaId: c.id as number | null, name: c.name, kind: c.kind as string | null, ...figures(byChild.get(c.id) ?? zero) }));
  const direct = byChild.get(null);
  if (direct) items.push({ areaId: null, name: area.name, kind: null, ...figures(direct) });
  const total = rows.reduce(
    (a, r) => ({ roster: a.roster + r.roster, sampled: a.sampled + r.sampled, exempt: a.exempt + r.exempt, missing: a.missing + r.missing }),
    zero,
  );
  return { area: { id: area.id, name: area.name, kind: area.kind, path: area.path }, rosterDate: round.roster_date, total: figures(total), items };
}

export async function missingPeople(ctx: Ctx, roundId: number, p: { under?: number; page: number; pageSize: number }) {
  const round = await mustRound(ctx, roundId);
  const area = await coverageArea(ctx, round, p.under);
  await rosterUpToDate(ctx, round);
  const { rows, total } = await repo.missing(ctx.db, { roundId, underPath: area.path, scope: ctx.actor.scope, page: p.page, pageSize: p.pageSize });
  return {
    items: rows.map((m) => ({
      residentId: m.resident_id,
      name: maskName(m.name),
      idNumber: maskIdNumber(m.id_number),
      areaId: m.area_id,
      areaName: m.area_name,
      address: m.address,
      gridWorkers: m.grid_workers,
    })),
    total,
  };
}

// ——— the staggered slot plan ———
export async function slotPlan(ctx: Ctx, roundId: number, pointId: number, targetWaitMinutes: number) {
  const round = await mustRound(ctx, roundId);
  const point = await repo.findPoint(ctx.db, ctx.actor.scope, pointId);
  if (!point || point.round_id !== round.id) throw notFound();
  const served = point.serves_area_ids.length ? point.serves_area_ids : [point.area_id];
  const servedPaths: string[] = [];
  for (const id of served) {
    const a = await areaTree.findInScope(ctx.db, ctx.actor.scope, id);
    if (a && !a.archived) servedPaths.push(a.path);
  }
  const units = await repo.slotUnits(ctx.db, {
    roundId,
    servedPaths,
    scope: ctx.actor.scope,
    rosterDate: round.roster_date,
    bornAfter: bornAfterOf(round.exemption_rules, round.roster_date),
  });
  const plan = planSlots(
    units.map((u) => ({ areaId: u.area_id, name: u.name, people: u.people })),
    { desks: point.desks, perDeskHour: point.per_desk_hour, opensAt: point.opens_at, closesAt: point.closes_at },
    targetWaitMinutes,
  );
  return {
    roundId,
    point: { id: point.id, name: point.name, desks: point.desks, perDeskHour: point.per_desk_hour, opensAt: point.opens_at, closesAt: point.closes_at },
    rosterDate: round.roster_date,
    ...plan,
  };
}

// ——— home sampling ———
const HOME_REASONS: Record<string, string> = { measure: '居家管控', home_bound: '行动不便', elderly: '高龄' };

/**
 * Home-sampling tasks (上门采样) for the round: one per person who cannot come to a point (see
 * repo.homeCandidates), for the sampling staff (role `sampler`) at the person's area, or a mobile team.
 * Idempotent: a person with a task since the round began gets no second one. The task is done when the
 * person is bound at a desk or by the mobile team.
 */
export async function planHomeSampling(ctx: Ctx, roundId: number, b: { under?: number; assigneeTeamId?: number }) {
  const round = await mustRound(ctx, roundId);
  const area = await coverageArea(ctx, round, b.under);
  const rules = round.exemption_rules;
  const elderlyBornOnOrBefore = rules.elderlyAge ? underAgeBornAfter(rules.elderlyAge, round.roster_date) : null;
  const people = await repo.homeCandidates(ctx.db, {
    roundId,
    roundCreatedAt: round.created_at,
    underPath: area.path,
    scope: ctx.actor.scope,
    rosterDate: round.roster_date,
    elderlyBornOnOrBefore,
  });
  if (b.assigneeTeamId) {
    const [team] = await ctx.db.query<{ id: number }>(`SELECT id FROM teams WHERE id = $1 AND area_path LIKE $2 AND disbanded_at IS NULL`, [
      b.assigneeTeamId,
      ctx.actor.scope.path + '%',
    ]);
    if (!team) throw badRequest('VALIDATION_FAILED', {}, { assigneeTeamId: 'not_found' });
  }
  await ctx.db.tx(async (tx) => {
    const ids = await tasks.createTasks(
      tx,
      people.map((p) => ({
        type: 'home_sampling',
        title: `上门采样（${HOME_REASONS[p.reason]}）：${p.name} · ${round.name}`,
        subjectKind: 'sampling_home',
        subjectId: p.resident_id,
        areaId: p.area_id,
        areaPath: p.area_path,
        ...(b.assigneeTeamId ? { assigneeTeamId: b.assigneeTeamId } : { assigneeRole: 'sampler' }),
        priority: 'high',
        createdBy: ctx.actor.userId,
      })),
    );
    await audit(tx, ctx, {
      action: 'home_sampling',
      entity: 'sampling_round',
      entityId: roundId,
      areaPath: area.path,
      after: { under: area.id, tasks: ids.length },
    });
  });
  return {
    created: people.length,
    items: people.map((p) => ({ residentId: p.resident_id, name: maskName(p.name), areaId: p.area_id, reason: p.reason })),
  };
}

/** The coverage chart: rostered people first sampled per local hour, and the running total. */
export async function coverageHours(ctx: Ctx, roundId: number, under: number | undefined, timeZone: string) {
  const round = await mustRound(ctx, roundId);
  const area = await coverageArea(ctx, round, under);
  await rosterUpToDate(ctx, round);
  const rows = await repo.sampledByHour(ctx.db, { roundId, underPath: area.path, scope: ctx.actor.scope, timeZone });
  let total = 0;
  return { area: { id: area.id, name: area.name }, timeZone, items: rows.map((r) => ({ hour: r.hour, sampled: r.sampled, cumulative: (total += r.sampled) })) };
}
