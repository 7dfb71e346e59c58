import type { Queryable } from '../../db/engine';
import { type AuditEvent, auditActorOf, auditMany } from '../../platform/audit';
import { startConfirmedMany } from './follow-ups-repo';
import { type MCtx, followUpsUntil } from './service';

/**
 * Confirmed measures started together inside the caller's transaction (contacts found and placed from the tracing
 * board): one statement moves them to active and writes their follow-ups ahead, one audits them — what `start`
 * does one by one. A measure not (or no longer) confirmed is left as it is: a proposal waits for a cadre's
 * confirmation, and one already started is not started twice. Answers the ids started. `auditInto`: as
 * `proposeMany`'s, the caller's list to add the audit rows to.
 */
export async function startMany(tx: Queryable, ctx: MCtx, measureIds: readonly number[], auditInto?: AuditEvent[]): Promise<number[]> {
  if (!measureIds.length) return [];
  const { started, followUps } = await startConfirmedMany(tx, measureIds, ctx.today, followUpsUntil(ctx), ctx.timeZone);
  if (!started.length) return [];
  const ids = started.map((m) => m.id);
  const events = started.map((m) => ({
    action: 'start' as const,
    entity: 'measure' as const,
    entityId: m.id,
    areaPath: m.area_path,
    before: { state: 'confirmed' },
    after: { state: 'active', placed: true, batch: ids.length, followUpsInBatch: followUps },
  }));
  if (auditInto) auditInto.push(...events);
  else await auditMany(tx, auditActorOf(ctx), events);
  return ids;
}
