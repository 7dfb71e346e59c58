import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, login, makeUser, testApp } from '../testing/harness';
import { forbiddenAt } from './input-guard';

/** What no route may receive (input-guard.ts), and the database's data errors as 400s (error-handler.ts). */
let t: TestApp;
let admin: Agent;
beforeAll(async () => {
  t = await testApp();
  await makeUser(t.db, 'root_admin', ['admin'], t.root);
  admin = await login(t.app, 'root_admin');
});
afterAll(() => t.close());

const auditRows = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0].n;

describe('input guard', () => {
  it('finds the first forbidden string and names its field', () => {
    expect(forbiddenAt({ a: 'ok', b: [{ c: 'x\u0000' }] }, '')).toBe('b.0.c');
    expect(forbiddenAt({ 'k\u0000': 1 }, '')).toBe('k\\u0000');
    expect(forbiddenAt('\uD800', '')).toBe('');
    expect(forbiddenAt({ a: 1, b: null, c: ['ok'] }, '')).toBeNull();
  });

  it('refuses U+0000 in a body string, naming the field, and writes nothing', async () => {
    const before = await auditRows();
    const res = await admin.post('/api/areas', { parentId: t.root.id, name: '新\u0000镇', kind: 'town' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_CHARACTERS');
    expect(res.json().error.fields).toEqual({ name: expect.any(String) });
    expect(await auditRows()).toBe(before);
  });

  it('refuses a lone surrogate sent as a JSON escape', async () => {
    const res = await admin.request({
      method: 'POST',
      url: '/api/areas',
      headers: { 'content-type': 'application/json' },
      payload: `{"parentId": ${t.root.id}, "name": "\\ud800镇", "kind": "town"}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_CHARACTERS');
  });

  it('refuses U+0000 in a query string', async () => {
    const res = await admin.get('/api/residents?q=%00');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_CHARACTERS');
  });

  it('refuses a body that is not UTF-8 instead of storing U+FFFD', async () => {
    const before = await auditRows();
    const name = Buffer.from([0xe6, 0x96]); // half of a three-byte character
    const payload = Buffer.concat([Buffer.from(`{"parentId": ${t.root.id}, "name": "`), name, Buffer.from('", "kind": "town"}')]);
    const res = await admin.request({ method: 'POST', url: '/api/areas', headers: { 'content-type': 'application/json' }, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_UTF8');
    expect(await auditRows()).toBe(before);
  });

  it('refuses a body sent to a route that takes none, but not an empty one', async () => {
    const leaving = await login(t.app, 'root_admin');
    const withBody = await leaving.request({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { 'content-type': 'application/json' },
      payload: '{"all": true}',
    });
    expect(withBody.statusCode).toBe(400);
    expect(withBody.json().error.code).toBe('BODY_NOT_EXPECTED');
    const empty = await leaving.request({ method: 'POST', url: '/api/auth/logout', headers: { 'content-type': 'application/json' }, payload: '{}' });
    expect(empty.statusCode).toBeLessThan(300);
  });

  it('refuses an impossible calendar date and a year outside the sane range', async () => {
    for (const day of ['2026-02-30', '0000-01-01', '2026-13-01']) {
      const res = await admin.get(`/api/residents?asOf=${day}`);
      expect(res.statusCode, day).toBe(400);
      expect(res.json().error.fields.asOf, day).toBeTruthy();
    }
  });
});
