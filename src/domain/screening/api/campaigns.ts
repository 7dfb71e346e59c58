import { z } from 'zod';
import { defineRoute } from '../../contract';
import { day, idParam, idParams, instant } from '../../primitives';
import { campaignBody, VISIT_OUTCOMES } from '../schemas';
import { pageQuery } from './paging';

/** Screening campaigns (敲门行动): made with a visit task per household, followed per grid, closed with a coverage report. */

export const CAMPAIGN_STATUSES = ['open', 'closed'] as const;

/** Households visited of total in one grid (key: the grid's id; null for households under no grid). */
export const gridProgress = z.object({
  key: z.number().nullable(),
  name: z.string().nullable(),
  households: z.number(),
  visited: z.number(),
  nobodyHome: z.number(),
  refused: z.number(),
  notTried: z.number(),
  /** Per cent visited, one decimal. */
  coverage: z.number(),
});
export type GridProgress = z.infer<typeof gridProgress>;

/** The report stored when a campaign closes. */
export const coverage = z.object({
  closedOn: day,
  households: z.number(),
  visited: z.number(),
  nobodyHome: z.number(),
  refused: z.number(),
  notTried: z.number(),
  coverage: z.number(),
  visits: z.number(),
  arrivals: z.number(),
  withSymptoms: z.number(),
  fever: z.number(),
  withNeeds: z.number(),
  peopleAdded: z.number(),
  peopleMovedOut: z.number(),
  byGrid: z.array(gridProgress),
});
export type Coverage = z.infer<typeof coverage>;

export const campaign = z.object({
  id: z.number(),
  name: z.string(),
  areaId: z.number(),
  areaPath: z.string(),
  areaName: z.string(),
  startsOn: day,
  endsOn: day,
  lookbackDays: z.number(),
  target: z.enum(['all', 'selection']),
  status: z.enum(CAMPAIGN_STATUSES),
  closedAt: instant.nullable(),
  coverage: coverage.nullable(),
  createdAt: instant,
  createdByName: z.string().nullable(),
  /** Households of the campaign in the caller's scope, and how many of them were visited. */
  households: z.number(),
  visited: z.number(),
});
export type Campaign = z.infer<typeof campaign>;

/** One household of a campaign and who answers for it. */
export const target = z.object({
  id: z.number(),
  campaignId: z.number(),
  householdId: z.number(),
  address: z.string(),
  areaId: z.number(),
  areaPath: z.string(),
  areaName: z.string(),
  gridId: z.number().nullable(),
  gridName: z.string().nullable(),
  attempts: z.number(),
  lastOutcome: z.enum(VISIT_OUTCOMES).nullable(),
  lastVisitAt: instant.nullable(),
  visitedAt: instant.nullable(),
  taskId: z.number().nullable(),
  responsible: z.object({ userId: z.number().nullable(), userName: z.string().nullable(), role: z.string().nullable() }),
});
export type Target = z.infer<typeof target>;

/** The household as the phone's visit form opens it: the target, its campaign and the roster to confirm. */
export const targetDetail = target.extend({
  campaign: z.object({ id: z.number(), name: z.string(), status: z.enum(CAMPAIGN_STATUSES), startsOn: day, endsOn: day, lookbackDays: z.number() }),
  members: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      relation: z.string().nullable(),
      sex: z.enum(['M', 'F']).nullable(),
      birthYear: z.number().nullable(),
      status: z.string(),
    }),
  ),
});
export type TargetDetail = z.infer<typeof targetDetail>;

export const listCampaigns = defineRoute({
  method: 'GET',
  path: '/api/screening/campaigns',
  summary: 'Campaigns the caller sees, open first',
  query: z.strictObject({ under: idParam.optional(), status: z.enum(CAMPAIGN_STATUSES).optional() }),
  responses: { 200: z.object({ items: z.array(campaign) }) },
});

export const createCampaign = defineRoute({
  method: 'POST',
  path: '/api/screening/campaigns',
  summary: 'Starts a campaign: a visit task per household, for a linked member, the grid worker or the grid-worker role',
  body: campaignBody,
  responses: { 201: campaign },
});

export const getCampaign = defineRoute({
  method: 'GET',
  path: '/api/screening/campaigns/:id',
  summary: 'One campaign, counted for the caller’s part of it',
  params: idParams,
  responses: { 200: campaign },
});

export const campaignProgress = defineRoute({
  method: 'GET',
  path: '/api/screening/campaigns/:id/progress',
  summary: 'Households visited of total per grid',
  params: idParams,
  query: z.strictObject({ by: z.enum(['grid']).default('grid') }),
  responses: {
    200: z.object({
      campaign,
      by: z.literal('grid'),
      items: z.array(gridProgress),
      total: z.object({ households: z.number(), visited: z.number() }),
    }),
  },
});

export const unvisitedHouseholds = defineRoute({
  method: 'GET',
  path: '/api/screening/campaigns/:id/unvisited',
  summary: 'The households not visited yet, with who answers for each (不漏一户)',
  params: idParams,
  query: z.strictObject({ under: idParam.optional(), ...pageQuery }),
  responses: { 200: z.object({ items: z.array(target), total: z.number().int() }) },
});

export const closeCampaign = defineRoute({
  method: 'POST',
  path: '/api/screening/campaigns/:id/close',
  summary: 'Closes the campaign: its coverage report is stored and open visit tasks end',
  params: idParams,
  responses: { 200: campaign },
});

export const getTarget = defineRoute({
  method: 'GET',
  path: '/api/screening/targets/:id',
  summary: 'One household of a campaign, with its roster, for the visit form',
  params: idParams,
  responses: { 200: targetDetail },
});
