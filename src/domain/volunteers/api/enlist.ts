import { z } from 'zod';
import { defineRoute, type ResponseOf } from '../../contract';
import { idParams, plainText } from '../../primitives';
import { approveBody, CATEGORIES, enlistBody, ORG_KINDS, refuseBody, SKILLS } from '../schemas';
import { optionalId, pageQuery } from './params';
import { enlistment, volunteer } from './views';

/** Enlistment (报到 / 请战): the public form reached by a branch's link, and the secretary's approval queue. */

/** A branch's link token: what the QR code carries. */
const tokenParams = z.strictObject({
  branchToken: z
    .string()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
});

export const enlistForm = defineRoute({
  method: 'GET',
  path: '/api/enlist/:branchToken',
  summary: 'The public enlistment form of an open branch (no account)',
  params: tokenParams,
  responses: {
    200: z.object({
      org: z.object({ name: z.string(), kind: z.enum(ORG_KINDS), place: z.string().nullable(), areaName: z.string() }),
      categories: z.array(z.enum(CATEGORIES)),
      skills: z.array(z.enum(SKILLS)),
    }),
  },
});

/** The same answer whatever the ID number: unknown, pending elsewhere or already approved (no oracle on a public form). */
const submitted = z.object({ id: z.number(), status: z.literal('pending') });

export const enlistSubmit = defineRoute({
  method: 'POST',
  path: '/api/enlist/:branchToken',
  summary: 'Submits the public form: always a new application (a resubmission sits beside the first for the secretary)',
  params: tokenParams,
  body: enlistBody,
  responses: { 201: submitted },
});

export const listEnlistments = defineRoute({
  method: 'GET',
  path: '/api/enlistments',
  summary: 'The approval queue, pending first',
  query: z.strictObject({
    status: z.enum(['pending', 'approved', 'refused']).optional(),
    orgId: optionalId,
    q: plainText(50).optional(),
    ...pageQuery,
  }),
  responses: { 200: z.object({ items: z.array(enlistment), total: z.number().int() }) },
});

export const getEnlistment = defineRoute({
  method: 'GET',
  path: '/api/enlistments/:id',
  summary: 'One application, with the resident of its ID number when the approver may see them',
  params: idParams,
  responses: { 200: enlistment },
});

export const approveEnlistment = defineRoute({
  method: 'POST',
  path: '/api/enlistments/:id/approve',
  summary: 'Approves an application: the volunteer is created or updated, joins the branch, and gets an account if asked',
  params: idParams,
  body: approveBody,
  responses: {
    200: z.object({
      enlistment,
      volunteer: volunteer.nullable(),
      account: z.object({ userId: z.number(), username: z.string(), initialPassword: z.string().optional() }).nullable(),
    }),
  },
});

export const refuseEnlistment = defineRoute({
  method: 'POST',
  path: '/api/enlistments/:id/refuse',
  summary: 'Refuses an application with a reason',
  params: idParams,
  body: refuseBody,
  responses: { 200: enlistment },
});

export type EnlistForm = ResponseOf<typeof enlistForm>;
export type ApproveResult = ResponseOf<typeof approveEnlistment>;
