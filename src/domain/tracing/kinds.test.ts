import { describe, expect, it } from 'vitest';
import { trajectoryRowProblems } from './schemas';
import { caseDateProblems, closerLevel, isAtLeastAsStrict } from './kinds';

describe('tracing rules', () => {
  it('refuses a test after the report and any date after today; onset may follow the test', () => {
    const today = '2026-12-04';
    expect(caseDateProblems({ testedOn: '2026-12-03', reportedOn: '2026-12-02' }, today)).toEqual({ testedOn: 'after_report' });
    expect(caseDateProblems({ onsetOn: '2026-12-05', reportedOn: '2026-12-04' }, today)).toEqual({ onsetOn: 'in_future' });
    expect(caseDateProblems({ onsetOn: '2026-12-04', testedOn: '2026-12-01', reportedOn: '2026-12-02' }, today)).toEqual({});
    // A future test is one problem, not two.
    expect(caseDateProblems({ testedOn: '2026-12-06', reportedOn: '2026-12-04' }, today)).toEqual({ testedOn: 'in_future' });
  });

  it('a window must not end before it starts; a place names a place or an area, a trip its kind', () => {
    const row = { kind: 'place' as const, place: '饭店', startsAt: '2026-12-01T12:00:00+08:00' };
    expect(trajectoryRowProblems({ ...row, endsAt: '2026-12-01T11:59:00+08:00' })).toEqual({ endsAt: 'before_start' });
    // The same instant in another offset is not before.
    expect(trajectoryRowProblems({ ...row, endsAt: '2026-12-01T04:00:00Z' })).toEqual({});
    expect(trajectoryRowProblems({ kind: 'place', startsAt: row.startsAt })).toEqual({ place: 'required' });
    expect(trajectoryRowProblems({ kind: 'transport', startsAt: row.startsAt })).toEqual({ transportKind: 'required' });
  });

  it('keeps the closer level and never downgrades a measure', () => {
    expect(closerLevel('general', 'close')).toBe('close');
    expect(closerLevel('secondary', 'general')).toBe('secondary');
    expect(isAtLeastAsStrict('central_isolation', 'home_isolation')).toBe(true);
    expect(isAtLeastAsStrict('home_isolation', 'home_isolation')).toBe(true);
    expect(isAtLeastAsStrict('home_monitoring', 'central_isolation')).toBe(false);
  });
});
