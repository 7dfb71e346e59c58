import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../platform/passwords';
import { TEST_PASSWORD, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';

/** Sign-in hardening (issue 14, point 7): backoff, failures-only address limit, forced change, sessions. */
let t: TestApp;
let clock = Date.now();
const now = () => clock;
const tryLogin = (username: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });

beforeAll(async () => {
  t = await testApp({ LOGIN_FAILURES_BEFORE_DELAY: 2, LOGIN_MAX_FAILURES_PER_ADDRESS: 6, SESSION_IDLE_HOURS: 2, SESSION_MAX_HOURS: 24 }, { now });
  const town = await makeArea(t.db, t.root, '一镇', 'town');
  for (const u of ['owner', 'office1', 'office2', 'admin1', 'worker', 'fresh', 'roamer', 'sleeper', 'keeper']) {
    await makeUser(t.db, u, u === 'admin1' ? ['admin'] : ['cadre'], u === 'admin1' ? t.root : town);
  }
});
afterAll(() => t.close());

describe('backoff instead of a lock', () => {
  it('slows a guesser per account; the owner gets in after a wait that grows with the failures', async () => {
    const wrong = () => tryLogin('owner', 'Wrong-Pass-1', { 'x-forwarded-for': '1.1.1.1' });
    expect((await wrong()).statusCode).toBe(401);
    expect((await wrong()).statusCode).toBe(401);
    // Third failure in a row: the next attempt must wait 1 s…
    expect((await wrong()).statusCode).toBe(401);
    const held = await tryLogin('owner', TEST_PASSWORD);
    expect(held.statusCode).toBe(429);
    expect(held.json().error.code).toBe('LOGIN_WAIT');
    clock += 1_100;
    // …a guess after the wait fails again and doubles it (2 s); the right password within it waits too.
    expect((await wrong()).statusCode).toBe(401);
    clock += 1_100;
    expect((await tryLogin('owner', TEST_PASSWORD)).statusCode).toBe(429);
    clock += 1_000;
    // After the wait the owner signs in — no 15-minute lock.
    expect((await tryLogin('owner', TEST_PASSWORD)).statusCode).toBe(200);
    // A success forgets the failures.
    expect((await wrong()).statusCode).toBe(401);
    expect((await tryLogin('owner', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('caps the wait (LOGIN_DELAY_MAX_SECONDS) instead of locking for good', async () => {
    for (let i = 0; i < 14; i++) {
      await tryLogin('roamer', 'Wrong-Pass-1');
      clock += 16 * 60_000;
    }
    // Each guess after a 16-minute pause is let through again: the wait never exceeds 15 minutes.
    expect((await tryLogin('roamer', TEST_PASSWORD)).statusCode).toBe(200);
  });
});

describe('the per-address limit counts failures only', () => {
  it('lets one office sign in everyone through one address, and stops an address that keeps failing', async () => {
    clock += 60 * 60_000;
    // Twenty successful sign-ins from one address are never refused.
    for (let i = 0; i < 10; i++) {
      expect((await tryLogin('office1', TEST_PASSWORD)).statusCode).toBe(200);
      expect((await tryLogin('office2', TEST_PASSWORD)).statusCode).toBe(200);
    }
    // Six failures across several usernames (none delayed on its own) stop the address…
    for (const u of ['a1', 'a2', 'a3', 'a4', 'a5', 'a6']) expect((await tryLogin(u, 'Wrong-Pass-1')).statusCode).toBe(401);
    const stopped = await tryLogin('office1', TEST_PASSWORD);
    expect(stopped.statusCode).toBe(429);
    expect(Number(stopped.headers['retry-after'])).toBeGreaterThan(60);
    // …until the window has passed.
    clock += 16 * 60_000;
    expect((await tryLogin('office1', TEST_PASSWORD)).statusCode).toBe(200);
  });
});

describe('forced password change', () => {
  it('after a reset the session can only change the password; then everything works again', async () => {
    const admin = await login(t.app, 'admin1');
    const [{ id }] = await t.db.query<{ id: number }>("SELECT id FROM users WHERE username = 'worker'");
    expect((await admin.post(`/api/users/${id}/reset-password`, { newPassword: 'Reset-Pass-77' })).statusCode).toBe(200);
    const w = await login(t.app, 'worker', 'Reset-Pass-77');
    const me = await w.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.mustChangePassword).toBe(true);
    const blocked = await w.get('/api/areas');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await w.get('/api/auth/sessions')).statusCode).toBe(403);
    // The password the administrator chose must really change.
    expect((await w.post('/api/auth/password', { currentPassword: 'Reset-Pass-77', newPassword: 'Reset-Pass-77' })).json().error.code).toBe('SAME_PASSWORD');
    expect((await w.post('/api/auth/password', { currentPassword: 'Reset-Pass-77', newPassword: 'Mine-Now-2026' })).statusCode).toBe(200);
    expect((await w.get('/api/auth/me')).json().user.mustChangePassword).toBe(false);
    expect((await w.get('/api/areas')).statusCode).toBe(200);
  });

  it('a new account created by an administrator changes its password first', async () => {
    const admin = await login(t.app, 'admin1');
    const created = await admin.post('/api/users', {
      username: 'newbie',
      displayName: '新人',
      roles: ['cadre'],
      scopeAreaId: t.root.id,
      password: 'Handed-Over-9',
    });
    expect(created.statusCode).toBe(201);
    const n = await login(t.app, 'newbie', 'Handed-Over-9');
    expect((await n.get('/api/auth/me')).json().user.mustChangePassword).toBe(true);
    expect((await n.get('/api/areas')).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('an administrator cannot reset their own password without the current one', async () => {
    const admin = await login(t.app, 'admin1');
    const res = await admin.post(`/api/users/${admin.userId}/reset-password`, { newPassword: 'Taken-Over-88' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('OWN_PASSWORD_RESET');
    await login(t.app, 'admin1');
  });
});

describe('password hashes', () => {
  it('verifies a hash made at an older cost and rehashes it at sign-in', async () => {
    const old = await hashPassword(TEST_PASSWORD, { N: 1024, r: 8, p: 1 });
    await t.db.query("UPDATE users SET password_hash = $1 WHERE username = 'fresh'", [old]);
    await login(t.app, 'fresh');
    const [{ password_hash: now }] = await t.db.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE username = 'fresh'");
    expect(now).not.toBe(old);
    expect(now).toMatch(/^scrypt\$16384\$8\$1\$/);
    await login(t.app, 'fresh');
  });
});

describe('sessions', () => {
  it('sets a session cookie: no lasting expiry, not Secure on plain HTTP in development, Secure over HTTPS', async () => {
    const res = await tryLogin('keeper', TEST_PASSWORD);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).not.toMatch(/Max-Age|Expires/i);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it('ends a session idle for SESSION_IDLE_HOURS, and any session after SESSION_MAX_HOURS', async () => {
    const a = await login(t.app, 'sleeper');
    clock += 2 * 3_600_000 + 1_000;
    expect((await a.get('/api/auth/me')).statusCode).toBe(401);
    const b = await login(t.app, 'sleeper');
    // Used every 90 minutes, it still ends 24 hours after sign-in.
    for (let h = 0; h < 15; h++) {
      clock += 90 * 60_000;
      expect((await b.get('/api/auth/me')).statusCode, `after ${(h + 1) * 1.5} h`).toBe(200);
    }
    clock += 91 * 60_000;
    expect((await b.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('lists my own sessions with address, device and last use, ends one, and ends all others', async () => {
    const here = await login(t.app, 'keeper');
    const phone = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'keeper', password: TEST_PASSWORD },
      headers: { 'user-agent': 'Mozilla/5.0 (Linux; Android 14) Phone' },
    });
    const phoneCookie = String(phone.headers['set-cookie']).split(';')[0];
    const third = await login(t.app, 'keeper');
    const other = await login(t.app, 'office1');
    const list = (await here.get('/api/auth/sessions')).json().items as { id: string; current: boolean; userAgent: string | null; clientIp: string }[];
    expect(list.length).toBeGreaterThanOrEqual(3);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    expect(list.every((s) => s.clientIp === '127.0.0.1')).toBe(true);
    const phoneSession = list.find((s) => s.userAgent?.includes('Android'))!;
    expect(phoneSession).toBeTruthy();
    // Someone else's session looks missing.
    const othersId = ((await other.get('/api/auth/sessions')).json().items as { id: string }[])[0].id;
    expect((await here.post(`/api/auth/sessions/${othersId}/end`)).statusCode).toBe(404);
    expect((await other.get('/api/auth/me')).statusCode).toBe(200);
    expect((await here.post(`/api/auth/sessions/${phoneSession.id}/end`)).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: phoneCookie } })).statusCode).toBe(401);
    expect((await third.get('/api/auth/me')).statusCode).toBe(200);
    expect((await here.post('/api/auth/sessions/end-others')).statusCode).toBe(200);
    expect((await third.get('/api/auth/me')).statusCode).toBe(401);
    expect((await here.get('/api/auth/me')).statusCode).toBe(200);
    expect((await here.get('/api/auth/sessions')).json().items).toHaveLength(1);
  });
});

describe('Secure cookies', () => {
  // Two apps on two fresh databases: more time than one test's default on a busy machine.
  it('marks the cookie Secure in production and behind an HTTPS proxy', { timeout: 180_000 }, async () => {
    const prod = await testApp({ NODE_ENV: 'production' });
    const proxied = await testApp({ TRUST_PROXY: 1 });
    try {
      await makeUser(prod.db, 'p', ['cadre'], prod.root);
      await makeUser(proxied.db, 'p', ['cadre'], proxied.root);
      const payload = { username: 'p', password: TEST_PASSWORD };
      const a = await prod.app.inject({ method: 'POST', url: '/api/auth/login', payload });
      expect(String(a.headers['set-cookie'])).toMatch(/; Secure/i);
      const b = await proxied.app.inject({ method: 'POST', url: '/api/auth/login', payload, headers: { 'x-forwarded-proto': 'https' } });
      expect(String(b.headers['set-cookie'])).toMatch(/; Secure/i);
      const c = await proxied.app.inject({ method: 'POST', url: '/api/auth/login', payload });
      expect(String(c.headers['set-cookie'])).not.toMatch(/Secure/i);
    } finally {
      await prod.close();
      await proxied.close();
    }
  });
});
