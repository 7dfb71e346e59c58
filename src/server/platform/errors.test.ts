import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, login, makeUser, testApp } from '../testing/harness';
import { MESSAGES, pickLang } from './messages';

let t: TestApp;
let admin: Agent;
beforeAll(async () => {
  t = await testApp({ BODY_LIMIT_BYTES: 4096 });
  await makeUser(t.db, 'root_admin', ['admin'], t.root);
  admin = await login(t.app, 'root_admin');
});
afterAll(() => t.close());

describe('bad input is a 4xx with a clear body, never a 500', () => {
  it('malformed JSON → 400 INVALID_JSON', async () => {
    const res = await admin.request({ method: 'POST', url: '/api/areas', headers: { 'content-type': 'application/json' }, payload: '{"name": ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_JSON');
  });

  it('wrong types and missing fields → 400 with per-field messages', async () => {
    const res = await admin.post('/api/areas', { parentId: 'abc', kind: 'planet' });
    expect(res.statusCode).toBe(400);
    const e = res.json().error;
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(e.fields)).toEqual(expect.arrayContaining(['parentId', 'name', 'kind']));
    expect(e.fields.name).toBe('必填');
  });

  it('unknown fields → 400 naming them', async () => {
    const res = await admin.post('/api/areas', { parentId: t.root.id, name: '新镇', kind: 'town', sneaky: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.sneaky).toBeTruthy();
  });

  it('oversized body → 413', async () => {
    const res = await admin.post('/api/areas', { parentId: t.root.id, name: 'x'.repeat(10_000), kind: 'town' });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('unsupported content type → 415', async () => {
    const res = await admin.request({ method: 'POST', url: '/api/areas', headers: { 'content-type': 'text/xml' }, payload: '<a/>' });
    expect(res.statusCode).toBe(415);
  });

  it('bad query and path parameters → 400', async () => {
    expect((await admin.get('/api/areas/not-a-number')).statusCode).toBe(400);
    expect((await admin.get('/api/areas?page=-1')).statusCode).toBe(400);
    expect((await admin.get('/api/audit?from=yesterday-ish')).statusCode).toBe(400);
  });

  it('unknown endpoint → 404 in English when asked', async () => {
    const res = await admin.get('/api/nothing-here', { 'accept-language': 'en' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({ code: 'ROUTE_NOT_FOUND', message: 'No such endpoint' });
  });

  it('a missing permission → 403', async () => {
    await makeUser(t.db, 'gw', ['grid_worker'], t.root);
    const gw = await login(t.app, 'gw');
    const res = await gw.post('/api/areas', { parentId: t.root.id, name: '某镇', kind: 'town' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });
});

describe('messages', () => {
  it('picks Chinese by default and English when preferred', () => {
    expect(pickLang(undefined)).toBe('zh');
    expect(pickLang('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(pickLang('en-GB,en;q=0.9')).toBe('en');
  });

  it('every error code thrown in the server has a message in both languages', () => {
    const codes = new Set<string>();
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = path.join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) {
          const src = readFileSync(p, 'utf8');
          for (const m of src.matchAll(/(?:DomainError\('\w+', |conflict\(|ruleViolation\(|badRequest\(|forbidden\(|unauthenticated\()'([A-Z_]+)'/g))
            codes.add(m[1]);
        }
      }
    };
    walk(path.resolve(__dirname, '..'));
    expect(codes.size).toBeGreaterThan(10);
    for (const c of codes) {
      expect(MESSAGES[c], c).toBeDefined();
      expect(MESSAGES[c].zh && MESSAGES[c].en, c).toBeTruthy();
    }
  });
});
