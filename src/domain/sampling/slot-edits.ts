import { z } from 'zod';
import { calendarDate, id } from '../primitives';
import type { SlotPlan, SlotPoint, SlotUnit } from './slots';

/**
 * A stored slot plan (错峰方案) changed by hand, pure — the server applies the edits and the slot-plan screen
 * previews them with the same code. A stored slot has an id that survives edits (slots are re-sorted by their
 * start), its times and its units. Load, capacity and the worst wait are always recomputed from those, never
 * stored: a hand edit may overload a slot, which is warned (`over`, `slow`), not forbidden — the people in
 * charge know things the planner does not (a lift out of order, a school class that comes together).
 */
export interface StoredSlot {
  id: number;
  start: string;
  end: string;
  units: SlotUnit[];
}

export interface MeasuredSlot extends StoredSlot {
  load: number;
  capacity: number;
  worstWaitMinutes: number;
  /** More people than the desks swab in the slot's length. */
  over: boolean;
  /** The last person of the slot would wait longer than the plan's target. */
  slow: boolean;
}

export interface Measured {
  people: number;
  slots: MeasuredSlot[];
  lowerBoundMinutes: number;
  /** From the first slot's start to the last one's end. */
  planMinutes: number;
  startsAt: string | null;
  endsAt: string | null;
  withinHours: boolean;
  overloaded: number;
}

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid_format');
const slotId = z.number().int().positive().max(10_000);
export const slotEditSchema = z.discriminatedUnion('kind', [
  /** Move a unit's people in one slot (a building, or the part of a big building there) to another slot. */
  z.strictObject({ kind: z.literal('move'), areaId: id, from: slotId, to: slotId }),
  z.strictObject({ kind: z.literal('times'), slot: slotId, start: hhmm, end: hhmm }),
]);
export type SlotEdit = z.infer<typeof slotEditSchema>;

export const saveSlotPlanBody = z.strictObject({
  targetWaitMinutes: z.number().int().min(5).max(120).default(15),
  /** The day of the notices; the round's first day when not given. Must lie within the round. */
  date: calendarDate.optional(),
  /** A stored plan is replaced only when asked (the screen confirms first). */
  replace: z.boolean().default(false),
});
export const editSlotPlanBody = z.strictObject({
  /** The version the screen edited; another save in between answers 409 SLOT_PLAN_STALE. */
  version: z.number().int().positive().max(1_000_000_000),
  edits: z.array(slotEditSchema).min(1).max(200),
});

/** Why an edit cannot apply: an error code (messages in both languages) and its parameters. */
export interface EditProblem {
  code: 'SLOT_NOT_FOUND' | 'SLOT_UNIT_NOT_FOUND' | 'SLOT_TIMES' | 'SLOT_OVERLAP';
  params: Record<string, string | number>;
  field: string;
}

export const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const toClock = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const perMinuteOf = (p: SlotPoint) => (p.desks * p.perDeskHour) / 60;

/** The planner's slots, numbered 1…n: what a plan is stored as. */
export function storedFromPlan(plan: { slots: Pick<SlotPlan['slots'][number], 'start' | 'end' | 'units'>[] }): StoredSlot[] {
  return plan.slots.map((s, i) => ({ id: i + 1, start: s.start, end: s.end, units: s.units.map((u) => ({ ...u })) }));
}

/** Loads, capacities and worst waits of stored slots at a point, beside the lower bound. */
export function measure(slots: StoredSlot[], point: SlotPoint, targetWaitMinutes: number): Measured {
  const perMinute = perMinuteOf(point);
  const sorted = [...slots].sort((a, b) => toMinutes(a.start) - toMinutes(b.start) || a.id - b.id);
  const out: MeasuredSlot[] = sorted.map((s) => {
    const load = s.units.reduce((n, u) => n + u.people, 0);
    const capacity = Math.max(1, Math.floor(perMinute * (toMinutes(s.end) - toMinutes(s.start))));
    const worstWaitMinutes = Math.ceil(load / perMinute);
    return { ...s, load, capacity, worstWaitMinutes, over: load > capacity, slow: worstWaitMinutes > targetWaitMinutes };
  });
  const people = out.reduce((n, s) => n + s.load, 0);
  const first = out[0];
  const lastEnd = out.reduce((m, s) => Math.max(m, toMinutes(s.end)), 0);
  return {
    people,
    slots: out,
    lowerBoundMinutes: Math.ceil(people / perMinute),
    planMinutes: first ? lastEnd - toMinutes(first.start) : 0,
    startsAt: first?.start ?? null,
    endsAt: first ? toClock(lastEnd) : null,
    withinHours: !first || (toMinutes(first.start) >= toMinutes(point.opensAt) && lastEnd <= toMinutes(point.closesAt)),
    overloaded: out.filter((s) => s.over).length,
  };
}

