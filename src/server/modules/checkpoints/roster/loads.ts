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

  constructor(private readonly prep: Prepared) {
    const n = prep.people.length;
    this.shifts = Array.from({ length: n }, () => []);
    this.hours = new Float64Array(n);
    this.nights = new Int32Array(n);
    this.weekends = new Int32Array(n);
  }

  add(pi: number, si: number) {
    const s = this.prep.shifts[si];
    this.shifts[pi].push(si);
    this.hours[pi] += s.hours;
    if (s.night) this.nights[pi]++;
    if (s.weekend) this.weekends[pi]++;
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
