import { describe, expect, it } from 'vitest';
import { ZONE_EDITIONS } from './editions';
import { type RoundEvidence, blockerText, evaluateLift, zoneSetInForce } from './rules';

const [nhc9, nhc20] = ZONE_EDITIONS;
const round = (startsOn: string, x: Partial<RoundEvidence> = {}): RoundEvidence => ({
  roundId: 1,
  name: '第7天全员核酸',
  startsOn,
  due: 100,
  sampled: 100,
  awaiting: 0,
  notNegative: 0,
  ...x,
});

describe('the zone rule set in force', () => {
  it('is the latest start on or before the day', () => {
    expect(zoneSetInForce(ZONE_EDITIONS, '2022-07-01')?.code).toBe('zones-nhc-9');
    expect(zoneSetInForce(ZONE_EDITIONS, '2022-11-11')?.code).toBe('zones-nhc-20');
    expect(zoneSetInForce(ZONE_EDITIONS, '2022-01-01')).toBeNull();
  });
});

describe('lifting under the 9th edition (high → medium after 7 quiet days and a round on day 7)', () => {
  const ev = (rounds: RoundEvidence[], lastCaseOn: string | null = null) => ({ levelSince: '2022-07-01', lastCaseOn, rounds });

  it('counts down day by day with a fake clock and is blocked until day 7', () => {
    const day3 = evaluateLift(nhc9, 'high', ev([]), '2022-07-04');
    expect(day3).toMatchObject({ dueOn: '2022-07-08', daysLeft: 4, roundFromOn: '2022-07-08', allowed: false });
    expect(day3.blockers.map((b) => b.kind)).toEqual(['days', 'no_round']);
    expect(day3.rule?.code).toBe('high-to-medium');
    expect(evaluateLift(nhc9, 'high', ev([]), '2022-07-08').daysLeft).toBe(0);
  });

  it('on day 7 an incomplete round blocks the lift and names the round', () => {
    const c = evaluateLift(nhc9, 'high', ev([round('2022-07-08', { sampled: 90, awaiting: 2 })]), '2022-07-08');
    expect(c.allowed).toBe(false);
    expect(c.blockers).toEqual([{ kind: 'round_incomplete', round: expect.objectContaining({ sampled: 90 }) }]);
    expect(blockerText(c.blockers[0], 'zh')).toContain('尚未完成（已采 90/100，待出结果 2 管）');
    expect(blockerText(c.blockers[0], 'en')).toContain('is not complete');
  });

  it('a complete all-negative round on day 7 allows the lift; a round before day 7 does not count', () => {
    expect(evaluateLift(nhc9, 'high', ev([round('2022-07-08')]), '2022-07-08')).toMatchObject({ allowed: true, blockers: [] });
    const early = evaluateLift(nhc9, 'high', ev([round('2022-07-07')]), '2022-07-08');
    expect(early.blockers.map((b) => b.kind)).toEqual(['no_round']);
  });

  it('a positive tube blocks; a later complete negative round is found over it', () => {
    const pos = evaluateLift(nhc9, 'high', ev([round('2022-07-08', { notNegative: 1 })]), '2022-07-08');
    expect(pos.blockers.map((b) => b.kind)).toEqual(['round_positive']);
    const later = evaluateLift(nhc9, 'high', ev([round('2022-07-08', { notNegative: 1 }), round('2022-07-09', { roundId: 2 })]), '2022-07-09');
    expect(later).toMatchObject({ allowed: true, round: { roundId: 2 } });
  });

  it('a new case restarts the count from the day it was reported', () => {
    const c = evaluateLift(nhc9, 'high', ev([round('2022-07-08')], '2022-07-05'), '2022-07-08');
    expect(c).toMatchObject({ clockFrom: '2022-07-05', dueOn: '2022-07-12', daysLeft: 4, allowed: false });
    expect(c.blockers.map((b) => b.kind)).toEqual(['days', 'no_round']);
  });

  it('medium → low takes 3 days; low is lifted at once', () => {
    expect(evaluateLift(nhc9, 'medium', ev([round('2022-07-04')]), '2022-07-04')).toMatchObject({ allowed: true, rule: { to: 'low' } });
    expect(evaluateLift(nhc9, 'low', ev([]), '2022-07-01')).toMatchObject({ allowed: true, rule: { to: null } });
  });
});

describe('the same zone under the 20 measures (high lifted after 5 days, no medium)', () => {
  it('levels differ between the two sets', () => {
    expect(nhc9.levels.map((l) => l.code)).toEqual(['high', 'medium', 'low']);
    expect(nhc20.levels.map((l) => l.code)).toEqual(['high', 'low']);
  });

  it('day 5 with a complete negative round lifts the zone outright', () => {
    const ev = { levelSince: '2022-12-01', lastCaseOn: null, rounds: [round('2022-12-06')] };
    expect(evaluateLift(nhc20, 'high', ev, '2022-12-05')).toMatchObject({ allowed: false, daysLeft: 1 });
    expect(evaluateLift(nhc20, 'high', ev, '2022-12-06')).toMatchObject({ allowed: true, rule: { code: 'high-lifted', to: null } });
    // Under the 9th edition the same evidence is still a day short and needs its round on day 7.
    expect(evaluateLift(nhc9, 'high', ev, '2022-12-06').blockers.map((b) => b.kind)).toEqual(['days', 'no_round']);
  });

  it('a level with no rule is never lifted', () => {
    const set = { ...nhc20, lifting: [] };
    expect(evaluateLift(set, 'high', { levelSince: '2022-12-01', lastCaseOn: null, rounds: [] }, '2023-01-01')).toMatchObject({
      allowed: false,
      blockers: [{ kind: 'no_rule' }],
    });
  });
});
