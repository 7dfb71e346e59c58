import { type PolicySet, matches, setInForce } from '../../../domain/policy/rules';
import type { Ctx } from '../../platform/context';
import { ruleViolation } from '../../platform/errors';
import * as policy from '../policy';

/**
 * The rule set in force today, as tracing reads it: its tracing entries (case classifications, contact levels
 * and their hours), and what each level means — the rule that a contact of that level, exposed today, matches.
 */
export async function setInForceToday(ctx: Ctx): Promise<PolicySet & { id: number }> {
  const set = setInForce(await policy.publishedSets(ctx.db), ctx.today);
  if (!set) throw ruleViolation('NO_POLICY', { on: ctx.today });
  return set;
}

export async function tracingPolicy(ctx: Ctx) {
  const set = await setInForceToday(ctx);
  return {
    set: { id: set.id, code: set.code, version: set.version, name: set.name },
    caseClasses: set.tracing.caseClasses,
    contactLevels: set.tracing.contactLevels.map((l) => {
      const rule = set.rules.find((r) => matches(r.when, { contactType: l.level, exposedOn: ctx.today }, ctx.today));
      const exposure = rule?.then.countFrom === 'exposure';
      return {
        ...l,
        ruleVersion: rule ? `${set.code}@${set.version}#${rule.code}` : null,
        steps: (rule?.then.steps ?? []).filter((s) => s.measure !== 'none' && s.days > 0),
        testDays: exposure ? (rule?.then.testDays ?? []) : [],
      };
    }),
  };
}
