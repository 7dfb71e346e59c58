import type { Queryable } from '../db/engine';
import type { PurgeOutcome, PurgeRequest } from '../../domain/lifecycle/classes';

/**
 * The shape every owner's retention purge shares (modules/lifecycle runs them): the rows matching `where` — whose
 * `$1` is the cutoff and `$2` the held area paths as LIKE patterns — found on a dry run, changed by `change` (an
 * UPDATE or DELETE ending in `WHERE <where> RETURNING id`) otherwise. The table names stay in the owner's file.
 */
export async function purgeWhere(
  tx: Queryable,
  p: PurgeRequest,
  sql: { find: (where: string) => string; change: (where: string) => string; where: string },
): Promise<PurgeOutcome> {
  const args = [p.before, heldPatterns(p.heldPaths)];
  const rows = await tx.query<{ id: number }>(p.dryRun ? sql.find(sql.where) : sql.change(sql.where), args);
  return { count: rows.length, ids: rows.map((r) => Number(r.id)) };
}

/** `NOT (<column> LIKE ANY($2))`: outside every held area (an empty list holds nothing). */
export const notHeld = (column: string) => `NOT (${column} LIKE ANY($2::text[]))`;

/** The held areas' paths as the LIKE patterns `notHeld` and the owners' checks compare with (a path and all below it). */
export const heldPatterns = (heldPaths: readonly string[]) => heldPaths.map((h) => `${h}%`);
