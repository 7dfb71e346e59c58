/**
 * Classified control as data (分类管控). A policy set is a versioned, dated, ordered list of rules; a rule
 * maps conditions of a person's situation to a measure with its length, test days and follow-ups.
 * Pure code, no I/O: shared by the server, the "try it" panel and the tests.
 *
 * Choices (see docs/api-monitoring.md):
 *  - the set in force on a day: effectiveFrom ≤ day ≤ effectiveTo (both inclusive, null = open); when sets
 *    overlap, the latest effectiveFrom wins (then the highest version);
 *  - within a set the FIRST matching rule wins — rules are an ordered list, most specific first;
 *  - no rule matching gives measure `none` with no rule (seeded sets end with a catch-all, so they always name one).
 */
export const MEASURE_KINDS = ['central_isolation', 'home_isolation', 'home_monitoring', 'none'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];
export const CONTACT_TYPES = ['close', 'secondary', 'general', 'none'] as const;
/** The levels a traced contact is placed at (流调): the contact types a set's tracing entries may list. */
export const CONTACT_LEVELS = ['close', 'secondary', 'general'] as const;
export type ContactLevel = (typeof CONTACT_LEVELS)[number];
export const RISK_LEVELS = ['high', 'medium', 'low', 'lockdown', 'control', 'prevention', 'none'] as const;
export const ORIGIN_SCOPES = ['local', 'same_province', 'other_province', 'abroad'] as const;
export const CODE_COLOURS = ['green', 'yellow', 'orange', 'red', 'purple'] as const;
export const SYMPTOMS = ['fever', 'cough', 'sore_throat', 'fatigue', 'loss_of_smell', 'diarrhoea', 'breathing', 'other'] as const;
export const COUNT_FROM = ['exposure', 'arrival', 'decision'] as const;

export type ContactType = (typeof CONTACT_TYPES)[number];
export type RiskLevel = (typeof RISK_LEVELS)[number];
export type OriginScope = (typeof ORIGIN_SCOPES)[number];
export type CodeColour = (typeof CODE_COLOURS)[number];
export type Symptom = (typeof SYMPTOMS)[number];

export interface Range {
  min?: number;
  max?: number;
}

export interface Conditions {
  contactTypes?: ContactType[];
  originRiskLevels?: RiskLevel[];
  originScopes?: OriginScope[];
  codeColours?: CodeColour[];
  daysSinceExposure?: Range;
  daysSinceArrival?: Range;
  hasSymptoms?: boolean;
  age?: Range;
  /** Any of these special groups (the registry's `groups`). */
  specialGroups?: string[];
}

export interface Step {
  measure: MeasureKind;
  days: number;
}

export interface Outcome {
  steps: Step[];
  countFrom: (typeof COUNT_FROM)[number];
  /** Day N counted from `countFrom` (day 1 = the day after). */
  testDays: number[];
  followUpsPerDay: number;
  followUpTimes: string[];
  refer?: 'fever_clinic';
}

export interface Rule {
  code: string;
  name: { zh: string; en: string };
  when: Conditions;
  then: Outcome;
}

/**
 * The tracing entries of a set (流调): the case classifications in use, and the contact levels the set identifies
 * with the hours a grid worker has to find and place such a contact. A level missing from the list is not
 * identified under the set (the 20 measures dropped secondary contacts). What a level means — the measure, its
 * length and test days counted from the last exposure — is the set's rules for that contact type.
 */
export interface TracingPolicy {
  caseClasses: { code: string; name: { zh: string; en: string } }[];
  contactLevels: { level: ContactLevel; placeWithinHours: number }[];
}

export interface PolicySet {
  id?: number;
  code: string;
  version: number;
  name: { zh: string; en: string };
  effectiveFrom: string;
  effectiveTo: string | null;
  feverThreshold: number;
  /** How many minutes a fever alert's tasks have before they are overdue. */
  alertDueMinutes: number;
  alertSymptoms: Symptom[];
  source: string;
  tracing: TracingPolicy;
  rules: Rule[];
}

export interface Situation {
  contactType?: ContactType;
  originRiskLevel?: RiskLevel;
  originScope?: OriginScope;
  codeColour?: CodeColour;
  exposedOn?: string;
  arrivedOn?: string;
  symptoms?: Symptom[];
  age?: number;
  specialGroups?: string[];
}

export interface Decision {
  set: { id: number | null; code: string; version: number };
  rule: { code: string; name: { zh: string; en: string } } | null;
  ruleVersion: string | null;
  measure: MeasureKind;
  days: number;
  startsOn: string | null;
  endsOn: string | null;
  steps: { measure: MeasureKind; startsOn: string; endsOn: string }[];
  testDates: string[];
  followUpsPerDay: number;
  followUpTimes: string[];
  refer: 'fever_clinic' | null;
}

