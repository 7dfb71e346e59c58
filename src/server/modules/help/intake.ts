import type { PublicSubmitInput, RecordInput } from '../../../domain/help/schemas';
import { firstStep, kindOf, publicStatus, tierOf } from '../../../domain/help/policy';
import { checkPhone } from '../../../domain/residents/identity';
import type { Db, Queryable } from '../../db/engine';
import { auditActorOf, audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, isUniqueViolation, notFound, tooMany } from '../../platform/errors';
import type { AddressWindow } from '../../platform/login-limiter';
import type { Lang } from '../../platform/messages';
import { areaTree } from '../areas';
import { handoverCode, linkToken, trackingCode } from './codes';
import * as intakeRepo from './intake-repo';
import { publicIntakeWriter } from './intake-writer';
import { type PolicyInForce, policyInForce } from './policy-repo';
import * as repo from './repo';
import { toDetail } from './view';

/**
 * Intake (受理): the public page reached by an area's link, and a worker recording on someone's behalf. Both go
 * through one statement (intake-repo.ts). A request nobody could reach back — no phone and no registered
 * resident — is refused with why.
 */
export interface PublicCtx {
  db: Db;
  lang: Lang;
  clientIp: string;
  requestId: string;
  limiter: AddressWindow;
  mergeMinutes: number;
}

const tiersView = (p: PolicyInForce) => p.tiers.map((t) => ({ code: t.code, name: t.name, call120: !!t.call120 }));

export async function form(p: PublicCtx, token: string) {
  const link = await intakeRepo.areaOfToken(p.db, token);
  if (!link) throw notFound();
  const [area, policy] = await Promise.all([areaTree.findInScope(p.db, { areaId: 0, path: '/' }, link.area_id), policyInForce(p.db)]);
  if (!area) throw notFound();
  return { areaName: area.name, kinds: policy.kinds.map((k) => ({ code: k.code, name: k.name })), tiers: tiersView(policy) };
}

/** The checks both intakes share: the kind in force, the tier, the phone's shape. */
function prepare(policy: PolicyInForce, lang: Lang, input: { kind: string; tier?: string | null; phone?: string | null }) {
  const kind = kindOf(policy, input.kind);
  const step = firstStep(policy, input.kind);
  if (!kind || !step) throw badRequest('HELP_KIND_UNKNOWN', {}, { kind: 'unknown' });
  const tier = tierOf(policy, input.tier ?? policy.defaultTier);
  if (!tier) throw badRequest('HELP_TIER_UNKNOWN', { tiers: policy.tiers.map((t) => t.name[lang]).join(lang === 'zh' ? '、' : ', ') }, { tier: 'unknown' });
  let phone: string | null = null;
  if (input.phone?.trim()) {
    const c = checkPhone(input.phone);
    if (!c.ok) throw badRequest('VALIDATION_FAILED', {}, { phone: 'invalid' });
    phone = c.number;
  }
  return { step, tier, phone };
}

/** One retry on the (rare) clash of a fresh tracking code. */
async function withFreshCode<T>(run: (code: string) => Promise<T>): Promise<T> {
  try {
    return await run(trackingCode());
  } catch (e) {
    if (isUniqueViolation(e, 'help_requests_code_key')) return run(trackingCode());
    throw e;
  }
}

/** Counted before anything else: a flood of bad submissions is throttled like good ones. */
export async function throttle(p: PublicCtx): Promise<void> {
  const wait = await p.limiter.check('', p.clientIp);
  if (wait) throw tooMany(wait);
}

export async function submit(p: PublicCtx, token: string, input: PublicSubmitInput) {
  await throttle(p);
  const policy = await policyInForce(p.db);
  const { step, tier, phone } = prepare(policy, p.lang, input);
  // The public page has no registry search: without a phone nobody can be found or called back.
  if (!phone) throw badRequest('HELP_UNREACHABLE', {}, { phone: 'required' });
  const who = { actorId: null, actorName: null, requestId: p.requestId, clientIp: p.clientIp };
  const row = await withFreshCode((code) =>
    publicIntakeWriter(p.db).write({
      v: {
        place: { token },
        clientId: input.clientId,
        channel: 'public',
        externalRef: null,
        kind: input.kind,
        need: input.need,
        name: input.name ?? null,
        phone,
        address: input.address ?? null,
        residentId: null,
        firstStep: step,
        policyVersion: policy.version,
        tier: tier.code,
        tierMinutes: tier.minutes,
        mergeMinutes: p.mergeMinutes,
        code,
        handoverCode: handoverCode(),
        createdBy: null,
      },
      who,
    }),
  );
  if (!row.place) throw notFound();
  const got = row.id ? row : { ...(await intakeRepo.byClientId(p.db, input.clientId))!, replay: true };
  return {
    created: !got.replay && !got.merged,
    answer: { code: got.code!, handoverCode: got.handover_code!, merged: got.merged, call120: !!tier.call120 },
  };
}

