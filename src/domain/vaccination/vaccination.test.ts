import { describe, expect, it } from 'vitest';
import { addMonths, applyOutcome, checkDose, eligibility } from './eligibility';
import { DEFAULT_POLICY as P } from './policy';
import { type Rider, type Vehicle, minutesOf, planRides } from './rides';

const TODAY = '2026-12-04';

describe('eligibility (policy as data)', () => {
  const person = (birthDate: string | null, doses = 0, lastDoseOn: string | null = null, state = 'not_contacted' as const) => ({
    birthDate,
    doses,
    lastDoseOn,
    state,
  });

  it.each([
    ['59 the day before their birthday', '1966-12-05', null, null],
    ['60 on their birthday', '1966-12-04', '60plus', 'first'],
    ['79', '1947-01-01', '60plus', 'first'],
    ['80', '1946-12-04', '80plus', 'first'],
    ['no birth date known', null, null, null],
  ])('%s → band %s, due %s', (_, birth, band, due) => {
    const e = eligibility(person(birth), P, TODAY);
    expect(e.band).toBe(band);
    expect(e.due).toBe(due);
    expect(e.dueNow).toBe(due !== null);
  });

  it('the second dose falls due the interval after the first; the booster N months after the last', () => {
    expect(eligibility(person('1950-01-01', 1, '2026-11-20'), P, TODAY)).toMatchObject({ due: 'next_primary', dueOn: '2026-12-11', dueNow: false });
    expect(eligibility(person('1950-01-01', 1, '2026-11-01'), P, TODAY)).toMatchObject({ due: 'next_primary', dueOn: '2026-11-22', dueNow: true });
    expect(eligibility(person('1950-01-01', 2, '2026-06-04'), P, TODAY)).toMatchObject({ due: 'booster', dueOn: '2026-12-04', dueNow: true });
    expect(eligibility(person('1950-01-01', 2, '2026-06-05'), P, TODAY)).toMatchObject({ due: 'booster', dueNow: false });
    expect(eligibility(person('1950-01-01', 3, '2026-06-05'), P, TODAY)).toMatchObject({ due: null, dueNow: false });
  });

  it('a different policy moves the bands and the booster', () => {
    const p = {
      ...P,
      bands: [
        { code: '60plus' as const, minAge: 65 },
        { code: '80plus' as const, minAge: 85 },
      ],
      boosterAfterMonths: 3,
    };
    expect(eligibility(person('1962-01-01'), p, TODAY).band).toBe(null);
    expect(eligibility(person('1950-01-01', 2, '2026-09-04'), p, TODAY)).toMatchObject({ band: '60plus', due: 'booster', dueOn: '2026-12-04' });
  });

  it('a person not suitable is never due', () => {
    expect(eligibility({ ...person('1940-01-01'), state: 'not_suitable' }, P, TODAY)).toMatchObject({ band: '80plus', due: null, dueNow: false });
  });

  it('months are added to the last day of a shorter month', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
  });
});

describe('mobilisation states', () => {
  it('an agreement, a refusal with its reason, not suitable with its contraindication', () => {
    expect(applyOutcome('not_contacted', { outcome: 'agreed' })).toMatchObject({ ok: true, to: 'agreed' });
    expect(applyOutcome('agreed', { outcome: 'refused', reason: 'side_effects' })).toMatchObject({ ok: true, to: 'refused', reason: 'side_effects' });
    expect(applyOutcome('refused', { outcome: 'agreed' })).toMatchObject({ ok: true, to: 'agreed', reason: null });
    expect(applyOutcome('agreed', { outcome: 'not_suitable', contraindication: 'acute_illness' })).toMatchObject({ ok: true, to: 'not_suitable' });
    // A vaccinated person agrees again to their booster.
    expect(applyOutcome('vaccinated', { outcome: 'agreed' })).toMatchObject({ ok: true, to: 'agreed' });
  });

  it('no answer changes nothing; a refusal without a reason or unsuitable without why is refused', () => {
    expect(applyOutcome('refused', { outcome: 'no_answer' })).toMatchObject({ ok: true, to: 'refused' });
    expect(applyOutcome('not_contacted', { outcome: 'refused' })).toEqual({ ok: false, problem: 'reason_required', field: 'reason' });
    expect(applyOutcome('agreed', { outcome: 'not_suitable' })).toEqual({ ok: false, problem: 'contraindication_required', field: 'contraindication' });
  });
});

describe('dose dates', () => {
  const dose = (givenOn: string, o: Partial<Parameters<typeof checkDose>[0]> = {}) =>
    checkDose({ birthDate: '1950-05-01', givenOn, lastDoseOn: null, doses: 0, state: 'agreed', ...o }, P, TODAY);
  it.each([
    ['today', TODAY, {}, null],
    ['before birth', '1950-04-30', {}, 'before_birth'],
    ['on the day of birth', '1950-05-01', {}, null],
    ['tomorrow', '2026-12-05', {}, 'in_future'],
    ['on the day of the last dose', '2026-11-01', { lastDoseOn: '2026-11-01', doses: 1 }, 'not_after_last'],
    ['after the last dose', '2026-11-22', { lastDoseOn: '2026-11-01', doses: 1 }, null],
    ['for a person not suitable', TODAY, { state: 'not_suitable' as const }, 'not_suitable'],
    ['beyond the course and booster', TODAY, { doses: 3, lastDoseOn: '2026-01-01' }, 'course_complete'],
  ])('%s → %s', (_, givenOn, o, problem) => {
    expect(dose(givenOn, o)).toBe(problem);
  });
});

