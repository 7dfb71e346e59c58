import { z } from 'zod';
import { defineRoute } from '../contract';
import { calendarDate, day, idParam, idParams, instant, paging, queryBool } from '../primitives';
import { CONTACT_LEVELS, EXPOSURE_KINDS, PLACEMENTS } from './kinds';

/**
 * Transmission chains (传播链, issue 16 point 5): listed from the latest snapshot the server computed, and one
 * chain drawn with its people and links, filtered before it is sent (a date window, an area). A chain is named
 * by its first case's id.
 */
const BASE = '/api/tracing/chains';

/** The most people one drawing carries: a chain past it is narrowed by dates or area first (SORMAS's graph never drew 4,746 cases). */
export const MAX_CHAIN_NODES = 1500;
/** A chain with a case or an exposure within this many days is active. */
export const ACTIVE_CHAIN_DAYS = 14;

const window = {
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  under: idParam.optional(),
};

export const chainListItem = z.object({
  chainId: z.number(),
  cases: z.number(),
  contacts: z.number(),
  firstOn: day,
  lastOn: day,
  active: z.boolean(),
  /** The first case's name, masked; null when that case lies outside the caller's scope. */
  indexName: z.string().nullable(),
});

export const listChains = defineRoute({
  method: 'GET',
  path: BASE,
  summary: 'Chains with a person in scope from the latest snapshot, the most recent first',
  query: z.strictObject({ ...window, active: queryBool.optional(), caseId: idParam.optional(), ...paging }),
  responses: {
    200: z.object({ computedAt: instant.nullable(), items: z.array(chainListItem), total: z.number().int() }),
  },
});

export const chainNode = z.object({
  /** `p<resident id>`: one node per person, whether case, contact or both. */
  id: z.string(),
  kind: z.enum(['case', 'contact']),
  /** The masked name; null for a person outside the caller's scope (drawn, not named). */
  name: z.string().nullable(),
  inScope: z.boolean(),
  caseId: z.number().nullable(),
  classification: z.string().nullable(),
  /** The closest level any case gave this person, when a contact. */
  level: z.enum(CONTACT_LEVELS).nullable(),
  placement: z.enum(PLACEMENTS).nullable(),
  /** Onset (or report) for a case, the last exposure for a contact. */
  on: day,
  generation: z.number().int(),
  /** A case this contact belongs to, for opening the record (null outside scope). */
  openCaseId: z.number().nullable(),
});

export const chainEdge = z.object({
  from: z.string(),
  to: z.string(),
  level: z.enum(CONTACT_LEVELS),
  exposedOn: day,
  exposureKind: z.enum(EXPOSURE_KINDS),
});

export const getChain = defineRoute({
  method: 'GET',
  path: `${BASE}/:id`,
  summary: 'One chain, its people and links, narrowed by a date window or an area before it is drawn',
  params: idParams,
  query: z.strictObject(window),
  responses: {
    200: z.object({
      chainId: z.number(),
      computedAt: instant,
      people: z.number().int(),
      nodes: z.array(chainNode),
      edges: z.array(chainEdge),
    }),
  },
});

export const recomputeChains = defineRoute({
  method: 'POST',
  path: `${BASE}/recompute`,
  summary: 'Computes the chains now (a job also does so after every change and each quarter hour)',
  // Deployment-wide work, answered with its time only: the counts would tell a town user about other towns.
  responses: { 200: z.object({ computedAt: instant, tookMs: z.number().int() }) },
});
