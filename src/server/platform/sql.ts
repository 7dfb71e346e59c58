import { nameSearchKey } from '../../domain/search-text';

/**
 * A tiny helper to build parameterised SQL without counting `$n` by hand:
 *   const q = new SqlParams(); const where = `name = ${q.add(name)}`; db.query(sql, q.values)
 */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Escapes % _ and \ for use inside a LIKE pattern. */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `column` holds the text anywhere, both compared by their keys (spaces and dots typed or not; the rule of
 * `nameSearchKey`, in SQL `name_search_key`). For the short lists (volunteers, applications), read whole;
 * the registry's search has its own indexes.
 */
export function nameContains(column: string, text: string, q: SqlParams): string {
  return `name_search_key(${column}) LIKE ${q.add(`%${likeEscape(nameSearchKey(text))}%`)}`;
}
