import { z } from 'zod';
import { defineRoute } from '../contract';
import { day, fileDownload, idParam, idParams, instant, paging } from '../primitives';
import { photoRef } from '../photos/api';
import { MODES, ORDER_STATES, PLAN_KINDS, SEVERITIES, TARGET_KINDS } from './kinds';
import { checklistBody, inspectionBody, periodQuery, planBody, reinspectBody, reportBody, targetBody } from './schemas';

/** The inspections module's routes (server/modules/inspections): checklists, inspections, rectification (整改), scores. */
const BASE = '/api/inspections';

// ——— answers ———
export const checklist = z.object({
  id: z.number(),
  targetKind: z.enum(TARGET_KINDS),
  version: z.number(),
  name: z.string(),
  passScore: z.number(),
  items: z.array(z.object({ code: z.string(), text: z.string(), weight: z.number(), severity: z.enum(SEVERITIES) })),
  createdAt: instant,
  createdByName: z.string().nullable(),
});

export const policy = z.object({
  deadlineHours: z.object({ critical: z.number(), major: z.number(), minor: z.number() }),
  redMin: z.number(),
  blackBelow: z.number(),
});

export const target = z.object({
  id: z.number(),
  kind: z.enum(TARGET_KINDS),
  name: z.string(),
  areaId: z.number(),
  areaName: z.string(),
  lastInspectedAt: instant.nullable(),
  lastScore: z.number().nullable(),
  openOrders: z.number(),
});

export const plan = z.object({
  id: z.number(),
  kind: z.enum(PLAN_KINDS),
  name: z.string(),
  targetKind: z.enum(TARGET_KINDS),
  areaId: z.number(),
  areaName: z.string(),
  startsOn: day,
  endsOn: day,
  seed: z.string().nullable(),
  sampleSize: z.number().nullable(),
  candidates: z.number().nullable(),
  targets: z.array(z.object({ id: z.number(), name: z.string(), areaName: z.string(), position: z.number(), inspectionId: z.number().nullable() })),
  createdAt: instant,
});

export const order = z.object({
  id: z.number(),
  inspectionId: z.number(),
  targetId: z.number(),
  targetName: z.string(),
  targetKind: z.enum(TARGET_KINDS),
  areaId: z.number(),
  areaName: z.string(),
  itemCode: z.string(),
  itemText: z.string(),
  severity: z.enum(SEVERITIES),
  unitAreaId: z.number(),
  unitAreaName: z.string(),
  unitUserName: z.string().nullable(),
  unitRole: z.string().nullable(),
  /** A command group as the responsible unit: the orders' tasks go to its members. */
  unitGroupId: z.number().nullable(),
  unitGroupName: z.string().nullable(),
  deadlineAt: instant,
  status: z.enum(ORDER_STATES),
  overdue: z.boolean(),
  reportedAt: instant.nullable(),
  reportNote: z.string().nullable(),
  reinspectedAt: instant.nullable(),
  reinspectionNote: z.string().nullable(),
  reinspections: z.number(),
  closedAt: instant.nullable(),
  escalatedAt: instant.nullable(),
  createdAt: instant,
});

export const orderDetail = order.extend({
  failNote: z.string().nullable(),
  failPhotos: z.array(photoRef),
  reportPhotos: z.array(photoRef),
  reinspectionPhotos: z.array(photoRef),
  inspectorName: z.string(),
  reportedByName: z.string().nullable(),
  reinspectedByName: z.string().nullable(),
});

export const inspectionListItem = z.object({
  id: z.number(),
  mode: z.enum(MODES),
  planId: z.number().nullable(),
  targetId: z.number(),
  targetName: z.string(),
  targetKind: z.enum(TARGET_KINDS),
  areaId: z.number(),
  areaName: z.string(),
  inspectorName: z.string(),
  inspectedAt: instant,
  score: z.number(),
  rawScore: z.number(),
  vetoed: z.boolean(),
  passed: z.boolean(),
  failedItems: z.number(),
});

export const inspectionDetail = inspectionListItem.extend({
  checklist: checklist,
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  accuracyM: z.number().nullable(),
  note: z.string().nullable(),
  results: z.array(z.object({ code: z.string(), passed: z.boolean(), note: z.string().nullable(), photos: z.array(photoRef) })),
  orders: z.array(order),
});

export const leagueRow = z.object({
  rank: z.number(),
  areaId: z.number(),
  name: z.string(),
  inspections: z.number(),
  averageScore: z.number(),
  passRate: z.number(),
  vetoed: z.number(),
  list: z.enum(['red', 'black']).nullable(),
});

// ——— routes ———
export const listChecklists = defineRoute({
  method: 'GET',
  path: `${BASE}/checklists`,
  summary: 'The checklist in force for each kind of target (the newest version), or every version of one kind',
  query: z.strictObject({ kind: z.enum(TARGET_KINDS).optional() }),
  responses: { 200: z.object({ items: z.array(checklist) }) },
});

