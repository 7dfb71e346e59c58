import { z } from 'zod';
import { defineRoute } from '../contract';
import { exportPurposeBody } from '../platform/exports';
import { calendarDate, day, fileDownload, idParam, idParams, instant, okBody, pageOf, paging } from '../primitives';
import { CHECK_ITEMS, DECISIONS, DIRECTIONS, POST_KINDS, ROSTER_RULE_KINDS, STAFF_ROLES, SUPPLIES, VEHICLE_TYPES } from './kinds';
import { assignBody, checkInBody, createPostBody, crossingBody, fillBody, handoverBody, rosterPolicyBody, shiftsBody, updatePostBody } from './schemas';
import { SHIFT_KINDS } from './shifts';

/** The checkpoints module's routes (server/modules/checkpoints): posts, shifts, the roster, duty and crossings. */
const BASE = '/api/checkpoints';

// ——— answers ———
const shiftOut = z.object({ code: z.string(), name: z.string(), start: z.string(), end: z.string() });
const staffingOut = z.object(Object.fromEntries(STAFF_ROLES.map((r) => [r, z.number()])) as Record<(typeof STAFF_ROLES)[number], z.ZodNumber>);

export const post = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(POST_KINDS),
  areaId: z.number(),
  areaPath: z.string(),
  areaName: z.string(),
  place: z.string().nullable(),
  directions: z.array(z.enum(DIRECTIONS)),
  lanes: z.number(),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  staffing: staffingOut,
  /** The sum of the role minimums: a shift below it is a gap. */
  minimum: z.number(),
  shiftKind: z.enum(SHIFT_KINDS),
  shifts: z.array(shiftOut),
  handoverMinutes: z.number(),
  branchId: z.number().nullable(),
  opensOn: day,
  closesOn: day.nullable(),
  /** Open on the day asked (today by default). */
  open: z.boolean(),
});
export type Post = z.infer<typeof post>;

const person = z.object({
  assignmentId: z.number(),
  userId: z.number(),
  name: z.string(),
  role: z.enum(STAFF_ROLES),
  checkedInAt: instant.nullable(),
  late: z.boolean(),
  absent: z.boolean(),
});
export const rosterCell = z.object({
  postId: z.number(),
  day: z.string(),
  shiftCode: z.string(),
  startsAt: instant,
  endsAt: instant,
  people: z.array(person),
  minimum: z.number(),
  /** Roles below their minimum (by assignment): the board shows the cell in red. */
  short: z.array(z.enum(STAFF_ROLES)),
  gap: z.boolean(),
});
export type RosterCell = z.infer<typeof rosterCell>;

export const assignment = z.object({
  id: z.number(),
  postId: z.number(),
  postName: z.string(),
  place: z.string().nullable(),
  day: day,
  shiftCode: z.string(),
  shiftName: z.string(),
  startsAt: instant,
  endsAt: instant,
  userId: z.number(),
  userName: z.string(),
  role: z.enum(STAFF_ROLES),
  checkedInAt: instant.nullable(),
  lateMinutes: z.number().nullable(),
});
export type Assignment = z.infer<typeof assignment>;

export const handover = z.object({
  id: z.number(),
  postId: z.number(),
  day: day,
  shiftCode: z.string(),
  incidents: z.string().nullable(),
  suppliesShort: z.array(z.enum(SUPPLIES)),
  note: z.string().nullable(),
  recordedByName: z.string().nullable(),
  recordedAt: instant,
});

export const crossing = z.object({
  id: z.number(),
  postId: z.number(),
  postName: z.string(),
  at: instant,
  direction: z.enum(DIRECTIONS),
  plate: z.string().nullable(),
  vehicleType: z.enum(VEHICLE_TYPES).nullable(),
  passNo: z.string().nullable(),
  originName: z.string().nullable(),
  originRiskLevel: z.string(),
  checks: z.array(z.enum(CHECK_ITEMS)),
  people: z.array(
    z.object({
      /** Masked in lists (张*), as every list of people is. */
      name: z.string().nullable(),
      idNumber: z.string().nullable(),
      temperature: z.number(),
      feverish: z.boolean(),
      codeColour: z.string().nullable(),
      registered: z.boolean(),
      arrivalId: z.number().nullable(),
    }),
  ),
  flagged: z.number(),
  decision: z.enum(DECISIONS),
  policyDecision: z.enum(DECISIONS),
  policyRule: z.string(),
});
export type Crossing = z.infer<typeof crossing>;

export const crossingResult = crossing.extend({ replayed: z.boolean() });

