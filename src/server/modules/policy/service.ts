import type { z } from 'zod';
import { type Decision, evaluate as evaluateRules, setInForce } from '../../../domain/policy/rules';
import type { evaluateBody } from '../../../domain/policy/schemas';
import type { Ctx } from '../../platform/context';
import { notFound, ruleViolation } from '../../platform/errors';
import * as repo from './repo';

/** Policy sets (read) and the evaluator on stored data: the "try it" panel and measure proposals use it. */
export async function listSets(ctx: Ctx) {
  const sets = await repo.publishedSets(ctx.db);
  const live = setInForce(sets, ctx.today);
  return { items: sets.map((s) => ({ ...s, inForce: s.id === live?.id })) };
}

export async function getSet(ctx: Ctx, id: number) {
  const set = (await repo.publishedSets(ctx.db)).find((s) => s.id === id);
  if (!set) throw notFound();
  return set;
}

/** The decision for a situation on a day (default today), with the set and rule that made it. */
export async function decide(ctx: Ctx, b: z.infer<typeof evaluateBody>): Promise<Decision & { feverThreshold: number; alertSymptoms: string[] }> {
  const sets = await repo.publishedSets(ctx.db);
  const on = b.on ?? ctx.today;
  const set = b.setId ? sets.find((s) => s.id === b.setId) : setInForce(sets, on);
  if (!set) {
    if (b.setId) throw notFound();
    throw ruleViolation('NO_POLICY', { on });
  }
  return { ...evaluateRules(set, b.situation, on), feverThreshold: set.feverThreshold, alertSymptoms: set.alertSymptoms };
}