describe('ride grouping', () => {
  const r = (id: number, from: string, to: string, wheelchair = false, sessionId = 1): Rider => ({ id, sessionId, wheelchair, from, to });
  const v = (id: number, seats: number, wheelchairSpaces = 0): Vehicle => ({ id, seats, wheelchairSpaces });

  /** The invariants every plan keeps, whatever the input. */
  function assertValid(riders: Rider[], vehicles: Vehicle[], trip: number) {
    const plan = planRides(riders, vehicles, trip);
    const byId = new Map(riders.map((x) => [x.id, x]));
    const vehicle = new Map(vehicles.map((x) => [x.id, x]));
    const placed = plan.trips.flatMap((t) => t.riderIds);
    expect(new Set([...placed, ...plan.unplaced.map((u) => u.id)]).size).toBe(riders.length);
    expect(placed.length + plan.unplaced.length).toBe(riders.length);
    for (const t of plan.trips) {
      const car = vehicle.get(t.vehicleId)!;
      const rs = t.riderIds.map((id) => byId.get(id)!);
      expect(rs.length).toBeLessThanOrEqual(car.seats);
      expect(rs.filter((x) => x.wheelchair).length).toBeLessThanOrEqual(car.wheelchairSpaces);
      for (const x of rs) {
        expect(x.sessionId).toBe(t.sessionId);
        expect(minutesOf(x.from) <= minutesOf(t.pickupAt) && minutesOf(t.pickupAt) <= minutesOf(x.to)).toBe(true);
      }
      for (const o of plan.trips)
        if (o !== t && o.vehicleId === t.vehicleId) expect(Math.abs(minutesOf(o.pickupAt) - minutesOf(t.pickupAt))).toBeGreaterThanOrEqual(trip);
    }
    return plan;
  }

  it('fills a vehicle to its seats and no further', () => {
    const riders = [1, 2, 3, 4, 5, 6].map((i) => r(i, '08:00', '09:00'));
    const plan = assertValid(riders, [v(1, 4), v(2, 4)], 60);
    expect(plan.trips.map((t) => t.riderIds.length).sort()).toEqual([2, 4]);
    expect(plan.unplaced).toEqual([]);
  });

  it('a wheelchair rider goes only in a vehicle with wheelchair space, and plain riders leave that space free', () => {
    const plan = assertValid([r(1, '08:00', '08:30'), r(2, '08:00', '09:00', true), r(3, '08:00', '08:30')], [v(1, 7, 0), v(2, 4, 1)], 60);
    expect(plan.trips).toEqual([
      { vehicleId: 1, sessionId: 1, pickupAt: '08:00', riderIds: [1, 3], wheelchairs: 0 },
      { vehicleId: 2, sessionId: 1, pickupAt: '08:00', riderIds: [2], wheelchairs: 1 },
    ]);
  });

  it('with no vehicle with wheelchair space the rider is unplaced, with why', () => {
    const plan = assertValid([r(1, '08:00', '09:00', true)], [v(1, 7)], 60);
    expect(plan.unplaced).toEqual([{ id: 1, why: 'no_wheelchair_vehicle' }]);
  });

  it('windows that do not meet make separate trips; one vehicle runs them a round trip apart', () => {
    const plan = assertValid([r(1, '08:00', '08:30'), r(2, '10:00', '10:30'), r(3, '08:15', '09:00')], [v(1, 4)], 60);
    expect(plan.trips).toEqual([
      { vehicleId: 1, sessionId: 1, pickupAt: '08:15', riderIds: [1, 3], wheelchairs: 0 },
      { vehicleId: 1, sessionId: 1, pickupAt: '10:00', riderIds: [2], wheelchairs: 0 },
    ]);
  });

  it('a single vehicle that cannot be back in time leaves the rider unplaced', () => {
    const plan = assertValid([r(1, '08:00', '08:10'), r(2, '08:20', '08:30')], [v(1, 4)], 60);
    expect(plan.unplaced).toEqual([{ id: 2, why: 'no_vehicle_free' }]);
  });

  it('riders of different sessions never share a trip', () => {
    const plan = assertValid([r(1, '08:00', '09:00', false, 1), r(2, '08:00', '09:00', false, 2)], [v(1, 4), v(2, 4)], 60);
    expect(plan.trips).toHaveLength(2);
  });

  it('a window that ends before it starts is unplaced', () => {
    expect(planRides([r(1, '09:00', '08:00')], [v(1, 4)], 60).unplaced).toEqual([{ id: 1, why: 'bad_window' }]);
  });

  it('holds its invariants over many random days', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const t = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    for (let day = 0; day < 200; day++) {
      const riders = Array.from({ length: 1 + rnd(30) }, (_, i) => {
        const from = 420 + rnd(300);
        return r(i + 1, t(from), t(from + rnd(120)), rnd(5) === 0, 1 + rnd(2));
      });
      const vehicles = Array.from({ length: 1 + rnd(4) }, (_, i) => v(i + 1, 1 + rnd(7), rnd(3) === 0 ? 1 + rnd(2) : 0));
      assertValid(riders, vehicles, 30 + rnd(60));
    }
  });
});

describe('policy defaults', () => {
  it('are what the migration seeds', async () => {
    const { readFileSync } = await import('node:fs');
    const sql = readFileSync(new URL('../../server/db/migrations/0045_vaccination.sql', import.meta.url), 'utf8');
    const json = /INSERT INTO vaccination_policy \(id, policy\) VALUES\s*\(1, '([^']+)'\)/.exec(sql)![1];
    expect(JSON.parse(json)).toEqual(P);
  });
});
