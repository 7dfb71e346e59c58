import { describe, expect, it } from 'vitest';
import type { Decision } from '../policy/rules';
import { upgradedMeasure } from './upgrade';

const decision = (over: Partial<Decision> = {}): Decision => ({
  set: { id: 1, code: 'nhc-20', version: 10 },
  rule: null,
  ruleVersion: 'nhc-20@10#close',
  measure: 'central_isolation',
  days: 5,
  startsOn: '2026-12-04',
  endsOn: '2026-12-08',
  steps: [
    { measure: 'central_isolation', startsOn: '2026-12-04', endsOn: '2026-12-08' },
    { measure: 'home_isolation', startsOn: '2026-12-09', endsOn: '2026-12-11' },
  ],
  testDates: ['2026-12-05', '2026-12-08'],
  followUpsPerDay: 2,
  followUpTimes: ['08:00', '16:00'],
  refer: null,
  ...over,
});
const running = { kind: 'home_monitoring' as const, startsOn: '2026-12-01', testDates: ['2026-12-02', '2026-12-07'], nextSteps: [] };

describe('upgradedMeasure', () => {
  it('a started measure keeps its start and takes the stricter kind, end, times and the union of the test days still ahead', () => {
    const u = upgradedMeasure({ ...running, state: 'active', endsOn: '2026-12-10' }, decision(), '2026-12-04');
    expect(u).toMatchObject({ kind: 'central_isolation', state: 'active', startsOn: '2026-12-01', endsOn: '2026-12-08', followUpTimes: ['08:00', '16:00'] });
    expect(u.testDates).toEqual(['2026-12-05', '2026-12-07', '2026-12-08']);
    // The weaker one ended within the new steps: nothing of it is carried on.
    expect(u.nextSteps).toEqual([{ measure: 'home_isolation', startsOn: '2026-12-09', endsOn: '2026-12-11' }]);
  });

  it('what the weaker one owed past the new steps is kept as a step of its kind, never shortened', () => {
    const u = upgradedMeasure({ ...running, state: 'confirmed', endsOn: '2026-12-20' }, decision(), '2026-12-04');
    expect(u.startsOn).toBe('2026-12-04');
    expect(u.nextSteps).toEqual([
      { measure: 'home_isolation', startsOn: '2026-12-09', endsOn: '2026-12-11' },
      { measure: 'home_monitoring', startsOn: '2026-12-11', endsOn: '2026-12-20' },
    ]);
  });

  it('awaiting release runs again; a decision of no measure is no upgrade', () => {
    expect(upgradedMeasure({ ...running, state: 'release_check', endsOn: '2026-12-04' }, decision(), '2026-12-04').state).toBe('active');
    expect(() => upgradedMeasure({ ...running, state: 'active', endsOn: '2026-12-04' }, decision({ measure: 'none' }), '2026-12-04')).toThrow();
  });
});
