import { describe, expect, it } from 'vitest';
import { classSearch } from './class-search';
import { WEEK_START_MS, person, shift, smallCounty } from './fixtures';
import { greedyRoster } from './greedy';
import { prepare, rosterCost } from './model';
import { checkRoster } from './rules';
import { type RosterAssignment, type RosterProblem, rosterPolicy } from './types';

const policy = rosterPolicy();
const rulesBroken = (p: RosterProblem, a: readonly RosterAssignment[]) => checkRoster(p, a, policy).filter((v) => v.kind !== 'understaffed');
const far = Date.now() + 60_000;

describe('class search', () => {
  it('exchanges shifts of different classes between two people so each works at home (no re-match by class can)', () => {
    // A lives in v1, B in v2; the morning post is in v1, the evening one in v2. Starting the wrong way round costs
    // 2 × 2 steps, and the two shifts are of different classes, so only an exchange of classes brings both home.
    const p: RosterProblem = {
      weekStartMs: WEEK_START_MS,
      shifts: [shift('m', { day: 0, hour: 8, area: '/c/t1/v1/' }), shift('e', { day: 0, hour: 16, area: '/c/t1/v2/', post: 'P2' })],
      people: [person('A', { homeAreaPath: '/c/t1/v1/' }), person('B', { homeAreaPath: '/c/t1/v2/' })],
    };
    const prep = prepare(p, policy);
    const start = [
      { shiftId: 'm', personId: 'B', role: 'guard' },
      { shiftId: 'e', personId: 'A', role: 'guard' },
    ];
    expect(rosterCost(prep, start).cost.total).toBe(4);
    const r = classSearch(prep, start, far, { maxMoves: 2_000 });
    expect(r.startCost).toBe(4);
    expect(r.endCost).toBe(0);
    expect(rosterCost(prep, r.assignments).cost.total).toBe(0);
    expect(r.assignments).toEqual(
      expect.arrayContaining([
        { shiftId: 'm', personId: 'A', role: 'guard' },
        { shiftId: 'e', personId: 'B', role: 'guard' },
      ]),
    );
  });

  it('hands nights on until they are spread: four nights piled on one guard cost 6, spread over two they cost nothing', () => {
    const shifts = [0, 2, 4, 6].map((d) => shift(`n${d}`, { day: d, hour: 0, kind: 'night' }));
    const p: RosterProblem = { weekStartMs: WEEK_START_MS, shifts, people: [person('A'), person('B')] };
    const prep = prepare(p, rosterPolicy({ freeWeekendShifts: 7 }));
    const start = shifts.map((s) => ({ shiftId: s.id, personId: 'A', role: 'guard' }));
    // Nights 3 and 4 beyond the two free ones cost 1 × 2 + 2 × 2.
    expect(rosterCost(prep, start).cost.nights).toBe(6);
    const r = classSearch(prep, start, far, { maxMoves: 2_000 });
    expect(rosterCost(prep, r.assignments).cost.total).toBe(0);
    expect(r.assignments.filter((a) => a.personId === 'B')).toHaveLength(2);
  });

  it('never gives a shift next to one the person works just outside the week, nor moves a hand edit', () => {
    // C's Sunday before ends at midnight: Monday's night (00:00) would leave no rest. A is fixed on the morning.
    const p: RosterProblem = {
      weekStartMs: WEEK_START_MS,
      shifts: [shift('n0', { day: 0, hour: 0, kind: 'night', area: '/c/t1/v2/' }), shift('m0', { day: 0, hour: 8, post: 'P2' })],
      people: [
        person('A'),
        person('B', { homeAreaPath: '/c/t2/v9/' }),
        person('C', { homeAreaPath: '/c/t1/v2/', around: [shift('before', { day: -1, hour: 16 })] }),
      ],
      fixed: [{ shiftId: 'm0', personId: 'A', role: 'guard' }],
    };
    const prep = prepare(p, policy);
    const start = [
      { shiftId: 'm0', personId: 'A', role: 'guard' },
      { shiftId: 'n0', personId: 'B', role: 'guard' },
    ];
    const r = classSearch(prep, start, far, { maxMoves: 5_000 });
    expect(r.assignments).toContainEqual({ shiftId: 'm0', personId: 'A', role: 'guard' });
    expect(r.assignments).toContainEqual({ shiftId: 'n0', personId: 'B', role: 'guard' });
    expect(rulesBroken(p, r.assignments)).toEqual([]);
  });

  it('on a county: keeps every rule and every filled slot, counts its cost exactly, and repeats itself for a seed', () => {
    const p: RosterProblem = { weekStartMs: WEEK_START_MS, ...smallCounty(40, 200) };
    const prep = prepare(p, policy);
    const start = greedyRoster(prep);
    const before = rosterCost(prep, start);
    const r = classSearch(prep, start, far, { maxMoves: 200_000, seed: 7 });
    const after = rosterCost(prep, r.assignments);
    expect(rulesBroken(p, r.assignments)).toEqual([]);
    expect(r.assignments).toHaveLength(start.length);
    expect(after.unfilled).toEqual(before.unfilled);
    // The trips counted from the area tree are those of the roster the matching writes out.
    expect(after.cost.total - before.cost.total).toBe(r.endCost - r.startCost);
    expect(after.cost.total).toBeLessThanOrEqual(before.cost.total);
    const again = classSearch(prep, start, far, { maxMoves: 200_000, seed: 7 });
    expect(again.assignments).toEqual(r.assignments);
  });
});
