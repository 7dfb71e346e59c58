import { describe, expect, it } from 'vitest';
import { WEEK_START_MS, person, shift, threeShifts } from './fixtures';
import { greedyRoster } from './greedy';
import { prepare, rosterCost } from './model';
import { rematchByClass } from './rematch';
import { checkRoster } from './rules';
import { type RosterProblem, rosterPolicy } from './types';

const policy = rosterPolicy();
const week = (post: string, area?: string) => [0, 1, 2, 3, 4, 5, 6].flatMap((d) => threeShifts(post, d, area));

describe('greedy fill', () => {
  it('fills a post around the clock for a week from five guards without breaking a rule', () => {
    const p: RosterProblem = { weekStartMs: WEEK_START_MS, shifts: week('P1'), people: ['A', 'B', 'C', 'D', 'E'].map((id) => person(id)) };
    const roster = greedyRoster(prepare(p, policy));
    expect(roster).toHaveLength(21);
    expect(checkRoster(p, roster, policy)).toEqual([]);
  });

  it('takes the person living nearest the post', () => {
    const p: RosterProblem = {
      weekStartMs: WEEK_START_MS,
      shifts: [shift('s', { day: 0, hour: 8, area: '/c/t1/v2/' })],
      people: [person('far', { homeAreaPath: '/c/t2/v9/' }), person('town', { homeAreaPath: '/c/t1/v1/' }), person('near', { homeAreaPath: '/c/t1/v2/' })],
    };
    expect(greedyRoster(prepare(p, policy))).toEqual([{ shiftId: 's', personId: 'near', role: 'guard' }]);
  });

  it('keeps hand edits as they are and fills around them', () => {
    const p: RosterProblem = {
      weekStartMs: WEEK_START_MS,
      shifts: threeShifts('P1', 0),
      people: [person('A'), person('B'), person('C')],
      fixed: [{ shiftId: 'P1-d0-m', personId: 'C', role: 'guard' }],
    };
    const roster = greedyRoster(prepare(p, policy));
    expect(roster).toContainEqual({ shiftId: 'P1-d0-m', personId: 'C', role: 'guard' });
    expect(roster).toHaveLength(3);
    expect(checkRoster(p, roster, policy)).toEqual([]);
  });

  it('leaves slots open, and says so, when people are too few', () => {
    const p: RosterProblem = { weekStartMs: WEEK_START_MS, shifts: week('P1'), people: [person('A'), person('B')] };
    const prep = prepare(p, policy);
    const roster = greedyRoster(prep);
    // Two people with one shift a day, 40 h each, give at most 10 of the 21 shifts (the optimiser's test reaches 10).
    expect(roster.length).toBeGreaterThan(0);
    expect(roster.length).toBeLessThanOrEqual(10);
    expect(checkRoster(p, roster, policy).filter((v) => v.kind !== 'understaffed')).toEqual([]);
    const { unfilled, cost } = rosterCost(prep, roster);
    expect(unfilled.reduce((n, u) => n + u.missing, 0)).toBe(21 - roster.length);
    expect(cost.unfilled).toBe((21 - roster.length) * policy.weights.unfilled);
  });

  it('re-matches people of one time class to the posts nearest their homes, leaving hand edits alone', () => {
    const p: RosterProblem = {
      weekStartMs: WEEK_START_MS,
      shifts: [
        shift('s1', { day: 0, hour: 8, area: '/c/t1/v1/' }),
        shift('s2', { day: 0, hour: 8, area: '/c/t1/v2/', post: 'P2' }),
        shift('s3', { day: 0, hour: 8, area: '/c/t2/v3/', post: 'P3' }),
      ],
      people: [person('A', { homeAreaPath: '/c/t1/v2/' }), person('B', { homeAreaPath: '/c/t1/v1/' }), person('C', { homeAreaPath: '/c/t1/v1/' })],
      fixed: [{ shiftId: 's3', personId: 'C', role: 'guard' }],
    };
    const prep = prepare(p, policy);
    const crossed = [
      { shiftId: 's1', personId: 'A', role: 'guard' },
      { shiftId: 's2', personId: 'B', role: 'guard' },
      { shiftId: 's3', personId: 'C', role: 'guard' },
    ];
    const matched = rematchByClass(prep, crossed);
    expect(matched).toHaveLength(3);
    expect(matched).toContainEqual({ shiftId: 's1', personId: 'B', role: 'guard' });
    expect(matched).toContainEqual({ shiftId: 's2', personId: 'A', role: 'guard' });
    expect(matched).toContainEqual({ shiftId: 's3', personId: 'C', role: 'guard' });
    expect(rosterCost(prep, matched).cost.travel).toBe(4);
  });
});
