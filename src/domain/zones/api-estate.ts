import { z } from 'zod';
import { defineRoute } from '../contract';
import { photoIds, photoRef } from '../photos/api';
import { calendarDate, day, id, idParams, instant, instantInput, plainText } from '../primitives';
import { CONFIRMATIONS, GREEN_KINDS, NEEDS, PROBLEM_OUTCOMES } from './estate';

/** The sealed estate's day (封控小区): needs per household, deliveries, the green channel, problems; and its board. */
const BASE = '/api/zones';
const clientId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9:_-]+$/);

// ——— answers ———
export const boardHousehold = z.object({
  householdId: z.number(),
  address: z.string().nullable(),
  areaName: z.string(),
  people: z.number(),
  needs: z.array(z.enum(NEEDS)),
  appointmentOn: day.nullable(),
  needsNote: z.string().nullable(),
  surveyedAt: instant.nullable(),
  deliveredToday: z.number(),
});
export const distributionItem = z.object({
  id: z.number(),
  householdId: z.number(),
  address: z.string().nullable(),
  day,
  items: z.string(),
  confirmation: z.enum(CONFIRMATIONS),
  recipient: z.string().nullable(),
  photos: z.array(photoRef),
  recordedAt: instant,
});
export const greenItem = z.object({
  id: z.number(),
  householdId: z.number().nullable(),
  address: z.string().nullable(),
  kind: z.enum(GREEN_KINDS),
  requestedAt: instant,
  respondedAt: instant.nullable(),
  responseMinutes: z.number().nullable(),
  withinTarget: z.boolean().nullable(),
  note: z.string().nullable(),
});
export const problemItem = z.object({
  id: z.number(),
  householdId: z.number().nullable(),
  summary: z.string(),
  outcome: z.enum(PROBLEM_OUTCOMES),
  handledBy: z.string().nullable(),
  createdAt: instant,
  closedAt: instant.nullable(),
});
export const estateBoard = z.object({
  zoneId: z.number(),
  areaName: z.string(),
  day,
  captains: z.array(z.object({ kind: z.enum(['building', 'floor']), areaName: z.string(), floor: z.string(), name: z.string() })),
  households: z.array(boardHousehold),
  needsTotals: z.array(z.object({ need: z.enum(NEEDS), households: z.number() })),
  distributions: z.array(distributionItem),
  green: z.object({
    targetMinutes: z.number(),
    items: z.array(greenItem),
    requests: z.number(),
    answered: z.number(),
    withinTarget: z.number(),
    medianMinutes: z.number().nullable(),
    maxMinutes: z.number().nullable(),
  }),
  problems: z.object({
    open: z.number(),
    solved: z.number(),
    transferred: z.number(),
    assigned: z.number(),
    handedOn: z.number(),
    items: z.array(problemItem),
  }),
});

// ——— inputs ———
export const needsBody = z.strictObject({
  clientId,
  householdId: id,
  needs: z.array(z.enum(NEEDS)).max(NEEDS.length),
  appointmentOn: calendarDate.nullable().optional(),
  note: plainText(300).optional(),
});
export const distributionBody = z.strictObject({
  clientId,
  householdId: id,
  day: calendarDate,
  items: plainText(300).min(1),
  confirmation: z.enum(CONFIRMATIONS),
  recipient: plainText(50).optional(),
  photoIds: photoIds.optional(),
});
export const greenBody = z.strictObject({
  householdId: id.optional(),
  kind: z.enum(GREEN_KINDS),
  requestedAt: instantInput,
  respondedAt: instantInput.optional(),
  note: plainText(300).optional(),
});
export const respondBody = z.strictObject({ respondedAt: instantInput });
export const problemBody = z.strictObject({
  householdId: id.optional(),
  summary: plainText(300).min(1),
  outcome: z.enum(PROBLEM_OUTCOMES).default('open'),
  handledBy: plainText(100).optional(),
});
export const outcomeBody = z.strictObject({ outcome: z.enum(PROBLEM_OUTCOMES).exclude(['open']), handledBy: plainText(100).optional() });

// ——— routes ———
export const estateBoardRoute = defineRoute({
  method: 'GET',
  path: `${BASE}/:id/board`,
  summary: 'The sealed estate’s board for a day: households and needs, deliveries, the green channel, problems',
  params: idParams,
  query: z.strictObject({ day: calendarDate.optional() }),
  responses: { 200: estateBoard },
});
export const recordNeeds = defineRoute({
  method: 'POST',
  path: `${BASE}/:id/needs`,
  summary: 'A household’s needs survey from a captain’s phone (idempotent by clientId)',
  params: idParams,
  body: needsBody,
  responses: { 201: boardHousehold, 200: boardHousehold },
});
export const recordDistribution = defineRoute({
  method: 'POST',
  path: `${BASE}/:id/distributions`,
  summary: 'A day’s delivery to a household, confirmed by a signature photo or the recipient (idempotent by clientId)',
  params: idParams,
  body: distributionBody,
  responses: { 201: distributionItem, 200: distributionItem },
});
export const recordGreen = defineRoute({
  method: 'POST',
  path: `${BASE}/:id/green-channel`,
  summary: 'Logs a medical green-channel request (and its response when already given)',
  params: idParams,
  body: greenBody,
  responses: { 201: greenItem },
});
export const respondGreen = defineRoute({
  method: 'POST',
  path: `${BASE}/green-channel/:id/respond`,
  summary: 'Records when a green-channel request was answered',
  params: idParams,
  body: respondBody,
  responses: { 200: greenItem },
});
export const recordProblem = defineRoute({
  method: 'POST',
  path: `${BASE}/:id/problems`,
  summary: 'Records a problem raised in the zone, open or already solved / transferred / handed down',
  params: idParams,
  body: problemBody,
  responses: { 201: problemItem },
});
export const closeProblem = defineRoute({
  method: 'POST',
  path: `${BASE}/problems/:id/outcome`,
  summary: 'Closes a problem: solved (解决), transferred (转办) or handed down (交办)',
  params: idParams,
  body: outcomeBody,
  responses: { 200: problemItem },
});
