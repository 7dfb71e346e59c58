import { z } from 'zod';
import { calendarDate, id, plainText } from '../primitives';
import { CODE_COLOURS, CONTACT_LEVELS, CONTACT_TYPES, COUNT_FROM, MEASURE_KINDS, ORIGIN_SCOPES, RISK_LEVELS, SYMPTOMS } from './rules';

/** A person's situation, as the "try it" panel and the measure proposal send it. */
export const situationSchema = z.strictObject({
  contactType: z.enum(CONTACT_TYPES).optional(),
  originRiskLevel: z.enum(RISK_LEVELS).optional(),
  originScope: z.enum(ORIGIN_SCOPES).optional(),
  codeColour: z.enum(CODE_COLOURS).optional(),
  exposedOn: calendarDate.optional(),
  arrivedOn: calendarDate.optional(),
  symptoms: z.array(z.enum(SYMPTOMS)).max(SYMPTOMS.length).optional(),
  age: z.number().int().min(0).max(130).optional(),
  specialGroups: z.array(plainText(30)).max(20).optional(),
});

export const evaluateBody = z.strictObject({
  situation: situationSchema,
  on: calendarDate.optional(),
  setId: id.optional(),
});

// ——— the policy editor: a rule set written as data (every seeded edition passes these; a test checks it) ———
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid_format');
const range = (max: number) =>
  z
    .strictObject({ min: z.number().int().min(0).max(max).optional(), max: z.number().int().min(0).max(max).optional() })
    .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'invalid_format');
const names = z.strictObject({ zh: plainText(100).min(1), en: plainText(100).min(1) });
export const policyCode = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'invalid_format');

export const conditionsSchema = z.strictObject({
  contactTypes: z.array(z.enum(CONTACT_TYPES)).min(1).max(CONTACT_TYPES.length).optional(),
  originRiskLevels: z.array(z.enum(RISK_LEVELS)).min(1).max(RISK_LEVELS.length).optional(),
  originScopes: z.array(z.enum(ORIGIN_SCOPES)).min(1).max(ORIGIN_SCOPES.length).optional(),
  codeColours: z.array(z.enum(CODE_COLOURS)).min(1).max(CODE_COLOURS.length).optional(),
  daysSinceExposure: range(365).optional(),
  daysSinceArrival: range(365).optional(),
  hasSymptoms: z.boolean().optional(),
  age: range(130).optional(),
  specialGroups: z.array(plainText(30).min(1)).min(1).max(20).optional(),
});

export const outcomeSchema = z
  .strictObject({
    steps: z.array(z.strictObject({ measure: z.enum(MEASURE_KINDS), days: z.number().int().min(0).max(60) })).max(5),
    countFrom: z.enum(COUNT_FROM),
    testDays: z.array(z.number().int().min(0).max(60)).max(30),
    followUpsPerDay: z.number().int().min(0).max(6),
    followUpTimes: z.array(hhmm).max(6),
    refer: z.literal('fever_clinic').optional(),
  })
  // N follow-ups a day at N times.
  .refine((o) => o.followUpTimes.length === o.followUpsPerDay, { path: ['followUpTimes'], message: 'invalid_format' });

export const ruleSchema = z.strictObject({ code: policyCode, name: names, when: conditionsSchema, then: outcomeSchema });

/**
 * The tracing entries of a set: case classifications (codes unique) and the contact levels it identifies (each
 * once), with the hours a grid worker has to find and place such a contact (one hour to a week).
 */
export const tracingPolicySchema = z.strictObject({
  caseClasses: z
    .array(z.strictObject({ code: policyCode, name: names }))
    .min(1)
    .max(20)
    .refine((l) => new Set(l.map((c) => c.code)).size === l.length, 'invalid_format'),
  contactLevels: z
    .array(z.strictObject({ level: z.enum(CONTACT_LEVELS), placeWithinHours: z.number().int().min(1).max(168) }))
    .max(CONTACT_LEVELS.length)
    .refine((l) => new Set(l.map((c) => c.level)).size === l.length, 'invalid_format'),
});

/** A new draft set: a copy of another (its rules and thresholds), under the same code (next version) or a new one. */
export const createPolicySetBody = z.strictObject({ copyOf: id, code: policyCode.optional(), name: names.optional() });

/** Replaces a draft's rules (the whole ordered list: the first matching rule wins) and, optionally, its other fields. */
export const replacePolicySetBody = z.strictObject({
  name: names.optional(),
  /** 37.0–39.0 °C: below, every normal reading alerts; above, a fever goes unseen. */
  feverThreshold: z
    .number()
    .min(37)
    .max(39)
    .refine((n) => Math.round(n * 10) === n * 10, 'invalid_format')
    .optional(),
  /** Minutes a fever alert's tasks have before they are overdue (five at least, a day at most). */
  alertDueMinutes: z.number().int().min(5).max(1440).optional(),
  alertSymptoms: z.array(z.enum(SYMPTOMS)).max(SYMPTOMS.length).optional(),
  source: plainText(1000).optional(),
  tracing: tracingPolicySchema.optional(),
  rules: z.array(ruleSchema).min(1).max(50),
});

export const publishPolicySetBody = z.strictObject({ effectiveFrom: calendarDate });
