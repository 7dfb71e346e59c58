import { describe, expect, it } from 'vitest';
import { applyEdits, measure, storedFromPlan, windowsByUnit } from './slot-edits';
import { planSlots } from './slots';

const point = { desks: 1, perDeskHour: 60, opensAt: '08:00', closesAt: '09:00' };
// 15 per 15-minute slot: A (20) is cut over slots 1–2, B (5) joins slot 2, C (12) starts slot 3.
const stored = () =>
  storedFromPlan(
    planSlots(
      [
        { areaId: 1, name: 'A', people: 20 },
        { areaId: 2, name: 'B', people: 5 },
        { areaId: 3, name: 'C', people: 12 },
      ],
      point,
    ),
  );

describe('stored slot plans edited by hand', () => {
  it('numbers the planner’s slots and measures them beside the lower bound', () => {
    const slots = stored();
    expect(slots.map((s) => [s.id, s.start, s.units.map((u) => `${u.name}${u.people}`)])).toEqual([
      [1, '08:00', ['A15']],
      [2, '08:15', ['A5', 'B5']],
      [3, '08:30', ['C12']],
    ]);
    expect(measure(slots, point, 15)).toMatchObject({ people: 37, lowerBoundMinutes: 37, planMinutes: 45, endsAt: '08:45', overloaded: 0, withinHours: true });
  });

  it('a cut building moved back into its other slot comes together, and the overload is only warned', () => {
    const out = applyEdits(stored(), [{ kind: 'move', areaId: 1, from: 2, to: 1 }], point);
    if (!('slots' in out)) throw new Error('refused');
    expect(out.slots[0].units).toEqual([{ areaId: 1, name: 'A', people: 20 }]);
    const m = measure(out.slots, point, 15);
    expect(m.slots[0]).toMatchObject({ load: 20, capacity: 15, worstWaitMinutes: 20, over: true, slow: true });
    expect(m.overloaded).toBe(1);
  });

  it('refuses times outside the opening hours or over another slot, naming the edit', () => {
    expect(applyEdits(stored(), [{ kind: 'times', slot: 3, start: '08:30', end: '09:10' }], point)).toMatchObject({
      problem: { code: 'SLOT_TIMES', field: 'edits.0.end' },
    });
    expect(
      applyEdits(
        stored(),
        [
          { kind: 'move', areaId: 3, from: 3, to: 2 },
          { kind: 'times', slot: 1, start: '08:00', end: '08:20' },
        ],
        point,
      ),
    ).toMatchObject({
      index: 1,
      problem: { code: 'SLOT_OVERLAP', params: { other: '08:15–08:30' } },
    });
    // Slots re-sort by their new times; ids stay.
    const out = applyEdits(stored(), [{ kind: 'times', slot: 1, start: '08:45', end: '09:00' }], point);
    expect('slots' in out && out.slots.map((s) => s.id)).toEqual([2, 3, 1]);
  });

  it('gives each building one window over consecutive slots, separate windows for slots apart', () => {
    expect(windowsByUnit(stored()).map((u) => [u.name, u.people, u.windows])).toEqual([
      ['A', 20, [{ start: '08:00', end: '08:30' }]],
      ['B', 5, [{ start: '08:15', end: '08:30' }]],
      ['C', 12, [{ start: '08:30', end: '08:45' }]],
    ]);
    const apart = applyEdits(stored(), [{ kind: 'move', areaId: 1, from: 2, to: 3 }], point);
    if (!('slots' in apart)) throw new Error('refused');
    expect(windowsByUnit(apart.slots)[0].windows).toEqual([
      { start: '08:00', end: '08:15' },
      { start: '08:30', end: '08:45' },
    ]);
  });
});
