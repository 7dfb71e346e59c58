import { z } from 'zod';
import { defineRoute } from '../contract';
import { day, idParams, instant, paging } from '../primitives';
import { photoRef } from '../photos/api';
import { JOB_KINDS, JOB_STATUSES, METHODS } from './kinds';
import { campaignBody, campaignVisitBody, jobBody, jobDoneBody, jobsQuery, publicityBody, rangeQuery, roundBody } from './schemas';

/** The field work module's routes (server/modules/fieldwork): disinfection (消杀) and publicity (宣传). */
const BASE = '/api/fieldwork';

// ——— answers ———
export const policy = z.object({
  terminalDeadlineHours: z.number(),
  maxJobAreaM2: z.number(),
  publicityKinds: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })),
  campaignTemplates: z.array(z.object({ code: z.string(), name: z.string(), items: z.array(z.object({ code: z.string(), text: z.string() })) })),
});

export const job = z.object({
  id: z.number(),
  kind: z.enum(JOB_KINDS),
  status: z.enum(JOB_STATUSES),
  areaId: z.number(),
  areaName: z.string(),
  place: z.string(),
  /** A terminal job's address, cut after its first part in lists (the job's page shows it whole). */
  address: z.string().nullable(),
  roundId: z.number().nullable(),
  plannedOn: day.nullable(),
  caseId: z.number().nullable(),
  dueAt: instant.nullable(),
  overdue: z.boolean(),
  teamId: z.number().nullable(),
  teamName: z.string().nullable(),
  disinfectant: z.string().nullable(),
  concentration: z.string().nullable(),
  method: z.enum(METHODS).nullable(),
  areaM2: z.number().nullable(),
  doneAt: instant.nullable(),
  doneByName: z.string().nullable(),
  createdAt: instant,
});

export const jobDetail = job.extend({
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  accuracyM: z.number().nullable(),
  note: z.string().nullable(),
  beforePhotos: z.array(photoRef),
  afterPhotos: z.array(photoRef),
});

export const round = z.object({
  id: z.number(),
  name: z.string(),
  areaId: z.number(),
  areaName: z.string(),
  teamId: z.number().nullable(),
  teamName: z.string().nullable(),
  startsOn: day,
  endsOn: day,
  jobs: z.number(),
  done: z.number(),
  createdAt: instant,
});

export const figureRow = z.object({ day: z.string(), areaId: z.number(), areaName: z.string(), jobs: z.number(), areaM2: z.number() });

export const publicityItem = z.object({
  id: z.number(),
  kind: z.string(),
  areaId: z.number(),
  areaName: z.string(),
  place: z.string().nullable(),
  count: z.number(),
  placedOn: day,
  note: z.string().nullable(),
  photos: z.array(photoRef),
  createdByName: z.string().nullable(),
  createdAt: instant,
});

export const publicityCounts = z.object({
  kinds: z.array(z.string()),
  rows: z.array(z.object({ areaId: z.number(), areaName: z.string(), counts: z.record(z.string(), z.number()), total: z.number() })),
  total: z.record(z.string(), z.number()),
});

const coverage = z.object({ households: z.number(), visited: z.number(), complete: z.number(), pct: z.number().nullable() });

export const campaign = z.object({
  id: z.number(),
  name: z.string(),
  areaId: z.number(),
  areaName: z.string(),
  startsOn: day,
  endsOn: day,
  items: z.array(z.object({ code: z.string(), text: z.string() })),
  coverage,
  createdAt: instant,
});

export const campaignDetail = campaign.extend({
  byVillage: z.array(coverage.extend({ areaId: z.number(), areaName: z.string() })),
});

export const campaignHousehold = z.object({
  householdId: z.number(),
  /** Cut after its first part, like every list's address. */
  address: z.string(),
  areaName: z.string(),
  ticked: z.array(z.string()),
  complete: z.boolean(),
  visits: z.number(),
  lastAt: instant,
  lastByName: z.string().nullable(),
});

// ——— routes ———
export const getPolicy = defineRoute({
  method: 'GET',
  path: `${BASE}/policy`,
  summary: 'Publicity kinds, campaign templates, the terminal deadline',
  responses: { 200: policy },
});

