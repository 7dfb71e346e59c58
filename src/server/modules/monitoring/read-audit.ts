import { auditActorOf, auditMany } from '../../platform/audit';
import type { Ctx } from '../../platform/context';

/**
 * Reading a named person's health and isolation records (one measure, a person's measures, a measure's
 * follow-ups) leaves a line in the trail per person: who looked at whose records, and which. Lists of many
 * people (a doctor's day, a village's measures) are work lists, not looking someone up, and are not recorded.
 */
export async function auditHealthRead(ctx: Ctx, rows: { residentId: number; areaPath: string }[], what: Record<string, unknown>): Promise<void> {
  const people = new Map(rows.map((r) => [r.residentId, r.areaPath]));
  if (!people.size) return;
  await auditMany(
    ctx.db,
    auditActorOf(ctx),
    [...people].map(([residentId, areaPath]) => ({ entity: 'resident', action: 'read_health', entityId: residentId, areaPath, after: what })),
  );
}
