import { z } from 'zod';
import { defineRoute } from '../contract';
import { id, idParam, idParams, instant, day, paging, plainText } from '../primitives';
import { EXPOSURE_SOURCES } from './exposures';

/** Exposure suggestions and venue codes (场所码) of the tracing module (issue 16, point 4). */
const BASE = '/api/tracing';

// ——— exposure suggestions ———
export const exposureReason = z.object({
  source: z.enum(EXPOSURE_SOURCES),
  /** Null: a place outside the viewer's scope (the case's own record there). */
  place: z.string().nullable(),
  from: instant,
  to: instant,
  /** Minutes the person's time there overlapped the case's; null for the household and building (they live there). */
  overlapMinutes: z.number().nullable(),
});

export const exposureSuggestion = z.object({
  /** Null: a person written at a post or a venue that the registry does not hold (not addable; call them). */
  residentId: z.number().nullable(),
  /** Masked outside the viewer's scope. */
  name: z.string(),
  /** Masked always. */
  phone: z.string().nullable(),
  areaName: z.string().nullable(),
  inScope: z.boolean(),
  /** Can be added as a contact from here (a registry person in scope). */
  addable: z.boolean(),
  score: z.number(),
  level: z.enum(['close', 'general']),
  exposureKind: z.enum(['household', 'venue', 'other']),
  certainty: z.enum(['high', 'medium', 'low']),
  lastExposureOn: day,
  reasons: z.array(exposureReason),
});

export const listExposures = defineRoute({
  method: 'GET',
  path: `${BASE}/cases/:id/exposures`,
  summary:
    'People seen at the same place as the case in the same window (household, building, desk bindings, crossings, venue check-ins), ranked, one per person, with why',
  params: idParams,
  responses: { 200: z.object({ caseId: z.number(), since: instant, items: z.array(exposureSuggestion) }) },
});

// ——— venues ———
export const venueItem = z.object({
  id: z.number(),
  areaId: z.number(),
  areaName: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  /** The token the printed code carries (the public page is /venue/:token). */
  token: z.string(),
  active: z.boolean(),
  visits: z.number(),
  createdAt: instant,
});

export const venueBody = z.strictObject({ areaId: id, name: plainText(100).min(1), address: plainText(200).nullish() });
export const venuePatchBody = z.strictObject({ name: plainText(100).min(1).optional(), address: plainText(200).nullish(), active: z.boolean().optional() });

export const listVenues = defineRoute({
  method: 'GET',
  path: `${BASE}/venues`,
  summary: 'The venue register (场所码) in scope',
  query: z.strictObject({ under: idParam.optional(), ...paging }),
  responses: { 200: z.object({ items: z.array(venueItem), total: z.number().int() }) },
});

/** How many sampling points the trajectory's picker is offered (the newest rounds' first). */
export const KNOWN_POINTS_LIMIT = 500;

export const knownPoint = z.object({ id: z.number(), name: z.string(), roundId: z.number(), roundName: z.string(), startsOn: day });

export const listKnownPoints = defineRoute({
  method: 'GET',
  path: `${BASE}/known-points`,
  summary: 'The sampling points in scope a trajectory row may name (the newest rounds first)',
  responses: { 200: z.object({ items: z.array(knownPoint) }) },
});

export const createVenue = defineRoute({
  method: 'POST',
  path: `${BASE}/venues`,
  summary: 'Registers a venue of an area and makes its code',
  body: venueBody,
  responses: { 201: venueItem },
});

export const updateVenue = defineRoute({
  method: 'PATCH',
  path: `${BASE}/venues/:id`,
  summary: 'Renames a venue or stops its code',
  params: idParams,
  body: venuePatchBody,
  responses: { 200: venueItem },
});

export const venueVisits = defineRoute({
  method: 'GET',
  path: `${BASE}/venues/:id/visits`,
  summary: 'A venue’s visits, newest first, kept only for the policy’s days (names, phones and ID numbers masked)',
  params: idParams,
  query: z.strictObject(paging),
  responses: {
    200: z.object({
      items: z.array(
        z.object({ id: z.number(), name: z.string(), phone: z.string().nullable(), idNumber: z.string().nullable(), matched: z.boolean(), visitedAt: instant }),
      ),
      total: z.number().int(),
      keptDays: z.number(),
    }),
  },
});

// ——— the public scan page (no account) ———
const tokenParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'invalid_token') });

export const venueScanForm = defineRoute({
  method: 'GET',
  path: `${BASE}/scan/:token`,
  summary: 'The public scan page of a venue (no account): its name and how long a visit is kept',
  params: tokenParams,
  responses: { 200: z.object({ venueName: z.string(), areaName: z.string(), keptDays: z.number() }) },
});

export const venueScanBody = z.strictObject({
  name: plainText(50).min(1),
  phone: plainText(30).min(1),
  idNumber: plainText(30).nullish(),
});

export const venueScan = defineRoute({
  method: 'POST',
  path: `${BASE}/scan/:token`,
  summary: 'Records a visit to a venue from its code: name and phone, the ID number when given',
  params: tokenParams,
  body: venueScanBody,
  responses: { 201: z.object({ venueName: z.string(), visitedAt: instant, keptDays: z.number() }) },
});
