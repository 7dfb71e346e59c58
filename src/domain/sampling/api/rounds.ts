import { z } from 'zod';
import { defineRoute } from '../../contract';
import { day, id, idParam, idParams, instant } from '../../primitives';
import { HOME_REASONS, POINT_KINDS, POOL_SIZES, ROUND_STATUSES } from '../rules';
import { createPointBody, createRoundBody, exemptionRulesSchema, homeSamplingBody, poolRuleSchema, roundStatusBody } from '../schemas';

/** Rounds, their points and home sampling (server: modules/sampling/rounds.ts, points.ts, home-sampling.ts). */

/** What a round answers with its rules: the same fields the bodies take, read back (not strict: extra keys are dropped). */
export const poolRule = z.object(poolRuleSchema.shape);
export const exemptionRules = z.object(exemptionRulesSchema.shape);

export const round = z.object({
  id: z.number(),
  name: z.string(),
  areaId: z.number(),
  areaPath: z.string(),
  areaName: z.string(),
  startsOn: day,
  endsOn: day,
  rosterDate: day,
  poolDefault: z.union(POOL_SIZES.map((n) => z.literal(n))),
  poolRules: z.array(poolRule),
  exemptionRules,
  status: z.enum(ROUND_STATUSES),
  createdAt: instant,
  closedAt: instant.nullable(),
});
export type Round = z.infer<typeof round>;

export const roundCounts = z.object({ tubes: z.number(), bindings: z.number(), results: z.number(), positives: z.number() });
export const roundWithCounts = round.extend({ counts: roundCounts });
export type RoundWithCounts = z.infer<typeof roundWithCounts>;

export const point = z.object({
  id: z.number(),
  roundId: z.number(),
  name: z.string(),
  address: z.string().nullable(),
  areaId: z.number(),
  areaPath: z.string(),
  areaName: z.string(),
  kind: z.enum(POINT_KINDS),
  servesAreaIds: z.array(z.number()),
  desks: z.number(),
  opensAt: z.string(),
  closesAt: z.string(),
  perDeskHour: z.number(),
  capacityPerHour: z.number(),
  staff: z.string().nullable(),
});
export type Point = z.infer<typeof point>;

const under = idParam.optional();

export const createRound = defineRoute({
  method: 'POST',
  path: '/api/sampling/rounds',
  summary: 'Plans a round over an area: its dates, roster day, pool sizes and exemption rules',
  body: createRoundBody,
  responses: { 201: round },
});

export const listRounds = defineRoute({
  method: 'GET',
  path: '/api/sampling/rounds',
  summary: 'Rounds seen from the caller’s scope (rounds above it included), newest first',
  query: z.strictObject({ under, status: z.enum(ROUND_STATUSES).optional() }),
  responses: { 200: z.object({ items: z.array(round) }) },
});

export const getRound = defineRoute({
  method: 'GET',
  path: '/api/sampling/rounds/:id',
  summary: 'A round with its tube, binding, result and positive counts in the caller’s scope',
  params: idParams,
  responses: { 200: roundWithCounts },
});

export const setRoundStatus = defineRoute({
  method: 'POST',
  path: '/api/sampling/rounds/:id/status',
  summary: 'Opens (the roster is taken) or closes a round',
  params: idParams,
  body: roundStatusBody,
  responses: { 200: roundWithCounts },
});

export const createPoint = defineRoute({
  method: 'POST',
  path: '/api/sampling/rounds/:id/points',
  summary: 'Adds a sampling point to a round',
  params: idParams,
  body: createPointBody,
  responses: { 201: point },
});

export const listPoints = defineRoute({
  method: 'GET',
  path: '/api/sampling/rounds/:id/points',
  summary: 'A round’s points in the caller’s scope',
  params: idParams,
  responses: { 200: z.object({ items: z.array(point) }) },
});

export const planHomeSampling = defineRoute({
  method: 'POST',
  path: '/api/sampling/rounds/:id/home-sampling',
  summary: 'Home-sampling tasks for the people who cannot come to a point (idempotent)',
  params: idParams,
  body: homeSamplingBody,
  responses: {
    200: z.object({
      created: z.number(),
      items: z.array(z.object({ residentId: id, name: z.string(), areaId: z.number(), reason: z.enum(HOME_REASONS) })),
    }),
  },
});
export type HomeSamplingAnswer = z.infer<(typeof planHomeSampling.responses)[200]>;
