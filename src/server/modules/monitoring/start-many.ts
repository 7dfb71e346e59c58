import type { Queryable } from '../../db/engine';
import { auditActorOf, auditMany } from '../../platform/audit';
import { generateFollowUps } from './follow-ups-repo';
import { type MCtx, followUpsUntil } from './service';

/**
 * Confirmed measures started together inside the caller's transaction (contacts found and placed from the tracing
 * board): one statement moves them to active, one writes their follow-ups ahead, one audits them — what `start`
 * does one by one. A measure not (or no longer) confirmed is left as it is: a proposal waits for a cadre's
 * confirmation, and one already started is not started twice. Answers the ids started.
 */
export async function startMany(tx: Queryable, ctx: MCtx, measureIds: readonly number[]): Promise<number[]> {
  if (!measureIds.length) return [];
  const started = await tx.query<{ id: number; area_path: string }>(
    `UPDATE measures SET state = 'active', updated_at = now() WHERE id = ANY($1::int[]) AND state = 'confirmed' RETURNING id, area_path`,
    [[...measureIds]],
  );
  if (!started.length) return [];
  const ids = started.map((m) => m.id);
  const followUps = await generateFollowUps(tx, ids, ctx.today, followUpsUntil(ctx), ctx.timeZone);
  await auditMany(
    tx,
    auditActorOf(ctx),
    started.map((m) => ({
      action: 'start' as const,
      entity: 'measure' as const,
      entityId: m.id,
      areaPath: m.area_path,
      before: { state: 'confirmed' },
      after: { state: 'active', placed: true, batch: ids.length, followUpsInBatch: followUps },
    })),
  );
  return ids;
}
