import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import type { AreaRow } from '../areas';

let t: TestApp;
let admin: Agent;
let command: Agent;
let town: AreaRow;
beforeAll(async () => {
  t = await testApp();
  town = await makeArea(t.db, t.root, '一镇', 'town');
  await makeUser(t.db, 'root_admin', ['admin'], t.root);
  await makeUser(t.db, 'town_command', ['command'], town);
  admin = await login(t.app, 'root_admin');
  command = await login(t.app, 'town_command');
});
afterAll(() => t.close());

const strong = 'Strong-Pass-42';

describe('user management', () => {
  it('creates a user with roles and a scope; the phone is masked; the password is never returned', async () => {
    const res = await admin.post('/api/users', {
      username: 'new_cadre',
      displayName: '新干部',
      phone: '13912345678',
      roles: ['cadre'],
      scopeAreaId: town.id,
      password: strong,
    });
    expect(res.statusCode, res.body).toBe(201);
    const u = res.json();
    expect(u).toMatchObject({ username: 'new_cadre', phone: '139****5678', roles: ['cadre'], scope: { id: town.id, name: '一镇' } });
    expect(JSON.stringify(u)).not.toMatch(/password|scrypt/i);
    await login(t.app, 'new_cadre', strong);
    const [audit] = await t.db.query("SELECT after FROM audit_log WHERE entity = 'user' AND action = 'create' AND entity_id = $1", [String(u.id)]);
    expect(JSON.stringify(audit.after)).not.toMatch(/scrypt/);
  });

  it('refuses weak passwords, taken usernames (any case), bad phones and unknown roles', async () => {
    const weak = await admin.post('/api/users', { username: 'weakling', displayName: 'x', roles: ['cadre'], scopeAreaId: town.id, password: 'password12' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('WEAK_PASSWORD');
    const taken = await admin.post('/api/users', { username: 'NEW_CADRE', displayName: 'x', roles: ['cadre'], scopeAreaId: town.id, password: strong });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.fields.username).toBeTruthy();
    const phone = await admin.post('/api/users', {
      username: 'p1',
      displayName: 'x',
      phone: '12345',
      roles: ['cadre'],
      scopeAreaId: town.id,
      password: strong,
    });
    expect(phone.json().error.fields.phone).toBeTruthy();
    const role = await admin.post('/api/users', { username: 'p2x', displayName: 'x', roles: ['emperor'], scopeAreaId: town.id, password: strong });
    expect(role.statusCode).toBe(400);
    expect(role.json().error.fields.roles).toBeTruthy();
  });

  it('refuses a password from the common list even when it has the length and three kinds of character', async () => {
    for (const password of ['Password123!', 'Dragon2024!!', 'Qwerty123456!', 'Sunflower!23']) {
      const res = await admin.post('/api/users', { username: 'common_pw', displayName: 'x', roles: ['cadre'], scopeAreaId: town.id, password });
      expect(res.statusCode, password).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'WEAK_PASSWORD', fields: { password: expect.stringMatching(/常见|common/i) } });
    }
    // The same shape around no list word passes.
    const ok = await admin.post('/api/users', { username: 'common_pw', displayName: 'x', roles: ['cadre'], scopeAreaId: town.id, password: 'Wg-Grid-7731x' });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('nobody grants more than they hold, nor a scope outside their own', async () => {
    const escalate = await command.post('/api/users', { username: 'x_admin', displayName: 'x', roles: ['admin'], scopeAreaId: town.id, password: strong });
    expect(escalate.statusCode).toBe(403);
    expect(escalate.json().error.code).toBe('ROLE_NOT_GRANTABLE');
    const outside = await command.post('/api/users', { username: 'x_out', displayName: 'x', roles: ['cadre'], scopeAreaId: t.root.id, password: strong });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.fields.scopeAreaId).toBeTruthy();
    const adminId = (await t.db.query("SELECT id FROM users WHERE username = 'root_admin'"))[0].id;
    expect((await command.post(`/api/users/${adminId}/reset-password`, { newPassword: strong })).statusCode).toBe(404);
  });

  it('disabling a user ends their sessions; a reset password ends them too', async () => {
    const u = (
      await admin.post('/api/users', { username: 'temp_worker', displayName: '临时', roles: ['grid_worker'], scopeAreaId: town.id, password: strong })
    ).json();
    const session = await login(t.app, 'temp_worker', strong);
    expect((await admin.patch(`/api/users/${u.id}`, { disabled: true })).statusCode).toBe(200);
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    const refused = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'temp_worker', password: strong } });
    expect(refused.json().error.code).toBe('ACCOUNT_DISABLED');
    await admin.patch(`/api/users/${u.id}`, { disabled: false });
    const again = await login(t.app, 'temp_worker', strong);
    expect((await admin.post(`/api/users/${u.id}/reset-password`, { newPassword: 'Reset-Pass-77' })).statusCode).toBe(200);
    expect((await again.get('/api/auth/me')).statusCode).toBe(401);
    await login(t.app, 'temp_worker', 'Reset-Pass-77');
  });

  it('lists and searches users inside the scope only', async () => {
    const all = (await admin.get('/api/users?pageSize=100')).json();
    expect(all.items.map((u: any) => u.username)).toContain('root_admin');
    const mine = (await command.get('/api/users?pageSize=100')).json();
    expect(mine.items.map((u: any) => u.username)).not.toContain('root_admin');
    expect(mine.items.every((u: any) => u.scope.path.startsWith(town.path))).toBe(true);
    const inTown = (await admin.get(`/api/users?under=${town.id}&pageSize=100`)).json();
    expect(inTown.items.map((u: any) => u.username)).not.toContain('root_admin');
    expect(inTown.items.map((u: any) => u.username)).toContain('town_command');
    const found = (await admin.get('/api/users?q=temp')).json();
    expect(found.items.map((u: any) => u.username)).toEqual(['temp_worker']);
  });
});

