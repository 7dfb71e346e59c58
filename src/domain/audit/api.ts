import { z } from 'zod';
import { defineRoute } from '../contract';
import { id, idParam, instant, instantInput } from '../primitives';
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
