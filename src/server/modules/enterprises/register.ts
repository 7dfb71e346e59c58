import type { z } from 'zod';
import { checkCreditCode, creditCodeProblemText } from '../../../domain/enterprises/credit-code';
import { maskName } from '../../../domain/sampling/rules';
import { DOCUMENT_MAX_BYTES, MIN_STOCK_DAYS, SIX_IN_PLACE } from '../../../domain/enterprises/policy';
import type { enterpriseBody, enterprisePatch, listQuery } from '../../../domain/enterprises/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, isUniqueViolation, notFound } from '../../platform/errors';
import { areaTree } from '../areas';
import { enterpriseTarget } from '../inspections';
import { checkPhoneField } from '../residents';
import { findInScope as findUserInScope } from '../users';
import * as ledgerRepo from './ledger-repo';
import * as repo from './repo';
import { toApplication, toDocument, toEnterprise, toLedger } from './view';

/** The register (企业台账): who, where, the cadre in charge (包保), and what the enterprise declares. */
export async function areaInScope(ctx: Ctx, id: number, field: string) {
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, id);
  if (!area) throw badRequest('VALIDATION_FAILED', {}, { [field]: 'not_found' });
  return area;
}

export function policy() {
  return { sixInPlace: SIX_IN_PLACE.map((s) => ({ ...s })), minStockDays: MIN_STOCK_DAYS, documentMaxBytes: DOCUMENT_MAX_BYTES };
}

/** The cadre in charge must be a user in the caller's scope whose own area holds the enterprise's. */
async function cadreFor(ctx: Ctx, userId: number | null | undefined, areaPath: string): Promise<number | null> {
  if (userId === undefined || userId === null) return null;
  const user = await findUserInScope(ctx.db, ctx.actor.scope, userId);
  if (!user) throw badRequest('VALIDATION_FAILED', {}, { cadreUserId: 'not_found' });
  if (!areaPath.startsWith(user.area_path)) throw badRequest('ENTERPRISES_CADRE_OUTSIDE', {}, { cadreUserId: 'not_above_target' });
  return user.id;
}

export async function createEnterprise(ctx: Ctx, b: z.infer<typeof enterpriseBody>) {
  const check = checkCreditCode(b.creditCode);
  if (!check.ok) {
    const why = creditCodeProblemText(check)[ctx.lang];
    throw badRequest('ENTERPRISES_CREDIT_CODE', { why }, { creditCode: why });
  }
  const area = await areaInScope(ctx, b.areaId, 'areaId');
  const cadreUserId = await cadreFor(ctx, b.cadreUserId, area.path);
  if (await repo.creditCodeTaken(ctx.db, check.code)) throw conflict('ENTERPRISES_CREDIT_CODE_TAKEN', {}, { creditCode: 'taken' });
  let id: number;
  try {
    id = await ctx.db.tx(async (tx) => {
      const made = await repo.insertEnterprise(tx, { ...b, creditCode: check.code, areaId: area.id, areaPath: area.path, cadreUserId, by: ctx.actor.userId });
      // Each enterprise is a place the inspectors check (督导检查 with the enterprise checklist).
      const targetId = await enterpriseTarget(tx, ctx, { name: b.name, areaId: area.id, areaPath: area.path });
      await repo.updateEnterprise(tx, made, { inspectionTargetId: targetId });
      await audit(tx, ctx, {
        action: 'create',
        entity: 'enterprise',
        entityId: made,
        areaPath: area.path,
        after: { creditCode: check.code, name: b.name, industry: b.industry, headcount: b.headcount, cadreUserId },
      });
      return made;
    });
  } catch (e) {
    // Two desks registering the same code at once: the loser is told it is taken.
    if (isUniqueViolation(e)) throw conflict('ENTERPRISES_CREDIT_CODE_TAKEN', {}, { creditCode: 'taken' });
    throw e;
  }
  return toEnterprise((await repo.findEnterprise(ctx.db, ctx.actor.scope, id, ctx.today))!, { maskPhone: false });
}

export async function listEnterprises(ctx: Ctx, p: z.infer<typeof listQuery>) {
  const underPath = p.under ? (await areaInScope(ctx, p.under, 'under')).path : undefined;
  const { rows, total } = await repo.listEnterprises(ctx.db, ctx.actor.scope, ctx.today, { ...p, underPath });
  return { items: rows.map((r) => toEnterprise(r, { maskPhone: true })), total };
}

export async function mustFind(ctx: Ctx, id: number) {
  const e = await repo.findEnterprise(ctx.db, ctx.actor.scope, id, ctx.today);
  if (!e) throw notFound();
  return e;
}

export async function getEnterprise(ctx: Ctx, id: number) {
  const e = await mustFind(ctx, id);
  const [documents, applications, ledgers] = await Promise.all([
    repo.documentsOf(ctx.db, id),
    repo.applicationsOf(ctx.db, id),
    ledgerRepo.ledgersOf(ctx.db, id, { limit: 7, offset: 0 }),
  ]);
  return {
    ...toEnterprise(e, { maskPhone: false }),
    documents: documents.map(toDocument),
    applications: applications.map(toApplication),
    recentLedgers: ledgers.rows.map(toLedger),
  };
}

export async function updateEnterprise(ctx: Ctx, id: number, b: z.infer<typeof enterprisePatch>) {
  const e = await mustFind(ctx, id);
  const fields: Record<string, string> = {};
  const officerPhone = b.officerPhone === undefined ? undefined : checkPhoneField(b.officerPhone, 'officerPhone', ctx.lang, fields);
  if (Object.keys(fields).length) throw badRequest('VALIDATION_FAILED', {}, fields);
  const cadreUserId = b.cadreUserId === undefined ? undefined : await cadreFor(ctx, b.cadreUserId, e.area_path);
  const changes = { ...b, officerPhone, cadreUserId, officerName: b.officerName === undefined ? undefined : b.officerName || null };
  await ctx.db.tx(async (tx) => {
    await repo.updateEnterprise(tx, id, changes);
    // The officer's name is a person's: the trail keeps it masked like any other (the phone is masked by its key).
    const after = { ...changes, officerName: changes.officerName ? maskName(changes.officerName) : changes.officerName };
    await audit(tx, ctx, { action: 'update', entity: 'enterprise', entityId: id, areaPath: e.area_path, after });
  });
  return getEnterprise(ctx, id);
}
