import type { Queryable } from '../db/engine';
import type { Ctx } from './context';
import type { AuditActionOf, AuditEntity, AuditKind } from '../../domain/audit/events';
import { personalKind, scrub } from './audit-mask';
import type { SqlParams } from './sql';

/**
 * The audit trail. `audit()` must be called with the transaction that makes the change, so the change
 * and its record commit or vanish together. Reveals and exports of personal data are audited the same
 * way. The table is append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and chained: each row
 * carries a hash over itself and the row before (migration 0017), which `npm run audit:verify` checks.
 * The (entity, action) pair must be one of the catalogue's (domain/audit/events.ts): a new kind of event is
 * added there, with its labels, before it is written.
 */
export type AuditEvent = AuditKind & {
  entityId?: string | number | null;
  areaPath?: string | null;
  before?: unknown;
  after?: unknown;
};

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

const json = (e: AuditEvent, v: unknown) => (v === undefined ? null : JSON.stringify(scrub(e.entity, v)));
const idText = (v: string | number | null | undefined) => (v === undefined || v === null ? null : String(v));

export async function audit(tx: Queryable, who: Ctx | AuditActor, e: AuditEvent): Promise<void> {
  const a = 'db' in who ? auditActorOf(who) : who;
  await tx.query(
    `INSERT INTO audit_log (actor_id, actor_name, request_id, client_ip, action, entity, entity_id, area_path, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [a.actorId, a.actorName, a.requestId, a.clientIp, e.action, e.entity, idText(e.entityId), e.areaPath ?? null, json(e, e.before), json(e, e.after)],
  );
}

/** Many events of one actor in one statement: a spreadsheet import leaves a line in each record's history. */
export async function auditMany(tx: Queryable, who: AuditActor, events: AuditEvent[]): Promise<void> {
  if (!events.length) return;
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
      events.map((e) => idText(e.entityId)),
      events.map((e) => e.areaPath ?? null),
      events.map((e) => json(e, e.before)),
      events.map((e) => json(e, e.after)),
    ],
  );
}

/**
 * The audit rows of a set-based statement, as one more CTE of it: for the few hot paths that keep a change and
 * its rows in ONE statement (the desk's binding and tube, the public enlistment form — one round trip under a
 * rush instead of BEGIN, change, audit, COMMIT). The kind is checked like audit()'s; `after` maps keys to SQL
 * expressions over `from`, and a key that names personal data is refused (SQL cannot mask it the way scrub()
 * does), so such rows carry ids and counts only; `afterValues` are values from the caller, masked like audit()'s.
 */
export interface AuditRowsSql<E extends AuditEntity> {
  entity: E;
  /** One action, or a choice made per row by an SQL condition. */
  action: AuditActionOf<E> | { when: string; is: AuditActionOf<E>; otherwise: AuditActionOf<E> };
  /** The FROM clause the rows come from (e.g. a CTE name). */
  from: string;
  entityId: string;
  areaPath: string;
  after: Record<string, string>;
  afterValues?: Record<string, unknown>;
  /**
   * Values from the callers of a group-committed batch, one object per record (masked here like audit()'s), and the
   * SQL expression over `from` giving each row's 1-based place among them.
   */
  afterEach?: { values: Array<Record<string, unknown>>; place: string };
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The actor of each row as SQL expressions over `from`: a group-committed batch writes the records of many
 * requests (many users) in one statement, each audited as its own request.
 */
export interface AuditActorColumns {
  columns: { actorId: string; actorName: string; requestId: string; clientIp: string };
}

/**
 * The actor columns of a batch's source named `from`: `actor_id`, `actor_name`, `request_id`, `client_ip` — or, for
 * a public form (no account), no actor and only the request and address.
 */
export function actorColumnsOf(from: string, opts: { anonymous?: boolean } = {}): AuditActorColumns {
  return {
    columns: {
      actorId: opts.anonymous ? 'NULL' : `${from}.actor_id`,
      actorName: opts.anonymous ? 'NULL' : `${from}.actor_name`,
      requestId: `${from}.request_id`,
      clientIp: `${from}.client_ip`,
    },
  };
}

export function auditRowsSql<E extends AuditEntity>(q: Pick<SqlParams, 'add'>, who: AuditActor | AuditActorColumns, r: AuditRowsSql<E>): string {
  for (const key of Object.keys(r.after)) {
    if (personalKind(key, r.entity)) throw new Error(`audit row of ${r.entity}: '${key}' is personal data and cannot be written set-based`);
  }
  const action = typeof r.action === 'string' ? quote(r.action) : `CASE WHEN ${r.action.when} THEN ${quote(r.action.is)} ELSE ${quote(r.action.otherwise)} END`;
  const pairs = Object.entries(r.after).flatMap(([k, v]) => [quote(k), v]);
  let after = `jsonb_build_object(${pairs.join(', ')})`;
  const actor =
    'columns' in who
      ? who.columns
      : { actorId: q.add(who.actorId), actorName: q.add(who.actorName), requestId: q.add(who.requestId), clientIp: q.add(who.clientIp) };
  if (r.afterValues) after += ` || ${q.add(JSON.stringify(scrub(r.entity, r.afterValues)))}::jsonb`;
  if (r.afterEach) after += ` || (${q.add(r.afterEach.values.map((v) => JSON.stringify(scrub(r.entity, v))))}::text[])[${r.afterEach.place}]::jsonb`;
  return `INSERT INTO audit_log (actor_id, actor_name, request_id, client_ip, action, entity, entity_id, area_path, after)
       SELECT ${actor.actorId}::int, ${actor.actorName}::text, ${actor.requestId}::text, ${actor.clientIp}::text,
              ${action}, ${quote(r.entity)}, (${r.entityId})::text, ${r.areaPath}, ${after}
         FROM ${r.from}`;
}
