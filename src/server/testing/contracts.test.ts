import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from './harness';

/**
 * Every operation in /api/openapi.json declares a response schema for its success status and the error body,
 * so Fastify serialises through it (fields not declared never leave the server) and the browser's types come
 * from it. Routes are registered from contracts (domain/<module>/api.ts) through platform/serve.ts.
 */
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
        checked++;
        const responses = op.responses ?? {};
        const success = Object.keys(responses).filter((s) => /^2\d\d$/.test(s));
        const hasSchema = success.some((s) => s === '204' || Object.values(responses[s].content ?? {}).some((c) => c.schema));
        if (!hasSchema || !responses['4XX']) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(checked).toBeGreaterThan(150);
    expect(missing, 'declare these routes through a contract (platform/serve.ts)').toEqual([]);
  });

  it('every API route is in the document (none hidden but the document itself)', () => {
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`)),
    );
    const undocumented = t.app.apiRoutes.map((r) => `${r.method} ${r.url}`).filter((k) => !documented.has(k) && k !== 'GET /api/openapi.json');
    expect(undocumented).toEqual([]);
  });
});
