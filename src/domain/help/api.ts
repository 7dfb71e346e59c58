import { z } from 'zod';
import { defineRoute } from '../contract';
import { calendarDate, day, idParams, instant, pageOf, paging } from '../primitives';
import { photoRef } from '../photos/api';
import { OUTREACH_OUTCOMES, OUTREACH_STATES, outreachCallBody, outreachPrepareBody } from './outreach';
import { HELP_CHANNELS, HELP_KINDS, HELP_STATUSES } from './policy';
import {
  assignBody,
  closeBody,
  closureQuery,
  deliverBody,
  followUpBody,
  linkBody,
  publicSubmitBody,
  recordBody,
  refuseBody,
  stepBody,
  trackingCode,
  transferBody,
} from './schemas';

/** The help module's routes (server/modules/help): intake, triage boards, dispatch and delivery, closure (群众求助). */
const BASE = '/api/help';
const names = z.object({ zh: z.string(), en: z.string() });
const idQuery = z.coerce.number().int().positive().max(2_147_483_647);

// ——— answers ———
export const helpPolicyAnswer = z.object({
  version: z.number(),
  kinds: z.array(
    z.object({
      code: z.enum(HELP_KINDS),
      name: names,
      steps: z.array(
        z.object({
          code: z.string(),
          name: names,
          role: z.string(),
          setsTier: z.boolean().optional(),
          options: z.array(z.object({ code: z.string(), name: names, leads: z.enum(['next', 'impossible']) })),
        }),
      ),
    }),
  ),
  tiers: z.array(z.object({ code: z.string(), name: names, minutes: z.number(), call120: z.boolean().optional() })),
  defaultTier: z.string(),
});

/** A request in a list or on a board: name and phone masked. */
export const helpListItem = z.object({
  id: z.number(),
  code: z.string(),
  kind: z.enum(HELP_KINDS),
  status: z.enum(HELP_STATUSES),
  step: z.string().nullable(),
  tier: z.string(),
  channel: z.enum(HELP_CHANNELS),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  need: z.string(),
  areaId: z.number(),
  areaName: z.string(),
  groups: z.array(z.string()),
  createdAt: instant,
  stepSince: instant,
  dueAt: instant,
  overdue: z.boolean(),
  escalationLevel: z.number(),
  merged: z.number(),
});

export const helpDetail = helpListItem.extend({
  /** Cash advanced by the deliverer (垫付), in yuan, and when the office settled it. */
  advanceYuan: z.number().nullable(),
  advanceSettledAt: instant.nullable(),
  /** On the request's page only: the doorstep photos and the purchase's receipts. */
  proofPhotos: z.array(photoRef).optional(),
  receiptPhotos: z.array(photoRef).optional(),
  address: z.string().nullable(),
  residentId: z.number().nullable(),
  householdId: z.number().nullable(),
  externalRef: z.string().nullable(),
  decisions: z.record(z.string(), z.object({ option: z.string(), note: z.string().nullable(), by: z.string().nullable(), at: z.string() })),
  delivererUserId: z.number().nullable(),
  delivererName: z.string().nullable(),
  deliveredAt: instant.nullable(),
  proof: z.enum(['code', 'photo']).nullable(),
  closedAt: instant.nullable(),
  closedWithin: z.boolean().nullable(),
  publicNote: z.string().nullable(),
  satisfaction: z.number().nullable(),
  followUpNote: z.string().nullable(),
  transfer: z
    .object({ areaId: z.number(), areaName: z.string(), groupId: z.number().nullable(), groupName: z.string().nullable(), reason: z.string() })
    .nullable(),
  transferRefusedReason: z.string().nullable(),
});

/** 我的代办: what a deliverer needs — the address to go to, the phone masked, the name masked. */
export const deliveryItem = z.object({
  id: z.number(),
  code: z.string(),
  kind: z.enum(HELP_KINDS),
  need: z.string(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  areaName: z.string(),
  dueAt: instant,
  overdue: z.boolean(),
});

const tiersAnswer = z.array(z.object({ code: z.string(), name: names, call120: z.boolean() }));
const linkItem = z.object({ areaId: z.number(), areaName: z.string(), token: z.string() });
const codeParams = z.strictObject({ code: trackingCode });
const tokenParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'invalid_token') });

// ——— public ———
export const helpIntakeForm = defineRoute({
  method: 'GET',
  path: `${BASE}/intake/:token`,
  summary: 'The public help page of an area (no account): its name, the kinds of need and the urgency tiers',
  params: tokenParams,
  responses: { 200: z.object({ areaName: z.string(), kinds: z.array(z.object({ code: z.enum(HELP_KINDS), name: names })), tiers: tiersAnswer }) },
});

export const helpSubmit = defineRoute({
  method: 'POST',
  path: `${BASE}/intake/:token`,
  summary: 'A public request for help; idempotent by clientId; the same need from the same phone soon after is merged',
  params: tokenParams,
  body: publicSubmitBody,
  responses: {
    201: z.object({ code: z.string(), handoverCode: z.string(), merged: z.boolean(), call120: z.boolean() }),
    200: z.object({ code: z.string(), handoverCode: z.string(), merged: z.boolean(), call120: z.boolean() }),
  },
});

