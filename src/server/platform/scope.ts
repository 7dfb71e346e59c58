import { forbidden } from './errors';
import type { SqlParams } from './sql';

/**
 * Area scope. Every operational row carries the `area_path` of the place it belongs to; a caller sees a
 * row when that path starts with the path of the caller's scope area. Repositories call `scopeClause`
 * to build the predicate themselves — routes never filter by hand — and a record outside the scope
 * is reported exactly like a missing one (404).
 */
export interface Scope {
  areaId: number;
  /** Materialised path of the scope area, e.g. '/1/5/'. */
  path: string;
}

/** `column LIKE '<scope path>%'` — uses the text_pattern_ops index on the column. */
export function scopeClause(scope: Scope, column: string, q: SqlParams): string {
  return `${column} LIKE ${q.add(scope.path + '%')}`;
}

/** True when `path` is the scope's own area or below it. */
export function pathInScope(scope: Scope, path: string): boolean {
  return path.startsWith(scope.path);
}

/** A scope at the top of the tree: deployment-wide settings (roles) are changed only from here. */
export function isRootScope(scope: Scope): boolean {
  return scope.path.split('/').filter(Boolean).length === 1;
}

/** Refuses (403 with the caller's code) anyone below the top of the tree: deployment-wide policy is changed only from there. */
export function mustBeRoot(scope: Scope, code: string): void {
  if (!isRootScope(scope)) throw forbidden(code);
}
