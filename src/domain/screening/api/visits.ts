import { z } from 'zod';
import { defineRoute } from '../../contract';
import { day, idParam, instant } from '../../primitives';
import { VISIT_OUTCOMES, visitBody } from '../schemas';
import { pageQuery } from './paging';

/** Household visits from the phone (one per `clientId`: a retry answers the first result). */

export const visit = z.object({
  id: z.number(),
  clientId: z.string(),
  campaignId: z.number(),
  householdId: z.number(),
  address: z.string(),
  areaId: z.number(),
  areaPath: z.string(),
  areaName: z.string(),
  outcome: z.enum(VISIT_OUTCOMES),
  rosterConfirmed: z.boolean(),
  added: z.array(z.object({ residentId: z.number(), name: z.string() })),
  movedOut: z.array(z.object({ residentId: z.number(), name: z.string(), on: day })),
  /** Roster changes waiting for a cadre (the visitor may not change the registry themselves). */
  proposed: z.array(z.object({ proposalId: z.number(), kind: z.enum(['add', 'move_out']), name: z.string() })),
  arrivals: z.array(z.object({ id: z.number(), residentId: z.number(), originName: z.string(), originRiskLevel: z.string(), arrivedOn: day })),
  codeColour: z.string().nullable(),
  symptoms: z.array(z.string()),
  temperature: z.number().nullable(),
  testProof: z.string().nullable(),
  needs: z.array(z.string()),
  note: z.string().nullable(),
  revisitOn: day.nullable(),
  revisitTaskId: z.number().nullable(),
  /** The fever alert this visit raised (a temperature at or above the policy's threshold, or an alerting symptom). */
  alertId: z.number().nullable(),
  visitedAt: instant,
  visitedByName: z.string().nullable(),
});
export type Visit = z.infer<typeof visit>;

export const submitVisit = defineRoute({
  method: 'POST',
  path: '/api/screening/visits',
  summary: 'Records a household visit (201 recorded, 200 the same clientId answered again)',
  body: visitBody,
  responses: { 201: visit, 200: visit },
});

export const listVisits = defineRoute({
  method: 'GET',
  path: '/api/screening/visits',
  summary: 'Visits in the caller’s scope, newest first',
  query: z.strictObject({ campaignId: idParam.optional(), householdId: idParam.optional(), ...pageQuery }),
  responses: { 200: z.object({ items: z.array(visit), total: z.number().int() }) },
});
