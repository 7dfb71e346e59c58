/**
 * The staggered slot plan (错峰采样), pure. Units (a building, or the grid / village group where people live
 * outside buildings) are taken in the order given (neighbours together) and poured into consecutive slots of
 * a point. A slot holds at most what the point's desks swab in it, so even if a slot's whole group arrives
 * at its start, the last person waits no longer than the slot: slots are as long as the wait target
 * (default 15 minutes). A unit larger than what is left of a slot starts the next one; a unit larger than a
 * whole slot is split over consecutive slots. The plan is shown beside its lower bound: people ÷ capacity.
 */
export interface SlotUnit {
  areaId: number;
  name: string;
  people: number;
}

export interface SlotPoint {
  desks: number;
  perDeskHour: number;
  opensAt: string; // HH:MM
  closesAt: string;
}

export interface Slot {
  start: string;
  end: string;
  units: SlotUnit[];
  load: number;
  capacity: number;
  /** Minutes the last person waits if the whole slot arrives at its start: load ÷ swabs per minute, rounded up. */
  worstWaitMinutes: number;
}

export interface SlotPlan {
  slotMinutes: number;
  capacityPerSlot: number;
  people: number;
  slots: Slot[];
  /** people ÷ (desks × perDeskHour), in minutes, rounded up: no plan can be shorter. */
  lowerBoundMinutes: number;
  planMinutes: number;
  /** Whether the plan ends by the point's closing time. */
  withinHours: boolean;
  endsAt: string;
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const toClock = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export function planSlots(units: SlotUnit[], point: SlotPoint, targetWaitMinutes = 15): SlotPlan {
  const slotMinutes = Math.max(1, Math.floor(targetWaitMinutes));
  const perMinute = (point.desks * point.perDeskHour) / 60;
  const capacity = Math.max(1, Math.floor(perMinute * slotMinutes));
  const slots: Slot[] = [];
  let cur: Slot | null = null;
  const open = toMinutes(point.opensAt);
  const next = () => {
    const start = open + slots.length * slotMinutes;
    cur = { start: toClock(start), end: toClock(start + slotMinutes), units: [], load: 0, capacity, worstWaitMinutes: 0 };
    slots.push(cur);
    return cur;
  };
  for (const u of units) {
    if (u.people <= 0) continue;
    let left = u.people;
    let slot: Slot = cur ?? next();
    // A unit that fits in a fresh slot is not cut in two: it starts the next slot instead.
    if (left <= capacity && slot.load + left > capacity) slot = next();
    while (left > 0) {
      if (slot.load >= capacity) slot = next();
      const take = Math.min(left, capacity - slot.load);
      slot.units.push({ areaId: u.areaId, name: u.name, people: take });
      slot.load += take;
      left -= take;
    }
  }
  for (const s of slots) s.worstWaitMinutes = Math.ceil(s.load / perMinute);
  const people = units.reduce((a, u) => a + Math.max(0, u.people), 0);
  const planMinutes = slots.length * slotMinutes;
  return {
    slotMinutes,
    capacityPerSlot: capacity,
    people,
    slots,
    lowerBoundMinutes: Math.ceil(people / perMinute),
    planMinutes,
    withinHours: open + planMinutes <= toMinutes(point.closesAt),
    endsAt: toClock(open + planMinutes),
  };
}
