import { z } from 'zod';
import { defineRoute } from '../contract';
import { decision } from '../policy/api';
import { CODE_COLOURS, CONTACT_TYPES, MEASURE_KINDS, ORIGIN_SCOPES, RISK_LEVELS, SYMPTOMS } from '../policy/rules';
import { situationSchema } from '../policy/schemas';
import { calendarDate, id, idParam, idParams, instant, plainText, queryBool } from '../primitives';
import { MEASURE_STATES } from './measures';
import { RESOLUTIONS, temperature } from './schemas';

/**
 * Classified control and health monitoring (server/modules/monitoring): isolation sites, measures and their
 * state machine (./measures.ts), follow-ups and fever alerts. Bodies are shared with the web forms.
 */
const reason = plainText(200).min(1);
const note = plainText(500);
const paging = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
export const FOLLOW_UP_STATUSES = ['scheduled', 'done', 'cancelled'] as const;
export const ALERT_STATUSES = ['open', 'resolved'] as const;
const PLACES = ['home', 'site'] as const;

// ——— bodies ———
export const proposeMeasureBody = z.strictObject({
  residentId: id,
  situation: situationSchema,
  on: calendarDate.optional(),
  gridWorkerId: id.optional(),
  doctorId: id.optional(),
  place: z.enum(PLACES).optional(),
  siteId: id.optional(),
  roomId: id.optional(),
});
export const reasonBody = z.strictObject({ reason });
export const optionalReasonBody = z.strictObject({ reason: reason.optional() });
export const endDateBody = z.strictObject({ endsOn: calendarDate, reason });
export const transferBody = z.strictObject({ place: z.enum(PLACES), siteId: id.optional(), roomId: id.optional(), reason });
export const assignMeasureBody = z.strictObject({ gridWorkerId: id.nullish(), doctorId: id.nullish() });

const roomInput = z.strictObject({ code: plainText(30).min(1), capacity: z.number().int().min(1).max(20).default(1) });
export const siteBody = z.strictObject({
  name: plainText(100).min(1),
  address: plainText(200).optional(),
  areaId: id,
  rooms: z.array(roomInput).max(1000).optional(),
});
export const roomsBody = z.strictObject({ rooms: z.array(roomInput).min(1).max(1000) });

export const recordFollowUpBody = z.strictObject({
  temperature,
  symptoms: z.array(z.enum(SYMPTOMS)).max(SYMPTOMS.length).default([]),
  note: note.optional(),
});
export const resolveAlertBody = z.strictObject({ resolution: z.enum(RESOLUTIONS), note: note.optional() });

// ——— answers ———
export const room = z.object({ id: z.number(), siteId: z.number(), code: z.string(), capacity: z.number(), occupied: z.number() });
export const site = z.object({
  id: z.number(),
  name: z.string(),
  address: z.string().nullable(),
  areaId: z.number(),
  areaPath: z.string(),
  areaName: z.string(),
  capacity: z.number(),
  occupied: z.number(),
  closedAt: instant.nullable(),
  rooms: z.array(room),
});
export type Site = z.infer<typeof site>;
export type Room = z.infer<typeof room>;

/** The situation a measure was decided on, as stored (the registry filled in age and special groups). */
const storedSituation = z.object({
  contactType: z.enum(CONTACT_TYPES).optional(),
  originRiskLevel: z.enum(RISK_LEVELS).optional(),
  originScope: z.enum(ORIGIN_SCOPES).optional(),
  codeColour: z.enum(CODE_COLOURS).optional(),
  exposedOn: z.string().optional(),
  arrivedOn: z.string().optional(),
  symptoms: z.array(z.enum(SYMPTOMS)).optional(),
  age: z.number().optional(),
  specialGroups: z.array(z.string()).optional(),
});

