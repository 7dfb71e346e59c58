import { z } from 'zod';
import { MEASURE_STATES } from '../../monitoring/measures';
import { MEASURE_KINDS, SYMPTOMS } from '../../policy/rules';
import { day, instant } from '../../primitives';

/**
 * What proposing a measure answers (the policy's decision and the measure made, if any). The arrival's
 * propose route is screening's, the shapes are the policy's and monitoring's: when their own contracts
 * declare them, this file gives way to an import from there.
 */

const step = z.object({ measure: z.enum(MEASURE_KINDS), startsOn: day, endsOn: day });

export const decision = z.object({
  set: z.object({ id: z.number().nullable(), code: z.string(), version: z.number() }),
  rule: z.object({ code: z.string(), name: z.object({ zh: z.string(), en: z.string() }) }).nullable(),
  ruleVersion: z.string().nullable(),
  measure: z.enum(MEASURE_KINDS),
  days: z.number(),
  startsOn: day.nullable(),
  endsOn: day.nullable(),
  steps: z.array(step),
  testDates: z.array(day),
  followUpsPerDay: z.number(),
  followUpTimes: z.array(z.string()),
  refer: z.literal('fever_clinic').nullable(),
  feverThreshold: z.number(),
  alertSymptoms: z.array(z.enum(SYMPTOMS)),
});

export const proposedMeasure = z.object({
  id: z.number(),
  residentId: z.number(),
  residentName: z.string(),
  /** Masked. */
  idNumber: z.string().nullable(),
  arrivalId: z.number().nullable(),
  areaId: z.number(),
  areaPath: z.string(),
  areaName: z.string(),
  kind: z.enum(MEASURE_KINDS),
  state: z.enum(MEASURE_STATES),
  place: z.enum(['home', 'site']),
  siteId: z.number().nullable(),
  siteName: z.string().nullable(),
  roomId: z.number().nullable(),
  roomCode: z.string().nullable(),
  startsOn: day,
  endsOn: day,
  gridWorkerId: z.number().nullable(),
  gridWorkerName: z.string().nullable(),
  doctorId: z.number().nullable(),
  doctorName: z.string().nullable(),
  policySetId: z.number().nullable(),
  ruleVersion: z.string().nullable(),
  /** The situation the measure was decided on, as the policy read it (free-form JSON, validated when written). */
  situation: z.unknown(),
  testDates: z.array(day),
  followUpsPerDay: z.number(),
  followUpTimes: z.array(z.string()),
  nextSteps: z.array(step),
  previousId: z.number().nullable(),
  reason: z.string().nullable(),
  releasedAt: instant.nullable(),
  createdAt: instant,
});

export const proposal = z.object({ decision, measure: proposedMeasure.nullable() });
