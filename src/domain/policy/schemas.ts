import { z } from 'zod';
import { isoDate } from '../residents/schemas';
import { CODE_COLOURS, CONTACT_TYPES, ORIGIN_SCOPES, RISK_LEVELS, SYMPTOMS } from './rules';

/** A person's situation, as the "try it" panel and the measure proposal send it. */
export const situationSchema = z.strictObject({
  contactType: z.enum(CONTACT_TYPES).optional(),
  originRiskLevel: z.enum(RISK_LEVELS).optional(),
  originScope: z.enum(ORIGIN_SCOPES).optional(),
  codeColour: z.enum(CODE_COLOURS).optional(),
  exposedOn: isoDate.optional(),
  arrivedOn: isoDate.optional(),
  symptoms: z.array(z.enum(SYMPTOMS)).max(SYMPTOMS.length).optional(),
  age: z.number().int().min(0).max(130).optional(),
  specialGroups: z.array(z.string().max(30)).max(20).optional(),
});

export const evaluateBody = z.strictObject({
  situation: situationSchema,
  on: isoDate.optional(),
  setId: z.number().int().positive().optional(),
});
