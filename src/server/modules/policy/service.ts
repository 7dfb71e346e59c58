import type { z } from 'zod';
import { type Decision, type Rule, addDays, evaluate as evaluateRules, setInForce } from '../../../domain/policy/rules';
import type { createPolicySetBody, evaluateBody, publishPolicySetBody, replacePolicySetBody } from '../../../domain/policy/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, notFound, ruleViolation } from '../../platform/errors';
import { mustBeRoot } from '../../platform/scope';
import * as repo from './repo';

/** Policy sets (read) and the evaluator on stored data: the "try it" panel and measure proposals use it. */
export async function listSets(ctx: Ctx) {
  if (ctx.actor.permissions.has('policy.manage')) return listAllSets(ctx);
  const sets = await repo.publishedSets(ctx.db);
  const live = setInForce(sets, ctx.today);
  return { items: sets.map((s) => ({ ...s, inForce: s.id === live?.id })) };
}

export async function getSet(ctx: Ctx, id: number) {
  // Drafts are the editor's: only `policy.manage` holders see them.
  const sets = ctx.actor.permissions.has('policy.manage') ? await repo.allSets(ctx.db) : await repo.publishedSets(ctx.db);
  const set = sets.find((s) => s.id === id);
  if (!set) throw notFound();
  return set;
}

/** The decision for a situation on a day (default today), with the set and rule that made it. */
export async function decide(ctx: Ctx, b: z.infer<typeof evaluateBody>): Promise<Decision & { feverThreshold: number; alertSymptoms: string[] }> {
  // "Try it" on a draft (by its id) is the editor's: drafts are never in force.
  const sets = b.setId && ctx.actor.permissions.has('policy.manage') ? await repo.allSets(ctx.db) : await repo.publishedSets(ctx.db);
  const on = b.on ?? ctx.today;
  const set = b.setId ? sets.find((s) => s.id === b.setId) : setInForce(sets, on);
  if (!set) {
    if (b.setId) throw notFound();
    throw ruleViolation('NO_POLICY', { on });
  }
  return { ...evaluateRules(set, b.situation, on), feverThreshold: set.feverThreshold, alertSymptoms: set.alertSymptoms };
}

// ——— the editor: drafts, their rules, publishing (root scope, `policy.manage`) ———

/** Policy sets are deployment-wide, like roles: only a root-scoped user edits them. */
const mustRoot = (ctx: Ctx) => mustBeRoot(ctx.actor.scope, 'POLICY_ROOT_ONLY');

/** Every set, drafts first, for the editor (published sets also answer `inForce`). */
export async function listAllSets(ctx: Ctx) {
  const sets = await repo.allSets(ctx.db);
  const live = setInForce(
    sets.filter((s) => s.status === 'published'),
    ctx.today,
  );
  return { items: sets.map((s) => ({ ...s, inForce: s.id === live?.id })) };
}

async function mustSet(ctx: Ctx, id: number) {
  const set = (await repo.allSets(ctx.db)).find((s) => s.id === id);
  if (!set) throw notFound();
  return set;
}

/** A draft, copied from another set (published or draft): same rules and thresholds, the next version of its code. */
export async function createDraft(ctx: Ctx, b: z.infer<typeof createPolicySetBody>) {
  mustRoot(ctx);
  const src = await mustSet(ctx, b.copyOf);
  const id = await ctx.db.tx(async (tx) => {
    const code = b.code ?? src.code;
    const version = await repo.nextVersion(tx, code);
    const id = await repo.insertDraft(tx, { ...src, code, version, name: b.name ?? src.name, effectiveFrom: ctx.today });
    await audit(tx, ctx, { action: 'create', entity: 'policy_set', entityId: id, after: { code, version, copyOf: src.id } });
    return id;
  });
  return mustSet(ctx, id);
}

/** Replaces a draft's ordered rules (validated by the domain schemas; codes unique). Published sets are immutable. */
export async function replaceDraft(ctx: Ctx, id: number, b: z.infer<typeof replacePolicySetBody>) {
  mustRoot(ctx);
  const codes = new Set<string>();
  for (const r of b.rules) {
    if (codes.has(r.code)) throw badRequest('POLICY_RULE_CODES', { code: r.code }, { rules: 'invalid_format' });
    codes.add(r.code);
  }
  const before = await mustSet(ctx, id);
  await ctx.db.tx(async (tx) => {
    const row = await repo.lockSet(tx, id);
    if (!row) throw notFound();
    if (row.status !== 'draft') throw conflict('POLICY_PUBLISHED');
    await repo.replaceDraft(tx, id, b as { rules: Rule[] } & typeof b);
    await audit(tx, ctx, { action: 'update', entity: 'policy_set', entityId: id, before: { rules: before.rules.map((r) => r.code) }, after: b });
  });
  return mustSet(ctx, id);
}

/**
 * Publishes a draft from `effectiveFrom` (today or later): the set in force on that day ends the day
 * before. From then on the set is immutable; a change is a new draft.
 */
export async function publishDraft(ctx: Ctx, id: number, b: z.infer<typeof publishPolicySetBody>) {
  mustRoot(ctx);
  await ctx.db.tx(async (tx) => {
    const row = await repo.lockSet(tx, id);
    if (!row) throw notFound();
    if (row.status !== 'draft') throw conflict('POLICY_PUBLISHED');
    const previous = setInForce(await repo.publishedSets(tx), b.effectiveFrom);
    if (b.effectiveFrom < ctx.today || (previous && previous.effectiveFrom >= b.effectiveFrom)) {
      throw ruleViolation(
        'POLICY_DATES',
        { effectiveFrom: b.effectiveFrom, previousFrom: previous?.effectiveFrom ?? ctx.today },
        { effectiveFrom: 'invalid_format' },
      );
    }
    await repo.publish(tx, id, b.effectiveFrom, previous?.id ?? null);
    await audit(tx, ctx, {
      action: 'publish',
      entity: 'policy_set',
      entityId: id,
      after: {
        effectiveFrom: b.effectiveFrom,
        closed: previous ? { id: previous.id, code: previous.code, version: previous.version, effectiveTo: addDays(b.effectiveFrom, -1) } : null,
      },
    });
  });
  return mustSet(ctx, id);
}