export const figures = z.object({
  checked: z.number(),
  vehicles: z.number(),
  letThrough: z.number(),
  turnedBack: z.number(),
  vehiclesTurnedBack: z.number(),
  handedOver: z.number(),
  flagged: z.number(),
});
export type CrossingFigures = z.infer<typeof figures>;

// ——— posts ———
export const listPosts = defineRoute({
  method: 'GET',
  path: `${BASE}/posts`,
  summary: 'Posts in the caller’s scope (under an area; open on a day)',
  query: z.strictObject({ under: idParam.optional(), openOn: calendarDate.optional(), ...paging }),
  responses: { 200: pageOf(post) },
});
export const createPost = defineRoute({ method: 'POST', path: `${BASE}/posts`, summary: 'Sets up a post', body: createPostBody, responses: { 201: post } });
export const getPost = defineRoute({ method: 'GET', path: `${BASE}/posts/:id`, params: idParams, responses: { 200: post } });
export const updatePost = defineRoute({ method: 'PATCH', path: `${BASE}/posts/:id`, params: idParams, body: updatePostBody, responses: { 200: post } });
export const setShifts = defineRoute({
  method: 'PUT',
  path: `${BASE}/posts/:id/shifts`,
  summary: 'The post’s shift template; a post open around the clock must be covered 24 hours',
  params: idParams,
  body: shiftsBody,
  responses: { 200: post },
});
export const postQr = defineRoute({
  method: 'GET',
  path: `${BASE}/posts/:id/qr`,
  summary: 'What the post’s printed QR code carries (for check-ins)',
  params: idParams,
  responses: { 200: z.object({ text: z.string() }) },
});

