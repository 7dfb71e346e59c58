import { z } from 'zod';
import { defineRoute } from '../contract';
import { MEASURE_KINDS } from '../policy/rules';
import { day, idParam, idParams, instant, okBody, paging } from '../primitives';
import { CERTAINTIES, CONTACT_LEVELS, EXPOSURE_KINDS, FOUND_BY, PLACEMENTS, TRAJECTORY_KINDS, TRANSPORT_KINDS } from './kinds';
import { caseFromResultBody, contactsBody, createCaseBody, placementBody, trajectoryBody, updateCaseBody } from './schemas';

/** The tracing module's routes (server/modules/tracing): cases, their trajectories and contacts (流调). */
const BASE = '/api/tracing';
const names = z.object({ zh: z.string(), en: z.string() });

// ——— answers ———
/** A case in a list: the name masked, no ID number. */
export const caseListItem = z.object({
  id: z.number(),
  residentId: z.number(),
  name: z.string(),
  areaId: z.number(),
  areaName: z.string(),
  classification: z.string(),
  onsetOn: day.nullable(),
  testedOn: day.nullable(),
  reportedOn: day,
  foundBy: z.enum(FOUND_BY),
  isolatedAt: z.string().nullable(),
  isolatedOn: day.nullable(),
  contacts: z.number(),
  toFind: z.number(),
  createdAt: instant,
});

export const trajectoryItem = z.object({
  id: z.number(),
  kind: z.enum(TRAJECTORY_KINDS),
  startsAt: instant,
  endsAt: instant.nullable(),
  place: z.string().nullable(),
  areaId: z.number().nullable(),
  areaName: z.string().nullable(),
  samplingPointId: z.number().nullable(),
  postId: z.number().nullable(),
  venueId: z.number().nullable(),
  transportKind: z.enum(TRANSPORT_KINDS).nullable(),
  transportNumber: z.string().nullable(),
  seat: z.string().nullable(),
  note: z.string().nullable(),
});

export const contactItem = z.object({
  id: z.number(),
  caseId: z.number(),
  viaContactId: z.number().nullable(),
  residentId: z.number(),
  name: z.string(),
  /** Masked (revealing is the registry's audited call). */
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  areaId: z.number(),
  areaName: z.string(),
  level: z.enum(CONTACT_LEVELS),
  lastExposureOn: day,
  place: z.string().nullable(),
  exposureKind: z.enum(EXPOSURE_KINDS),
  certainty: z.enum(CERTAINTIES),
  placement: z.enum(PLACEMENTS),
  placementNote: z.string().nullable(),
  placedAt: instant.nullable(),
  measureId: z.number().nullable(),
  measureKind: z.enum(MEASURE_KINDS).nullable(),
  measureState: z.string().nullable(),
  measureEndsOn: day.nullable(),
  taskId: z.number().nullable(),
  taskDueAt: instant.nullable(),
  taskStatus: z.string().nullable(),
  ruleVersion: z.string().nullable(),
});

export const caseDetail = caseListItem.extend({
  /** Full on the case's own page, ID number masked. */
  idNumber: z.string().nullable(),
  note: z.string().nullable(),
  samplingResultId: z.number().nullable(),
  classificationName: names.nullable(),
  trajectory: z.array(trajectoryItem),
  contacts: z.array(contactItem),
});

/** What the rule set in force makes of each contact level, for the form and its legend. */
export const tracingPolicy = z.object({
  set: z.object({ id: z.number(), code: z.string(), version: z.number(), name: names }),
  caseClasses: z.array(z.object({ code: z.string(), name: names })),
  contactLevels: z.array(
    z.object({
      level: z.enum(CONTACT_LEVELS),
      placeWithinHours: z.number(),
      ruleVersion: z.string().nullable(),
      steps: z.array(z.object({ measure: z.enum(MEASURE_KINDS), days: z.number() })),
      /** Day N after the last exposure. */
      testDays: z.array(z.number()),
    }),
  ),
});

/** One contact's outcome in a batch: added or merged, the measure proposed or kept, and warnings. */
const contactOutcome = z.object({
  contact: contactItem,
  merged: z.boolean(),
  /**
   * proposed: a new measure; kept_stricter: one at least as strict runs; upgraded: a weaker one running was made the stricter one in
   * place; weaker_open: a weaker one runs that changed while this was written (it is left as it is); none: the level calls for none.
   */
  measure: z.enum(['proposed', 'kept_stricter', 'upgraded', 'weaker_open', 'none']),
  warnings: z.array(z.enum(['exposure_after_isolation'])),
});

// ——— routes ———
export const tracingPolicyRoute = defineRoute({
  method: 'GET',
  path: `${BASE}/policy`,
  summary: 'The case classifications and contact levels of the rule set in force, with what each level means',
  responses: { 200: tracingPolicy },
});

export const listCases = defineRoute({
  method: 'GET',
  path: `${BASE}/cases`,
  summary: 'Cases in scope, newest report first (names masked)',
  query: z.strictObject({ under: idParam.optional(), classification: z.string().max(40).optional(), ...paging }),
  responses: { 200: z.object({ items: z.array(caseListItem), total: z.number().int() }) },
});

export const createCase = defineRoute({
  method: 'POST',
  path: `${BASE}/cases`,
  summary: 'Opens a case for a registry person',
  body: createCaseBody,
  responses: { 201: caseDetail },
});

export const caseFromSamplingResult = defineRoute({
  method: 'POST',
  path: `${BASE}/cases/from-sampling-result/:id`,
  summary: 'Opens (or answers the already opened) case of a positive single-tube result',
  params: idParams,
  body: caseFromResultBody,
  responses: { 200: caseDetail, 201: caseDetail },
});

export const getCase = defineRoute({
  method: 'GET',
  path: `${BASE}/cases/:id`,
  summary: 'A case with its trajectory and contacts',
  params: idParams,
  responses: { 200: caseDetail },
});

export const updateCase = defineRoute({
  method: 'PATCH',
  path: `${BASE}/cases/:id`,
  summary: 'Changes a case’s classification, dates or isolation',
  params: idParams,
  body: updateCaseBody,
  responses: { 200: caseDetail },
});

export const addTrajectory = defineRoute({
  method: 'POST',
  path: `${BASE}/cases/:id/trajectory`,
  summary: 'Adds trajectory rows (a line list: all or none)',
  params: idParams,
  body: trajectoryBody,
  responses: { 201: z.object({ items: z.array(trajectoryItem) }) },
});

export const removeTrajectory = defineRoute({
  method: 'DELETE',
  path: `${BASE}/trajectory/:id`,
  summary: 'Removes one trajectory row entered by mistake',
  params: idParams,
  responses: { 200: okBody },
});

export const addContacts = defineRoute({
  method: 'POST',
  path: `${BASE}/cases/:id/contacts`,
  summary: 'Adds contacts from the registry (a line list): each proposed its measure and given a task to find and place them',
  params: idParams,
  body: contactsBody,
  responses: { 200: z.object({ items: z.array(contactOutcome) }) },
});

export const setPlacement = defineRoute({
  method: 'POST',
  path: `${BASE}/contacts/:id/placement`,
  summary: 'Records a contact found and placed, not found, or living elsewhere',
  params: idParams,
  body: placementBody,
  responses: { 200: contactItem },
});
