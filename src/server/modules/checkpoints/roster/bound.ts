import type { Highs } from 'highs';
import { Builder, runModel } from './highs-model';
import { type Prepared, isAvailable, isBusy } from './model';
import { areaNodes } from './area-nodes';

/**
 * A lower bound for a county-sized roster: a linear relaxation small enough to solve in seconds. People are
 * pooled by home area and roles; shifts by day, kind (night or day) and role. Each pool sends people along
 * the area tree to the posts that need them, every step costing the travel weight, so the trip costs exactly
 * what the roster counts. A pool gives no more hours than its members' caps, no more shifts on a day than its
 * members free that day allow, and pays nights and weekends beyond the free ones as if spread evenly among its
 * members (the convex cost makes even spreading the cheapest, so this never overstates). Rest, overlap and
 * night → morning are dropped. Every real roster is a solution of this LP at the same cost or more, so the LP's
 * optimum is a valid lower bound.
 */

interface Pool {
  node: number;
  roles: string[];
  members: number;
  capHours: number;
  /** (day, kind) key → members who can work some shift of it. */
  canWork: Map<string, number>;
  /** day → members who can work some shift that day. */
  canDay: Map<number, number>;
  /** Members who can work some night, some weekend shift: only they share the nights and weekends. */
  canNight: number;
  canWeekend: number;
}

interface Commodity {
  day: number;
  night: boolean;
  role: string;
  weekend: boolean;
  minHours: number;
  /** Tree node → people needed there. */
  demand: Map<number, number>;
}

const MAX_SLICES = 7;

export function relaxationBound(highs: Highs, prep: Prepared, timeLimitS: number): number {
  const { policy } = prep;
  const w = policy.weights;
  // The area tree over every post and home path: node 0 is the root above all paths.
  const { node, parent } = areaNodes();
  const commodities = new Map<string, Commodity>();
  for (const s of prep.shifts) {
    const at = node(s.path);
    for (const need of s.src.needs) {
      if (need.min <= 0) continue;
      const key = `${s.day}:${s.night ? 'n' : 'd'}:${need.role}`;
      let c = commodities.get(key);
      if (!c) {
        c = { day: s.day, night: s.night, role: need.role, weekend: s.weekend, minHours: s.hours, demand: new Map() };
        commodities.set(key, c);
      }
      c.minHours = Math.min(c.minHours, s.hours);
      c.demand.set(at, (c.demand.get(at) ?? 0) + need.min);
    }
  }
  // Which (day, kind) each time class belongs to, to count who can work them.
  const classKeys = prep.classes.map((c) => `${c.day}:${c.night ? 'n' : 'd'}`);
  const pools = new Map<string, Pool>();
  for (const p of prep.people) {
    const roles = [...p.roles].sort();
    // Caps only add up, so people differing by cap alone share a pool (a smaller LP).
    const key = `${p.path.join('/')}|${roles.join(',')}`;
    let pool = pools.get(key);
    if (!pool) {
      pool = { node: node(p.path), roles, members: 0, capHours: 0, canWork: new Map(), canDay: new Map(), canNight: 0, canWeekend: 0 };
      pools.set(key, pool);
    }
    pool.members++;
    pool.capHours += p.cap;
    const kinds = new Set<string>();
    const days = new Set<number>();
    let night = false;
    let weekend = false;
    for (let ci = 0; ci < prep.classes.length; ci++) {
      const c = prep.classes[ci];
      if (!isAvailable(p, c) || isBusy(p, c)) continue;
      kinds.add(classKeys[ci]);
      days.add(c.day);
      night ||= c.night;
      weekend ||= c.weekend;
    }
    if (night) pool.canNight++;
    if (weekend) pool.canWeekend++;
    for (const k of kinds) pool.canWork.set(k, (pool.canWork.get(k) ?? 0) + 1);
    for (const d of days) pool.canDay.set(d, (pool.canDay.get(d) ?? 0) + 1);
  }

  const b = new Builder();
  const nodes = parent.length;
  const commodityList = [...commodities.values()];
  // Conservation rows, one per (node, commodity): supply in + arcs in − arcs out + unfilled = demand.
  const flowRow: { idx: number[]; val: number[]; rhs: number }[][] = commodityList.map((c) =>
    Array.from({ length: nodes }, (_, n) => ({ idx: [], val: [], rhs: c.demand.get(n) ?? 0 })),
  );
  commodityList.forEach((c, ci) => {
    for (const [n, d] of c.demand) {
      const u = b.col(w.unfilled, d, false, 0);
      flowRow[ci][n].idx.push(u);
      flowRow[ci][n].val.push(1);
    }
  });
  for (const pool of pools.values()) {
    const hoursIdx: number[] = [];
    const hoursVal: number[] = [];
    const perDay = new Map<number, number[]>();
    const nights: number[] = [];
    const weekends: number[] = [];
    commodityList.forEach((c, ci) => {
      if (!pool.roles.includes(c.role)) return;
      const can = pool.canWork.get(`${c.day}:${c.night ? 'n' : 'd'}`) ?? 0;
      if (can === 0) return;
      const y = b.col(0, can * policy.maxShiftsPerDay, false, 0);
      flowRow[ci][pool.node].idx.push(y);
      flowRow[ci][pool.node].val.push(1);
      hoursIdx.push(y);
      hoursVal.push(c.minHours);
      const day = perDay.get(c.day);
      if (day) day.push(y);
      else perDay.set(c.day, [y]);
      if (c.night) nights.push(y);
      if (c.weekend) weekends.push(y);
    });
    if (hoursIdx.length === 0) continue;
    b.row(-Infinity, pool.capHours, hoursIdx, hoursVal);
    for (const [day, ys] of perDay)
      b.row(
        -Infinity,
        (pool.canDay.get(day) ?? 0) * policy.maxShiftsPerDay,
        ys,
        ys.map(() => 1),
      );
    const fairness = (ys: number[], sharers: number, free: number, weight: number) => {
      if (ys.length === 0 || weight <= 0) return;
      const slices: number[] = [];
      for (let k = 1; k <= MAX_SLICES; k++) slices.push(b.col(weight * k, k === MAX_SLICES ? Infinity : sharers, false, 0));
      b.row(-Infinity, free * sharers, [...ys, ...slices], [...ys.map(() => 1), ...slices.map(() => -1)]);
    };
    fairness(nights, pool.canNight, policy.freeNights, w.extraNight);
    fairness(weekends, pool.canWeekend, policy.freeWeekendShifts, w.extraWeekendShift);
  }
  // Tree arcs (down and up) for each commodity.
  commodityList.forEach((_, ci) => {
    for (let n = 1; n < nodes; n++) {
      const down = b.col(w.travelPerStep, Infinity, false, 0);
      const up = b.col(w.travelPerStep, Infinity, false, 0);
      const pr = parent[n];
      flowRow[ci][n].idx.push(down, up);
      flowRow[ci][n].val.push(1, -1);
      flowRow[ci][pr].idx.push(down, up);
      flowRow[ci][pr].val.push(-1, 1);
    }
  });
  for (const rows of flowRow) for (const r of rows) b.row(r.rhs, r.rhs, r.idx, r.val);
  const res = runModel(highs, b, timeLimitS);
  return res ? Math.max(0, res.dualBound) : 0;
}
