import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WEEK_START_MS, at, person, shift, threeShifts } from './fixtures';
import { checkRoster } from './rules';
import { type RosterAssignment, type RosterProblem, rosterPolicy, rosterRuleKinds } from './types';

const policy = rosterPolicy();

function problem(shifts: RosterProblem['shifts'], people = [person('A')]): RosterProblem {
  return { weekStartMs: WEEK_START_MS, shifts, people };
}

function kinds(p: RosterProblem, assignments: RosterAssignment[], pol = policy) {
  return checkRoster(p, assignments, pol)
    .filter((v) => v.kind !== 'understaffed')
    .map((v) => v.kind)
    .sort();
}

const as = (personId: string, ...shiftIds: string[]) => shiftIds.map((shiftId) => ({ shiftId, personId, role: 'guard' }));

describe('roster rules', () => {
  it('rest: an evening shift then the next morning leaves 8 h, under the 10 h the policy asks', () => {
    const p = problem([shift('e0', { day: 0, hour: 16 }), shift('m1', { day: 1, hour: 8 }), shift('m2', { day: 2, hour: 8 })]);
    const v = checkRoster(p, as('A', 'e0', 'm1'), policy).filter((x) => x.kind !== 'understaffed');
    expect(v).toEqual([{ kind: 'rest', messageKey: 'checkpoints.rosterRules.rest', personId: 'A', shiftIds: ['e0', 'm1'], params: { hours: 10 } }]);
    expect(kinds(p, as('A', 'e0', 'm2'))).toEqual([]);
    expect(kinds(p, as('A', 'e0', 'm1'), rosterPolicy({ restHours: 8 }))).toEqual([]);
  });

  it('overlap: nobody in two places at once', () => {
    const p = problem([shift('x', { day: 0, hour: 8, post: 'P1' }), shift('y', { day: 0, hour: 12, post: 'P2' })]);
    expect(kinds(p, as('A', 'x', 'y'), rosterPolicy({ maxShiftsPerDay: 2 }))).toEqual(['overlap']);
  });

  it('weekly cap: a sixth 8-hour shift passes 40 h; a person’s own cap overrides the policy', () => {
    const shifts = [0, 1, 2, 3, 4, 5].map((d) => shift(`m${d}`, { day: d, hour: 8 }));
    const ids = shifts.map((s) => s.id);
    expect(kinds(problem(shifts), as('A', ...ids))).toEqual(['weeklyCap']);
    expect(kinds(problem(shifts), as('A', ...ids.slice(0, 5)))).toEqual([]);
    expect(kinds(problem(shifts, [person('A', { weeklyHourCap: 32 })]), as('A', ...ids.slice(0, 5)))).toEqual(['weeklyCap']);
  });

  it('night → morning: no morning shift the day after a night, though the rest is 24 h; an evening is fine', () => {
    const p = problem([
      shift('n0', { day: 0, hour: 0, kind: 'night' }),
      shift('m1', { day: 1, hour: 8 }),
      shift('e1', { day: 1, hour: 16 }),
      shift('m2', { day: 2, hour: 8 }),
    ]);
    expect(kinds(p, as('A', 'n0', 'm1'))).toEqual(['nightThenMorning']);
    expect(kinds(p, as('A', 'n0', 'e1'))).toEqual([]);
    expect(kinds(p, as('A', 'n0', 'm2'))).toEqual([]);
    expect(kinds(p, as('A', 'n0', 'm1'), rosterPolicy({ banNightThenMorning: false }))).toEqual([]);
  });

  it('one shift a day, counted on the local day the shift starts', () => {
    const p = problem(threeShifts('P1', 0));
    expect(kinds(p, as('A', 'P1-d0-n', 'P1-d0-e'), rosterPolicy({ restHours: 8 }))).toEqual(['shiftsPerDay']);
    expect(kinds(p, as('A', 'P1-d0-n', 'P1-d0-e'), rosterPolicy({ restHours: 8, maxShiftsPerDay: 2 }))).toEqual([]);
  });

  it('skills, availability and deployments elsewhere', () => {
    const medicShift = shift('s', { day: 0, hour: 8, needs: [{ role: 'medic', min: 1 }] });
    const p = problem(
      [medicShift],
      [
        person('A'),
        person('B', { roles: ['medic'], availability: [{ startMs: at(0, 9), endMs: at(0, 20) }] }),
        person('C', { roles: ['medic'], busy: [{ startMs: at(0, 15), endMs: at(0, 18) }] }),
        person('D', { roles: ['medic'], availability: [{ startMs: at(0, 8), endMs: at(0, 16) }] }),
      ],
    );
    const one = (personId: string) => [{ shiftId: 's', personId, role: 'medic' }];
    expect(kinds(p, one('A'))).toEqual(['missingSkill']);
    expect(kinds(p, one('B'))).toEqual(['unavailable']);
    expect(kinds(p, one('C'))).toEqual(['busyElsewhere']);
    expect(kinds(p, one('D'))).toEqual([]);
  });

  it('understaffed shifts, duplicates and unknown ids are reported', () => {
    const p = problem([shift('s', { day: 0, hour: 8, needs: [{ role: 'guard', min: 2 }] })], [person('A'), person('B')]);
    const v = checkRoster(p, [...as('A', 's', 's'), ...as('Z', 's'), ...as('A', 'nope'), { shiftId: 's', personId: 'B', role: 'cook' }], policy);
    expect(v.map((x) => x.kind).sort()).toEqual(['duplicate', 'understaffed', 'unknownPerson', 'unknownRole', 'unknownShift']);
    expect(v.find((x) => x.kind === 'understaffed')?.params).toEqual({ role: 'guard', have: 1, need: 2 });
    expect(checkRoster(p, as('A', 's').concat(as('B', 's')), policy)).toEqual([]);
  });

  it('week boundary: a Sunday night before the week then a Monday morning is warned; it never counts towards the week', () => {
    // The week before: its Sunday (day −1) night 20:00–08:00 ends Monday 08:00 — the same start as the Monday morning.
    const sundayNight = shift('prev-sun-n', { day: -1, hour: 20, hours: 12, kind: 'night' });
    const sundayEvening = shift('prev-sun-e', { day: -1, hour: 16 });
    const p = (around: RosterProblem['shifts']) =>
      problem([shift('m0', { day: 0, hour: 8 }), shift('m1', { day: 1, hour: 9 }), shift('m6', { day: 6, hour: 8 })], [person('A', { around })]);
    expect(kinds(p([sundayNight]), as('A', 'm1'))).toEqual(['nightThenMorning']);
    const warned = checkRoster(p([sundayNight]), as('A', 'm1'), policy).filter((v) => v.kind !== 'understaffed');
    expect(warned[0]).toMatchObject({ personId: 'A', shiftIds: ['prev-sun-n', 'm1'] });
    // The evening before ends at 00:00: 8 hours to Monday 08:00, under the 10 hours of rest.
    expect(kinds(p([sundayEvening]), as('A', 'm0'))).toEqual(['rest']);
    expect(kinds(p([sundayEvening]), as('A', 'm1'))).toEqual([]);
    // The week after: the Sunday morning ends 16:00, the next Monday's night starts 00:00 — 8 h of rest; its evening is fine.
    expect(kinds(p([shift('next-mon-n', { day: 7, hour: 0, kind: 'night' })]), as('A', 'm6'))).toEqual(['rest']);
    expect(kinds(p([shift('next-mon-e', { day: 7, hour: 16 })]), as('A', 'm6'))).toEqual([]);
    // A night from 20:00 on the week's Sunday, then the week after's Tuesday morning (25 h of rest, still the morning after).
    const weekNight = problem(
      [shift('n6', { day: 6, hour: 20, hours: 12, kind: 'night' })],
      [person('A', { around: [shift('next-tue-m', { day: 8, hour: 9 })] })],
    );
    expect(kinds(weekNight, as('A', 'n6'))).toEqual(['nightThenMorning']);
    // Shifts outside the week do not count towards its cap (20 h more against 8), nor pair with each other (they overlap).
    const capped = problem([shift('m1', { day: 1, hour: 9 })], [person('A', { weeklyHourCap: 8, around: [sundayNight, sundayEvening] })]);
    expect(kinds(capped, as('A', 'm1'))).toEqual(['nightThenMorning']);
  });

  it('every rule has its text in Chinese and English', () => {
    for (const file of ['zh-CN', 'en']) {
      const texts = JSON.parse(readFileSync(new URL(`../../../../web/app/locales/${file}.json`, import.meta.url), 'utf8'));
      for (const kind of rosterRuleKinds) expect(texts.checkpoints.rosterRules[kind], `${file} ${kind}`).toMatch(/\S/);
    }
  });
});
