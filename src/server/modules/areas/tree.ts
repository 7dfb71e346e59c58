import type { Db } from '../../db/engine';
import { type Scope, pathInScope } from '../../platform/scope';
import * as repo from './repo';
import type { AreaRow } from './repo';
import { areaTree } from './tree-cache';

/**
 * Scoped reads of the area tree through the process cache (tree-cache.ts). Like every repository
 * function they take the caller's scope and apply it themselves: an area outside it is null, exactly
 * like a missing one. Use these with the database handle only — inside a transaction read with the
 * SQL functions of repo.ts, which see the transaction's own changes.
 */
export async function findInScope(db: Db, scope: Scope, id: number): Promise<AreaRow | null> {
  const row = await areaTree(db).node(id, () => repo.findByIdUnscoped(db, id));
  return row && pathInScope(scope, row.path) ? row : null;
}

export async function childrenInScope(db: Db, scope: Scope, id: number, includeArchived: boolean): Promise<AreaRow[]> {
  const rows = await areaTree(db).childrenOf(id, () => repo.listChildrenUnscoped(db, id));
  return rows.filter((r) => (includeArchived || !r.archived) && pathInScope(scope, r.path));
}

/** The chain from the top of the caller's scope down to `path`, widest first. */
export async function ancestorsInScope(db: Db, scope: Scope, path: string): Promise<AreaRow[]> {
  const ids = path.split('/').filter(Boolean).map(Number);
  const rows = await Promise.all(ids.map((id) => findInScope(db, scope, id)));
  return rows.filter((r): r is AreaRow => r !== null);
}

/** Call after committing a change to areas, so this process reads its own writes at once. */
export function areasChanged(db: Db) {
  areaTree(db).invalidate();
}
