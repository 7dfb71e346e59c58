/**
 * Bad inputs made from a good request (fuzz.test.ts). Each mutation says whether the route must refuse it
 * (a 4xx that writes nothing: malformed JSON, a wrong type, U+0000, an impossible date, an unknown field,
 * invalid UTF-8, a path id that is not one) or only must not fail (no 5xx: huge numbers and strings, which a
 * route may accept within its bounds).
 */
export interface FuzzRequest {
  label: string;
  url: string;
  payload?: string | Buffer;
  headers?: Record<string, string>;
  /** 'refuse': 4xx and nothing written; 'survive': anything but a 5xx. */
  must: 'refuse' | 'survive';
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = Array<string | number>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T/;
const JSON_HEADERS = { 'content-type': 'application/json' };

/** Every leaf of a JSON value with its path. */
function leaves(v: Json, at: Path = []): Array<{ path: Path; value: Json }> {
  if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, [...at, i]));
  if (v !== null && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => leaves(x, [...at, k]));
  return [{ path: at, value: v }];
}

function setAt(v: Json, path: Path, value: Json): Json {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(v)) return v.map((x, i) => (i === head ? setAt(x, rest, value) : x));
  const o = v as { [k: string]: Json };
  return { ...o, [head]: setAt(o[head as string], rest, value) };
}

const show = (p: Path) => p.join('.') || '(body)';

/** Mutations of a JSON body. */
export function bodyMutations(url: string, body: Json): FuzzRequest[] {
  const out: FuzzRequest[] = [];
  const send = (label: string, value: Json, must: FuzzRequest['must']) => out.push({ label, url, payload: JSON.stringify(value), headers: JSON_HEADERS, must });
  out.push({ label: 'malformed JSON', url, payload: '{"a": ', headers: JSON_HEADERS, must: 'refuse' });
  out.push({ label: 'invalid UTF-8', url, payload: Buffer.from([0x7b, 0x22, 0xe6, 0x96, 0x22, 0x3a, 0x31, 0x7d]), headers: JSON_HEADERS, must: 'refuse' });
  send('an array instead of an object', [body], 'refuse');
  send('a string instead of an object', 'x', 'refuse');
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) send('an unknown field', { ...body, fuzzUnknownField: 1 }, 'refuse');
  for (const { path, value } of leaves(body)) {
    if (path.length === 0) continue;
    const where = show(path);
    if (typeof value === 'string') {
      send(`U+0000 in ${where}`, setAt(body, path, `${value}\u0000`), 'refuse');
      send(`a lone surrogate in ${where}`, setAt(body, path, `${value}\uD800`), 'refuse');
      if (DATE.test(value)) {
        send(`2026-02-30 in ${where}`, setAt(body, path, '2026-02-30'), 'refuse');
        send(`0000-01-01 in ${where}`, setAt(body, path, '0000-01-01'), 'refuse');
      } else if (INSTANT.test(value)) {
        send(`an impossible instant in ${where}`, setAt(body, path, '2026-02-30T08:00:00+08:00'), 'refuse');
      }
      send(`a number in string ${where}`, setAt(body, path, 12345), 'survive');
      send(`100,000 characters in ${where}`, setAt(body, path, 'x'.repeat(100_000)), 'survive');
    } else if (typeof value === 'number') {
      send(`text in number ${where}`, setAt(body, path, 'abc'), 'refuse');
      send(`1e20 in ${where}`, setAt(body, path, 1e20), 'survive');
      send(`-1 in ${where}`, setAt(body, path, -1), 'survive');
      send(`2^31 in ${where}`, setAt(body, path, 2 ** 31), 'survive');
      send(`a fraction in ${where}`, setAt(body, path, 1.5), 'survive');
    } else if (typeof value === 'boolean') {
      send(`text in boolean ${where}`, setAt(body, path, 'yes'), 'refuse');
    }
    send(`an object in ${where}`, setAt(body, path, { nested: 1 }), 'survive');
  }
  return out;
}

/** Mutations of a URL's query string and path parameters. */
export function urlMutations(route: { url: string; takes: { query: boolean } }, url: string): FuzzRequest[] {
  const out: FuzzRequest[] = [];
  const [path, qs = ''] = url.split('?');
  const params = new URLSearchParams(qs);
  const withQuery = (p: URLSearchParams) => (p.toString() ? `${path}?${p}` : path);
  out.push({ label: 'U+0000 in an extra query parameter', url: withQuery(new URLSearchParams([...params, ['q', '\u0000']])), must: 'refuse' });
  if (route.takes.query)
    out.push({ label: 'an unknown query parameter', url: withQuery(new URLSearchParams([...params, ['fuzzUnknown', '1']])), must: 'refuse' });
  for (const [key, value] of params) {
    const swap = (v: string) => {
      const p = new URLSearchParams(params);
      p.set(key, v);
      return withQuery(p);
    };
    out.push({ label: `U+0000 in ?${key}`, url: swap(`${value}\u0000`), must: 'refuse' });
    if (DATE.test(value)) {
      out.push({ label: `2026-02-30 in ?${key}`, url: swap('2026-02-30'), must: 'refuse' });
      out.push({ label: `0000-01-01 in ?${key}`, url: swap('0000-01-01'), must: 'refuse' });
    }
    if (/^\d+$/.test(value)) {
      out.push({ label: `a huge number in ?${key}`, url: swap('99999999999999999999'), must: 'survive' });
      out.push({ label: `text in ?${key}`, url: swap('abc'), must: 'survive' });
    }
    out.push({ label: `5,000 characters in ?${key}`, url: swap('x'.repeat(5_000)), must: 'survive' });
  }
  // Path parameters (ids, tokens, codes): the route's template says which segments they are. None of these names a record.
  const template = route.url.split('/');
  const actual = path.split('/');
  template.forEach((seg, i) => {
    if (!seg.startsWith(':') || actual.length !== template.length) return;
    for (const [label, v, must] of [
      ['text', 'abc', 'refuse'],
      ['zero', '0', 'refuse'],
      ['past int4', '2147483648', 'refuse'],
      ['20 digits', '99999999999999999999', 'refuse'],
      ['U+0000', '%00', 'refuse'],
      ['a negative number', '-5', 'refuse'],
    ] as const) {
      const parts = [...actual];
      parts[i] = v;
      out.push({ label: `${label} as ${seg}`, url: parts.join('/') + (qs ? `?${qs}` : ''), must });
    }
  });
  return out;
}