export const helpTrack = defineRoute({
  method: 'GET',
  path: `${BASE}/track/:code`,
  summary: 'Look up a request by its tracking code (public): its status and what the office said, nothing personal',
  params: codeParams,
  responses: {
    200: z.object({
      code: z.string(),
      kind: z.enum(HELP_KINDS),
      status: z.enum(['received', 'handling', 'on_the_way', 'done', 'impossible']),
      createdAt: instant,
      closedAt: instant.nullable(),
      note: z.string().nullable(),
    }),
  },
});

// ——— policy and intake links ———
export const helpPolicyRoute = defineRoute({
  method: 'GET',
  path: `${BASE}/policy`,
  summary: 'The kinds, their triage steps and the urgency tiers',
  responses: { 200: helpPolicyAnswer },
});
export const listHelpLinks = defineRoute({
  method: 'GET',
  path: `${BASE}/links`,
  summary: "The public page's links of the areas in scope",
  responses: { 200: z.object({ items: z.array(linkItem) }) },
});
export const createHelpLink = defineRoute({
  method: 'POST',
  path: `${BASE}/links`,
  summary: "An area's public page link (made once; asked again, the same one)",
  body: linkBody,
  responses: { 200: linkItem },
});

// ——— requests ———
export const recordHelp = defineRoute({
  method: 'POST',
  path: `${BASE}/requests`,
  summary: "A worker records a request on someone's behalf (phone, 12345 hotline, walk-in)",
  body: recordBody,
  responses: { 201: z.object({ request: helpDetail, handoverCode: z.string(), merged: z.boolean() }) },
});
export const importHotline = defineRoute({
  method: 'POST',
  path: `${BASE}/hotline-import`,
  summary:
    "Imports the 12345 hotline's list (multipart/form-data, one csv or xlsx) as requests at an area, all or nothing; case numbers already recorded are skipped",
  query: z.strictObject({ areaId: idQuery }),
  responses: { 201: z.object({ rows: z.number().int(), created: z.number().int(), merged: z.number().int(), already: z.number().int() }) },
});
export const settleAdvance = defineRoute({
  method: 'POST',
  path: `${BASE}/requests/:id/advance/settle`,
  summary: "The office paid back the cash a deliverer advanced for a request's purchase (报销), once",
  params: idParams,
  responses: { 200: helpDetail },
});
export const listAdvances = defineRoute({
  method: 'GET',
  path: `${BASE}/advances`,
  summary: 'Cash advanced by deliverers and not yet paid back, oldest first, with the total',
  query: z.strictObject({ under: idQuery.optional() }),
  responses: {
    200: z.object({
      items: z.array(
        z.object({
          id: z.number(),
          code: z.string(),
          areaName: z.string(),
          delivererName: z.string().nullable(),
          advanceYuan: z.number(),
          deliveredAt: instant.nullable(),
        }),
      ),
      totalYuan: z.number(),
    }),
  },
});
export const listHelp = defineRoute({
  method: 'GET',
  path: `${BASE}/requests`,
  summary: 'Requests in scope, longest-waiting first',
  query: z.strictObject({
    under: idQuery.optional(),
    status: z.enum(HELP_STATUSES).optional(),
    kind: z.enum(HELP_KINDS).optional(),
    ...paging,
  }),
  responses: { 200: pageOf(helpListItem) },
});
export const getHelp = defineRoute({ method: 'GET', path: `${BASE}/requests/:id`, params: idParams, responses: { 200: helpDetail } });
export const helpStep = defineRoute({
  method: 'POST',
  path: `${BASE}/requests/:id/step`,
  summary: "Decide the request's current triage step (by a holder of the step's role)",
  params: idParams,
  body: stepBody,
  responses: { 200: helpDetail },
});
export const helpBoard = defineRoute({
  method: 'GET',
  path: `${BASE}/board`,
  summary: 'Open requests at one step (or waiting for dispatch), longest-waiting first, overdue marked',
  query: z.strictObject({ kind: z.enum(HELP_KINDS), step: z.string().min(1).max(40), under: idQuery.optional(), ...paging }),
  responses: { 200: z.object({ items: z.array(helpListItem), total: z.number(), overdue: z.number() }) },
});
export const helpBoardCounts = defineRoute({
  method: 'GET',
  path: `${BASE}/board/counts`,
  summary: 'Open requests per kind and step, and overdue',
  query: z.strictObject({ under: idQuery.optional() }),
  responses: { 200: z.object({ items: z.array(z.object({ kind: z.enum(HELP_KINDS), step: z.string(), open: z.number(), overdue: z.number() })) }) },
});
export const helpDeliverers = defineRoute({
  method: 'GET',
  path: `${BASE}/requests/:id/deliverers`,
  summary: "Who may deliver: the household's linked party member first, then volunteers of the area",
  params: idParams,
  responses: { 200: z.object({ items: z.array(z.object({ userId: z.number(), name: z.string(), why: z.enum(['linked_member', 'area_volunteer']) })) }) },
});
export const assignHelp = defineRoute({
  method: 'POST',
  path: `${BASE}/requests/:id/assign`,
  summary: 'Give the request to a deliverer (the first proposed one when none is named)',
  params: idParams,
  body: assignBody,
  responses: { 200: helpDetail },
});
export const myDeliveries = defineRoute({
  method: 'GET',
  path: `${BASE}/mine`,
  summary: '我的代办: the requests given to me to deliver',
  responses: { 200: z.object({ items: z.array(deliveryItem) }) },
});
export const deliverHelp = defineRoute({
  method: 'POST',
  path: `${BASE}/requests/:id/deliver`,
  summary: "Delivered, with proof: a photo or the recipient's code",
  params: idParams,
  body: deliverBody,
  responses: { 200: deliveryItem.extend({ deliveredAt: instant }) },
});
export const closeHelp = defineRoute({
  method: 'POST',
  path: `${BASE}/requests/:id/close`,
  summary: 'Close a delivered request, or close one as impossible with the reason the person is given',
  params: idParams,
  body: closeBody,
  responses: { 200: helpDetail },
});
export const transferHelp = defineRoute({
  method: 'POST',
  path: `${BASE}/requests/:id/transfer`,
  summary: '转办/交办: hand the request to another office or a command group, which accepts or refuses',
  params: idParams,
  body: transferBody,
  responses: { 200: helpDetail },
});
export const acceptTransfer = defineRoute({ method: 'POST', path: `${BASE}/requests/:id/transfer/accept`, params: idParams, responses: { 200: helpDetail } });
export const refuseTransfer = defineRoute({
  method: 'POST',
  path: `${BASE}/requests/:id/transfer/refuse`,
  params: idParams,
  body: refuseBody,
  responses: { 200: helpDetail },
});
export const followUpHelp = defineRoute({
  method: 'POST',
  path: `${BASE}/requests/:id/follow-up`,
  summary: '回访: the follow-up call after closing, with satisfaction 1–5',
  params: idParams,
  body: followUpBody,
  responses: { 200: helpDetail },
});
export const helpClosure = defineRoute({
  method: 'GET',
  path: `${BASE}/closure`,
  summary: 'The closure rate per day (closed within the deadline ÷ received) and the open backlog by age',
  query: closureQuery,
  responses: {
    200: z.object({
      days: z.array(z.object({ day, received: z.number(), closedWithin: z.number(), rate: z.number().nullable() })),
      backlog: z.array(z.object({ bucket: z.enum(['under4h', 'under24h', 'under72h', 'over72h']), open: z.number() })),
    }),
  },
});