export const measure = z.object({
  id: z.number(),
  residentId: z.number(),
  residentName: z.string(),
  /** Masked. */
  idNumber: z.string().nullable(),
  arrivalId: z.number().nullable(),
  areaId: z.number(),
  areaPath: z.string(),
  areaName: z.string(),
  kind: z.enum(MEASURE_KINDS).exclude(['none']),
  state: z.enum(MEASURE_STATES),
  place: z.enum(PLACES),
  siteId: z.number().nullable(),
  siteName: z.string().nullable(),
  roomId: z.number().nullable(),
  roomCode: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  gridWorkerId: z.number().nullable(),
  gridWorkerName: z.string().nullable(),
  doctorId: z.number().nullable(),
  doctorName: z.string().nullable(),
  policySetId: z.number().nullable(),
  ruleVersion: z.string().nullable(),
  situation: storedSituation,
  testDates: z.array(z.string()),
  followUpsPerDay: z.number(),
  followUpTimes: z.array(z.string()),
  nextSteps: z.array(z.object({ measure: z.enum(MEASURE_KINDS), startsOn: z.string(), endsOn: z.string() })),
  previousId: z.number().nullable(),
  reason: z.string().nullable(),
  releasedAt: instant.nullable(),
  createdAt: instant,
});
export type Measure = z.infer<typeof measure>;

/** One change of a measure, oldest first, for its history tab. */
export const historyEntry = z.object({
  at: instant,
  action: z.string(),
  actorName: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  changes: z.array(z.string()),
});
export type HistoryEntry = z.infer<typeof historyEntry>;

export const followUp = z.object({
  id: z.number(),
  measureId: z.number(),
  residentId: z.number(),
  residentName: z.string(),
  areaId: z.number(),
  areaPath: z.string(),
  areaName: z.string(),
  doctorId: z.number().nullable(),
  dueAt: instant,
  day: z.string(),
  time: z.string(),
  status: z.enum(FOLLOW_UP_STATUSES),
  overdue: z.boolean(),
  temperature: z.number().nullable(),
  symptoms: z.array(z.enum(SYMPTOMS)),
  note: z.string().nullable(),
  recordedAt: instant.nullable(),
  recordedByName: z.string().nullable(),
  alertId: z.number().nullable(),
});
export type FollowUp = z.infer<typeof followUp>;

export const feverAlert = z.object({
  id: z.number(),
  followUpId: z.number().nullable(),
  measureId: z.number().nullable(),
  /** A door-to-door visit's alert: the visit, and the household (the person may not be named). */
  visitId: z.number().nullable(),
  householdId: z.number().nullable(),
  residentId: z.number().nullable(),
  /** The person's name, or the household's address when the visit named nobody. */
  residentName: z.string(),
  areaId: z.number(),
  areaPath: z.string(),
  areaName: z.string(),
  temperature: z.number().nullable(),
  symptoms: z.array(z.enum(SYMPTOMS)),
  raisedAt: instant,
  status: z.enum(ALERT_STATUSES),
  resolution: z.enum(RESOLUTIONS).nullable(),
  note: z.string().nullable(),
  resolvedAt: instant.nullable(),
  resolvedByName: z.string().nullable(),
});
export type FeverAlert = z.infer<typeof feverAlert>;

// ——— isolation sites ———
export const listSites = defineRoute({
  method: 'GET',
  path: '/api/isolation-sites',
  summary: 'Isolation sites in scope with their rooms and beds taken',
  query: z.strictObject({ under: idParam.optional() }),
  responses: { 200: z.object({ items: z.array(site) }) },
});

export const createSite = defineRoute({
  method: 'POST',
  path: '/api/isolation-sites',
  summary: 'A new isolation site, with rooms',
  body: siteBody,
  responses: { 201: site },
});

export const addRooms = defineRoute({
  method: 'POST',
  path: '/api/isolation-sites/:id/rooms',
  summary: 'Adds rooms to a site (a code it has already takes the new capacity)',
  params: idParams,
  body: roomsBody,
  responses: { 200: site },
});

// ——— measures ———
export const listMeasures = defineRoute({
  method: 'GET',
  path: '/api/measures',
  summary: 'Measures in scope, newest first',
  query: z.strictObject({
    under: idParam.optional(),
    state: z.enum(MEASURE_STATES).optional(),
    kind: z.enum(MEASURE_KINDS).optional(),
    residentId: idParam.optional(),
    ...paging,
  }),
  responses: { 200: z.object({ items: z.array(measure), total: z.number().int() }) },
});

