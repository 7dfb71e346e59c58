import type { Highs } from 'highs';
import { Builder, runModel } from './highs-model';
import type { Loads } from './loads';
import { type Prepared, canServe, pairConflict, pathSteps } from './model';

/**
 * One neighbourhood of the roster as a mixed-integer programme for HiGHS: some shifts are opened up, some
 * people may fill them, everything else stays as it is and constrains them (hours already worked, rest around
 * frozen shifts, nights and weekends already counted). The current roster is passed as the start, so HiGHS
 * returns something at least as good. When the neighbourhood is the whole problem with every candidate, the
 * MIP's dual bound is a bound on the whole roster.
 */

/** An assignment in the optimiser's working form (indices, not ids). */
export interface Cell {
  si: number;
  role: string;
  pi: number;
}

export interface Neighbourhood {
  shifts: number[];
  people: number[];
  /** Candidates kept per slot (the cheapest by travel, then by load); Infinity keeps them all. */
  perSlot: number;
}

export interface NeighbourhoodResult {
  cells: Cell[];
  /** The MIP's objective of the new cells and of the start (same terms, so comparable). */
  objective: number;
  startObjective: number;
  dualBound: number;
  optimal: boolean;
  /** Every slot had every eligible person as a candidate: the bound is a bound on the neighbourhood itself. */
  exhaustive: boolean;
}

/** `current` holds the neighbourhood's free cells, already removed from `loads` (which keeps the frozen rest). */
export function solveNeighbourhood(highs: Highs, prep: Prepared, loads: Loads, nb: Neighbourhood, current: Cell[], timeLimitS: number): NeighbourhoodResult {
  const { policy } = prep;
  const w = policy.weights;
  const b = new Builder();
  const isCurrent = new Set(current.map((c) => `${c.si}\u0000${c.role}\u0000${c.pi}`));
  const open = new Map<string, number>();
  for (const c of current) open.set(`${c.si}\u0000${c.role}`, 0);
  // Slots: each need of each opened shift, less the fixed hand edits (still in loads, so counted here).
  const fixedCount = new Map<string, number>();
  for (const a of prep.fixed) {
    const si = prep.shiftIndex.get(a.shiftId);
    if (si !== undefined) fixedCount.set(`${si}\u0000${a.role}`, (fixedCount.get(`${si}\u0000${a.role}`) ?? 0) + 1);
  }
  // Per person: columns by shift, for the person's rows.
  const personCols = new Map<number, { col: number; si: number }[]>();
  let exhaustive = nb.perSlot === Number.POSITIVE_INFINITY;
  const xCols: Cell[] = [];
  let startObjective = 0;
  for (const si of nb.shifts) {
    const s = prep.shifts[si];
    for (const need of s.src.needs) {
      const n = need.min - (fixedCount.get(`${si}\u0000${need.role}`) ?? 0);
      if (n <= 0) continue;
      const cands: { pi: number; cost: number; load: number; cur: boolean }[] = [];
      for (const pi of nb.people) {
        const p = prep.people[pi];
        if (!p.roles.has(need.role) || !loads.fits(pi, s) || !canServe(p, s, need.role)) continue;
        const cur = isCurrent.has(`${si}\u0000${need.role}\u0000${pi}`);
        cands.push({ pi, cost: w.travelPerStep * pathSteps(p.path, s.path), load: loads.hours[pi], cur });
      }
      if (cands.length > nb.perSlot) {
        exhaustive = false;
        cands.sort((x, y) => Number(y.cur) - Number(x.cur) || x.cost - y.cost || x.load - y.load);
        cands.length = nb.perSlot;
      }
      const cover: number[] = [];
      let filled = 0;
      for (const c of cands) {
        const col = b.col(c.cost, 1, true, c.cur ? 1 : 0);
        if (c.cur) {
          filled++;
          startObjective += c.cost;
        }
        xCols[col] = { si, role: need.role, pi: c.pi };
        cover.push(col);
        const list = personCols.get(c.pi);
        if (list) list.push({ col, si });
        else personCols.set(c.pi, [{ col, si }]);
      }
      const short = b.col(w.unfilled, n, false, n - filled);
      startObjective += w.unfilled * (n - filled);
      b.row(n, n, [...cover, short], [...cover.map(() => 1), 1]);
    }
  }
  for (const [pi, list] of personCols) startObjective += personRows(b, prep, loads, pi, list);
  const result = runModel(highs, b, timeLimitS);
  const cells: Cell[] = [];
  if (result) {
    for (let col = 0; col < xCols.length; col++) if (xCols[col] && result.x[col] > 0.5) cells.push(xCols[col]);
  }
  return {
    cells: result ? cells : current,
    objective: result ? result.objective : startObjective,
    startObjective,
    dualBound: result ? result.dualBound : Number.NEGATIVE_INFINITY,
    optimal: result?.optimal ?? false,
    exhaustive,
  };
}

