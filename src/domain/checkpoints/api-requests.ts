import { z } from 'zod';
import { defineRoute } from '../contract';
import { calendarDate, day, idParam, idParams, instant, pageOf, paging } from '../primitives';
import { rosterWarning } from './api';
import { ROSTER_REQUEST_KINDS, ROSTER_REQUEST_STATUSES, STAFF_ROLES } from './kinds';
import { requestDecisionBody, rosterRequestBody } from './schemas';

/**
 * Swap and leave requests on the roster (server/modules/checkpoints/requests*.ts): asked from 我的班次, accepted by
 * the named colleague (a swap), approved or refused by a cadre of the area on the roster board or from the inbox.
 */
const BASE = '/api/checkpoints/roster/requests';

/** One shift a request is about, as it was when the request was made. */
const requestShift = z.object({
  assignmentId: z.number(),
  postId: z.number(),
  postName: z.string(),
  day: day,
  shiftCode: z.string(),
  shiftName: z.string(),
  startsAt: instant,
  endsAt: instant,
  role: z.enum(STAFF_ROLES),
});

export const rosterRequest = z.object({
  id: z.number(),
  kind: z.enum(ROSTER_REQUEST_KINDS),
  status: z.enum(ROSTER_REQUEST_STATUSES),
  requesterId: z.number(),
  requesterName: z.string(),
  colleagueId: z.number().nullable(),
  colleagueName: z.string().nullable(),
  areaId: z.number(),
  areaName: z.string(),
  shifts: z.array(requestShift),
  fromDay: day.nullable(),
  toDay: day.nullable(),
  reason: z.string().nullable(),
  decisionNote: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: instant.nullable(),
  createdAt: instant,
  /**
   * The roster rules the colleague would break by taking the shift (a swap still open), or broke when it was
   * approved (the approval's answer): warned, not refused, as for a hand edit.
   */
  warnings: z.array(rosterWarning),
});
export type RosterRequest = z.infer<typeof rosterRequest>;

export const createRosterRequest = defineRoute({
  method: 'POST',
  path: BASE,
  summary:
    'Asks to hand one of my shifts to a colleague (swap) or for leave on a shift or a range of days; 409 for a shift already started or already asked about',
  body: rosterRequestBody,
  responses: { 201: rosterRequest },
});
export const listRosterRequests = defineRoute({
  method: 'GET',
  path: BASE,
  summary: 'Requests under an area in the caller’s scope (open ones by default), for the roster board',
  query: z.strictObject({
    under: idParam.optional(),
    status: z.enum([...ROSTER_REQUEST_STATUSES, 'open', 'all']).default('open'),
    from: calendarDate.optional(),
    ...paging,
  }),
  responses: { 200: pageOf(rosterRequest) },
});
export const myRosterRequests = defineRoute({
  method: 'GET',
  path: `${BASE}/mine`,
  summary: 'Requests I made and those asked of me as the colleague, newest first (我的班次)',
  responses: { 200: z.object({ made: z.array(rosterRequest), asked: z.array(rosterRequest) }) },
});

export const requestColleagues = defineRoute({
  method: 'GET',
  path: `${BASE}/colleagues`,
  summary: 'Who may take one of my shifts: people on duty in my scope who may fill its role (names only)',
  query: z.strictObject({ assignmentId: idParam }),
  responses: { 200: z.object({ items: z.array(z.object({ userId: z.number(), name: z.string() })) }) },
});

const decision = (action: string, summary: string) =>
  defineRoute({
    method: 'POST',
    path: `${BASE}/:id/${action}` as const,
    summary,
    params: idParams,
    body: requestDecisionBody,
    responses: { 200: rosterRequest },
  });
export const acceptRosterRequest = decision('accept', 'The named colleague accepts a swap; it then waits for a cadre');
export const declineRosterRequest = decision('decline', 'The named colleague declines a swap; nothing changes');
export const withdrawRosterRequest = decision('withdraw', 'The requester withdraws an open request; nothing changes');
export const approveRosterRequest = decision(
  'approve',
  'A cadre of the area approves: the shift moves to the colleague, or the leave’s shifts become gaps; the rules broken are warned',
);
export const refuseRosterRequest = decision('refuse', 'A cadre of the area refuses an open request; nothing changes');
