import { Loads } from './loads';
import { type Prepared, canServe, pathSteps } from './model';
import { rematchByClass } from './rematch';
import type { RosterAssignment } from './types';

/**
 * The quick fill: every slot (one person of one role on one shift) in turn, the most constrained first, goes
 * to the cheapest person who may take it — nearest home first, then the smaller fairness cost, then the lighter
 * load. People are searched ring by ring along the area tree (the post's own area, its parent's, …) and the
 * search stops as soon as no further ring can beat the best found, so a county fills in a second or two.
 * Then the people of each time class are re-matched to its posts for the shortest trips (rematch.ts).
 */

/**
 * Trips count at half their cost while filling: the re-match by time class shortens them afterwards, while an
 * extra night or weekend shift given now stays. (Measured on the county bench: half beats full by about 6 %.)
 */
const TRIP_SCORE = 0.5;

export interface Slot {
  si: number;
  role: string;
}

/** People under every area on their home path, keyed by the path prefix "a/b/c" ("" for everyone). */
export function peopleByArea(prep: Prepared): Map<string, number[]> {
  const index = new Map<string, number[]>();
  for (const p of prep.people) {
    for (let k = 0; k <= p.path.length; k++) {
      const key = p.path.slice(0, k).join('/');
      const list = index.get(key);
      if (list) list.push(p.i);
      else index.set(key, [p.i]);
    }
  }
  return index;
}

/** Places the fixed hand edits (those naming a known shift and person) and lists the slots still open. */
export function openSlots(prep: Prepared, loads: Loads): { fixed: RosterAssignment[]; slots: Slot[] } {
  const filled = new Map<string, number>();
  const fixed: RosterAssignment[] = [];
  for (const a of prep.fixed) {
    const si = prep.shiftIndex.get(a.shiftId);
    const pi = prep.personIndex.get(a.personId);
    if (si === undefined || pi === undefined) continue;
    loads.add(pi, si);
    fixed.push(a);
    const key = `${si}\u0000${a.role}`;
    filled.set(key, (filled.get(key) ?? 0) + 1);
  }
  const slots: Slot[] = [];
  for (const s of prep.shifts) {
    for (const need of s.src.needs) {
      const open = need.min - (filled.get(`${s.i}\u0000${need.role}`) ?? 0);
      for (let k = 0; k < open; k++) slots.push({ si: s.i, role: need.role });
    }
  }
  return { fixed, slots };
}

/**
 * Orders slots most constrained first: the ratio of hours needed in the post's area for the role to the hours
 * the people living there with that role can give, then weekends, then nights, then time.
 */
function orderSlots(prep: Prepared, slots: Slot[]): Slot[] {
  const demand = new Map<string, number>();
  const supply = new Map<string, number>();
  const areaKey = (path: string[], role: string) => `${path.join('/')}\u0000${role}`;
  for (const sl of slots) {
    const s = prep.shifts[sl.si];
    const key = areaKey(s.path, sl.role);
    demand.set(key, (demand.get(key) ?? 0) + s.hours);
  }
  for (const p of prep.people) {
    for (const role of p.roles) {
      const key = areaKey(p.path, role);
      supply.set(key, (supply.get(key) ?? 0) + p.cap);
    }
  }
  const score = slots.map((sl) => {
    const key = areaKey(prep.shifts[sl.si].path, sl.role);
    return (demand.get(key) ?? 0) / Math.max(1, supply.get(key) ?? 0);
  });
  const order = slots.map((_, i) => i);
  order.sort((a, b) => {
    const d = score[b] - score[a];
    if (d !== 0) return d;
    const sa = prep.shifts[slots[a].si];
    const sb = prep.shifts[slots[b].si];
    // Weekends first: the people who work weekdays only are then left for the weekdays.
    if (sa.weekend !== sb.weekend) return sa.weekend ? -1 : 1;
    if (sa.night !== sb.night) return sa.night ? -1 : 1;
    return sa.start - sb.start;
  });
  return order.map((i) => slots[i]);
}

/**
 * Hours still needed at each home area's posts against hours its residents still have. Borrowing someone from a
 * village that will soon need all its own people only moves the trip elsewhere, so the fill prefers to borrow
 * from villages with hours to spare.
 */
export class Pressure {
  private readonly areaOf: Int32Array;
  private readonly postArea: Int32Array;
  private readonly demand: Float64Array;
  private readonly supply: Float64Array;
  /** The same per local day, in slots and people: a village whose people are all needed at home on Tuesday. */
  private readonly dayDemand: Float64Array;
  private readonly daySupply: Float64Array;
  private readonly firstDay: number;
  private readonly days: number;

