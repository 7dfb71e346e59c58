import type { Highs } from 'highs';
import { bestFor, peopleByArea } from './greedy';
import { Loads } from './loads';
import { type Cell, type Neighbourhood, solveNeighbourhood } from './mip';
import { type Prepared, pathSteps, rosterCost } from './model';
import { rematchByClass } from './rematch';
import type { RosterAssignment } from './types';

/**
 * The optimiser proper (it runs in the worker thread). A small problem is one MIP over every candidate, whose
 * dual bound bounds the roster. A county is far too large for that, so it is improved neighbourhood by
 * neighbourhood (large-neighbourhood search): the shifts of the posts under one area for a few days, opened to
 * the people living there and those already on them, solved as a MIP started from the current roster, kept
 * when it is cheaper. Each step can only keep or lower the objective, so the result is never worse than greedy.
 */

export interface ImproveProgress {
  objective: number;
  neighbourhoods: number;
  improved: number;
  elapsedMs: number;
}

export interface ImproveResult {
  assignments: RosterAssignment[];
  /** A bound proved by the whole-problem MIP (small problems only), else null. */
  bound: number | null;
  optimal: boolean;
  neighbourhoods: number;
}

/** Above this many (slot × person) pairs the problem is improved by neighbourhoods rather than as one MIP. */
export const WHOLE_MIP_PAIRS = 60_000;
const DAYS_PER_NEIGHBOURHOOD = 2;
const CANDIDATES_PER_SLOT = 6;
const STEP_LIMIT_S = 2;

/** Whether the roster is small enough to be one MIP over every candidate (whose bound then bounds the roster). */
export function isWholeMip(prep: Prepared): boolean {
  const slots = prep.shifts.reduce((n, s) => n + s.src.needs.reduce((m, x) => m + x.min, 0), 0);
  return slots * prep.people.length <= WHOLE_MIP_PAIRS;
}

function toCells(prep: Prepared, list: readonly RosterAssignment[]): Cell[] {
  const out: Cell[] = [];
  for (const a of list) {
    const si = prep.shiftIndex.get(a.shiftId);
    const pi = prep.personIndex.get(a.personId);
    if (si !== undefined && pi !== undefined) out.push({ si, role: a.role, pi });
  }
  return out;
}

function toAssignments(prep: Prepared, cells: Cell[]): RosterAssignment[] {
  return cells.map((c) => ({ shiftId: prep.shifts[c.si].src.id, personId: prep.people[c.pi].src.id, role: c.role }));
}

