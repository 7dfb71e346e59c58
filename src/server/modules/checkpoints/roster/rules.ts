import { type Prepared, type ShiftInfo, isAvailable, isBusy, pairConflict, prepare, shiftInfo } from './model';
import type { RosterAssignment, RosterPolicy, RosterProblem, RosterRuleKind, RosterViolation } from './types';

/**
 * The roster rules as a checker: hand edits are warned about, not refused, so a roster that breaks rules is
 * still stored and shown with these warnings; the tests also run every solver result through it.
 */

function violation(kind: RosterRuleKind, personId: string | null, shiftIds: string[], params: Record<string, string | number> = {}): RosterViolation {
  return { kind, messageKey: `checkpoints.rosterRules.${kind}`, personId, shiftIds, params };
}

// A night's "next morning" lies at most two local days after it ends; nothing further can pair with it.
const PAIR_WINDOW_MS = 3 * 24 * 3_600_000;

export function checkRoster(problem: RosterProblem, assignments: readonly RosterAssignment[], policy: RosterPolicy): RosterViolation[] {
  return checkPrepared(prepare(problem, policy), assignments);
}

export function checkPrepared(prep: Prepared, assignments: readonly RosterAssignment[]): RosterViolation[] {
  const out: RosterViolation[] = [];
  const byPerson = new Map<number, ShiftInfo[]>();
  const seen = new Set<string>();
  const filled = new Map<string, number>();
  for (const a of assignments) {
    const si = prep.shiftIndex.get(a.shiftId);
    const pi = prep.personIndex.get(a.personId);
    if (si === undefined) {
      out.push(violation('unknownShift', a.personId, [a.shiftId]));
      continue;
    }
    if (pi === undefined) {
      out.push(violation('unknownPerson', a.personId, [a.shiftId]));
      continue;
    }
    const s = prep.shifts[si];
    const p = prep.people[pi];
    const key = `${si}\u0000${pi}`;
    if (seen.has(key)) {
      out.push(violation('duplicate', a.personId, [a.shiftId]));
      continue;
    }
    seen.add(key);
    if (!s.src.needs.some((n) => n.role === a.role)) out.push(violation('unknownRole', a.personId, [a.shiftId], { role: a.role }));
    else if (!p.roles.has(a.role)) out.push(violation('missingSkill', a.personId, [a.shiftId], { role: a.role }));
    if (!isAvailable(p, s)) out.push(violation('unavailable', a.personId, [a.shiftId]));
    if (isBusy(p, s)) out.push(violation('busyElsewhere', a.personId, [a.shiftId]));
    const roleKey = `${si}\u0000${a.role}`;
    filled.set(roleKey, (filled.get(roleKey) ?? 0) + 1);
    const list = byPerson.get(pi);
    if (list) list.push(s);
    else byPerson.set(pi, [s]);
  }
  for (const [pi, list] of byPerson) checkPerson(prep, pi, list, out);
  for (const s of prep.shifts) {
    for (const need of s.src.needs) {
      const have = filled.get(`${s.i}\u0000${need.role}`) ?? 0;
      if (have < need.min) out.push(violation('understaffed', null, [s.src.id], { role: need.role, have, need: need.min }));
    }
  }
  return out;
}

function checkPerson(prep: Prepared, pi: number, list: ShiftInfo[], out: RosterViolation[]) {
  const { policy } = prep;
  const person = prep.people[pi];
  const id = person.src.id;
  list.sort((a, b) => a.start - b.start);
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length && list[j].start < list[i].end + PAIR_WINDOW_MS; j++) {
      const kind = pairConflict(list[i], list[j], policy);
      if (kind) out.push(violation(kind, id, [list[i].src.id, list[j].src.id], kind === 'rest' ? { hours: policy.restHours } : {}));
    }
  }
  // Across the week's edges: each of the week's shifts against the person's shifts just before and after it.
  for (const other of person.src.around ?? []) {
    const o = shiftInfo(other, -1, policy, prep.offsetMs);
    for (const s of list) {
      if (Math.abs(s.start - o.start) >= PAIR_WINDOW_MS) continue;
      const [a, b] = o.start <= s.start ? [o, s] : [s, o];
      const kind = pairConflict(a, b, policy);
      if (kind) out.push(violation(kind, id, [a.src.id, b.src.id], kind === 'rest' ? { hours: policy.restHours } : {}));
    }
  }
  const perDay = new Map<number, ShiftInfo[]>();
  for (const s of list) {
    const day = perDay.get(s.day);
    if (day) day.push(s);
    else perDay.set(s.day, [s]);
  }
  for (const day of perDay.values()) {
    if (day.length > policy.maxShiftsPerDay) {
      out.push(
        violation(
          'shiftsPerDay',
          id,
          day.map((s) => s.src.id),
          { count: day.length, max: policy.maxShiftsPerDay },
        ),
      );
    }
  }
  const hours = list.reduce((h, s) => h + s.hours, 0);
  if (hours > person.cap + 1e-9)
    out.push(
      violation(
        'weeklyCap',
        id,
        list.map((s) => s.src.id),
        { hours, cap: person.cap },
      ),
    );
}
