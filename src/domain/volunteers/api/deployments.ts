import { z } from 'zod';
import { defineRoute } from '../../contract';
import { calendarDate, day, idParams, instant, queryBool } from '../../primitives';
import { createDeploymentBody, serviceRecordBody } from '../schemas';
import { optionalId, pageQuery } from './params';
import { deployment } from './views';

/** Deployments (who serves where, when), recorded service and liaison notes, and hours. */

export const listDeployments = defineRoute({
  method: 'GET',
  path: '/api/deployments',
  summary: 'Live deployments, newest first, each with its clashes elsewhere',
  query: z.strictObject({
    under: optionalId,
    on: calendarDate.optional(),
    volunteerId: optionalId,
    teamId: optionalId,
    conflictsOnly: queryBool.optional(),
    ...pageQuery,
  }),
  responses: { 200: z.object({ items: z.array(deployment), total: z.number().int() }) },
});

export const createDeployment = defineRoute({
  method: 'POST',
  path: '/api/deployments',
  summary: 'Deploys a person or a team to a place for some days',
  body: createDeploymentBody,
  responses: { 201: deployment },
});

export const cancelDeployment = defineRoute({
  method: 'POST',
  path: '/api/deployments/:id/cancel',
  summary: 'Cancels a deployment',
  params: idParams,
  responses: { 200: deployment },
});

export const serviceRecord = z.object({
  id: z.number(),
  volunteerId: z.number(),
  volunteerName: z.string(),
  areaName: z.string(),
  on: day,
  hours: z.number(),
  work: z.string().nullable(),
  note: z.string().nullable(),
  liaisonGroup: z.string().nullable(),
  recordedBy: z.string().nullable(),
  createdAt: instant,
});

export const listServiceRecords = defineRoute({
  method: 'GET',
  path: '/api/service-records',
  summary: 'Recorded work and liaison groups’ notes, newest first',
  query: z.strictObject({
    volunteerId: optionalId,
    under: optionalId,
    from: calendarDate.optional(),
    to: calendarDate.optional(),
    notesOnly: queryBool.optional(),
    ...pageQuery,
  }),
  responses: { 200: z.object({ items: z.array(serviceRecord), total: z.number().int() }) },
});

export const addServiceRecord = defineRoute({
  method: 'POST',
  path: '/api/service-records',
  summary: 'Records a day’s work or a liaison note',
  body: serviceRecordBody,
  responses: { 201: serviceRecord },
});

export const serviceHours = defineRoute({
  method: 'GET',
  path: '/api/service/hours',
  summary: 'Hours per person per day (deployments and recorded work, at most 24 a day)',
  query: z.strictObject({ from: calendarDate, to: calendarDate, under: optionalId, volunteerId: optionalId }),
  responses: {
    200: z.object({
      items: z.array(z.object({ volunteerId: z.number(), name: z.string(), on: day, hours: z.number(), sources: z.array(z.string()) })),
    }),
  },
});

export const serviceTotals = defineRoute({
  method: 'GET',
  path: '/api/service/totals',
  summary: 'Hours and people over a period, by branch, team, category or person',
  query: z.strictObject({ from: calendarDate, to: calendarDate, under: optionalId, by: z.enum(['branch', 'team', 'category', 'person']).default('branch') }),
  responses: { 200: z.object({ items: z.array(z.object({ key: z.string(), name: z.string(), people: z.number(), hours: z.number() })) }) },
});

export type ServiceRecord = z.infer<typeof serviceRecord>;
