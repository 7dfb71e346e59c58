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
