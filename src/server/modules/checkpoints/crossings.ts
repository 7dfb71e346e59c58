import { DECISION_WORDS, TEMPERATURE_MAX, TEMPERATURE_MIN } from '../../../domain/checkpoints/kinds';
import { normalisePlate, plateKind } from '../../../domain/checkpoints/plates';
import { decideCrossing, isAtLeastAsStrict, worstColour } from '../../../domain/checkpoints/rules';
import type { CrossingInput } from '../../../domain/checkpoints/schemas';
import type { CodeColour, RiskLevel } from '../../../domain/policy/rules';
import { setInForce } from '../../../domain/policy/rules';
import { maskIdNumber } from '../../../domain/residents/identity';
import { maskName } from '../../../domain/sampling/rules';
import { auditActorOf } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { todayIn } from '../../platform/dates';
import { badRequest, conflict, notFound } from '../../platform/errors';
import { pathInScope } from '../../platform/scope';
import { areaTree } from '../areas';
import { publishedSets } from '../policy';
import { type CheckpointOrigin, arrivalFromCheckpoint, originAtCheckpoint } from '../screening';
import { crossingWriter } from './crossing-writer';
import * as repo from './crossings-repo';
import { isOpenOn, mustPost } from './posts';

/**
 * Crossings (登记) at a post: checked first (a plate in a Chinese format, temperatures 34–43 °C, an open post,
 * an origin in the national list), decided by policy (rules.ts), written in one statement keyed by the phone's
 * client id. A registered person coming home from outside the county becomes an arrival with a visit task.
 */

/** The fever threshold of the policy in force, read at most every 30 s (a rush of phones asks every second). */
let fever: { at: number; day: string; value: number } | null = null;
async function feverThreshold(ctx: Ctx, day: string): Promise<number> {
  if (fever && fever.day === day && Date.now() - fever.at < 30_000) return fever.value;
  const set = setInForce(await publishedSets(ctx.db), day);
  fever = { at: Date.now(), day, value: set?.feverThreshold ?? 37.3 };
  return fever.value;
}

function checkFields(b: CrossingInput): { plate: string | null } {
  let plate: string | null = null;
  if (b.plate) {
    plate = normalisePlate(b.plate);
    if (!plateKind(plate)) throw badRequest('PLATE_FORMAT', { plate: b.plate }, { plate: 'invalid_format' });
    if (!b.vehicleType) throw badRequest('VALIDATION_FAILED', {}, { vehicleType: 'required' });
    if (b.vehicleType === 'supply' && !b.passNo) throw badRequest('SUPPLY_PASS_REQUIRED', {}, { passNo: 'required' });
  } else if (b.vehicleType || b.passNo) {
    throw badRequest('VALIDATION_FAILED', {}, { plate: 'required' });
  }
  b.people.forEach((p, i) => {
    if (p.temperature < TEMPERATURE_MIN || p.temperature > TEMPERATURE_MAX) {
      throw badRequest(
        'TEMPERATURE_RANGE',
        { value: p.temperature, min: TEMPERATURE_MIN, max: TEMPERATURE_MAX },
        { [`people.${i}.temperature`]: 'out_of_range' },
      );
    }
  });
  return { plate };
}

/**
 * Records a crossing, or answers the one recorded under its client id before. The common case (no origin, no
 * destination, nobody to match in the registry) makes no round trip of its own: the post (in the sender's
 * scope, open, the direction its own) and the client ids recorded before are checked by the one statement that
 * writes it, shared with the other phones of the moment. At the roadside peak every round trip is paid by
 * hundreds of phones.
 */
