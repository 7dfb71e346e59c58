import type { z } from 'zod';
import type { caseFromResultBody, createCaseBody, updateCaseBody } from '../../../domain/tracing/schemas';
import { caseDateProblems } from '../../../domain/tracing/kinds';
import { maskIdNumber } from '../../../domain/residents/identity';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, isUniqueViolation, notFound, ruleViolation } from '../../platform/errors';
import { areaTree } from '../areas';
import * as residents from '../residents';
import * as sampling from '../sampling';
import { setInForceToday } from './policy-view';
import * as repo from './repo';
import { toCaseListItem, toContactItem, toTrajectoryItem } from './view';

/** Cases (流调病例): a registry person, a classification from the rule set in force, dates in a possible order. */
export type TCtx = Ctx & { timeZone: string };

export async function mustCase(ctx: Ctx, id: number) {
  const c = await repo.findCase(ctx.db, ctx.actor.scope, id);
  if (!c) throw notFound();
  return c;
}

export async function listCases(ctx: Ctx, p: { under?: number; classification?: string; limit: number; offset: number }) {
  let underPath: string | undefined;
  if (p.under) {
    const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, p.under);
    if (!area) throw badRequest('VALIDATION_FAILED', {}, { under: 'not_found' });
    underPath = area.path;
  }
  const { rows, total } = await repo.listCases(ctx.db, ctx.actor.scope, { ...p, underPath });
  return { items: rows.map(toCaseListItem), total };
}

export async function getCase(ctx: Ctx, id: number) {
  const c = await mustCase(ctx, id);
  const [trajectory, contacts, set] = await Promise.all([repo.trajectoryOf(ctx.db, id), repo.contactsOf(ctx.db, id), setInForceToday(ctx)]);
  return {
    ...toCaseListItem(c),
    name: c.name,
    idNumber: maskIdNumber(c.id_number),
    note: c.note,
    samplingResultId: c.sampling_result_id,
    classificationName: set.tracing.caseClasses.find((k) => k.code === c.classification)?.name ?? null,
    trajectory: trajectory.map(toTrajectoryItem),
    contacts: contacts.map(toContactItem),
  };
}

/** The classification must be one of the rule set's; the dates in a possible order. */
async function checkCase(ctx: Ctx, f: repo.CaseFields) {
  const set = await setInForceToday(ctx);
  if (!set.tracing.caseClasses.some((k) => k.code === f.classification)) {
    throw badRequest('TRACING_CLASSIFICATION', { code: f.classification, set: set.name[ctx.lang] }, { classification: 'not_in_policy' });
  }
  const problems = caseDateProblems(f, ctx.today);
  if (Object.keys(problems).length) throw ruleViolation('TRACING_CASE_DATES', { today: ctx.today }, problems);
}

async function insertCase(
  ctx: Ctx,
  r: { id: number; area_id: number; area_path: string },
  f: repo.CaseFields,
  foundBy: string,
  samplingResultId: number | null,
) {
  try {
    return await ctx.db.tx(async (tx) => {
      const id = await repo.insertCase(tx, {
        ...f,
        residentId: r.id,
        areaId: r.area_id,
        areaPath: r.area_path,
        foundBy,
        samplingResultId,
        by: ctx.actor.userId,
      });
      await audit(tx, ctx, {
        action: 'create',
        entity: 'tracing_case',
        entityId: id,
        areaPath: r.area_path,
        after: { residentId: r.id, classification: f.classification, foundBy, reportedOn: f.reportedOn, samplingResultId },
      });
      return id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('TRACING_CASE_EXISTS');
    throw e;
  }
}

async function residentInScope(ctx: Ctx, id: number, field: string) {
  const r = await residents.findResident(ctx.db, ctx.actor.scope, id);
  if (!r || r.merged_into) throw badRequest('VALIDATION_FAILED', {}, { [field]: 'not_found' });
  return r;
}

const fieldsOf = (b: Partial<z.infer<typeof createCaseBody>>, before?: repo.CaseFields): repo.CaseFields => ({
  classification: b.classification ?? before!.classification,
  onsetOn: b.onsetOn === undefined ? (before?.onsetOn ?? null) : b.onsetOn,
  testedOn: b.testedOn === undefined ? (before?.testedOn ?? null) : b.testedOn,
  reportedOn: b.reportedOn ?? before!.reportedOn,
  isolatedAt: b.isolatedAt === undefined ? (before?.isolatedAt ?? null) : b.isolatedAt,
  isolatedOn: b.isolatedOn === undefined ? (before?.isolatedOn ?? null) : b.isolatedOn,
  note: b.note === undefined ? (before?.note ?? null) : b.note,
});

export async function createCase(ctx: Ctx, b: z.infer<typeof createCaseBody>) {
  const r = await residentInScope(ctx, b.residentId, 'residentId');
  const f = fieldsOf(b);
  await checkCase(ctx, f);
  // One case per person: the insert's unique key answers TRACING_CASE_EXISTS (insertCase).
  return getCase(ctx, await insertCase(ctx, r, f, b.foundBy, null));
}

/**
 * Opens the case of a positive single-tube result — the retest of a positive pool or a single tube sampled alone.
 * Asked again (or for a person who already has a case), it answers that case: the offer on the positives screen
 * may be pressed twice.
 */
export async function caseFromSamplingResult(ctx: TCtx, resultId: number, b: z.infer<typeof caseFromResultBody>) {
  const src = await sampling.positiveSingleTube(ctx.db, ctx.actor.scope, resultId, ctx.timeZone);
  if (!src) throw notFound();
  const existing = await repo.caseIdOfUnscoped(ctx.db, { residentId: src.residentId, samplingResultId: resultId });
  if (existing) {
    if (!(await repo.findCase(ctx.db, ctx.actor.scope, existing))) throw conflict('TRACING_CASE_EXISTS');
    return { created: false, view: await getCase(ctx, existing) };
  }
  const r = await residentInScope(ctx, src.residentId, 'id');
  const testedOn = src.testedOn > ctx.today ? ctx.today : src.testedOn;
  const f = fieldsOf({ classification: b.classification ?? 'confirmed', testedOn, reportedOn: ctx.today, isolatedAt: b.isolatedAt, isolatedOn: b.isolatedOn });
  await checkCase(ctx, f);
  const id = await insertCase(ctx, r, f, src.fromPool ? 'pool_retest' : 'other', resultId);
  return { created: true, view: await getCase(ctx, id) };
}

export async function updateCase(ctx: Ctx, id: number, b: z.infer<typeof updateCaseBody>) {
  const c = await mustCase(ctx, id);
  const before: repo.CaseFields = {
    classification: c.classification,
    onsetOn: c.onset_on,
    testedOn: c.tested_on,
    reportedOn: c.reported_on,
    isolatedAt: c.isolated_at,
    isolatedOn: c.isolated_on,
    note: c.note,
  };
  const f = fieldsOf(b, before);
  await checkCase(ctx, f);
  await ctx.db.tx(async (tx) => {
    await repo.updateCase(tx, id, f);
    await audit(tx, ctx, { action: 'update', entity: 'tracing_case', entityId: id, areaPath: c.area_path, before, after: f });
  });
  return getCase(ctx, id);
}
