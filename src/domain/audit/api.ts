import { z } from 'zod';
import { defineRoute } from '../contract';
import { calendarDate, id, idParam, instant, instantInput } from '../primitives';
import { auditEntities } from './events';

/** The audit trail's routes (server/modules/audit). */

export const auditEntry = z.object({
  id: z.number(),
  at: instant,
  actorId: id.nullable(),
  actorName: z.string().nullable(),
  requestId: z.string().nullable(),
  clientIp: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  areaPath: z.string().nullable(),
  /** The record before and after the change, personal fields already masked when written. */
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const listAudit = defineRoute({
  method: 'GET',
  path: '/api/audit',
  summary: 'The audit trail in the caller’s scope, newest first',
  query: z.strictObject({
    actor: idParam.optional(),
    entity: z.enum(auditEntities).optional(),
    areaId: idParam.optional(),
    from: instantInput.optional(),
    to: instantInput.optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  }),
  responses: { 200: z.object({ items: z.array(auditEntry), total: z.number().int() }) },
});

// ——— the disclosures watch (issue 14, point 9): its threshold (policy data) and one day's reveals and exports per user ———

export const disclosureThreshold = z.object({
  /** Reveals and exports of personal data one user may make in a local day before the administrators get a task. */
  perDay: z.number().int(),
  updatedAt: instant.nullable(),
  updatedByName: z.string().nullable(),
});

export const disclosureUser = z.object({
  userId: id,
  name: z.string(),
  areaName: z.string().nullable(),
  reveals: z.number().int(),
  exports: z.number().int(),
  total: z.number().int(),
  /** The day's task to the administrators was made (the count passed the threshold at a check). */
  alerted: z.boolean(),
});

export const getDisclosures = defineRoute({
  method: 'GET',
  path: '/api/audit/disclosures',
  summary: "The disclosures threshold and a day's reveals and exports per user, most first (root scope only)",
  query: z.strictObject({ day: calendarDate.optional() }),
  responses: { 200: z.object({ threshold: disclosureThreshold, day: z.string(), items: z.array(disclosureUser) }) },
});

export const setDisclosureThreshold = defineRoute({
  method: 'PUT',
  path: '/api/audit/disclosures/threshold',
  summary: 'Changes the disclosures threshold (policy data; root scope only)',
  body: z.strictObject({ perDay: z.number().int().min(1).max(100_000) }),
  responses: { 200: disclosureThreshold },
});