export async function recordCrossing(ctx: Ctx, b: CrossingInput, timeZone: string) {
  let made: Awaited<ReturnType<typeof prepare>>;
  try {
    made = await prepare(ctx, b, timeZone);
  } catch (e) {
    // A resend of a crossing already recorded answers it, whatever changed since (the post closed, the list,
    // the policy): only a refused crossing pays for the look-up.
    const known = await repo.crossingIdByClient(ctx.db, b.clientId);
    if (known) return replay(ctx, known);
    throw e;
  }
  const { row, people, returnees, origin, day, plate } = made;
  const item: repo.PendingCrossing = { who: auditActorOf(ctx), scopePath: ctx.actor.scope.path, day, c: row };
  const arrivals = new Map<number, number>();
  let outcome: repo.CrossingOutcome;
  if (!returnees.length) {
    // The common case, group-committed with the crossings of other phones arriving at the same moment.
    outcome = await crossingWriter(ctx.db).write(item);
  } else {
    outcome = await ctx.db.tx(async (tx) => {
      const made = await repo.insertCrossing(tx, item);
      if (made.kind !== 'written') return made;
      for (const p of returnees) {
        const r = p.resident!;
        const arrivalId = await arrivalFromCheckpoint(tx, ctx, {
          resident: { id: r.id, name: r.name, areaId: r.area_id, areaPath: r.area_path },
          origin: origin!,
          arrivedOn: day,
          codeColour: p.codeColour,
          plate,
        });
        await repo.setArrival(tx, made.id, r.id, arrivalId);
        arrivals.set(r.id, arrivalId);
      }
      return made;
    });
  }
  switch (outcome.kind) {
    case 'seen':
      // Another's crossing id sent from outside its scope answers like a missing one.
      if (!pathInScope(ctx.actor.scope, outcome.areaPath)) throw notFound();
      return { ...crossingView(outcome.crossing), replayed: true };
    case 'no_post':
      throw notFound();
    case 'closed':
      throw conflict('POST_CLOSED', { post: outcome.postName, day }, { postId: 'post_closed' });
    case 'direction':
      throw badRequest('VALIDATION_FAILED', {}, { direction: 'invalid_value' });
    case 'raced': {
      // The same crossing got there first (a racing retry, or twice in one batch): answer its record.
      const first = await repo.crossingIdByClient(ctx.db, b.clientId);
      if (!first) throw notFound();
      return replay(ctx, first);
    }
  }
  const written: repo.CrossingRow = {
    id: outcome.id,
    post_id: row.postId,
    post_name: outcome.postName,
    at: row.at,
    direction: row.direction,
    plate: row.plate,
    vehicle_type: row.vehicleType,
    pass_no: row.passNo,
    origin_name: row.originName,
    origin_risk_level: row.originRiskLevel,
    checks: row.checks,
    flagged: row.flagged,
    decision: row.decision,
    policy_decision: row.policyDecision,
    policy_rule: row.policyRule,
    people: people.map((p) => ({
      name: p.name,
      id_number: p.idNumber,
      temperature: p.temperature,
      feverish: p.feverish,
      code_colour: p.codeColour,
      resident_id: p.residentId,
      arrival_id: p.residentId !== null ? (arrivals.get(p.residentId) ?? null) : null,
    })),
  };
  return { ...crossingView(written), replayed: false };
}

/** Checks a crossing and decides it by policy: the row to write, and the registered returnees to make arrivals of. */
async function prepare(ctx: Ctx, b: CrossingInput, timeZone: string) {
  const { plate } = checkFields(b);
  const at = b.at ? new Date(b.at) : new Date();
  if (at.getTime() > Date.now() + 5 * 60_000) throw badRequest('VALIDATION_FAILED', {}, { at: 'too_big' });
  // Today is cached per second; only a crossing stamped on the phone (recorded offline) formats its own time.
  const day = b.at ? todayIn(timeZone, at) : todayIn(timeZone);
  let origin: CheckpointOrigin | null = null;
  if (b.originCode || b.destinationAreaId) {
    // Where the crossing comes from is judged from the post's place, and its destination within the post's
    // county: these need the post first (the write checks it again, as it does for every crossing).
    const post = await mustPost(ctx.db, ctx.actor.scope, b.postId);
    if (!isOpenOn(post, day)) throw conflict('POST_CLOSED', { post: post.name, day }, { postId: 'post_closed' });
    if (!post.directions.includes(b.direction)) throw badRequest('VALIDATION_FAILED', {}, { direction: 'invalid_value' });
    if (b.originCode) {
      origin = await originAtCheckpoint(ctx.db, b.originCode, day, post.area_path);
      if (!origin) throw badRequest('VALIDATION_FAILED', {}, { originCode: 'not_found' });
    }
    if (b.destinationAreaId) await checkDestination(ctx, post.area_path, b.destinationAreaId);
  }

  const threshold = await feverThreshold(ctx, day);
  const ids = b.people.map((p) => p.idNumber?.toUpperCase()).filter((x): x is string => !!x);
  const registered = new Map((await repo.residentsByIdNumber(ctx.db, ids)).map((r) => [r.id_number.toUpperCase(), r]));
  const people = b.people.map((p) => {
    const r = p.idNumber ? registered.get(p.idNumber.toUpperCase()) : undefined;
    return {
      name: p.name || null,
      idNumber: p.idNumber?.toUpperCase() || null,
      phone: p.phone || null,
      temperature: p.temperature,
      feverish: p.temperature >= threshold,
      codeColour: p.codeColour ?? null,
      residentId: r?.id ?? null,
      resident: r,
    };
  });
  const fromOutside = !!origin && origin.originScope !== 'local';
  const policy = decideCrossing({
    direction: b.direction,
    feverish: people.some((p) => p.feverish),
    codeColour: worstColour(people.map((p) => p.codeColour as CodeColour | null)),
    originRiskLevel: (origin?.originRiskLevel ?? 'none') as RiskLevel,
    fromOutside,
    allRegistered: people.every((p) => p.residentId !== null),
  });
  const decision = b.decision ?? policy.decision;
  if (!isAtLeastAsStrict(decision, policy.decision))
    throw badRequest('DECISION_TOO_MILD', { policy: DECISION_WORDS[policy.decision][ctx.lang] }, { decision: 'too_mild' });
  const row: repo.NewCrossing = {
    clientId: b.clientId,
    postId: b.postId,
    at,
    timeZone,
    direction: b.direction,
    plate,
    vehicleType: plate ? (b.vehicleType ?? null) : null,
    passNo: plate ? b.passNo || null : null,
    originCode: origin?.originCode ?? null,
    originName: origin?.originName ?? null,
    originRiskLevel: origin?.originRiskLevel ?? 'none',
    destinationAreaId: b.destinationAreaId ?? null,
    checks: [...new Set(b.checks ?? [])],
    flagged: people.filter((p) => p.feverish).length,
    decision,
    policyDecision: policy.decision,
    policyRule: policy.rule,
    by: ctx.actor.userId,
    people,
  };
  // Our own people coming home from outside the county, not turned back: arrivals, each with a visit task.
  const returnees = b.direction === 'in' && fromOutside && decision !== 'turned_back' ? people.filter((p) => p.resident) : [];
  return { row, people, returnees, origin, day, plate };
}

