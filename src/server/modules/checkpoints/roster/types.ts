import { ROSTER_RULE_KINDS, type RosterRuleKind } from '../../../../domain/checkpoints/kinds';
/**
 * The checkpoint roster solver's inputs and outputs (issue 15, point 3). Plain data only: the module's routes
 * read posts, shifts, people and hand edits from the database, build a `RosterProblem`, and store the
 * `RosterSolution`'s assignments. Instants are epoch milliseconds (UTC); local days (weekends, "one shift a
 * day", "the morning after a night") are counted in the problem's UTC offset, China's +8 h by default.
 */

export type ShiftKind = 'day' | 'night';

/** [startMs, endMs): a half-open span of time. */
export interface TimeWindow {
  startMs: number;
  endMs: number;
}

/** How many people of one staff role a shift needs. */
export interface StaffNeed {
  role: string;
  min: number;
}

export interface RosterShift {
  id: string;
  postId: string;
  /** The post's area as its materialised path ("/county/town/village/"), as the areas module stores it. */
  areaPath: string;
  startMs: number;
  endMs: number;
  kind: ShiftKind;
  needs: StaffNeed[];
}

export interface RosterPerson {
  id: string;
  /** Staff roles and skills the person may fill ("guard", "medic", …). */
  roles: string[];
  /** Where the person lives, as an area path; the trip to a post is counted in steps along the area tree. */
  homeAreaPath: string;
  /** Windows the person can work in; null = always. A shift must lie wholly inside one window. */
  availability: TimeWindow[] | null;
  /** Deployments elsewhere (other duty, sampling rounds, leave): no shift may touch them. */
  busy: TimeWindow[];
  /** Overrides the policy's weekly hour cap for this person. */
  weeklyHourCap?: number | null;
  /**
   * The person's shifts just outside the problem's days (the end of the week before, the start of the week after):
   * the rule checker pairs them with the week's for rest, overlap and night → morning — a Sunday night then a
   * Monday morning is warned — but never counts them towards the week's hours, shifts a day or fairness.
   */
  around?: RosterShift[];
}

/** One person filling one role on one shift. */
export interface RosterAssignment {
  shiftId: string;
  personId: string;
  role: string;
}

export interface RosterProblem {
  /** Start of the rostered week (informational: the shifts carry their own instants). */
  weekStartMs: number;
  /** Offset of local time from UTC, in minutes; 480 (China) when absent. */
  utcOffsetMinutes?: number;
  shifts: RosterShift[];
  people: RosterPerson[];
  /** Hand edits the solver must keep as they are (they are checked and warned about, never dropped). */
  fixed?: RosterAssignment[];
}

/** The rules and weights, all policy data (DOMAIN.md: Timefold / OR-tools employee-scheduling rules). */
export interface RosterPolicy {
  /** Minimum hours between the end of one shift and the start of the next (DOMAIN.md: ≥ 10 h). */
  restHours: number;
  /** Hours a person may work in the week unless their own cap says otherwise (all the problem's shifts count: one problem is one week). */
  weeklyHourCap: number;
  /** Shifts a person may start on one local day (DOMAIN.md: one shift a day). */
  maxShiftsPerDay: number;
  /** No morning shift on the day a night shift ends or the day after. */
  banNightThenMorning: boolean;
  /** A day shift starting before this local hour is a morning shift. */
  morningStartsBeforeHour: number;
  /** Nights per person per week before the fairness cost starts. */
  freeNights: number;
  /** Weekend (Saturday, Sunday) shifts per person per week before the fairness cost starts. */
  freeWeekendShifts: number;
  weights: {
    /** Cost of one step along the area tree between home and post (village → town → village is 2 steps). */
    travelPerStep: number;
    /** Cost of one person missing from a shift. */
    unfilled: number;
    /** The k-th night beyond the free ones costs k × this: the cost grows, so nights spread. */
    extraNight: number;
    /** The k-th weekend shift beyond the free ones costs k × this. */
    extraWeekendShift: number;
  };
}

export const defaultRosterPolicy: RosterPolicy = {
  restHours: 10,
  weeklyHourCap: 40,
  maxShiftsPerDay: 1,
  banNightThenMorning: true,
  morningStartsBeforeHour: 12,
  freeNights: 2,
  freeWeekendShifts: 1,
  weights: { travelPerStep: 1, unfilled: 100, extraNight: 2, extraWeekendShift: 1 },
};

/** Merges a partial policy (as stored, possibly from an older version) over the defaults. */
export function rosterPolicy(partial: Partial<Omit<RosterPolicy, 'weights'>> & { weights?: Partial<RosterPolicy['weights']> } = {}): RosterPolicy {
  return { ...defaultRosterPolicy, ...partial, weights: { ...defaultRosterPolicy.weights, ...partial.weights } };
}

/** Every rule the checker reports: one list, in the domain, which the screens' texts are keyed by too. */
export const rosterRuleKinds = ROSTER_RULE_KINDS;
export type { RosterRuleKind };

export interface RosterViolation {
  kind: RosterRuleKind;
  /** The UI text: `checkpoints.rosterRules.<kind>` in both locale files, filled with `params`. */
  messageKey: `checkpoints.rosterRules.${RosterRuleKind}`;
  personId: string | null;
  shiftIds: string[];
  params: Record<string, string | number>;
}

export interface UnfilledSlot {
  shiftId: string;
  role: string;
  missing: number;
}

/** The objective, term by term (each already weighted). */
export interface RosterCost {
  travel: number;
  unfilled: number;
  nights: number;
  weekends: number;
  total: number;
}

export interface RosterSolution {
  assignments: RosterAssignment[];
  unfilled: UnfilledSlot[];
  objective: number;
  cost: RosterCost;
  /** A proven lower bound on the objective of any roster for this problem and policy. */
  lowerBound: number;
  /** (objective − lowerBound) / objective × 100; 0 when both are 0. */
  gapPct: number;
  /** Every slot filled and no rule broken (fixed hand edits that break rules make it false). */
  feasible: boolean;
  /** Rule violations of the returned roster (only fixed hand edits can cause them). */
  violations: RosterViolation[];
  /** 'greedy' when the optimiser did not run or found nothing better. */
  method: 'greedy' | 'optimised';
  /** True when the optimiser proved the roster optimal. */
  optimal: boolean;
  /** The quick fill's result before the optimiser: its objective and whether it was already feasible. */
  greedy: { objective: number; feasible: boolean };
  /** Why the optimiser gave nothing back (it failed or ran out of memory), for the log; null otherwise. */
  optimiserError: string | null;
  timings: { greedyMs: number; boundMs: number; optimiseMs: number; totalMs: number };
}
