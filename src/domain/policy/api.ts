import { z } from 'zod';
import { defineRoute } from '../contract';
import { idParams } from '../primitives';
import { CONTACT_LEVELS, MEASURE_KINDS, SYMPTOMS } from './rules';
import { conditionsSchema, createPolicySetBody, evaluateBody, outcomeSchema, publishPolicySetBody, replacePolicySetBody } from './schemas';

/** Policy as data (server/modules/policy): the rule sets, "try it", and the editor's writes. */

const names = z.object({ zh: z.string(), en: z.string() });

/** A stored rule: the editor's schemas without their strictness (what was stored passed them). */
export const policyRule = z.object({
  code: z.string(),
  name: names,
  when: z.object(conditionsSchema.shape),
  then: z.object(outcomeSchema.shape),
});

export const policySet = z.object({
  id: z.number(),
  code: z.string(),
  version: z.number(),
  name: names,
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  feverThreshold: z.number(),
  alertDueMinutes: z.number(),
  alertSymptoms: z.array(z.enum(SYMPTOMS)),
  source: z.string(),
  status: z.enum(['draft', 'published']),
  tracing: z.object({
    caseClasses: z.array(z.object({ code: z.string(), name: names })),
    contactLevels: z.array(z.object({ level: z.enum(CONTACT_LEVELS), placeWithinHours: z.number() })),
  }),
  rules: z.array(policyRule),
});
export type PolicySetView = z.infer<typeof policySet>;

/** The list also says which published set is in force today. */
export const listedPolicySet = policySet.extend({ inForce: z.boolean() });

const step = z.object({ measure: z.enum(MEASURE_KINDS), startsOn: z.string(), endsOn: z.string() });

/** What the policy in force gives a situation on a day, with the set and rule that made it. */
export const decision = z.object({
  set: z.object({ id: z.number().nullable(), code: z.string(), version: z.number() }),
  rule: z.object({ code: z.string(), name: names }).nullable(),
  ruleVersion: z.string().nullable(),
  measure: z.enum(MEASURE_KINDS),
  days: z.number(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  steps: z.array(step),
  testDates: z.array(z.string()),
  followUpsPerDay: z.number(),
  followUpTimes: z.array(z.string()),
  refer: z.literal('fever_clinic').nullable(),
  feverThreshold: z.number(),
  alertSymptoms: z.array(z.enum(SYMPTOMS)),
});
export type DecisionView = z.infer<typeof decision>;

export const listSets = defineRoute({
  method: 'GET',
  path: '/api/policy/sets',
  summary: 'The published rule sets (and drafts, for the editor), newest first',
  responses: { 200: z.object({ items: z.array(listedPolicySet) }) },
});

export const getSet = defineRoute({
  method: 'GET',
  path: '/api/policy/sets/:id',
  summary: 'One rule set with its ordered rules (a draft only for the editor)',
  params: idParams,
  responses: { 200: policySet },
});

export const evaluate = defineRoute({
  method: 'POST',
  path: '/api/policy/evaluate',
  summary: '“Try it”: the measure a situation calls for on a day',
  body: evaluateBody,
  responses: { 200: decision },
});

export const createSet = defineRoute({
  method: 'POST',
  path: '/api/policy/sets',
  summary: 'A new draft, copied from another set (root scope only)',
  body: createPolicySetBody,
  responses: { 201: policySet },
});

export const replaceSet = defineRoute({
  method: 'PUT',
  path: '/api/policy/sets/:id',
  summary: 'Replaces a draft’s ordered rules and, optionally, its other fields',
  params: idParams,
  body: replacePolicySetBody,
  responses: { 200: policySet },
});

export const publishSet = defineRoute({
  method: 'POST',
  path: '/api/policy/sets/:id/publish',
  summary: 'Publishes a draft from a day; the set in force then ends the day before',
  params: idParams,
  body: publishPolicySetBody,
  responses: { 200: policySet },
});