export const saveChecklist = defineRoute({
  method: 'POST',
  path: `${BASE}/checklists`,
  summary: 'Saves a new version of a kind’s checklist (root-scoped administrators only)',
  body: checklistBody,
  responses: { 201: checklist },
});

export const getPolicy = defineRoute({
  method: 'GET',
  path: `${BASE}/policy`,
  summary: 'Hours to rectify by severity and the marks of the red and black lists',
  responses: { 200: policy },
});

export const listTargets = defineRoute({
  method: 'GET',
  path: `${BASE}/targets`,
  summary: 'Places registered for inspection in scope, with their last score and open orders',
  query: z.strictObject({ kind: z.enum(TARGET_KINDS).optional(), under: idParam.optional(), ...paging }),
  responses: { 200: z.object({ items: z.array(target), total: z.number().int() }) },
});

export const createTarget = defineRoute({
  method: 'POST',
  path: `${BASE}/targets`,
  summary: 'Registers a place to inspect (a village is its own area; answered as is when already registered)',
  body: targetBody,
  responses: { 200: target, 201: target },
});

export const listPlans = defineRoute({
  method: 'GET',
  path: `${BASE}/plans`,
  summary: 'Inspection plans and random draws in scope, newest first',
  query: z.strictObject({ under: idParam.optional(), ...paging }),
  responses: { 200: z.object({ items: z.array(plan), total: z.number().int() }) },
});

export const createPlan = defineRoute({
  method: 'POST',
  path: `${BASE}/plans`,
  summary: 'A plan of chosen targets, or a random draw of N targets of a kind in an area (seed kept)',
  body: planBody,
  responses: { 201: plan },
});

export const getPlan = defineRoute({
  method: 'GET',
  path: `${BASE}/plans/:id`,
  summary: 'A plan with its targets and which are inspected',
  params: idParams,
  responses: { 200: plan },
});

export const listInspections = defineRoute({
  method: 'GET',
  path: `${BASE}/inspections`,
  summary: 'Inspections in scope, newest first',
  query: z.strictObject({ under: idParam.optional(), targetId: idParam.optional(), ...paging }),
  responses: { 200: z.object({ items: z.array(inspectionListItem), total: z.number().int() }) },
});

export const recordInspection = defineRoute({
  method: 'POST',
  path: `${BASE}/inspections`,
  summary: 'Records an inspection: each item passed or failed (a photo on each failure), scored, an order per failure',
  body: inspectionBody,
  responses: { 201: inspectionDetail },
});

export const getInspection = defineRoute({
  method: 'GET',
  path: `${BASE}/inspections/:id`,
  summary: 'An inspection with its items, photos and orders',
  params: idParams,
  responses: { 200: inspectionDetail },
});

export const listOrders = defineRoute({
  method: 'GET',
  path: `${BASE}/rectifications`,
  summary: 'Rectification orders in scope, overdue first',
  query: z.strictObject({ under: idParam.optional(), status: z.enum([...ORDER_STATES, 'overdue', 'unclosed']).optional(), ...paging }),
  responses: { 200: z.object({ items: z.array(order), total: z.number().int() }) },
});

export const getOrder = defineRoute({
  method: 'GET',
  path: `${BASE}/rectifications/:id`,
  summary: 'A rectification order with the failure’s photos, the report and the re-inspection',
  params: idParams,
  responses: { 200: orderDetail },
});

export const reportOrder = defineRoute({
  method: 'POST',
  path: `${BASE}/rectifications/:id/report`,
  summary: 'The responsible unit reports the order done, with photos (a re-inspection still has to close it)',
  params: idParams,
  body: reportBody,
  responses: { 200: orderDetail },
});

export const reinspectOrder = defineRoute({
  method: 'POST',
  path: `${BASE}/rectifications/:id/reinspect`,
  summary: 'Re-inspects an order: fixed closes it, not fixed reopens it (a photo required)',
  params: idParams,
  body: reinspectBody,
  responses: { 200: orderDetail },
});

export const league = defineRoute({
  method: 'GET',
  path: `${BASE}/league`,
  summary: 'The league table (红黑榜): villages or towns under an area ranked by average score over a period',
  query: z.strictObject({ ...periodQuery, level: z.enum(['village', 'town']).default('village') }),
  responses: { 200: z.object({ from: day, to: day, level: z.enum(['village', 'town']), rows: z.array(leagueRow) }) },
});

export const exportScores = defineRoute({
  method: 'GET',
  path: `${BASE}/league/export`,
  summary: 'The period’s scores as .xlsx (towns and villages, one sheet each) for the year’s assessment',
  query: z.strictObject(periodQuery),
  responses: { 200: fileDownload },
});