export function improveRoster(
  highs: Highs,
  prep: Prepared,
  start: readonly RosterAssignment[],
  deadline: number,
  onProgress: (p: ImproveProgress) => void = () => {},
): ImproveResult {
  const began = Date.now();
  const fixedCells = toCells(prep, prep.fixed);
  const fixedKeys = new Map<string, number>();
  for (const c of fixedCells) fixedKeys.set(`${c.si}\u0000${c.role}\u0000${c.pi}`, (fixedKeys.get(`${c.si}\u0000${c.role}\u0000${c.pi}`) ?? 0) + 1);
  // The free cells: the start without the hand edits (one match each).
  const free: Cell[] = [];
  for (const c of toCells(prep, start)) {
    const key = `${c.si}\u0000${c.role}\u0000${c.pi}`;
    const left = fixedKeys.get(key) ?? 0;
    if (left > 0) fixedKeys.set(key, left - 1);
    else free.push(c);
  }
  const loads = new Loads(prep);
  for (const c of [...fixedCells, ...free]) loads.add(c.pi, c.si);
  const byShift = new Map<number, Cell[]>();
  for (const c of free) {
    const list = byShift.get(c.si);
    if (list) list.push(c);
    else byShift.set(c.si, [c]);
  }
  const all = () => [...fixedCells, ...[...byShift.values()].flat()];
  const objective = () => rosterCost(prep, toAssignments(prep, all())).cost.total;

  const whole = isWholeMip(prep);
  let count = 0;
  let improved = 0;
  let bound: number | null = null;
  let optimal = false;

  const step = (nb: Neighbourhood, limitS: number) => {
    const current = nb.shifts.flatMap((si) => byShift.get(si) ?? []);
    for (const c of current) loads.remove(c.pi, c.si);
    const res = solveNeighbourhood(highs, prep, loads, nb, current, limitS);
    const better = res.objective < res.startObjective - 1e-6;
    const cells = better ? res.cells : current;
    for (const si of nb.shifts) byShift.delete(si);
    for (const c of cells) {
      loads.add(c.pi, c.si);
      const list = byShift.get(c.si);
      if (list) list.push(c);
      else byShift.set(c.si, [c]);
    }
    count++;
    if (better) improved++;
    return res;
  };

  if (whole) {
    const before = objective();
    const nb: Neighbourhood = { shifts: prep.shifts.map((s) => s.i), people: prep.people.map((p) => p.i), perSlot: Number.POSITIVE_INFINITY };
    const res = step(nb, Math.max(0.1, (deadline - Date.now()) / 1000));
    // Everything outside the MIP is constant (the hand edits' travel, slots of no one's reach): add it back.
    const offset = before - res.startObjective;
    if (res.exhaustive && Number.isFinite(res.dualBound)) bound = res.dualBound + offset;
    optimal = res.optimal && res.exhaustive;
    onProgress({ objective: objective(), neighbourhoods: count, improved, elapsedMs: Date.now() - began });
    return { assignments: toAssignments(prep, all()), bound, optimal, neighbourhoods: count };
  }

  // Neighbourhoods: the posts under each parent area (a village's parent is its town), a few days at a time.
  const clusters = new Map<string, number[]>();
  for (const s of prep.shifts) {
    const key = s.path.slice(0, Math.max(1, s.path.length - 1)).join('/');
    const list = clusters.get(key);
    if (list) list.push(s.i);
    else clusters.set(key, [s.i]);
  }
  const byArea = peopleByArea(prep);
  const firstDay = Math.min(...prep.shifts.map((s) => s.day));
  const lastDay = Math.max(...prep.shifts.map((s) => s.day));
  const windows: number[] = [];
  for (let d = firstDay; d <= lastDay; d += Math.max(1, DAYS_PER_NEIGHBOURHOOD - 1)) windows.push(d);
  // The dearest areas first: where the trips and fairness costs are, the gains are.
  const areaCost = new Map<string, number>();
  for (const [key, list] of clusters) {
    let c = 0;
    for (const si of list) for (const cell of byShift.get(si) ?? []) c += pathSteps(prep.people[cell.pi].path, prep.shifts[si].path);
    areaCost.set(key, c);
  }
  const keys = [...clusters.keys()].sort((x, y) => (areaCost.get(y) ?? 0) - (areaCost.get(x) ?? 0));
  // Building a neighbourhood's model takes time HiGHS's own limit does not see: keep the slowest seen in reserve.
  let overheadMs = 200;
  let lastReport = 0;
  let round = 0;
  const timeLeft = () => deadline - Date.now() - overheadMs;
  outer: while (timeLeft() > 100) {
    const improvedBefore = improved;
    for (const key of keys) {
      for (const w0 of windows) {
        if (timeLeft() <= 100) break outer;
        const shifts = (clusters.get(key) ?? []).filter((si) => {
          const d = prep.shifts[si].day;
          return d >= w0 && d < w0 + DAYS_PER_NEIGHBOURHOOD;
        });
        if (shifts.length === 0) continue;
        const people = new Set(byArea.get(key) ?? []);
        for (const si of shifts) for (const c of byShift.get(si) ?? []) people.add(c.pi);
        const limitS = Math.min(STEP_LIMIT_S, timeLeft() / 1000);
        const t = Date.now();
        step({ shifts, people: [...people], perSlot: CANDIDATES_PER_SLOT + round * 4 }, limitS);
        overheadMs = Math.max(overheadMs, Date.now() - t - limitS * 1000);
        if (Date.now() - lastReport > 2000) {
          lastReport = Date.now();
          onProgress({ objective: objective(), neighbourhoods: count, improved, elapsedMs: Date.now() - began });
        }
      }
    }
    round++;
    // A whole round without a gain: the neighbourhoods are exhausted even with more candidates.
    if (improved === improvedBefore && round > 2) break;
  }
  repairOpenSlots(prep, loads, byShift);
  // Moves between neighbourhoods may leave people of one time class at each other's posts: re-match them.
  return { assignments: rematchByClass(prep, toAssignments(prep, all())), bound, optimal, neighbourhoods: count };
}

/** Slots the neighbourhoods left open get the greedy's best person, when anyone still fits. */
function repairOpenSlots(prep: Prepared, loads: Loads, byShift: Map<number, Cell[]>) {
  const { unfilled } = rosterCost(prep, [
    ...prep.fixed,
    ...[...byShift.values()].flat().map((c) => ({ shiftId: prep.shifts[c.si].src.id, personId: prep.people[c.pi].src.id, role: c.role })),
  ]);
  if (unfilled.length === 0) return;
  const byArea = peopleByArea(prep);
  const stamp = new Int32Array(prep.people.length).fill(-1);
  let mark = 0;
  for (const u of unfilled) {
    const si = prep.shiftIndex.get(u.shiftId) ?? -1;
    for (let k = 0; k < u.missing; k++) {
      const pi = bestFor(prep, loads, byArea, { si, role: u.role }, stamp, mark++);
      if (pi < 0) break;
      const s = prep.shifts[si];
      const w = prep.policy.weights;
      if (w.travelPerStep * pathSteps(prep.people[pi].path, s.path) + loads.fairnessDelta(pi, s) >= w.unfilled) break;
      loads.add(pi, si);
      const cell = { si, role: u.role, pi };
      const list = byShift.get(si);
      if (list) list.push(cell);
      else byShift.set(si, [cell]);
    }
  }
}
