/** Readable sentences for a policy rule — "conditions → measure, days, tests, follow-ups" — and a decision's steps. */
import type { TFunction } from 'i18next';
import type { Conditions, Outcome, Range } from '../../../domain/policy/rules';

function range(r: Range | undefined, t: TFunction): string | null {
  if (!r) return null;
  if (r.min !== undefined && r.max !== undefined) return t('monitoring.rule.between', { min: r.min, max: r.max });
  if (r.min !== undefined) return t('monitoring.rule.atLeast', { min: r.min });
  if (r.max !== undefined) return t('monitoring.rule.atMost', { max: r.max });
  return null;
}

const list = (xs: string[], t: TFunction, prefix: string) => xs.map((x) => t(`${prefix}.${x}`, { defaultValue: x })).join(t('monitoring.rule.or'));

/** One phrase per condition; an empty list means the rule matches anyone (a catch-all). */
export function conditionPhrases(when: Conditions, t: TFunction): string[] {
  const out: string[] = [];
  if (when.hasSymptoms !== undefined) out.push(t(when.hasSymptoms ? 'monitoring.rule.hasSymptoms' : 'monitoring.rule.noSymptoms'));
  if (when.contactTypes) out.push(t('monitoring.rule.contact', { list: list(when.contactTypes, t, 'monitoring.contact') }));
  if (when.originRiskLevels) out.push(t('monitoring.rule.risk', { list: list(when.originRiskLevels, t, 'monitoring.risk') }));
  if (when.originScopes) out.push(t('monitoring.rule.scope', { list: list(when.originScopes, t, 'monitoring.originScope') }));
  if (when.codeColours) out.push(t('monitoring.rule.colour', { list: list(when.codeColours, t, 'monitoring.colour') }));
  const exp = range(when.daysSinceExposure, t);
  if (exp) out.push(t('monitoring.rule.sinceExposure', { range: exp }));
  const arr = range(when.daysSinceArrival, t);
  if (arr) out.push(t('monitoring.rule.sinceArrival', { range: arr }));
  const age = range(when.age, t);
  if (age) out.push(t('monitoring.rule.age', { range: age }));
  if (when.specialGroups) out.push(t('monitoring.rule.groups', { list: list(when.specialGroups, t, 'residents.group') }));
  return out;
}

/** "集中隔离 7 天 + 居家健康监测 3 天". */
export function stepsText(steps: { measure: string; days: number }[], t: TFunction, refer?: string | null): string {
  if (!steps.some((s) => s.measure !== 'none')) return t(refer ? 'monitoring.rule.refer' : 'monitoring.kind.none');
  return steps
    .map((s) => (s.measure === 'none' ? t('monitoring.kind.none') : t('monitoring.rule.step', { measure: t(`monitoring.kind.${s.measure}`), days: s.days })))
    .join(' + ');
}

export function outcomePhrases(then: Outcome, t: TFunction): string[] {
  const out: string[] = [];
  if (then.steps.some((s) => s.measure !== 'none')) out.push(t('monitoring.rule.countFrom', { from: t(`monitoring.countFrom.${then.countFrom}`) }));
  if (then.testDays.length) out.push(t('monitoring.rule.tests', { days: then.testDays.join(t('monitoring.rule.comma')) }));
  if (then.followUpsPerDay) out.push(t('monitoring.rule.followUps', { count: then.followUpsPerDay, times: then.followUpTimes.join(' ') }));
  if (then.refer && then.steps.some((s) => s.measure !== 'none')) out.push(t('monitoring.rule.refer'));
  return out;
}
