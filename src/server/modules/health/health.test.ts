import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../testing/harness';

/**
 * /api/health answers without waiting on the database once it has read the migration level: on PGlite a reading
 * queued behind a large commit's batch would stall the check (issue 14, point 13).
 */
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('health', () => {
  it('answers the migration level, then keeps answering while the database does not', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(first.json()).toMatchObject({ status: 'ok', migration: expect.any(Number) });
    expect(first.json().migration).toBeGreaterThanOrEqual(27);
    // The engine now holds every query (a commit that never yields): health still answers, at once.
    const query = t.db.query;
    let asked = 0;
    t.db.query = (() => {
      asked++;
      return new Promise(() => {});
    }) as typeof t.db.query;
    try {
      const started = Date.now();
      const again = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(again.statusCode).toBe(200);
      expect(again.json().migration).toBe(first.json().migration);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(asked).toBe(0);
    } finally {
      t.db.query = query;
    }
  });

  it('carries the security headers on every answer, errors included (captured from helmet once)', async () => {
    for (const url of ['/api/health', '/api/no-such-route']) {
      const res = await t.app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['cross-origin-embedder-policy']).toBeUndefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});