// ——— proactive care calls (主动关怀, outreach.ts) ———
const outreachList = z.object({
  code: z.string(),
  name: names,
  health: z.boolean(),
  everyDays: z.number(),
  people: z.number(),
  called: z.number(),
  needs: z.number(),
});
export const outreachCallItem = z.object({
  id: z.number(),
  day,
  residentId: z.number(),
  /** Masked like every list; the caller reveals the phone through the registry's audited reveal. */
  name: z.string(),
  phone: z.string().nullable(),
  age: z.number().nullable(),
  lists: z.array(z.string()),
  areaId: z.number(),
  areaName: z.string(),
  outcome: z.enum(OUTREACH_OUTCOMES).nullable(),
  attempts: z.number(),
  note: z.string().nullable(),
  requestId: z.number().nullable(),
  requestCode: z.string().nullable(),
  /** The caller's task for it: its call route hands the full number to the dialler, audited. */
  taskId: z.number().nullable(),
  calledAt: instant.nullable(),
  calledBy: z.string().nullable(),
});
export const outreachLists = defineRoute({
  method: 'GET',
  path: `${BASE}/outreach/lists`,
  summary: "The care-call lists (policy data) with a day's people, calls made and needs found in scope",
  query: z.strictObject({ under: idQuery.optional(), day: calendarDate.optional() }),
  responses: { 200: z.object({ day, items: z.array(outreachList) }) },
});
export const outreachCalls = defineRoute({
  method: 'GET',
  path: `${BASE}/outreach/calls`,
  summary: "A day's care calls in scope, the not-yet-called first, then the not reached",
  query: z.strictObject({
    under: idQuery.optional(),
    day: calendarDate.optional(),
    list: z.string().min(1).max(40).optional(),
    state: z.enum(OUTREACH_STATES).optional(),
    ...paging,
  }),
  responses: { 200: pageOf(outreachCallItem) },
});
export const prepareOutreach = defineRoute({
  method: 'POST',
  path: `${BASE}/outreach/prepare`,
  summary: "Makes a day's care calls and their tasks under an area now (the daily job does it each morning); idempotent",
  body: outreachPrepareBody,
  responses: { 200: z.object({ day, created: z.number() }) },
});
export const recordOutreachCall = defineRoute({
  method: 'POST',
  path: `${BASE}/outreach/calls/:id`,
  summary: "A care call's outcome; a need found becomes a request on the 'outreach' channel; the task is closed",
  params: idParams,
  body: outreachCallBody,
  responses: { 200: z.object({ call: outreachCallItem, requestCode: z.string().nullable() }) },
});