describe('roles', () => {
  it('an administrator edits a role; its holders get the change at once', async () => {
    await makeUser(t.db, 'gw1', ['grid_worker'], town);
    const gw = await login(t.app, 'gw1');
    expect((await gw.get('/api/users')).statusCode).toBe(403);
    const roles = (await admin.get('/api/roles')).json().items;
    const gridRole = roles.find((r: any) => r.code === 'grid_worker');
    expect(gridRole.name).toEqual({ zh: '网格员', en: 'Grid worker' });
    const res = await admin.put('/api/roles/grid_worker', { permissions: [...gridRole.permissions, 'users.read'] });
    expect(res.statusCode, res.body).toBe(200);
    expect((await gw.get('/api/users')).statusCode).toBe(200);
    expect((await admin.put('/api/roles/grid_worker', { permissions: ['no.such'] })).statusCode).toBe(400);
    expect((await admin.put('/api/roles/nope', { permissions: [] })).statusCode).toBe(404);
  });

  it('only a user scoped to the whole tree edits roles', async () => {
    const res = await command.put('/api/roles/cadre', { permissions: ['areas.read'] });
    expect(res.statusCode).toBe(403);
  });

  it('lists permissions by module', async () => {
    const items = (await admin.get('/api/permissions')).json().items;
    expect(items).toContainEqual({ code: 'areas.read', module: 'areas' });
  });
});

describe('bad input', () => {
  it('answers 400, never 500: ids past the integer range, unknown fields, oversized text', async () => {
    expect((await admin.get('/api/users/99999999999')).statusCode).toBe(400);
    expect((await admin.get('/api/users?under=99999999999')).statusCode).toBe(400);
    const base = { username: 'bad_input', displayName: '坏输入', roles: ['cadre'], scopeAreaId: town.id, password: strong };
    expect((await admin.post('/api/users', { ...base, extra: 1 })).statusCode).toBe(400);
    expect((await admin.post('/api/users', { ...base, scopeAreaId: 3_000_000_000 })).statusCode).toBe(400);
    expect((await admin.post('/api/users', { ...base, displayName: '长'.repeat(61) })).statusCode).toBe(400);
    expect((await admin.put('/api/roles/cadre', { permissions: ['x'.repeat(61)] })).statusCode).toBe(400);
  });
});
