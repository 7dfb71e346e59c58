import { describe, expect, it } from 'vitest';
import { planSlots } from './slots';

const point = { desks: 2, perDeskHour: 60, opensAt: '07:00', closesAt: '09:00' };

describe('staggered slots', () => {
  it('fills 15-minute slots of 30 swabs (2 desks × 60 an hour), neighbours together, beside the lower bound', () => {
    const plan = planSlots(
      [
        { areaId: 1, name: '1号楼', people: 20 },
        { areaId: 2, name: '2号楼', people: 20 }, // does not fit in the 10 left: starts the next slot
        { areaId: 3, name: '3号楼', people: 10 },
        { areaId: 4, name: '4号楼', people: 70 }, // bigger than a slot: split over three
      ],
      point,
    );
    expect(plan).toMatchObject({
      slotMinutes: 15,
      capacityPerSlot: 30,
      people: 120,
      lowerBoundMinutes: 60,
      planMinutes: 75,
      endsAt: '08:15',
      withinHours: true,
    });
    expect(plan.slots.map((s) => [s.start, s.load, s.units.map((u) => `${u.name}:${u.people}`).join(',')])).toEqual([
      ['07:00', 20, '1号楼:20'],
      ['07:15', 30, '2号楼:20,3号楼:10'],
      ['07:30', 30, '4号楼:30'],
      ['07:45', 30, '4号楼:30'],
      ['08:00', 10, '4号楼:10'],
    ]);
    expect(Math.max(...plan.slots.map((s) => s.worstWaitMinutes))).toBeLessThanOrEqual(15);
  });

  it.each([
    [10, 1, 60, 10],
    [30, 1, 60, 30],
    [5, 10, 600, 500],
  ])('target %i min with %i desks at %i/h → slot capacity %i', (target, desks, perDeskHour, want) => {
    expect(planSlots([{ areaId: 1, name: 'x', people: 1 }], { ...point, desks, perDeskHour }, target).capacityPerSlot).toBe(want);
  });

  it('says when the plan runs past closing time, and is empty with nobody', () => {
    expect(planSlots([{ areaId: 1, name: 'x', people: 500 }], point).withinHours).toBe(false);
    expect(planSlots([], point)).toMatchObject({ slots: [], people: 0, lowerBoundMinutes: 0, planMinutes: 0, withinHours: true });
  });
});
