/**
 * One line of COPY's text format (the default of `COPY … FROM STDIN` and of PGlite's `FROM '/dev/blob'`): values
 * tab-separated, null as `\N`, and the backslash, tab, newline and carriage return inside a value escaped, so a
 * name or an address cannot break a line or shift a column.
 */
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const SPECIAL = /[\\\t\n\r]/g;
// Without the g flag: test() on a global regular expression keeps its position from one call to the next.
const HAS_SPECIAL = /[\\\t\n\r]/;

export type CopyValue = string | number | boolean | null | undefined;

export function copyField(v: CopyValue): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v !== 'string') return String(v);
  return HAS_SPECIAL.test(v) ? v.replace(SPECIAL, (c) => ESCAPES[c]) : v;
}

export function copyLine(values: readonly CopyValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i ? '\t' : '') + copyField(values[i]);
  return `${line}\n`;
}
