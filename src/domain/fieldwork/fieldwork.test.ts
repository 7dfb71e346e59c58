import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELDWORK_POLICY } from './defaults';
import { jobProblems, pct, terminalDeadline, tickItems } from './rules';

/** The field work's pure rules: a job's checks, the terminal deadline, a household's checklist. */
const now = new Date('2026-03-01T10:00:00Z');
const job = (extra: Partial<Parameters<typeof jobProblems>[0]> = {}) => ({ kind: 'routine' as const, areaM2: 500, doneAt: now, afterPhotoIds: [], ...extra });

describe('a disinfection job’s rules', () => {
  it('accepts a routine job without photos, a terminal one with its after-photo, a phone a minute ahead', () => {
    expect(jobProblems(job(), DEFAULT_FIELDWORK_POLICY, now)).toEqual([]);
    expect(jobProblems(job({ kind: 'terminal', afterPhotoIds: [7] }), DEFAULT_FIELDWORK_POLICY, now)).toEqual([]);
    expect(jobProblems(job({ doneAt: new Date(now.getTime() + 60_000) }), DEFAULT_FIELDWORK_POLICY, now)).toEqual([]);
  });

  it.each([
    ['a terminal job without an after-photo', job({ kind: 'terminal' }), 'FIELDWORK_AFTER_PHOTO', 'afterPhotoIds'],
    ['a negative area', job({ areaM2: -1 }), 'FIELDWORK_AREA_RANGE', 'areaM2'],
    ['no area', job({ areaM2: 0 }), 'FIELDWORK_AREA_RANGE', 'areaM2'],
    ['an absurd area', job({ areaM2: DEFAULT_FIELDWORK_POLICY.maxJobAreaM2 + 1 }), 'FIELDWORK_AREA_RANGE', 'areaM2'],
    ['a time in the future', job({ doneAt: new Date(now.getTime() + 3_600_000) }), 'FIELDWORK_FUTURE', 'doneAt'],
  ])('refuses %s', (_, j, code, field) => {
    expect(jobProblems(j, DEFAULT_FIELDWORK_POLICY, now)).toMatchObject([{ code, field }]);
  });

  it('the terminal deadline is the case’s opening plus the policy’s hours', () => {
    expect(terminalDeadline(now, 24).toISOString()).toBe('2026-03-02T10:00:00.000Z');
  });
});

describe('a household’s checklist', () => {
  const items = [{ code: 'a' }, { code: 'b' }, { code: 'c' }];
  it('adds the items ticked now to those before, in the checklist’s order; complete when all are', () => {
    expect(tickItems(items, [], ['b'])).toEqual({ unknown: [], ticked: ['b'], complete: false });
    expect(tickItems(items, ['b'], ['c', 'a', 'b'])).toEqual({ unknown: [], ticked: ['a', 'b', 'c'], complete: true });
    expect(tickItems(items, [], ['z']).unknown).toEqual(['z']);
  });
  it('coverage is a share with one decimal, none of nothing', () => {
    expect(pct(1, 3)).toBe(33.3);
    expect(pct(0, 0)).toBeNull();
  });
});
