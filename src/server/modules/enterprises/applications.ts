import type { z } from 'zod';
import { COUNTY_KINDS, MIN_STOCK_DAYS, SIX_IN_PLACE, TOWN_KINDS } from '../../../domain/enterprises/policy';
import type { applicationBody, decisionBody } from '../../../domain/enterprises/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, forbidden, notFound, ruleViolation } from '../../platform/errors';
import { areaTree } from '../areas';
import * as repo from './repo';
import { toApplication } from './view';

/**
 * Applications to resume (复工申请): the six in place answered and, where the system can tell, proved; then the
 * town's review and the county's (two steps, each refusal with its reason). An approval resumes the enterprise;
 * a refusal returns it to where it was (registered, or suspended).
 */
const STATUS_TEXT = {
  registered: { zh: '已登记', en: 'registered' },
  applying: { zh: '申请中', en: 'applying' },
  resumed: { zh: '已复工', en: 'resumed' },
  suspended: { zh: '已停工', en: 'suspended' },
};

export async function apply(ctx: Ctx, enterpriseId: number, b: z.infer<typeof applicationBody>) {
  const id = await ctx.db.tx(async (tx) => {
    const e = await repo.findEnterprise(tx, ctx.actor.scope, enterpriseId, ctx.today, true);
    if (!e) throw notFound();
    if (e.status !== 'registered' && e.status !== 'suspended') {
      throw conflict('ENTERPRISES_CANNOT_APPLY', { status: STATUS_TEXT[e.status][ctx.lang] });
    }
    const known = new Set(SIX_IN_PLACE.map((s) => s.code));
    const unknown = Object.keys(b.selfCheck).find((k) => !known.has(k));
    if (unknown) throw badRequest('VALIDATION_FAILED', {}, { [`selfCheck.${unknown}`]: 'invalid_value' });
    const plans = await repo.latestPlans(tx, enterpriseId);
    // What the server can see for itself is checked beside the declaration: a tick is not proof.
    const proved = {
      plans: plans.prevention !== null && plans.emergency !== null,
      staff: e.staff_count > 0,
      stock: (e.stock_days ?? 0) >= MIN_STOCK_DAYS,
      officer: !!e.officer_name,
    };
    const missing = SIX_IN_PLACE.filter((s) => b.selfCheck[s.code] !== true || (s.proof !== null && !proved[s.proof]));
    if (missing.length) {
      const fields = Object.fromEntries(missing.map((s) => [`selfCheck.${s.code}`, s[ctx.lang]]));
      throw ruleViolation('ENTERPRISES_SELF_CHECK', { items: missing.map((s) => s[ctx.lang]).join(ctx.lang === 'zh' ? '；' : '; ') }, fields);
    }
    const made = await repo.insertApplication(tx, {
      enterpriseId,
      areaPath: e.area_path,
      fromStatus: e.status,
      selfCheck: b.selfCheck,
      preventionPlanId: plans.prevention!,
      emergencyPlanId: plans.emergency!,
      note: b.note || null,
      by: ctx.actor.userId,
    });
    await repo.setStatus(tx, enterpriseId, 'applying');
    await audit(tx, ctx, {
      action: 'apply',
      entity: 'enterprise_application',
      entityId: made,
      areaPath: e.area_path,
      after: { enterpriseId, fromStatus: e.status, selfCheck: b.selfCheck, preventionPlanId: plans.prevention, emergencyPlanId: plans.emergency },
    });
    return made;
  });
  return toApplication((await repo.findApplication(ctx.db, ctx.actor.scope, id))!);
}

/** The step the caller's level decides: a town's (or street's) people the first, a county's and above the second. */
async function stepOf(ctx: Ctx): Promise<'town' | 'county' | null> {
  const own = await areaTree.findInScope(ctx.db, ctx.actor.scope, ctx.actor.scope.areaId);
  if (own && TOWN_KINDS.includes(own.kind)) return 'town';
  if (own && COUNTY_KINDS.includes(own.kind)) return 'county';
  return null;
}

export async function pending(ctx: Ctx, p: { limit: number; offset: number }) {
  const step = await stepOf(ctx);
  if (!step) return { items: [], total: 0 };
  const { rows, total } = await repo.pendingApplications(ctx.db, ctx.actor.scope, step === 'town' ? 'town_review' : 'county_review', p);
  return { items: rows.map(toApplication), total };
}

const STEP_TEXT = { town: { zh: '乡镇', en: 'town' }, county: { zh: '县级', en: 'county' } };

export async function decide(ctx: Ctx, id: number, b: z.infer<typeof decisionBody>) {
  const step = await stepOf(ctx);
  await ctx.db.tx(async (tx) => {
    const app = await repo.findApplication(tx, ctx.actor.scope, id, true);
    if (!app) throw notFound();
    if (app.status === 'approved' || app.status === 'refused') throw conflict('ENTERPRISES_APPLICATION_CLOSED');
    const at = app.status === 'town_review' ? 'town' : 'county';
    if (step !== at) throw forbidden('ENTERPRISES_NOT_YOUR_STEP', { step: STEP_TEXT[at][ctx.lang] });
    const reason = b.reason || null;
    if (!b.approve && !reason) throw badRequest('ENTERPRISES_REASON_REQUIRED', {}, { reason: 'required' });
    const status = !b.approve ? 'refused' : at === 'town' ? 'county_review' : 'approved';
    await repo.decide(tx, id, at, { status, reason, by: ctx.actor.userId });
    if (status === 'approved') await repo.setStatus(tx, app.enterprise_id, 'resumed');
    if (status === 'refused') await repo.setStatus(tx, app.enterprise_id, app.from_status);
    await audit(tx, ctx, {
      action: b.approve ? 'approve' : 'refuse',
      entity: 'enterprise_application',
      entityId: id,
      areaPath: app.area_path,
      after: { step: at, status, reason },
    });
  });
  return toApplication((await repo.findApplication(ctx.db, ctx.actor.scope, id))!);
}
