import type { Queryable } from '../db/engine';
import type { Ctx } from './context';
import { maskIdNumber, maskPhone } from '../../domain/residents/identity';

/**
 * The audit trail. `audit()` must be called with the transaction that makes the change, so the change
 * and its record commit or vanish together. Reveals and exports of personal data are audited the same
 * way. The table is append-only (a trigger refuses UPDATE, DELETE and TRUNCATE).
 */
export interface AuditEvent {
  action: string; // e.g. 'create', 'update', 'move', 'archive', 'login', 'reveal', 'export'
  entity: string; // e.g. 'area', 'user', 'role', 'session'
  entityId?: string | number | null;
  areaPath?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Keys never copied into the trail, whatever a caller passes. */
const SECRET_KEYS = new Set(['password', 'password_hash', 'passwordHash', 'csrf_token', 'token']);
/**
 * Personal numbers are kept masked in the trail: it records that a number changed and roughly to what,
 * and is itself shown to auditors, so it must not become a second copy of the registry.
 */
const MASKED_KEYS: Record<string, (v: string) => string | null> = {
  idNumber: maskIdNumber,
  id_number: maskIdNumber,
  phone: maskPhone,
  phone2: maskPhone,
};

function scrub(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(scrub);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !SECRET_KEYS.has(k))
        .map(([k, v]) => [k, MASKED_KEYS[k] && typeof v === 'string' ? MASKED_KEYS[k](v) : scrub(v)]),
    );
  }
  return value;
}

export interface AuditActor {
  actorId: number | null;
  actorName: string | null;
  requestId: string | null;
  clientIp: string | null;
}

export function auditActorOf(ctx: Ctx): AuditActor {
  return {
    actorId: ctx.actor.userId,
    actorName: ctx.actor.username,
    requestId: ctx.requestId,
    clientIp: ctx.clientIp,
  };
}

export async function audit(tx: Queryable, who: Ctx | AuditActor, e: AuditEvent): Promise<void> {
  const a = 'db' in who ? auditActorOf(who) : who;
  await tx.query(
    `INSERT INTO audit_log (actor_id, actor_name, request_id, client_ip, action, entity, entity_id, area_path, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      a.actorId,
      a.actorName,
      a.requestId,
      a.clientIp,
      e.action,
      e.entity,
      e.entityId === undefined || e.entityId === null ? null : String(e.entityId),
      e.areaPath ?? null,
      e.before === undefined ? null : JSON.stringify(scrub(e.before)),
      e.after === undefined ? null : JSON.stringify(scrub(e.after)),
    ],
  );
}

/** Many events of one actor in one statement: a spreadsheet import leaves a line in each record's history. */
export async function auditMany(tx: Queryable, who: AuditActor, events: AuditEvent[]): Promise<void> {
  if (!events.length) return;
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(scrub(v)));
  await tx.query(
    `INSERT INTO audit_log (actor_id, actor_name, request_id, client_ip, action, entity, entity_id, area_path, before, after)
     SELECT $1, $2, $3, $4, v.action, v.entity, v.entity_id, v.area_path, v.before::jsonb, v.after::jsonb
       FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[]) AS v(action, entity, entity_id, area_path, before, after)`,
    [
      who.actorId,
      who.actorName,
      who.requestId,
      who.clientIp,
      events.map((e) => e.action),
      events.map((e) => e.entity),
      events.map((e) => (e.entityId === undefined || e.entityId === null ? null : String(e.entityId))),
      events.map((e) => e.areaPath ?? null),
      events.map((e) => json(e.before)),
      events.map((e) => json(e.after)),
    ],
  );
}