/** A person's rows: one shift a day, rest and night → morning between candidate shifts, hours, fairness. Returns the start's fairness cost. */
function personRows(b: Builder, prep: Prepared, loads: Loads, pi: number, list: { col: number; si: number }[]): number {
  const { policy } = prep;
  const w = policy.weights;
  const byDay = new Map<number, number[]>();
  const byClass = new Map<number, number[]>();
  for (const { col, si } of list) {
    const s = prep.shifts[si];
    const day = byDay.get(s.day);
    if (day) day.push(col);
    else byDay.set(s.day, [col]);
    const cls = byClass.get(s.cls);
    if (cls) cls.push(col);
    else byClass.set(s.cls, [col]);
  }
  const frozenPerDay = new Map<number, number>();
  for (const ti of loads.shifts[pi]) frozenPerDay.set(prep.shifts[ti].day, (frozenPerDay.get(prep.shifts[ti].day) ?? 0) + 1);
  for (const [day, cols] of byDay) {
    if (cols.length > 1)
      b.row(
        -Infinity,
        policy.maxShiftsPerDay - (frozenPerDay.get(day) ?? 0),
        cols,
        cols.map(() => 1),
      );
  }
  const classes = [...byClass.keys()];
  for (const c of classes) {
    const cols = byClass.get(c) ?? [];
    // Shifts of one class overlap: at most one (the day row already says so when one shift a day is the rule).
    if (policy.maxShiftsPerDay > 1 && cols.length > 1)
      b.row(
        -Infinity,
        1,
        cols,
        cols.map(() => 1),
      );
  }
  for (let i = 0; i < classes.length; i++) {
    for (let j = i + 1; j < classes.length; j++) {
      const a = prep.classes[classes[i]];
      const c = prep.classes[classes[j]];
      if (policy.maxShiftsPerDay <= 1 && a.day === c.day) continue;
      if (!pairConflict(a, c, policy)) continue;
      const cols = [...(byClass.get(classes[i]) ?? []), ...(byClass.get(classes[j]) ?? [])];
      b.row(
        -Infinity,
        1,
        cols,
        cols.map(() => 1),
      );
    }
  }
  const hours = list.map(({ si }) => prep.shifts[si].hours);
  const totalHours = hours.reduce((x, y) => x + y, 0);
  const left = prep.people[pi].cap - loads.hours[pi];
  if (totalHours > left + 1e-9)
    b.row(
      -Infinity,
      left,
      list.map((x) => x.col),
      hours,
    );
  let startCost = 0;
  const fairness = (pick: (si: number) => boolean, frozen: number, free: number, weight: number) => {
    const cols = list.filter((x) => pick(x.si)).map((x) => x.col);
    if (cols.length === 0 || weight <= 0) return;
    const startCount = frozen + cols.reduce((n, col) => n + b.cols[col].start, 0);
    const reach = frozen + Math.min(cols.length, 7) - free;
    if (reach <= 0) return;
    // The k-th unit beyond the free ones costs k × weight: slices of width one, cheapest first (convex).
    const slices: number[] = [];
    for (let k = 1; k <= reach; k++) {
      const beyond = Math.max(0, startCount - free - (k - 1));
      const start = k === reach ? beyond : Math.min(1, beyond);
      startCost += weight * k * start;
      slices.push(b.col(weight * k, k === reach ? Infinity : 1, false, start));
    }
    b.row(-Infinity, free - frozen, [...cols, ...slices], [...cols.map(() => 1), ...slices.map(() => -1)]);
  };
  fairness((si) => prep.shifts[si].night, loads.nights[pi], policy.freeNights, w.extraNight);
  fairness((si) => prep.shifts[si].weekend, loads.weekends[pi], policy.freeWeekendShifts, w.extraWeekendShift);
  return startCost;
}