export const listJobs = defineRoute({
  method: 'GET',
  path: `${BASE}/disinfection/jobs`,
  summary: 'Disinfection jobs in scope, planned and overdue first',
  query: z.strictObject({ ...jobsQuery, ...paging }),
  responses: { 200: z.object({ items: z.array(job), total: z.number() }) },
});

export const recordJob = defineRoute({
  method: 'POST',
  path: `${BASE}/disinfection/jobs`,
  summary: 'Records a disinfection job done on the spot, with photos before and after',
  body: jobBody,
  responses: { 201: jobDetail },
});

export const getJob = defineRoute({
  method: 'GET',
  path: `${BASE}/disinfection/jobs/:id`,
  summary: 'One disinfection job with its photos',
  params: idParams,
  responses: { 200: jobDetail },
});

export const completeJob = defineRoute({
  method: 'POST',
  path: `${BASE}/disinfection/jobs/:id/done`,
  summary: 'Records a planned job (a round’s, or a case’s terminal job) done',
  params: idParams,
  body: jobDoneBody,
  responses: { 200: jobDetail },
});

export const listRounds = defineRoute({
  method: 'GET',
  path: `${BASE}/disinfection/rounds`,
  summary: 'Rounds of routine disinfection in scope',
  query: z.strictObject({ under: jobsQuery.under, ...paging }),
  responses: { 200: z.object({ items: z.array(round), total: z.number() }) },
});

export const planRound = defineRoute({
  method: 'POST',
  path: `${BASE}/disinfection/rounds`,
  summary: 'Plans a round: one job per public place and date, each a task of the team',
  body: roundBody,
  responses: { 201: round },
});

export const figures = defineRoute({
  method: 'GET',
  path: `${BASE}/disinfection/figures`,
  summary: 'Jobs done and square metres by area and day',
  query: z.strictObject(rangeQuery),
  responses: { 200: z.object({ rows: z.array(figureRow), jobs: z.number(), areaM2: z.number() }) },
});

export const listPublicity = defineRoute({
  method: 'GET',
  path: `${BASE}/publicity/items`,
  summary: 'Publicity items placed in scope, newest first',
  query: z.strictObject({ under: jobsQuery.under, kind: z.string().max(40).optional(), ...paging }),
  responses: { 200: z.object({ items: z.array(publicityItem), total: z.number() }) },
});

export const recordPublicity = defineRoute({
  method: 'POST',
  path: `${BASE}/publicity/items`,
  summary: 'Records publicity placed in a village, with a photo',
  body: publicityBody,
  responses: { 201: publicityItem },
});

export const publicityCountsRoute = defineRoute({
  method: 'GET',
  path: `${BASE}/publicity/counts`,
  summary: 'Publicity placed per village and kind',
  query: z.strictObject({ under: jobsQuery.under }),
  responses: { 200: publicityCounts },
});

export const listCampaigns = defineRoute({
  method: 'GET',
  path: `${BASE}/campaigns`,
  summary: 'Publicity campaigns in scope with their household coverage',
  query: z.strictObject({ under: jobsQuery.under, ...paging }),
  responses: { 200: z.object({ items: z.array(campaign), total: z.number() }) },
});

export const createCampaign = defineRoute({
  method: 'POST',
  path: `${BASE}/campaigns`,
  summary: 'Starts a campaign with its household checklist',
  body: campaignBody,
  responses: { 201: campaignDetail },
});

export const getCampaign = defineRoute({
  method: 'GET',
  path: `${BASE}/campaigns/:id`,
  summary: 'A campaign with its coverage per village',
  params: idParams,
  responses: { 200: campaignDetail },
});

export const listCampaignHouseholds = defineRoute({
  method: 'GET',
  path: `${BASE}/campaigns/:id/households`,
  summary: 'The households visited in a campaign, with the items ticked',
  params: idParams,
  query: z.strictObject({ householdId: jobsQuery.under, ...paging }),
  responses: { 200: z.object({ items: z.array(campaignHousehold), total: z.number() }) },
});

export const visitHousehold = defineRoute({
  method: 'POST',
  path: `${BASE}/campaigns/:id/households`,
  summary: 'Ticks a household’s checklist items (added to those ticked before)',
  params: idParams,
  body: campaignVisitBody,
  responses: { 200: campaignHousehold },
});
