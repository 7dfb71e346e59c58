import { type Prepared, type ShiftInfo, blocks, excessCost } from './model';

/**
 * Each person's shifts so far, with hours, nights, weekends and shifts per day: what the greedy fill and the
 * optimiser's neighbourhoods ask before giving a person one more shift.
 */
export class Loads {
  readonly shifts: number[][];
  readonly hours: Float64Array;
  readonly nights: Int32Array;
  readonly weekends: Int32Array;
  /** The shortest shift of the problem: a person with fewer hours left than this is full. */
  readonly minShiftHours: number;
  /** The shallowest home in the area tree (how far down any borrowed person's home lies at least). */
  readonly minHomeDepth: number;
  /** Per person, a bit per local day (from the first shift's day) that already holds the most shifts a day allows. */
  readonly fullDays: Int32Array;
  private readonly firstDay: number;

  constructor(private readonly prep: Prepared) {
    const n = prep.people.length;
    this.minHomeDepth = prep.people.reduce((m, p) => Math.min(m, p.path.length), Number.POSITIVE_INFINITY);
    this.minShiftHours = prep.shifts.reduce((m, s) => Math.min(m, s.hours), Number.POSITIVE_INFINITY);
    this.shifts = Array.from({ length: n }, () => []);
    this.hours = new Float64Array(n);
    this.nights = new Int32Array(n);
    this.weekends = new Int32Array(n);
    this.fullDays = new Int32Array(n);
    this.firstDay = prep.shifts.reduce((m, s) => Math.min(m, s.day), Number.POSITIVE_INFINITY);
  }

  private dayBit(s: ShiftInfo): number {
    const d = s.day - this.firstDay;
    // Rosters longer than a month fall back to the full check in fits().
    return d >= 0 && d < 31 ? 1 << d : 0;
  }

  private markDay(pi: number, s: ShiftInfo) {
    const bit = this.dayBit(s);
    if (!bit) return;
    let count = 0;
    for (const ti of this.shifts[pi]) if (this.prep.shifts[ti].day === s.day) count++;
    if (count >= this.prep.policy.maxShiftsPerDay) this.fullDays[pi] |= bit;
    else this.fullDays[pi] &= ~bit;
  }

  /** A cheap first test before fits(): the person's day is already full. */
  dayFull(pi: number, s: ShiftInfo): boolean {
    return (this.fullDays[pi] & this.dayBit(s)) !== 0;
  }

  add(pi: number, si: number) {
    const s = this.prep.shifts[si];
    this.shifts[pi].push(si);
    this.hours[pi] += s.hours;
    if (s.night) this.nights[pi]++;
    if (s.weekend) this.weekends[pi]++;
    this.markDay(pi, s);
  }

  remove(pi: number, si: number) {
    const list = this.shifts[pi];
    const at = list.indexOf(si);
    if (at < 0) return;
    list.splice(at, 1);
    const s = this.prep.shifts[si];
    this.hours[pi] -= s.hours;
    if (s.night) this.nights[pi]--;
    if (s.weekend) this.weekends[pi]--;
    this.markDay(pi, s);
  }

  /** Whether the shift fits beside the person's others: cap, rest, overlap, night → morning, shifts per day. */
  fits(pi: number, s: ShiftInfo): boolean {
    const { policy, shifts, people } = this.prep;
    if (this.hours[pi] + s.hours > people[pi].cap + 1e-9) return false;
    let sameDay = 0;
    for (const ti of this.shifts[pi]) {
      const t = shifts[ti];
      if (ti === s.i || blocks(t, s, policy)) return false;
      if (t.day === s.day) sameDay++;
    }
    return sameDay < policy.maxShiftsPerDay;
  }

  /** What one more shift adds to the person's night and weekend fairness costs. */
  fairnessDelta(pi: number, s: ShiftInfo): number {
    const { policy } = this.prep;
    const w = policy.weights;
    let d = 0;
    if (s.night) d += excessCost(this.nights[pi] + 1, policy.freeNights, w.extraNight) - excessCost(this.nights[pi], policy.freeNights, w.extraNight);
    if (s.weekend) {
      d +=
        excessCost(this.weekends[pi] + 1, policy.freeWeekendShifts, w.extraWeekendShift) -
        excessCost(this.weekends[pi], policy.freeWeekendShifts, w.extraWeekendShift);
    }
    return d;
  }
}
