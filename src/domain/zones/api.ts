import { z } from 'zod';
import { defineRoute } from '../contract';
import { calendarDate, day, idParam, idParams, instant, paging, plainText } from '../primitives';
import { ZONE_LEVEL_CODES } from './rules';

/** The zones module's routes (server/modules/zones): risk zones, their lifting and the people inside (风险区域). */
const BASE = '/api/zones';
const names = z.object({ zh: z.string(), en: z.string() });
const level = z.enum(ZONE_LEVEL_CODES);

// ——— answers ———
const liftRule = z.object({
  code: z.string(),
  from: level,
  to: level.nullable(),
  quietDays: z.number(),
  roundOnDay: z.number().nullable(),
  name: names,
});

export const zonePolicy = z.object({
  set: z.object({ id: z.number(), code: z.string(), version: z.number(), name: names, effectiveFrom: day }),
  levels: z.array(z.object({ code: level, name: names, rank: z.number() })),
  lifting: z.array(liftRule),
  greenChannelMinutes: z.number(),
});

const roundEvidence = z.object({
  roundId: z.number(),
  name: z.string(),
  startsOn: day,
  due: z.number(),
  sampled: z.number(),
  awaiting: z.number(),
  notNegative: z.number(),
});

/** Where the zone stands against the rule for its level: the countdown and, when blocked, why (in words). */
export const liftState = z.object({
  rule: liftRule.nullable(),
  ruleRef: z.string().nullable(),
  clockFrom: day,
  dueOn: day.nullable(),
  daysLeft: z.number(),
  roundFromOn: day.nullable(),
  round: roundEvidence.nullable(),
  allowed: z.boolean(),
  /** The blocking reasons in the caller's language; the first is the refusal's. */
  blockers: z.array(z.object({ kind: z.enum(['no_rule', 'days', 'no_round', 'round_incomplete', 'round_positive']), text: z.string() })),
});

export const zoneListItem = z.object({
  id: z.number(),
  areaId: z.number(),
  areaName: z.string(),
  areaKind: z.string(),
  level,
  levelName: names.nullable(),
  levelSince: day,
  declaredOn: day,
  status: z.enum(['active', 'lifted']),
  liftedOn: day.nullable(),
  lift: liftState.nullable(),
});

export const zoneHistoryItem = z.object({
  id: z.number(),
  kind: z.enum(['declare', 'raise', 'lower', 'lift']),
  fromLevel: level.nullable(),
  toLevel: level.nullable(),
  fromOn: day,
  rule: z.string().nullable(),
  note: z.string().nullable(),
  byName: z.string().nullable(),
  at: instant,
});

export const zoneDetail = zoneListItem.extend({
  note: z.string().nullable(),
  /** People of the registry living under the zone's area now (not moved out, not deceased). */
  people: z.number(),
  households: z.number(),
  /** New cases inside the zone since its level began (tracing). */
  newCases: z.number(),
  lastCaseOn: day.nullable(),
  rounds: z.array(roundEvidence),
  history: z.array(zoneHistoryItem),
});

export const zonePerson = z.object({
  residentId: z.number(),
  name: z.string(),
  idNumber: z.string().nullable(),
  areaName: z.string(),
  address: z.string().nullable(),
});

// ——— inputs ———
export const declareBody = z.strictObject({
  areaId: z.number().int().positive().max(2_147_483_647),
  level,
  fromOn: calendarDate,
  note: plainText(500).optional(),
});
export const raiseBody = z.strictObject({ level, fromOn: calendarDate, note: plainText(500).optional() });
export const liftBody = z.strictObject({ note: plainText(500).optional() });

// ——— routes ———
export const zonePolicyRoute = defineRoute({
  method: 'GET',
  path: `${BASE}/policy`,
  summary: 'The zone levels and lifting rules in force',
  responses: { 200: zonePolicy },
});

export const listZones = defineRoute({
  method: 'GET',
  path: BASE,
  summary: 'Zones in scope with their level, countdown and blocking rule',
  query: z.strictObject({ status: z.enum(['active', 'lifted', 'all']).default('active'), under: idParam.optional(), ...paging }),
  responses: { 200: z.object({ items: z.array(zoneListItem), total: z.number().int() }) },
});

export const declareZone = defineRoute({
  method: 'POST',
  path: BASE,
  summary: 'Declares an area a risk zone at a level from a day (command center)',
  body: declareBody,
  responses: { 201: zoneDetail },
});

export const getZone = defineRoute({
  method: 'GET',
  path: `${BASE}/:id`,
  summary: 'A zone: its level, the lifting check with its evidence, the people inside, its history',
  params: idParams,
  responses: { 200: zoneDetail },
});

export const zonePeople = defineRoute({
  method: 'GET',
  path: `${BASE}/:id/people`,
  summary: 'The people inside a zone, from the registry (masked)',
  params: idParams,
  query: z.strictObject(paging),
  responses: { 200: z.object({ items: z.array(zonePerson), total: z.number().int() }) },
});

export const raiseZone = defineRoute({
  method: 'POST',
  path: `${BASE}/:id/raise`,
  summary: 'Raises a zone to a stricter level from a day',
  params: idParams,
  body: raiseBody,
  responses: { 200: zoneDetail },
});

export const liftZone = defineRoute({
  method: 'POST',
  path: `${BASE}/:id/lift`,
  summary: 'Lowers or lifts a zone by the rule for its level; refused with the rule that blocks it',
  params: idParams,
  body: liftBody,
  responses: { 200: zoneDetail },
});