/** The destination: anywhere in the county (the deployment's tree), not only in the recorder's own scope. */
async function checkDestination(ctx: Ctx, postPath: string, areaId: number) {
  const rootId = Number(postPath.split('/')[1]);
  if (!(await areaTree.findInScope(ctx.db, { areaId: rootId, path: `/${rootId}/` }, areaId))) {
    throw badRequest('VALIDATION_FAILED', {}, { destinationAreaId: 'not_found' });
  }
}

async function replay(ctx: Ctx, known: { id: number; area_path: string }) {
  // Another's crossing id sent from outside its scope answers like a missing one.
  if (!known.area_path.startsWith(ctx.actor.scope.path)) throw notFound();
  return { ...crossingView((await repo.findCrossing(ctx.db, known.id))!), replayed: true };
}

export function crossingView(c: repo.CrossingRow) {
  return {
    id: c.id,
    postId: c.post_id,
    postName: c.post_name,
    at: c.at,
    direction: c.direction as 'in' | 'out',
    plate: c.plate,
    vehicleType: c.vehicle_type as 'private' | 'bus' | 'truck' | 'supply' | null,
    passNo: c.pass_no,
    originName: c.origin_name,
    originRiskLevel: c.origin_risk_level,
    checks: c.checks as ('scan' | 'look' | 'check' | 'verify')[],
    people: c.people.map((p) => ({
      name: p.name ? maskName(p.name) : null,
      idNumber: maskIdNumber(p.id_number),
      temperature: Number(p.temperature),
      feverish: p.feverish,
      codeColour: p.code_colour,
      registered: p.resident_id !== null,
      arrivalId: p.arrival_id,
    })),
    flagged: c.flagged,
    decision: c.decision as 'let_through' | 'registered' | 'turned_back' | 'handed_over',
    policyDecision: c.policy_decision as 'let_through' | 'registered' | 'turned_back' | 'handed_over',
    policyRule: c.policy_rule,
  };
}

export async function listCrossings(ctx: Ctx, f: { postId?: number; under?: number; day?: string; decision?: string; limit: number; offset: number }) {
  let underPath: string | undefined;
  if (f.under) {
    const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, f.under);
    if (!area) throw badRequest('VALIDATION_FAILED', {}, { under: 'not_found' });
    underPath = area.path;
  }
  const { rows, total } = await repo.listCrossings(ctx.db, ctx.actor.scope, { ...f, underPath });
  return { items: rows.map(crossingView), total };
}