/** The day `n` days after `day` (YYYY-MM-DD; n may be negative). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The set in force on `day`: inclusive dates, the latest start wins, then the highest version. */
export function setInForce<S extends PolicySet>(sets: S[], day: string): S | null {
  const live = sets.filter((s) => s.effectiveFrom <= day && (s.effectiveTo === null || day <= s.effectiveTo));
  live.sort((a, b) => (a.effectiveFrom === b.effectiveFrom ? b.version - a.version : a.effectiveFrom < b.effectiveFrom ? 1 : -1));
  return live[0] ?? null;
}

function inRange(v: number | undefined, r: Range | undefined): boolean {
  if (!r) return true;
  if (v === undefined) return false;
  return (r.min === undefined || v >= r.min) && (r.max === undefined || v <= r.max);
}

function anyOf<T>(value: T | undefined, allowed: T[] | undefined): boolean {
  if (!allowed) return true;
  return value !== undefined && allowed.includes(value);
}

/** Every condition given must hold; an absent condition matches anything. An unknown fact fails a condition that asks for it. */
export function matches(when: Conditions, s: Situation, day: string): boolean {
  if (!anyOf(s.contactType ?? 'none', when.contactTypes)) return false;
  if (!anyOf(s.originRiskLevel, when.originRiskLevels)) return false;
  if (!anyOf(s.originScope, when.originScopes)) return false;
  if (!anyOf(s.codeColour, when.codeColours)) return false;
  if (!inRange(s.exposedOn ? daysBetween(s.exposedOn, day) : undefined, when.daysSinceExposure)) return false;
  if (!inRange(s.arrivedOn ? daysBetween(s.arrivedOn, day) : undefined, when.daysSinceArrival)) return false;
  if (when.hasSymptoms !== undefined && (s.symptoms ?? []).length > 0 !== when.hasSymptoms) return false;
  if (!inRange(s.age, when.age)) return false;
  if (when.specialGroups && !(s.specialGroups ?? []).some((g) => when.specialGroups!.includes(g))) return false;
  return true;
}

/** The decision for a situation on a day under one set, with the rule that made it. */
export function evaluate(set: PolicySet, s: Situation, day: string): Decision {
  const base = { set: { id: set.id ?? null, code: set.code, version: set.version } };
  const rule = set.rules.find((r) => matches(r.when, s, day));
  const none: Decision = {
    ...base,
    rule: rule ? { code: rule.code, name: rule.name } : null,
    ruleVersion: rule ? ruleVersion(set, rule) : null,
    measure: 'none',
    days: 0,
    startsOn: null,
    endsOn: null,
    steps: [],
    testDates: [],
    followUpsPerDay: 0,
    followUpTimes: [],
    refer: rule?.then.refer ?? null,
  };
  if (!rule) return none;
  const t = rule.then;
  const from = t.countFrom === 'exposure' ? (s.exposedOn ?? day) : t.countFrom === 'arrival' ? (s.arrivedOn ?? day) : day;
  // Step k covers days (from + offset, from + offset + days]; the part already past on `day` is dropped.
  const steps: Decision['steps'] = [];
  let offset = 0;
  for (const step of t.steps) {
    const endsOn = addDays(from, offset + step.days);
    const startsOn = addDays(from, offset) < day ? day : addDays(from, offset);
    offset += step.days;
    if (step.measure === 'none' || step.days <= 0 || endsOn < day) continue;
    steps.push({ measure: step.measure, startsOn, endsOn });
  }
  if (!steps.length) return none;
  const first = steps[0];
  return {
    ...none,
    measure: first.measure,
    days: daysBetween(first.startsOn, first.endsOn),
    startsOn: first.startsOn,
    endsOn: first.endsOn,
    steps,
    testDates: t.testDays.map((n) => addDays(from, n)).filter((d) => d >= day),
    followUpsPerDay: t.followUpsPerDay,
    followUpTimes: t.followUpTimes,
  };
}

export function ruleVersion(set: PolicySet, rule: Rule): string {
  return `${set.code}@${set.version}#${rule.code}`;
}

/** A reading (a follow-up's, or a visit's, which may have no temperature) that must raise a fever alert under this set. */
export function isAlert(set: Pick<PolicySet, 'feverThreshold' | 'alertSymptoms'>, temperature: number | null | undefined, symptoms: string[]): boolean {
  return (temperature != null && temperature >= set.feverThreshold) || symptoms.some((s) => (set.alertSymptoms as string[]).includes(s));
}
