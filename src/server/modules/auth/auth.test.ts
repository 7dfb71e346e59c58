import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ LOGIN_FAILURES_BEFORE_DELAY: 3, LOGIN_MAX_FAILURES_PER_ADDRESS: 50 });
  const town = await makeArea(t.db, t.root, '一镇', 'town');
  await makeUser(t.db, 'alice', ['cadre'], town);
  await makeUser(t.db, 'bob', ['cadre'], town);
  await makeUser(t.db, 'carol', ['cadre'], town);
  await makeUser(t.db, 'dave', ['cadre'], town);
});
afterAll(() => t.close());

describe('login and sessions', () => {
  it('signs in, sets an httpOnly SameSite cookie, and answers me with permissions and scope', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'alice', password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/wg_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const body = res.json();
    expect(body.user.username).toBe('alice');
    expect(body.user.phone).toBe('138****8000');
    expect(body.user.permissions).toContain('areas.read');
    expect(body.user.scope.name).toBe('一镇');
    expect(body.csrfToken).toBeTruthy();
  });

  it('refuses a wrong password with 401 and a bilingual message, and audits it', async () => {
    const zh = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bob', password: 'nope-nope-1A' } });
    expect(zh.statusCode).toBe(401);
    expect(zh.json().error).toMatchObject({ code: 'BAD_CREDENTIALS', message: '用户名或密码错误' });
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: { username: 'nobody', password: 'x' },
    });
    expect(en.json().error.message).toBe('Wrong username or password');
    const rows = await t.db.query("SELECT * FROM audit_log WHERE action = 'login-failed' AND actor_name = 'bob'");
    expect(rows).toHaveLength(1);
  });

  it('slows an account after repeated failures (429 with a wait), even with the right password', async () => {
    for (let i = 0; i < 4; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'carol', password: 'wrong-Pass1' } });
      expect(r.statusCode).toBe(401);
    }
    const slowed = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'carol', password: TEST_PASSWORD } });
    expect(slowed.statusCode).toBe(429);
    expect(slowed.headers['retry-after']).toBe('1');
    expect(slowed.json().error).toMatchObject({ code: 'LOGIN_WAIT', message: '尝试次数过多，请 1 秒后再试' });
  });

  it('requires the CSRF header on cookie-authenticated writes', async () => {
    const a = await login(t.app, 'alice');
    const without = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: a.cookie } });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('CSRF_FAILED');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: a.cookie, 'x-csrf-token': 'x'.repeat(a.csrfToken.length) },
    });
    expect(wrong.statusCode).toBe(403);
    expect((await a.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('logs out one session, and everywhere', async () => {
    const one = await login(t.app, 'alice');
    const two = await login(t.app, 'alice');
    expect((await one.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await one.get('/api/auth/me')).statusCode).toBe(401);
    expect((await two.get('/api/auth/me')).statusCode).toBe(200);
    const three = await login(t.app, 'alice');
    expect((await three.post('/api/auth/logout-all')).statusCode).toBe(200);
    expect((await two.get('/api/auth/me')).statusCode).toBe(401);
    expect((await three.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('changes a password: checks the current one and the strength, keeps this session, ends the others', async () => {
    const here = await login(t.app, 'dave');
    const elsewhere = await login(t.app, 'dave');
    const wrong = await here.post('/api/auth/password', { currentPassword: 'bad', newPassword: 'Another-Pass-9' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('WRONG_PASSWORD');
    const weak = await here.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({ code: 'WEAK_PASSWORD' });
    expect(weak.json().error.fields.newPassword).toBeTruthy();
    const ok = await here.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Another-Pass-9' });
    expect(ok.statusCode).toBe(200);
    expect((await here.get('/api/auth/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/auth/me')).statusCode).toBe(401);
    await login(t.app, 'dave', 'Another-Pass-9');
  });

  it('answers 401 without a session and for a forged cookie', async () => {
    expect((await t.app.inject({ url: '/api/auth/me' })).statusCode).toBe(401);
    const forged = await t.app.inject({ url: '/api/auth/me', headers: { cookie: 'wg_session=forged' } });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.code).toBe('UNAUTHENTICATED');
  });
});

describe('session expiry', () => {
  it('an idle session expires', async () => {
    const short = await testApp({ SESSION_IDLE_HOURS: 0.0002, SESSION_MAX_HOURS: 1 }); // ~0.7 s
    try {
      await makeUser(short.db, 'eve', ['cadre'], short.root);
      const a = await login(short.app, 'eve');
      expect((await a.get('/api/auth/me')).statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 1200));
      expect((await a.get('/api/auth/me')).statusCode).toBe(401);
    } finally {
      await short.close();
    }
  });
});
