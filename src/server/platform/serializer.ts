import fastJson from 'fast-json-stringify';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';

/**
 * How answers leave the server: through each route's response schema (domain/<module>/api.ts), so a field
 * the schema does not declare never leaves — a second guard behind masking.
 *
 * The schema is turned into a JSON Schema once per route and compiled by fast-json-stringify (Fastify's own
 * serialiser): it writes only declared properties and costs a fraction of walking every answer through
 * zod (on the area list of the HTTP benchmark, about 15 µs against 85 µs per answer). A schema it cannot
 * express exactly falls back to zod's encode.
 *
 * fast-json-stringify trusts its input: a `null` where the schema says number would be written as 0. So in
 * tests (`verify`) every answer is also encoded by zod and the two compared; a difference fails the request
 * with the route and both texts, and the whole suite (every route is walked) proves the two agree.
 */
export interface SerializerOptions {
  verify: boolean;
}

type Serialize = (data: unknown) => string;
type JsonSchema = Record<string, unknown>;

/** Routes whose answers fell back to zod (`METHOD url status: why`), for the test that keeps them few. */
export const zodFallbacks = new Set<string>();

export function responseSerializerCompiler(opts: SerializerOptions) {
  return ({ schema, method, url, httpStatus }: { schema: unknown; method: string; url: string; httpStatus?: string }): Serialize => {
    const zodSchema = schema as z.ZodType;
    const checked: Serialize = (data) => {
      const result = z.safeEncode(zodSchema, data);
      if (!result.success) throw new ResponseShapeError(method, url, z.prettifyError(result.error));
      return JSON.stringify(result.data);
    };
    const fast = compileFast(zodSchema, (why) => zodFallbacks.add(`${method} ${url} ${httpStatus}: ${why}`));
    if (!fast) return checked;
    if (!opts.verify) return fast;
    return (data) => {
      const expected = checked(data);
      const got = fast(data);
      if (got !== expected && !isDeepStrictEqual(JSON.parse(got), JSON.parse(expected))) {
        throw new ResponseShapeError(method, url, `the fast serialiser wrote ${got.slice(0, 500)} where zod wrote ${expected.slice(0, 500)}`);
      }
      return got;
    };
  };
}

export class ResponseShapeError extends Error {
  constructor(method: string, url: string, detail: string) {
    super(`The answer of ${method} ${url} does not match its response schema: ${detail}`);
    this.name = 'ResponseShapeError';
  }
}

const UNREPRESENTABLE = new Set(['transform', 'bigint', 'int64', 'symbol', 'undefined', 'void', 'date', 'map', 'set', 'nan', 'function', 'promise']);

function compileFast(schema: z.ZodType, fellBack: (why: string) => void): Serialize | null {
  try {
    const json = z.toJSONSchema(schema, {
      io: 'output',
      target: 'draft-7',
      // Our `instant` and `day` are custom types that say their JSON shape in .meta() (a custom type without
      // one is written as JSON.stringify writes it, as zod does); anything else JSON Schema cannot say (a
      // transform, a bigint, a Map) sends the route to zod.
      unrepresentable: 'any',
      override: ({ zodSchema }) => {
        const type = zodSchema._zod.def.type;
        if (UNREPRESENTABLE.has(type)) throw new Error(`a ${type} cannot be written by JSON Schema`);
      },
    }) as JsonSchema;
    const adapted = adapt(json);
    // A union left after folding nullables is chosen by fast-json-stringify by validating the raw value, and
    // a Date is not the string its schema says: such routes go to zod, which picks the branch as it parses.
    if (/"(anyOf|oneOf|allOf)"/.test(JSON.stringify(adapted))) throw new Error('a union');
    return fastJson(adapted as Parameters<typeof fastJson>[0]) as Serialize;
  } catch (err) {
    fellBack((err as Error).message.slice(0, 200));
    return null;
  }
}

/**
 * Shapes zod's JSON Schema for fast-json-stringify:
 * - `anyOf: [X, {type: null}]` (zod's `.nullable()`) becomes X with `nullable: true`, which it writes
 *   without trying each branch;
 * - a calendar `date` becomes `date-time`: a Date object then leaves as its ISO text, as JSON.stringify
 *   writes it (fast-json-stringify's `date` would write the server's local day instead); strings pass as
 *   they are either way.
 */
function adapt(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(adapt);
  if (!node || typeof node !== 'object') return node;
  const s = node as JsonSchema;
  const anyOf = s.anyOf as JsonSchema[] | undefined;
  if (anyOf?.length === 2) {
    const nonNull = anyOf.filter((b) => b.type !== 'null');
    if (nonNull.length === 1) {
      const { anyOf: _, ...rest } = s;
      return adapt({ ...rest, ...nonNull[0], nullable: true });
    }
  }
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(s)) out[k] = k === 'format' && v === 'date' ? 'date-time' : adapt(v);
  return out;
}

const utf8 = new TextEncoder();

/**
 * An answer's text as UTF-8 bytes, encoded once. Given a string, Fastify measures its UTF-8 length
 * (`Buffer.byteLength`) and the socket encodes it again as it writes; on Node 20 both are slow for text with
 * Chinese in it — ~0.7 ms each for the 80 KB of a doctor's list of 226 follow-ups, most of that request's own CPU
 * — while `TextEncoder` encodes the same text in under 0.1 ms. Short answers are left as strings: for them the
 * difference is nothing.
 */
export function utf8Payload<T>(payload: T): T | Buffer {
  if (typeof payload !== 'string' || payload.length < 1024) return payload;
  const bytes = utf8.encode(payload);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
