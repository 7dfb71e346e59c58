import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from './harness';

/**
 * Every operation in /api/openapi.json declares a response schema for its success status, so Fastify
 * serialises through it (fields not declared never leave the server) and the browser's types come from it.
 * Routes are registered from contracts (domain/<module>/api.ts) through platform/serve.ts.
 *
 * STILL_HAND_WRITTEN lists the OpenAPI tags whose routes have not moved to contracts yet: it may only shrink.
 */
// biome-ignore format: one tag a line, each removed by the change that moves it to contracts
const STILL_HAND_WRITTEN = new Set([
  'areas',
  'auth',
  'users',
  'residents',
  'volunteers',
  'screening',
  'monitoring',
  'tasks',
  'policy',
  'reports',
]);

let t: TestApp;
let doc: { paths: Record<string, Record<string, { tags?: string[]; responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> };
beforeAll(async () => {
  t = await testApp();
  doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
});
afterAll(() => t.close());

describe('contracts', () => {
  it('every operation declares a response schema for its success status and the error body', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if ((op.tags ?? []).some((tag) => STILL_HAND_WRITTEN.has(tag))) continue;
        checked++;
        const responses = op.responses ?? {};
        const success = Object.keys(responses).filter((s) => /^2\d\d$/.test(s));
        const hasSchema = success.some((s) => s === '204' || Object.values(responses[s].content ?? {}).some((c) => c.schema));
        if (!hasSchema || !responses['4XX']) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(missing, 'declare these routes through a contract (platform/serve.ts)').toEqual([]);
  });

  it('the list of tags still written by hand names only tags that exist', () => {
    const tags = new Set(Object.values(doc.paths).flatMap((ops) => Object.values(ops).flatMap((op) => op.tags ?? [])));
    expect([...STILL_HAND_WRITTEN].filter((tag) => !tags.has(tag))).toEqual([]);
  });
});