export const getMeasure = defineRoute({
  method: 'GET',
  path: '/api/measures/:id',
  summary: 'One measure with its history',
  params: idParams,
  responses: { 200: measure.extend({ history: z.array(historyEntry) }) },
});

/** The decision, and the measure proposed (none when the policy gives no measure). */
export const proposal = z.object({ decision, measure: measure.nullable() });

export const proposeMeasure = defineRoute({
  method: 'POST',
  path: '/api/measures',
  summary: 'Proposes the measure the policy in force gives a resident’s situation (201), or answers that it gives none (200)',
  body: proposeMeasureBody,
  responses: { 200: proposal, 201: proposal },
});

const measureAction = (path: string, summary: string) =>
  defineRoute({ method: 'POST', path: `/api/measures/:id/${path}`, summary, params: idParams, responses: { 200: measure } });

export const assignMeasure = defineRoute({
  method: 'PATCH',
  path: '/api/measures/:id',
  summary: 'Changes the grid worker or doctor of a measure',
  params: idParams,
  body: assignMeasureBody,
  responses: { 200: measure },
});
export const confirmMeasure = measureAction('confirm', 'Confirms a proposed measure');
export const cancelMeasure = { ...measureAction('cancel', 'Cancels a proposed measure, with a reason'), body: reasonBody };
export const startMeasure = measureAction('start', 'Starts a confirmed measure: its follow-ups are written');
export const setEndDate = { ...measureAction('end-date', 'Extends or shortens a measure, with a reason'), body: endDateBody };
export const releaseCheck = measureAction('release-check', 'Sends an active measure to its release check (a task for the grid worker)');
export const releaseMeasure = {
  ...measureAction('release', 'Releases a measure (early from active, with a reason); the next step is proposed'),
  body: optionalReasonBody.optional(),
};
export const transferMeasure = { ...measureAction('transfer', 'Moves a person home or to a site room, with a reason'), body: transferBody };

// ——— follow-ups and fever alerts ———
export const generateFollowUps = defineRoute({
  method: 'POST',
  path: '/api/measures/:id/follow-ups/generate',
  summary: 'Writes the follow-ups of a measure up to the horizon (idempotent)',
  params: idParams,
  responses: { 200: z.object({ created: z.number() }) },
});

export const todayFollowUps = defineRoute({
  method: 'GET',
  path: '/api/follow-ups/today',
  summary: 'The doctor’s list: a day’s follow-ups where I am the doctor, or every one in scope',
  query: z.strictObject({ all: queryBool.optional(), day: calendarDate.optional() }),
  responses: { 200: z.object({ day: z.string(), items: z.array(followUp) }) },
});

export const listFollowUps = defineRoute({
  method: 'GET',
  path: '/api/follow-ups',
  summary: 'Follow-ups in scope, by due time',
  query: z.strictObject({
    measureId: idParam.optional(),
    under: idParam.optional(),
    from: calendarDate.optional(),
    to: calendarDate.optional(),
    status: z.enum(FOLLOW_UP_STATUSES).optional(),
    overdue: queryBool.optional(),
    ...paging,
  }),
  responses: { 200: z.object({ items: z.array(followUp), total: z.number().int() }) },
});

export const recordFollowUp = defineRoute({
  method: 'POST',
  path: '/api/follow-ups/:id/record',
  summary: 'Records a reading; a fever or an alerting symptom raises a fever alert',
  params: idParams,
  body: recordFollowUpBody,
  responses: { 200: followUp },
});

export const listAlerts = defineRoute({
  method: 'GET',
  path: '/api/fever-alerts',
  summary: 'Fever alerts in scope, open ones first',
  query: z.strictObject({ status: z.enum(ALERT_STATUSES).optional(), under: idParam.optional() }),
  responses: { 200: z.object({ items: z.array(feverAlert) }) },
});

export const resolveAlert = defineRoute({
  method: 'POST',
  path: '/api/fever-alerts/:id/resolve',
  summary: 'Resolves a fever alert (fever clinic, false alarm, other); its open tasks are done',
  params: idParams,
  body: resolveAlertBody,
  responses: { 200: feverAlert },
});
