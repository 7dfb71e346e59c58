import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { testConfig } from '../config';
import { type TestApp, freshDb, login, makeUser, testApp } from '../testing/harness';
import { registerPublic } from './access';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await makeUser(t.db, 'reader', ['admin'], t.root);
});
afterAll(() => t.close());

describe('access decided by the matched route', () => {
  it('refuses an encoded /api path without a session, as the plain one', async () => {
    for (const url of ['/%61pi/permissions', '/%61%70%69/roles', '/api/permissions', '/%61pi/auth/me']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
      expect(res.headers['cache-control']).toBe('no-store');
    }
    const a = await login(t.app, 'reader');
    expect((await a.get('/%61pi/permissions')).statusCode).toBe(200);
  });

  it('checks the CSRF header on an encoded path too', async () => {
    const a = await login(t.app, 'reader');
    const res = await t.app.inject({ method: 'POST', url: '/%61pi/auth/logout', headers: { cookie: a.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
  });

  it('keeps the public routes and the docs page public', async () => {
    expect((await t.app.inject({ url: '/api/health' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/openapi.json' })).statusCode).toBe(200);
    expect([200, 302]).toContain((await t.app.inject({ url: '/api/docs' })).statusCode);
    expect((await t.app.inject({ url: '/api/docs/static/swagger-ui.css' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/no-such-route' })).statusCode).toBe(404);
  });
});

describe('deny by default', () => {
  it('refuses a route registered without an access marker, to everyone; public ones are marked on purpose', async () => {
    const db = await freshDb();
    const app = await buildApp({ config: testConfig(), db });
    const webRoot = mkdtempSync(path.join(os.tmpdir(), 'wangge-web-'));
    writeFileSync(path.join(webRoot, 'index.html'), '<html>single page</html>');
    try {
      app.get('/internal/forgotten', async () => ({ secret: true }));
      // As the server serves the built web app: its files and the single page behind every client path.
      await registerPublic(app, async (scope) => {
        await scope.register(fastifyStatic, { root: webRoot, wildcard: false });
        scope.get('/*', (_req, reply) => reply.sendFile('index.html'));
      });
      await app.ready();
      const res = await app.inject({ url: '/internal/forgotten' });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      expect(res.body).not.toContain('secret');
      expect((await app.inject({ url: '/index.html' })).body).toContain('single page');
      expect((await app.inject({ url: '/volunteers/enlistments' })).body).toContain('single page');
      expect((await app.inject({ url: '/%61pi/permissions' })).statusCode).toBe(401);
    } finally {
      await app.close();
      await db.close();
      rmSync(webRoot, { recursive: true, force: true });
    }
  });

  it('stops the start when an /api route forgets its access marker', async () => {
    const db = await freshDb();
    const app = await buildApp({ config: testConfig(), db });
    try {
      expect(() => app.get('/api/forgotten', async () => ({}))).toThrow(/does not declare config.access/);
    } finally {
      await app.close();
      await db.close();
    }
  });
});