/** Applies edits in order to a copy of the slots; the first edit that cannot apply stops with its problem. */
export function applyEdits(slots: StoredSlot[], edits: SlotEdit[], point: SlotPoint): { slots: StoredSlot[] } | { problem: EditProblem; index: number } {
  const next = slots.map((s) => ({ ...s, units: s.units.map((u) => ({ ...u })) }));
  for (const [index, e] of edits.entries()) {
    const problem = e.kind === 'move' ? move(next, e) : times(next, e, point);
    if (problem) return { problem: { ...problem, field: `edits.${index}.${problem.field}` }, index };
  }
  next.sort((a, b) => toMinutes(a.start) - toMinutes(b.start) || a.id - b.id);
  return { slots: next };
}

function move(slots: StoredSlot[], e: Extract<SlotEdit, { kind: 'move' }>): EditProblem | null {
  const from = slots.find((s) => s.id === e.from);
  if (!from) return { code: 'SLOT_NOT_FOUND', params: { slot: e.from }, field: 'from' };
  const to = slots.find((s) => s.id === e.to);
  if (!to) return { code: 'SLOT_NOT_FOUND', params: { slot: e.to }, field: 'to' };
  const i = from.units.findIndex((u) => u.areaId === e.areaId);
  if (i < 0) return { code: 'SLOT_UNIT_NOT_FOUND', params: { slot: `${from.start}–${from.end}` }, field: 'areaId' };
  if (from === to) return null;
  const [unit] = from.units.splice(i, 1);
  // A building already partly in the target slot (one cut over two slots) comes together again.
  const there = to.units.find((u) => u.areaId === unit.areaId);
  if (there) there.people += unit.people;
  else to.units.push(unit);
  return null;
}

function times(slots: StoredSlot[], e: Extract<SlotEdit, { kind: 'times' }>, point: SlotPoint): EditProblem | null {
  const slot = slots.find((s) => s.id === e.slot);
  if (!slot) return { code: 'SLOT_NOT_FOUND', params: { slot: e.slot }, field: 'slot' };
  const start = toMinutes(e.start);
  const end = toMinutes(e.end);
  if (end <= start || start < toMinutes(point.opensAt) || end > toMinutes(point.closesAt)) {
    return { code: 'SLOT_TIMES', params: { start: e.start, end: e.end, opensAt: point.opensAt, closesAt: point.closesAt }, field: 'end' };
  }
  const other = slots.find((s) => s !== slot && toMinutes(s.start) < end && start < toMinutes(s.end));
  if (other) return { code: 'SLOT_OVERLAP', params: { start: e.start, end: e.end, other: `${other.start}–${other.end}` }, field: 'start' };
  slot.start = e.start;
  slot.end = e.end;
  return null;
}

/**
 * The time windows of each unit (one notice per building): a building cut over consecutive slots gets one
 * window from its first slot's start to its last one's end; slots apart stay separate windows.
 */
export function windowsByUnit(slots: StoredSlot[]): { areaId: number; name: string; people: number; windows: { start: string; end: string }[] }[] {
  const sorted = [...slots].sort((a, b) => toMinutes(a.start) - toMinutes(b.start));
  const byUnit = new Map<number, { areaId: number; name: string; people: number; windows: { start: string; end: string }[] }>();
  for (const s of sorted) {
    for (const u of s.units) {
      let entry = byUnit.get(u.areaId);
      if (!entry) byUnit.set(u.areaId, (entry = { areaId: u.areaId, name: u.name, people: 0, windows: [] }));
      entry.people += u.people;
      const last = entry.windows[entry.windows.length - 1];
      if (last && last.end === s.start) last.end = s.end;
      else entry.windows.push({ start: s.start, end: s.end });
    }
  }
  return [...byUnit.values()];
}
