import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, login } from './harness';
import { CROSS_AREA_CASES, type CrossEnv, MARK, PUBLIC_ROUTES } from './cross-area-cases';
import { buildWalkEnv } from './walk-env';

/**
 * Walks every registered API route as an administrator of area B aimed at area A's records
 * (see cross-area-cases.ts), and proves nothing of A is returned or changed.
 */
let t: TestApp;
let env: CrossEnv;
let snapshotOfA: () => Promise<string>;

beforeAll(async () => {
  ({ t, env, snapshotOfA } = await buildWalkEnv());
});
afterAll(() => t.close());

describe('every endpoint, as a user of a sibling area', () => {
  it('every API route is either public on purpose or has a cross-area case', () => {
    const routes = t.app.apiRoutes.map((r) => `${r.method} ${r.url}`);
    expect(routes.length).toBeGreaterThan(15);
    const missing = t.app.apiRoutes
      .filter((r) => r.access !== 'public')
      .map((r) => `${r.method} ${r.url}`)
      .filter((k) => !CROSS_AREA_CASES[k]);
    expect(missing, 'add these routes to src/server/testing/cross-area-cases.ts').toEqual([]);
    const publicOnes = t.app.apiRoutes.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`);
    expect(
      publicOnes.filter((k) => !PUBLIC_ROUTES.includes(k)),
      'routes made public without being listed',
    ).toEqual([]);
  });

  // The walk is cut into parts, each with its own time limit: one test over ~400 routes outgrew any single limit
  // on a busy machine. Every route is in exactly one part (by its position), and the last test checks they all ran.
  const PARTS = 8;
  const checked: string[] = [];
  const walked = () => t.app.apiRoutes.filter((r) => r.access !== 'public');
  for (let part = 0; part < PARTS; part++) {
    it(`sees and changes nothing of area A (part ${part + 1} of ${PARTS})`, async () => {
      for (const route of walked().filter((_, i) => i % PARTS === part)) {
        const key = `${route.method} ${route.url}`;
        const requests = await CROSS_AREA_CASES[key](env);
        for (const req of requests) {
          const url = req.url || route.url;
          const b = await login(t.app, 'admin_b');
          const before = await snapshotOfA();
          const res = await b.request({ method: route.method as any, url, payload: req.body as any, headers: req.headers });
          const label = `${key} → ${url} answered ${res.statusCode}`;
          const text = async (r: typeof res) => (req.readBody ? await req.readBody(r.rawPayload) : r.body);
          expect(res.statusCode, label).toBeLessThan(500);
          expect((await text(res)).toLowerCase(), `${label}: leaked A's data`).not.toContain(MARK.toLowerCase());
          if (req.expect === 'denied') expect([400, 403, 404], label).toContain(res.statusCode);
          expect(await snapshotOfA(), `${label}: changed A's data`).toBe(before);

          const control = req.control ?? (req.expect === 'denied' ? 'ok' : 'marker');
          if (control !== 'none') {
            const a = await login(t.app, 'leakmark_a');
            const own = await a.request({ method: route.method as any, url, payload: req.body as any, headers: req.headers });
            expect(own.statusCode, `control: A's own ${key} → ${url} should succeed: ${own.body.slice(0, 300)}`).toBeLessThan(300);
            if (control === 'marker') expect((await text(own)).toLowerCase(), `control: A's ${url} shows A's data`).toContain(MARK.toLowerCase());
          }
          checked.push(key);
        }
      }
      // Each request: two sign-ins and two snapshots of every path-carrying table.
    }, 600_000);
  }

  it('walked every route', () => {
    expect(new Set(checked).size).toBe(walked().length);
  });
});
