import type { RosterAssignment, RosterCost, RosterPerson, RosterPolicy, RosterProblem, RosterRuleKind, RosterShift, TimeWindow, UnfilledSlot } from './types';

/**
 * The problem indexed once for the rules, the greedy fill and the optimiser: shifts and people by position,
 * local days, night / morning / weekend flags and area paths split into steps.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface ShiftInfo {
  i: number;
  src: RosterShift;
  path: string[];
  start: number;
  end: number;
  hours: number;
  night: boolean;
  morning: boolean;
  /** Local day the shift starts on (days since 1970-01-01 local). */
  day: number;
  /** Local day the shift ends on. */
  endDay: number;
  weekend: boolean;
  /** Shifts with the same start, end and kind share a time class (the optimiser's conflict rows are per class). */
  cls: number;
}

export interface PersonInfo {
  i: number;
  src: RosterPerson;
  path: string[];
  roles: Set<string>;
  cap: number;
}

export interface Prepared {
  policy: RosterPolicy;
  shifts: ShiftInfo[];
  people: PersonInfo[];
  shiftIndex: Map<string, number>;
  personIndex: Map<string, number>;
  /** One representative shift per time class. */
  classes: ShiftInfo[];
  fixed: RosterAssignment[];
  /** Local time's offset from UTC, in milliseconds. */
  offsetMs: number;
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

/** Steps along the area tree between two paths: up to their deepest common area, then down. */
export function pathSteps(a: string[], b: string[]): number {
  let c = 0;
  while (c < a.length && c < b.length && a[c] === b[c]) c++;
  return a.length - c + (b.length - c);
}

/** One shift indexed: local day, hour, night / morning / weekend flags (`offsetMs`: local time's offset from UTC). */
export function shiftInfo(s: RosterShift, i: number, policy: RosterPolicy, offsetMs: number): ShiftInfo {
  const localDay = (ms: number) => Math.floor((ms + offsetMs) / DAY);
  const day = localDay(s.startMs);
  const localHour = ((((s.startMs + offsetMs) % DAY) + DAY) % DAY) / HOUR;
  // 1970-01-01 was a Thursday: (day + 4) % 7 is 0 on Sundays, 6 on Saturdays.
  const dow = (((day + 4) % 7) + 7) % 7;
  return {
    i,
    src: s,
    path: splitPath(s.areaPath),
    start: s.startMs,
    end: s.endMs,
    hours: (s.endMs - s.startMs) / HOUR,
    night: s.kind === 'night',
    morning: s.kind === 'day' && localHour < policy.morningStartsBeforeHour,
    day,
    endDay: localDay(s.endMs - 1),
    weekend: dow === 0 || dow === 6,
    cls: 0,
  };
}

export function prepare(problem: RosterProblem, policy: RosterPolicy): Prepared {
  const offset = (problem.utcOffsetMinutes ?? 480) * 60_000;
  const classKeys = new Map<string, number>();
  const classes: ShiftInfo[] = [];
  const shifts = problem.shifts.map((s, i): ShiftInfo => {
    const info = shiftInfo(s, i, policy, offset);
    const key = `${s.startMs}:${s.endMs}:${s.kind}`;
    let cls = classKeys.get(key);
    if (cls === undefined) {
      cls = classes.length;
      classKeys.set(key, cls);
      classes.push(info);
    }
    info.cls = cls;
    return info;
  });
  const people = problem.people.map(
    (p, i): PersonInfo => ({ i, src: p, path: splitPath(p.homeAreaPath), roles: new Set(p.roles), cap: p.weeklyHourCap ?? policy.weeklyHourCap }),
  );
  return {
    policy,
    shifts,
    people,
    shiftIndex: new Map(shifts.map((s) => [s.src.id, s.i])),
    personIndex: new Map(people.map((p) => [p.src.id, p.i])),
    classes,
    fixed: problem.fixed ?? [],
    offsetMs: offset,
  };
}

function nightThenMorning(n: ShiftInfo, m: ShiftInfo): boolean {
  return n.night && m.morning && m.start >= n.end && (m.day === n.endDay || m.day === n.endDay + 1);
}

/** Why one person cannot work both shifts, or null. "One shift a day" is counted separately (it may allow two). */
export function pairConflict(a: ShiftInfo, b: ShiftInfo, policy: RosterPolicy): RosterRuleKind | null {
  if (a.start < b.end && b.start < a.end) return 'overlap';
  const gap = b.start >= a.end ? b.start - a.end : a.start - b.end;
  if (gap < policy.restHours * HOUR) return 'rest';
  if (policy.banNightThenMorning && (nightThenMorning(a, b) || nightThenMorning(b, a))) return 'nightThenMorning';
  return null;
}

/** Pair conflicts plus, when only one shift a day is allowed, two shifts starting on the same local day. */
export function blocks(a: ShiftInfo, b: ShiftInfo, policy: RosterPolicy): boolean {
  if (policy.maxShiftsPerDay <= 1 && a.day === b.day) return true;
  return pairConflict(a, b, policy) !== null;
}

function inside(w: TimeWindow, s: ShiftInfo) {
  return w.startMs <= s.start && s.end <= w.endMs;
}

export function isAvailable(p: PersonInfo, s: ShiftInfo): boolean {
  return p.src.availability === null || p.src.availability.some((w) => inside(w, s));
}

export function isBusy(p: PersonInfo, s: ShiftInfo): boolean {
  return p.src.busy.some((w) => w.startMs < s.end && s.start < w.endMs);
}

/** Role, availability and deployments elsewhere: whether the person may take this shift at all. */
export function canServe(p: PersonInfo, s: ShiftInfo, role: string): boolean {
  return p.roles.has(role) && isAvailable(p, s) && !isBusy(p, s);
}

/** The k-th unit beyond `free` costs k × weight: a convex cost that spreads nights and weekends. */
export function excessCost(count: number, free: number, weight: number): number {
  const e = Math.max(0, count - free);
  return (weight * e * (e + 1)) / 2;
}

/** The objective of a roster, term by term, and the slots left short. Unknown ids are ignored (the rules report them). */
export function rosterCost(prep: Prepared, assignments: readonly RosterAssignment[]): { cost: RosterCost; unfilled: UnfilledSlot[] } {
  const { policy } = prep;
  const w = policy.weights;
  let travel = 0;
  const nights = new Map<number, number>();
  const weekends = new Map<number, number>();
  const filled = new Map<string, number>();
  for (const a of assignments) {
    const si = prep.shiftIndex.get(a.shiftId);
    const pi = prep.personIndex.get(a.personId);
    if (si === undefined || pi === undefined) continue;
    const s = prep.shifts[si];
    const p = prep.people[pi];
    travel += w.travelPerStep * pathSteps(p.path, s.path);
    if (s.night) nights.set(pi, (nights.get(pi) ?? 0) + 1);
    if (s.weekend) weekends.set(pi, (weekends.get(pi) ?? 0) + 1);
    const key = `${si}\u0000${a.role}`;
    filled.set(key, (filled.get(key) ?? 0) + 1);
  }
  const unfilled: UnfilledSlot[] = [];
  let missingTotal = 0;
  for (const s of prep.shifts) {
    for (const need of s.src.needs) {
      const missing = need.min - (filled.get(`${s.i}\u0000${need.role}`) ?? 0);
      if (missing > 0) {
        unfilled.push({ shiftId: s.src.id, role: need.role, missing });
        missingTotal += missing;
      }
    }
  }
  let nightCost = 0;
  for (const n of nights.values()) nightCost += excessCost(n, policy.freeNights, w.extraNight);
  let weekendCost = 0;
  for (const n of weekends.values()) weekendCost += excessCost(n, policy.freeWeekendShifts, w.extraWeekendShift);
  const unfilledCost = missingTotal * w.unfilled;
  return {
    cost: { travel, unfilled: unfilledCost, nights: nightCost, weekends: weekendCost, total: travel + unfilledCost + nightCost + weekendCost },
    unfilled,
  };
}
