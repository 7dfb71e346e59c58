import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { instant } from '../../domain/primitives';
import { type TestApp, testApp } from '../testing/harness';
import { ResponseShapeError, responseSerializerCompiler, utf8Payload, zodFallbacks } from './serializer';

const compile = (schema: z.ZodType, verify = false) => responseSerializerCompiler({ verify })({ schema, method: 'GET', url: '/x', httpStatus: '200' });

describe('the response serialiser', () => {
  const person = z.object({ id: z.number(), name: z.string(), phone: z.string().nullable(), seenAt: instant.nullable(), tags: z.array(z.string()) });

  it('writes only what the schema declares, nulls as null, dates as ISO text', () => {
    const write = compile(person);
    const out = JSON.parse(
      write({ id: 7, name: '王小红', phone: null, seenAt: new Date('2026-12-03T06:30:00Z'), tags: ['a"b'], idNumber: '110101199003078515', secret: 1 }),
    );
    expect(out).toEqual({ id: 7, name: '王小红', phone: null, seenAt: '2026-12-03T06:30:00.000Z', tags: ['a"b'] });
  });

  it('agrees with zod, and in verify mode refuses an answer that breaks its schema', () => {
    const value = { id: 1, name: 'x', phone: '138****0000', seenAt: '2026-12-03T06:30:00.000Z', tags: [] };
    expect(compile(person, true)(value)).toBe(JSON.stringify(value));
    // fast-json-stringify alone would write 0 for the missing number; the check catches it.
    expect(() => compile(person, true)({ ...value, id: null })).toThrow(ResponseShapeError);
  });

  it('falls back to zod for a schema JSON Schema cannot say, still stripping undeclared fields', () => {
    const odd = z.object({ n: z.bigint() });
    expect(() => compile(odd)({ n: 1n })).toThrow(); // zod refuses to encode a bigint as JSON, as before
    expect(zodFallbacks.size).toBeGreaterThan(0);
  });
});

describe('an answer leaving as UTF-8', () => {
  it('is encoded once to the bytes Node would write, when long; short answers and bytes pass as they are', () => {
    const long = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: '欧阳明月', note: 'ok \u{1F600} é' })) });
    const bytes = utf8Payload(long);
    expect(Buffer.isBuffer(bytes)).toBe(true);
    expect(Buffer.compare(bytes as Buffer, Buffer.from(long, 'utf8'))).toBe(0);
    expect(utf8Payload('{"ok":true}')).toBe('{"ok":true}');
    const given = Buffer.from('x');
    expect(utf8Payload(given)).toBe(given);
    expect(utf8Payload(undefined)).toBeUndefined();
  });
});

describe('every route', () => {
  let t: TestApp;
  beforeAll(async () => {
    zodFallbacks.clear();
    t = await testApp();
  });
  afterAll(() => t.close());

  it('is written by the fast serialiser, but for the few unions', async () => {
    // Fastify compiles response serialisers when routes are registered; the app is ready by now.
    // Unions (a few answers that are one of two shapes) are written by zod on purpose; nothing else.
    expect([...zodFallbacks].filter((f) => !f.endsWith(': a union'))).toEqual([]);
    expect(zodFallbacks.size).toBeLessThan(20);
  });

  it('answers a long text with its UTF-8 length', async () => {
    // The API's description is long and not all ASCII (curly quotes, Chinese): sent as bytes, its length must agree.
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.length).toBeGreaterThan(1024);
    expect(res.rawPayload.toString('utf8')).not.toBe(res.rawPayload.toString('latin1')); // some non-ASCII in it
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
    expect(() => JSON.parse(res.body)).not.toThrow();
  });
});

describe('unions', () => {
  it('go to zod, which picks the branch a Date-carrying value belongs to', () => {
    const tube = z.object({ id: z.number(), closedAt: instant });
    const either = z.union([tube, z.object({ id: z.number() })]);
    const at = new Date('2026-12-03T06:30:00Z');
    expect(JSON.parse(compile(either, true)({ id: 3, closedAt: at }))).toEqual({ id: 3, closedAt: '2026-12-03T06:30:00.000Z' });
  });
});
