import { z } from 'zod';
import { defineRoute } from '../../contract';
import { exportPurposeBody } from '../../platform/exports';
import { day, fileDownload, idParam, instant } from '../../primitives';
import { editSlotPlanBody, saveSlotPlanBody } from '../slot-edits';

/** The staggered slot plan (错峰采样): computed, stored, edited by hand, printed (server: modules/sampling/slot-plan*.ts). */

export const slotParams = z.strictObject({ id: idParam, pointId: idParam });
const unit = z.object({ areaId: z.number(), name: z.string(), people: z.number() });

export const computedPlan = z.object({
  roundId: z.number(),
  point: z.object({ id: z.number(), name: z.string(), desks: z.number(), perDeskHour: z.number(), opensAt: z.string(), closesAt: z.string() }),
  rosterDate: day,
  slotMinutes: z.number(),
  capacityPerSlot: z.number(),
  people: z.number(),
  slots: z.array(z.object({ start: z.string(), end: z.string(), units: z.array(unit), load: z.number(), capacity: z.number(), worstWaitMinutes: z.number() })),
  lowerBoundMinutes: z.number(),
  planMinutes: z.number(),
  withinHours: z.boolean(),
  endsAt: z.string(),
});
export type ComputedPlan = z.infer<typeof computedPlan>;

export const computeSlotPlan = defineRoute({
  method: 'GET',
  path: '/api/sampling/rounds/:id/points/:pointId/slot-plan',
  summary: 'The staggered slot plan the planner computes now for a point',
  params: slotParams,
  query: z.strictObject({ targetWaitMinutes: z.coerce.number().int().min(5).max(120).default(15) }),
  responses: { 200: computedPlan },
});

export const measuredSlot = z.object({
  id: z.number(),
  start: z.string(),
  end: z.string(),
  units: z.array(unit),
  load: z.number(),
  capacity: z.number(),
  worstWaitMinutes: z.number(),
  over: z.boolean(),
  slow: z.boolean(),
});

export const planPoint = z.object({
  id: z.number(),
  name: z.string(),
  address: z.string().nullable(),
  areaName: z.string(),
  areaPath: z.string(),
  desks: z.number(),
  perDeskHour: z.number(),
  opensAt: z.string(),
  closesAt: z.string(),
  capacityPerHour: z.number(),
});
export type PlanPoint = z.infer<typeof planPoint>;

export const storedPlan = z.object({
  id: z.number(),
  roundId: z.number(),
  pointId: z.number(),
  date: day,
  targetWaitMinutes: z.number(),
  version: z.number(),
  savedBy: z.string().nullable(),
  savedAt: instant,
  editedBy: z.string().nullable(),
  editedAt: instant.nullable(),
  people: z.number(),
  slots: z.array(measuredSlot),
  lowerBoundMinutes: z.number(),
  planMinutes: z.number(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  withinHours: z.boolean(),
  overloaded: z.number(),
});
export type StoredPlan = z.infer<typeof storedPlan>;

const planRound = z.object({ id: z.number(), name: z.string(), startsOn: day, endsOn: day });
export const storedAnswer = z.object({ round: planRound, point: planPoint, plan: storedPlan.nullable() });
export type StoredAnswer = z.infer<typeof storedAnswer>;

const BASE = '/api/sampling/rounds/:id/points/:pointId/slots';

export const getSlotPlan = defineRoute({
  method: 'GET',
  path: BASE,
  summary: 'The point’s stored slot plan (null when none is saved)',
  params: slotParams,
  responses: { 200: storedAnswer },
});

const savedAnswer = storedAnswer.extend({ replaced: z.boolean() });
export const saveSlotPlan = defineRoute({
  method: 'POST',
  path: BASE,
  summary: 'Saves the plan computed now (201), replacing a stored one only when asked (200)',
  params: slotParams,
  body: saveSlotPlanBody,
  responses: { 201: savedAnswer, 200: savedAnswer },
});

export const editSlotPlan = defineRoute({
  method: 'PATCH',
  path: BASE,
  summary: 'Hand edits on the stored plan (moves, times); overloads are warned, not refused',
  params: slotParams,
  body: editSlotPlanBody,
  responses: { 200: storedAnswer },
});

export const slotNotices = defineRoute({
  method: 'GET',
  path: `${BASE}/notices`,
  summary: 'The printed notices: one per building with its window(s) at the point',
  params: slotParams,
  responses: {
    200: z.object({
      round: planRound,
      point: z.object({ id: z.number(), name: z.string(), address: z.string().nullable() }),
      date: day,
      version: z.number(),
      bring: z.array(z.string()),
      items: z.array(
        z.object({ areaId: z.number(), name: z.string(), people: z.number(), windows: z.array(z.object({ start: z.string(), end: z.string() })) }),
      ),
    }),
  },
});
export type NoticesAnswer = z.infer<(typeof slotNotices.responses)[200]>;

export const slotPlanWorkbook = defineRoute({
  method: 'POST',
  path: `${BASE}.xlsx`,
  summary: 'The stored plan as a workbook, for a stated purpose stamped in the file',
  params: slotParams,
  body: exportPurposeBody,
  responses: { 200: fileDownload },
});