  constructor(
    private readonly prep: Prepared,
    slots: Slot[],
  ) {
    const index = new Map<string, number>();
    const area = (path: string[]) => {
      const key = path.join('/');
      let i = index.get(key);
      if (i === undefined) {
        i = index.size;
        index.set(key, i);
      }
      return i;
    };
    this.areaOf = Int32Array.from(prep.people, (p) => area(p.path));
    this.postArea = Int32Array.from(prep.shifts, (sh) => area(sh.path));
    this.demand = new Float64Array(index.size);
    this.supply = new Float64Array(index.size);
    this.firstDay = prep.shifts.reduce((m, sh) => Math.min(m, sh.day), Number.POSITIVE_INFINITY);
    const lastDay = prep.shifts.reduce((m, sh) => Math.max(m, sh.day), Number.NEGATIVE_INFINITY);
    this.days = Math.max(0, Math.min(31, lastDay - this.firstDay + 1));
    this.dayDemand = new Float64Array(index.size * this.days);
    this.daySupply = new Float64Array(index.size * this.days);
    for (const sl of slots) {
      const sh = prep.shifts[sl.si];
      this.demand[this.postArea[sl.si]] += sh.hours;
      const d = sh.day - this.firstDay;
      if (d < this.days) this.dayDemand[this.postArea[sl.si] * this.days + d]++;
    }
    for (const p of prep.people) {
      this.supply[this.areaOf[p.i]] += p.cap;
      for (let d = 0; d < this.days; d++) this.daySupply[this.areaOf[p.i] * this.days + d] += prep.policy.maxShiftsPerDay;
    }
  }

  /** 0 (plenty to spare) … 1 (every hour of its people still needed at home, this week or on this day). */
  of(pi: number, si: number): number {
    const a = this.areaOf[pi];
    const week = this.supply[a] <= 0 ? 1 : this.demand[a] / this.supply[a];
    const d = this.prep.shifts[si].day - this.firstDay;
    const k = a * this.days + d;
    const day = d < this.days ? (this.daySupply[k] <= 0 ? 1 : this.dayDemand[k] / this.daySupply[k]) : 0;
    return Math.min(1, Math.max(week, day));
  }

  taken(pi: number, si: number, hours: number) {
    this.supply[this.areaOf[pi]] -= hours;
    this.demand[this.postArea[si]] -= hours;
    const d = this.prep.shifts[si].day - this.firstDay;
    if (d < this.days) {
      this.daySupply[this.areaOf[pi] * this.days + d]--;
      this.dayDemand[this.postArea[si] * this.days + d]--;
    }
  }
}

/** The best person for one slot, or -1. Exported for the optimiser's repair of slots it leaves open. */
export function bestFor(prep: Prepared, loads: Loads, byArea: Map<string, number[]>, sl: Slot, stamp: Int32Array, mark: number, pressure?: Pressure): number {
  const s = prep.shifts[sl.si];
  const w = prep.policy.weights;
  const minHours = loads.minShiftHours;
  let best = -1;
  let lastRing = -1;
  let bestScore = Number.POSITIVE_INFINITY;
  for (let k = s.path.length; k >= 0; k--) {
    // Everyone not yet seen shares exactly k areas with the post: they are (depth − k) steps up from the post to
    // the common area and at least (shallowest home − k) down to their home.
    if (best >= 0 && bestScore <= TRIP_SCORE * w.travelPerStep * (s.path.length - k + Math.max(0, loads.minHomeDepth - k))) break;
    const ring = byArea.get(s.path.slice(0, k).join('/'));
    // Rings are nested: one no larger than the last holds the same people.
    if (!ring || ring.length === lastRing) continue;
    lastRing = ring.length;
    // In a large ring (a town, the county) the first person at the ring's usual distance with no fairness cost is
    // taken without reading the rest: scanning the county for each of a few thousand slots would cost seconds.
    const goodEnough = ring.length > 64 ? w.travelPerStep * (TRIP_SCORE * 2 * (s.path.length - k) + 0.3) : -1;
    for (let r = 0; r < ring.length; r++) {
      const pi = ring[r];
      const p = prep.people[pi];
      // Someone who cannot take even the shortest shift any more leaves the ring for good (swap-remove).
      if (loads.hours[pi] + minHours > p.cap + 1e-9) {
        ring[r--] = ring[ring.length - 1];
        ring.pop();
        continue;
      }
      if (stamp[pi] === mark) continue;
      stamp[pi] = mark;
      if (loads.dayFull(pi, s) || !p.roles.has(sl.role) || !loads.fits(pi, s) || !canServe(p, s, sl.role)) continue;
      const steps = pathSteps(p.path, s.path);
      const borrowed = steps > 0 && pressure ? 0.45 * w.travelPerStep * pressure.of(pi, sl.si) : 0;
      const score = TRIP_SCORE * w.travelPerStep * steps + borrowed + loads.fairnessDelta(pi, s) + (1e-3 * loads.hours[pi]) / Math.max(1, p.cap);
      if (score < bestScore) {
        bestScore = score;
        best = pi;
        if (score <= goodEnough + 1e-3) return best;
      }
    }
  }
  return best;
}

export function greedyRoster(prep: Prepared): RosterAssignment[] {
  const loads = new Loads(prep);
  const { fixed, slots } = openSlots(prep, loads);
  const byArea = peopleByArea(prep);
  const stamp = new Int32Array(prep.people.length).fill(-1);
  const out = [...fixed];
  const pressure = new Pressure(prep, slots);
  let mark = 0;
  for (const sl of orderSlots(prep, slots)) {
    const pi = bestFor(prep, loads, byArea, sl, stamp, mark++, pressure);
    if (pi < 0) continue;
    loads.add(pi, sl.si);
    pressure.taken(pi, sl.si, prep.shifts[sl.si].hours);
    out.push({ shiftId: prep.shifts[sl.si].src.id, personId: prep.people[pi].src.id, role: sl.role });
  }
  return rematchByClass(prep, out);
}
