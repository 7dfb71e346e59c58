import type { MeasureKind } from '../policy/rules';

/**
 * Contact tracing's kinds (流调). The case classifications and what each contact level means are policy data
 * (the rule set's tracing entries and rules); these are the fixed vocabularies of the records themselves.
 */
export { CONTACT_LEVELS, type ContactLevel } from '../policy/rules';

/** How a case came to light. */
export const FOUND_BY = ['pool_retest', 'fever_alert', 'fever_clinic', 'elsewhere_report', 'other'] as const;
export type FoundBy = (typeof FOUND_BY)[number];

/** Go.Data's exposure types, narrowed to what a county's investigators wrote. */
export const EXPOSURE_KINDS = ['household', 'meal', 'work', 'transport', 'venue', 'medical', 'other'] as const;
export const CERTAINTIES = ['low', 'medium', 'high'] as const;

/** Where finding a contact stands: the board's columns. */
export const PLACEMENTS = ['to_find', 'placed', 'not_found', 'elsewhere'] as const;
export type Placement = (typeof PLACEMENTS)[number];

export const TRAJECTORY_KINDS = ['place', 'transport'] as const;
export const TRANSPORT_KINDS = ['train', 'flight', 'bus', 'car', 'taxi', 'ship', 'other'] as const;

/** Stricter measures rank higher: a contact already under a stricter (or equal) one keeps it. */
const STRICTNESS: Record<MeasureKind, number> = { none: 0, home_monitoring: 1, home_isolation: 2, central_isolation: 3 };

export function isAtLeastAsStrict(held: MeasureKind, proposed: MeasureKind): boolean {
  return STRICTNESS[held] >= STRICTNESS[proposed];
}

/** The higher of two contact levels (close > secondary > general): a merged report keeps the closer one. */
export function closerLevel<L extends 'close' | 'secondary' | 'general'>(a: L, b: L): L {
  const rank = { close: 3, secondary: 2, general: 1 };
  return rank[a] >= rank[b] ? a : b;
}

/**
 * A case's dates in an impossible order, as field → code: a test after its report, any of them after today.
 * Onset may follow the test (an asymptomatic infection that later shows symptoms), so it is not compared.
 */
export function caseDateProblems(
  d: { onsetOn?: string | null; testedOn?: string | null; reportedOn: string; isolatedOn?: string | null },
  today: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of ['onsetOn', 'testedOn', 'reportedOn', 'isolatedOn'] as const) {
    const v = d[f];
    if (v && v > today) out[f] = 'in_future';
  }
  if (d.testedOn && d.testedOn > d.reportedOn && !out.testedOn) out.testedOn = 'after_report';
  return out;
}