// ——— roster ———
export const roster = defineRoute({
  method: 'GET',
  path: `${BASE}/roster`,
  summary: 'Posts × days × shifts with the people on each and the gaps',
  query: z.strictObject({ under: idParam.optional(), postId: idParam.optional(), from: calendarDate, days: z.coerce.number().int().min(1).max(14).default(7) }),
  responses: { 200: z.object({ posts: z.array(post), days: z.array(z.string()), cells: z.array(rosterCell) }) },
});
/** A roster rule a hand edit breaks: saved all the same, and shown (warned, not refused). */
export const rosterWarning = z.object({
  kind: z.enum(ROSTER_RULE_KINDS),
  /** Filled into the rule's text (hours, counts, a role's code the screen names in words). */
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type RosterWarning = z.infer<typeof rosterWarning>;

export const assign = defineRoute({
  method: 'POST',
  path: `${BASE}/assignments`,
  summary: 'Puts a person on a shift by hand (409 when they are elsewhere then); the roster rules it breaks are warned',
  body: assignBody,
  responses: { 201: assignment.extend({ warnings: z.array(rosterWarning) }) },
});
export const unassign = defineRoute({ method: 'DELETE', path: `${BASE}/assignments/:id`, params: idParams, responses: { 200: okBody } });
export const myShifts = defineRoute({
  method: 'GET',
  path: `${BASE}/my-shifts`,
  summary: 'My shifts from yesterday on (我的班次)',
  responses: { 200: z.object({ items: z.array(assignment) }) },
});

// ——— on duty ———
export const checkIn = defineRoute({
  method: 'POST',
  path: `${BASE}/check-in`,
  summary: 'Check-in at the post by its QR code, for my shift there now',
  body: checkInBody,
  responses: { 200: assignment },
});
export const addHandover = defineRoute({
  method: 'POST',
  path: `${BASE}/posts/:id/handovers`,
  params: idParams,
  body: handoverBody,
  responses: { 201: handover },
});
export const listHandovers = defineRoute({
  method: 'GET',
  path: `${BASE}/posts/:id/handovers`,
  params: idParams,
  query: z.strictObject({ ...paging }),
  responses: { 200: pageOf(handover) },
});

// ——— crossings ———
export const recordCrossing = defineRoute({
  method: 'POST',
  path: `${BASE}/crossings`,
  summary: 'Records a crossing (登记); the same clientId again answers the first record',
  body: crossingBody,
  responses: { 201: crossingResult, 200: crossingResult },
});
export const listCrossings = defineRoute({
  method: 'GET',
  path: `${BASE}/crossings`,
  query: z.strictObject({
    postId: idParam.optional(),
    under: idParam.optional(),
    day: calendarDate.optional(),
    decision: z.enum(DECISIONS).optional(),
    ...paging,
  }),
  responses: { 200: pageOf(crossing) },
});
export const crossingFigures = defineRoute({
  method: 'GET',
  path: `${BASE}/figures`,
  summary: 'A day’s figures per post, their roll-up and the hourly counts',
  query: z.strictObject({ postId: idParam.optional(), under: idParam.optional(), day: calendarDate.optional() }),
  responses: {
    200: z.object({
      day: z.string(),
      total: figures,
      posts: z.array(z.object({ postId: z.number(), name: z.string(), figures })),
      hours: z.array(z.object({ hour: z.number(), checked: z.number(), turnedBack: z.number() })),
    }),
  },
});

// ——— filling the week (一键排班) ———
export const rosterFill = z.object({
  id: z.number(),
  areaId: z.number(),
  areaName: z.string(),
  from: day,
  days: z.number(),
  status: z.enum(['running', 'done', 'failed']),
  /** queued → greedy (the quick fill) → optimising → saving → done. */
  phase: z.enum(['queued', 'greedy', 'optimising', 'saving', 'done']),
  policyVersion: z.number(),
  /** Every need met and no rule broken. */
  feasible: z.boolean().nullable(),
  /** The best roster's cost so far, and a proven lower bound on any roster's: the gap is how far from best it may be. */
  objective: z.number().nullable(),
  lowerBound: z.number().nullable(),
  gapPct: z.number().nullable(),
  greedyObjective: z.number().nullable(),
  optimal: z.boolean().nullable(),
  assigned: z.number().nullable(),
  /** People still missing across the week's shifts. */
  unfilled: z.number().nullable(),
  failed: z.boolean(),
  startedAt: instant,
  finishedAt: instant.nullable(),
  elapsedSeconds: z.number(),
});
export type RosterFill = z.infer<typeof rosterFill>;

export const fillRoster = defineRoute({
  method: 'POST',
  path: `${BASE}/roster/fill`,
  summary: 'Fills an area’s week from the people available: a quick greedy fill, then the optimiser (a background job; 409 while one runs for the area)',
  body: fillBody,
  responses: { 202: rosterFill },
});
export const getRosterFill = defineRoute({
  method: 'GET',
  path: `${BASE}/roster/fills/:id`,
  summary: 'A fill’s progress: phase, objective, lower bound and gap',
  params: idParams,
  responses: { 200: rosterFill },
});
export const latestRosterFill = defineRoute({
  method: 'GET',
  path: `${BASE}/roster/fill`,
  summary: 'The latest fill of an area (null when none)',
  query: z.strictObject({ areaId: idParam }),
  responses: { 200: z.object({ fill: rosterFill.nullable() }) },
});
const rosterPolicyOut = z.object({
  version: z.number(),
  note: z.string().nullable(),
  since: instant,
  restHours: z.number(),
  weeklyHourCap: z.number(),
  maxShiftsPerDay: z.number(),
  banNightThenMorning: z.boolean(),
  morningStartsBeforeHour: z.number(),
  freeNights: z.number(),
  freeWeekendShifts: z.number(),
  weights: z.object({ travelPerStep: z.number(), unfilled: z.number(), extraNight: z.number(), extraWeekendShift: z.number() }),
});
export const rosterPolicy = defineRoute({
  method: 'GET',
  path: `${BASE}/roster/policy`,
  summary: 'The roster rules and weights in force (policy data)',
  responses: { 200: rosterPolicyOut },
});
export const updateRosterPolicy = defineRoute({
  method: 'PUT',
  path: `${BASE}/roster/policy`,
  summary: 'Saves the roster rules and weights as a new version, in force for the next fill and hand edit (policy.manage, root scope only)',
  body: rosterPolicyBody,
  responses: { 200: rosterPolicyOut },
});

export const exportRoster = defineRoute({
  method: 'POST',
  path: `${BASE}/roster/export.xlsx`,
  summary: 'The week’s roster as .xlsx, one sheet per post, in Chinese (names and roles, never ID numbers or phones), for a stated purpose stamped in the file',
  query: z.strictObject({ under: idParam.optional(), postId: idParam.optional(), from: calendarDate, days: z.coerce.number().int().min(1).max(14).default(7) }),
  body: exportPurposeBody,
  responses: { 200: fileDownload },
});

export const rosterPeople = defineRoute({
  method: 'GET',
  path: `${BASE}/roster/people`,
  summary: 'Who may be put on duty under an area (names and the roles they may fill), for a hand edit',
  query: z.strictObject({ under: idParam.optional() }),
  responses: { 200: z.object({ items: z.array(z.object({ userId: z.number(), name: z.string(), roles: z.array(z.enum(STAFF_ROLES)) })) }) },
});
