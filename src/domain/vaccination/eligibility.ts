import { ageOn } from '../residents/identity';
import type { Band, Contraindication, DueKind, MobilisationState, Outcome, RefusalReason } from './kinds';
import type { VaccinationPolicy } from './policy';

/** Pure rules of the outreach: who is eligible and due, which state a call or a dose moves a person to, which doses are refused. */

const DAY = 86_400_000;
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** The same day-of-month `n` months later (the last day of a shorter month when it has none). */
export function addMonths(d: string, n: number): string {
  const [y, m, day] = d.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, last));
  return first.toISOString().slice(0, 10);
}

export interface Eligibility {
  age: number | null;
  /** The highest band the person is in (80+ before 60+); null: too young, or no birth date known. */
  band: Band | null;
  doses: number;
  /** What the next dose would be; null when the course and boosters are complete, or the person is not in a band or not suitable. */
  due: DueKind | null;
  /** From when that dose may be given. */
  dueOn: string | null;
  /** Whether the person is on today's working list: in a band, not unsuitable, and the next dose is due by today. */
  dueNow: boolean;
}

export function eligibility(
  p: { birthDate: string | null; doses: number; lastDoseOn: string | null; state: MobilisationState },
  policy: VaccinationPolicy,
  today: string,
): Eligibility {
  const age = p.birthDate ? ageOn(p.birthDate, today) : null;
  const bands = [...policy.bands].sort((a, b) => b.minAge - a.minAge);
  const band = age === null ? null : (bands.find((b) => age >= b.minAge)?.code ?? null);
  let due: DueKind | null = null;
  let dueOn: string | null = null;
  if (band && p.state !== 'not_suitable') {
    if (p.doses === 0) [due, dueOn] = ['first', today];
    else if (p.doses < policy.primaryDoses) [due, dueOn] = ['next_primary', addDays(p.lastDoseOn ?? today, policy.doseIntervalDays)];
    else if (p.doses < policy.primaryDoses + policy.boosters) [due, dueOn] = ['booster', addMonths(p.lastDoseOn ?? today, policy.boosterAfterMonths)];
  }
  return { age, band, doses: p.doses, due, dueOn, dueNow: dueOn !== null && dueOn <= today };
}

/** Whether the primary course is complete (the coverage counts these). */
export const fullyVaccinated = (doses: number, policy: VaccinationPolicy) => doses >= policy.primaryDoses;

export type StateChange =
  | { ok: true; to: MobilisationState; reason: RefusalReason | null; contraindication: Contraindication | null }
  | { ok: false; problem: 'reason_required' | 'contraindication_required'; field: string };

/**
 * What a call or visit's outcome does to a person's state. No answer changes nothing. A refusal needs its reason,
 * "not suitable" its contraindication. A person found not suitable stays so until a later outcome says otherwise
 * with a new agreement (a contraindication can pass: an acute illness heals). `vaccinated` is never an outcome: a
 * recorded dose sets it. A vaccinated person may agree again (their booster), or refuse it.
 */
export function applyOutcome(
  from: MobilisationState,
  o: { outcome: Outcome; reason?: RefusalReason | null; contraindication?: Contraindication | null },
): StateChange {
  if (o.outcome === 'no_answer') return { ok: true, to: from, reason: null, contraindication: null };
  if (o.outcome === 'refused') {
    if (!o.reason) return { ok: false, problem: 'reason_required', field: 'reason' };
    return { ok: true, to: 'refused', reason: o.reason, contraindication: null };
  }
  if (o.outcome === 'not_suitable') {
    if (!o.contraindication) return { ok: false, problem: 'contraindication_required', field: 'contraindication' };
    return { ok: true, to: 'not_suitable', reason: null, contraindication: o.contraindication };
  }
  return { ok: true, to: 'agreed', reason: null, contraindication: null };
}

export type DoseProblem = 'before_birth' | 'in_future' | 'not_after_last' | 'not_suitable' | 'course_complete';

/**
 * Whether a dose may be recorded: not before the person was born, not after today, after the last recorded dose
 * (doses are numbered in the order given), not for a person with a contraindication, not beyond the course and boosters.
 */
export function checkDose(
  p: { birthDate: string | null; givenOn: string; lastDoseOn: string | null; doses: number; state: MobilisationState },
  policy: VaccinationPolicy,
  today: string,
): DoseProblem | null {
  if (p.state === 'not_suitable') return 'not_suitable';
  if (p.birthDate && p.givenOn < p.birthDate) return 'before_birth';
  if (p.givenOn > today) return 'in_future';
  if (p.lastDoseOn && p.givenOn <= p.lastDoseOn) return 'not_after_last';
  if (p.doses >= policy.primaryDoses + policy.boosters) return 'course_complete';
  return null;
}
