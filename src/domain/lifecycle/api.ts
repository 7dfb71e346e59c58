import { z } from 'zod';
import { defineRoute } from '../contract';
import { id, idParams, instant, okBody, pageOf, paging, plainText } from '../primitives';
import { DATA_CLASSES } from './classes';

/** The data lifecycle (server/modules/lifecycle): retention policy, runs, legal holds, "emergency ended", data requests. */

const dataClass = z.enum(DATA_CLASSES);
const text = (max: number) => plainText(max).min(1);

export const retentionRule = z.object({
  dataClass,
  action: z.enum(['anonymise', 'delete']),
  periodDays: z.number().int(),
  updatedAt: instant,
  updatedByName: z.string().nullable(),
});

export const listRetention = defineRoute({
  method: 'GET',
  path: '/api/lifecycle/retention',
  summary: 'The retention period of every data class (policy data)',
  responses: { 200: z.object({ items: z.array(retentionRule) }) },
});

export const setRetention = defineRoute({
  method: 'PUT',
  path: '/api/lifecycle/retention/:dataClass',
  summary: "Changes a data class's retention period (root scope only)",
  params: z.strictObject({ dataClass }),
  body: z.strictObject({ periodDays: z.number().int().min(1).max(3650) }),
  responses: { 200: retentionRule },
});

export const runItem = z.object({
  dataClass,
  action: z.enum(['anonymise', 'delete']),
  count: z.number().int(),
  digest: z.string(),
  /** Month partitions the class dropped whole, with the rows each held (a month-partitioned table: follow-ups). */
  partitionsDropped: z.array(z.object({ partition: z.string(), rows: z.number().int() })).optional(),
});

export const retentionRun = z.object({
  id: z.number(),
  kind: z.enum(['scheduled', 'emergency_ended']),
  startedAt: instant,
  finishedAt: instant,
  actorName: z.string().nullable(),
  total: z.number().int(),
  items: z.array(runItem),
});

export const listRuns = defineRoute({
  method: 'GET',
  path: '/api/lifecycle/runs',
  summary: 'Destruction records: one per retention run, newest first (root scope only)',
  query: z.strictObject({ ...paging }),
  responses: { 200: pageOf(retentionRun) },
});

export const preview = z.object({
  items: z.array(z.object({ dataClass, action: z.enum(['anonymise', 'delete']), count: z.number().int() })),
  total: z.number().int(),
});

export const previewEmergencyEnded = defineRoute({
  method: 'POST',
  path: '/api/lifecycle/emergency-ended/preview',
  summary: '"Emergency ended": what the purge would anonymise or delete now (every finished record, held areas kept)',
  responses: { 200: preview },
});

export const runEmergencyEnded = defineRoute({
  method: 'POST',
  path: '/api/lifecycle/emergency-ended',
  summary: '"Emergency ended": runs the purge the preview showed; refused if the total changed since',
  body: z.strictObject({ confirmTotal: z.number().int().min(0).max(1_000_000_000) }),
  responses: { 200: retentionRun },
});

export const legalHold = z.object({
  id: z.number(),
  areaId: z.number(),
  areaName: z.string(),
  dataClasses: z.array(dataClass),
  reason: z.string(),
  createdAt: instant,
  createdByName: z.string().nullable(),
  releasedAt: instant.nullable(),
});

export const listHolds = defineRoute({
  method: 'GET',
  path: '/api/lifecycle/holds',
  summary: 'Legal holds in scope (active first)',
  responses: { 200: z.object({ items: z.array(legalHold) }) },
});

export const createHold = defineRoute({
  method: 'POST',
  path: '/api/lifecycle/holds',
  summary: "Places a legal hold on an area's records (all classes when none is named)",
  body: z.strictObject({ areaId: id, dataClasses: z.array(dataClass).max(DATA_CLASSES.length).default([]), reason: text(500) }),
  responses: { 201: legalHold },
});

export const releaseHold = defineRoute({
  method: 'POST',
  path: '/api/lifecycle/holds/:id/release',
  summary: 'Releases a legal hold',
  params: idParams,
  responses: { 200: okBody },
});

export const dataRequest = z.object({
  id: z.number(),
  areaId: z.number(),
  areaName: z.string(),
  kind: z.enum(['access', 'correction']),
  requesterName: z.string(),
  requesterContact: z.string().nullable(),
  details: z.string(),
  status: z.enum(['open', 'answered']),
  answer: z.string().nullable(),
  receivedAt: instant,
  createdByName: z.string().nullable(),
  answeredAt: instant.nullable(),
  answeredByName: z.string().nullable(),
});

export const listRequests = defineRoute({
  method: 'GET',
  path: '/api/lifecycle/requests',
  summary: "People's requests to see or correct their data, in scope (open first)",
  query: z.strictObject({ status: z.enum(['open', 'answered']).optional(), ...paging }),
  responses: { 200: pageOf(dataRequest) },
});

export const createRequest = defineRoute({
  method: 'POST',
  path: '/api/lifecycle/requests',
  summary: "Records a person's request to see or correct their data",
  body: z.strictObject({
    areaId: id,
    kind: z.enum(['access', 'correction']),
    requesterName: text(50),
    requesterContact: plainText(50).optional(),
    details: text(2000),
  }),
  responses: { 201: dataRequest },
});

export const answerRequest = defineRoute({
  method: 'POST',
  path: '/api/lifecycle/requests/:id/answer',
  summary: 'Answers a data request (what was shown or corrected)',
  params: idParams,
  body: z.strictObject({ answer: text(2000) }),
  responses: { 200: dataRequest },
});
