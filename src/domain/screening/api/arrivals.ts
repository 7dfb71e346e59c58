import { z } from 'zod';
import { defineRoute } from '../../contract';
import { ORIGIN_SCOPES, RISK_LEVELS } from '../../policy/rules';
import { calendarDate, day, idParam, idParams, instant } from '../../primitives';
import { arrivalBody, proposeForArrivalBody } from '../schemas';
import { pageQuery } from './paging';
import { proposal } from '../../monitoring/api';

/** Arrivals (返乡人员): registered by hand or by a visit, with the origin's risk level on the arrival day. */

export const arrival = z.object({
  id: z.number(),
  residentId: z.number(),
  residentName: z.string(),
  areaId: z.number(),
  areaPath: z.string(),
  areaName: z.string(),
  /** The significant digits of the origin's division code; null abroad. */
  originCode: z.string().nullable(),
  originName: z.string(),
  originScope: z.enum(ORIGIN_SCOPES).nullable(),
  /** As the risk-area list gave it on the arrival day (`none`: not listed). */
  originRiskLevel: z.string().nullable(),
  riskAreaId: z.number().nullable(),
  arrivedOn: day,
  transport: z.string().nullable(),
  transportNo: z.string().nullable(),
  reason: z.string().nullable(),
  codeColour: z.string().nullable(),
  symptoms: z.array(z.string()),
  contactType: z.string().nullable(),
  exposedOn: day.nullable(),
  visitId: z.number().nullable(),
  createdAt: instant,
  createdByName: z.string().nullable(),
});
export type Arrival = z.infer<typeof arrival>;

export const listArrivals = defineRoute({
  method: 'GET',
  path: '/api/arrivals',
  summary: 'Arrivals in the caller’s scope, newest arrival first',
  query: z.strictObject({
    under: idParam.optional(),
    residentId: idParam.optional(),
    visitId: idParam.optional(),
    from: calendarDate.optional(),
    to: calendarDate.optional(),
    level: z.enum(RISK_LEVELS).optional(),
    ...pageQuery,
  }),
  responses: { 200: z.object({ items: z.array(arrival), total: z.number().int() }) },
});

export const getArrival = defineRoute({
  method: 'GET',
  path: '/api/arrivals/:id',
  summary: 'One arrival',
  params: idParams,
  responses: { 200: arrival },
});

export const registerArrival = defineRoute({
  method: 'POST',
  path: '/api/arrivals',
  summary: 'Registers an arrival of a resident; the origin’s risk level is looked up, never typed',
  body: arrivalBody,
  responses: { 201: arrival },
});

export const proposeForArrival = defineRoute({
  method: 'POST',
  path: '/api/arrivals/:id/propose',
  summary: 'Proposes the measure the policy in force gives this arrival (201 made, 200 when the policy gives none)',
  params: idParams,
  body: proposeForArrivalBody,
  responses: { 201: proposal, 200: proposal },
});