type RecordFor = Omit<RecordInput, 'channel'> & { channel: RecordInput['channel'] | 'outreach' };

/** A worker's record (phone call, 12345 hotline, walk-in) at an area in their scope, matched to the registry when it can be. */
export async function record(ctx: Ctx, input: RecordFor, mergeMinutes: number) {
  return writeRecord(ctx, ctx.db, await prepareRecord(ctx, input), mergeMinutes);
}

/** The reads and checks of a worker's record: the policy in force, the place, the person. */
export async function prepareRecord(ctx: Ctx, input: RecordFor) {
  const policy = await policyInForce(ctx.db);
  const { step, tier, phone } = prepare(policy, ctx.lang, input);
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, input.areaId);
  if (!area || area.archived) throw badRequest('VALIDATION_FAILED', {}, { areaId: 'not_found' });
  let residentId: number | null = null;
  let place = { areaId: area.id, areaPath: area.path };
  if (input.residentId) {
    const person = await repo.matchPerson(ctx.db, { residentId: input.residentId, underPath: ctx.actor.scope.path });
    if (!person) throw badRequest('VALIDATION_FAILED', {}, { residentId: 'not_found' });
    residentId = person.id;
    // The request belongs where the person lives: that office delivers.
    place = { areaId: person.area_id, areaPath: person.area_path };
    if (!phone && !person.phone) throw badRequest('HELP_UNREACHABLE', {}, { phone: 'required' });
  } else if (!phone) throw badRequest('HELP_UNREACHABLE', {}, { phone: 'required' });
  return { input, policy, step, tier, phone, residentId, place };
}

/** Writes a prepared record through `q` — the database, or a caller's transaction (a care call's need with its outcome). */
export async function writeRecord(ctx: Ctx, q: Queryable, r: Awaited<ReturnType<typeof prepareRecord>>, mergeMinutes: number) {
  const { input, policy, step, tier, phone, residentId, place } = r;
  const row = await withFreshCode((code) =>
    intakeRepo.intake(
      q,
      {
        place,
        clientId: null,
        channel: input.channel,
        externalRef: input.externalRef ?? null,
        kind: input.kind,
        need: input.need,
        name: input.name ?? null,
        phone,
        address: input.address ?? null,
        residentId,
        firstStep: step,
        policyVersion: policy.version,
        tier: tier.code,
        tierMinutes: tier.minutes,
        mergeMinutes,
        code,
        handoverCode: handoverCode(),
        createdBy: ctx.actor.userId,
      },
      auditActorOf(ctx),
    ),
  );
  const found = row.id ? await repo.findRequest(q, ctx.actor.scope, row.id) : null;
  if (!found) throw notFound();
  return { request: toDetail(found), handoverCode: row.handover_code!, merged: row.merged };
}

/** The public lookup by tracking code: status and what the office told the person, nothing personal. */
export async function track(db: Db, code: string) {
  const [row] = await db.query<{ code: string; kind: string; status: string; created_at: Date; closed_at: Date | null; public_note: string | null }>(
    'SELECT code, kind, status, created_at, closed_at, public_note FROM help_requests WHERE code = $1',
    [code],
  );
  if (!row) throw notFound();
  return {
    code: row.code,
    kind: row.kind as never,
    status: publicStatus(row.status as never),
    createdAt: row.created_at,
    closedAt: row.closed_at,
    note: row.public_note,
  };
}

export async function links(ctx: Ctx) {
  const rows = await intakeRepo.linksInScope(ctx.db, ctx.actor.scope.path);
  const names = await Promise.all(rows.map((r) => areaTree.findInScope(ctx.db, ctx.actor.scope, r.area_id)));
  return { items: rows.map((r, i) => ({ areaId: r.area_id, areaName: names[i]?.name ?? '', token: r.token })) };
}

export async function ensureLink(ctx: Ctx, areaId: number) {
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, areaId);
  if (!area || area.archived) throw badRequest('VALIDATION_FAILED', {}, { areaId: 'not_found' });
  const { token } = await ctx.db.tx(async (tx) => {
    const r = await intakeRepo.ensureLink(tx, { id: area.id, path: area.path }, linkToken(), ctx.actor.userId);
    if (r.created) await audit(tx, ctx, { entity: 'help_intake_link', action: 'create', entityId: area.id, areaPath: area.path, after: { areaId: area.id } });
    return r;
  });
  return { areaId: area.id, areaName: area.name, token };
}
