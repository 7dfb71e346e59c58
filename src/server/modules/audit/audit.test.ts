import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import { audit } from '../../platform/audit';

let t: TestApp;
let admin: Agent;
beforeAll(async () => {
  t = await testApp();
  await makeUser(t.db, 'root_admin', ['admin'], t.root);
  admin = await login(t.app, 'root_admin');
});
afterAll(() => t.close());

describe('audit trail', () => {
  it('records actor, request id, client address, entity and before/after for a change', async () => {
    const res = await admin.request({
      method: 'POST',
      url: '/api/areas',
      headers: { 'x-request-id': 'req-audit-0001' },
      payload: { parentId: t.root.id, name: '审计镇', kind: 'town' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers['x-request-id']).toBe('req-audit-0001');
    const items = (await admin.get('/api/audit?entity=area')).json().items;
    const row = items.find((i: any) => i.requestId === 'req-audit-0001');
    expect(row).toMatchObject({ actorName: 'root_admin', action: 'create', entity: 'area', entityId: String(res.json().id), clientIp: '127.0.0.1' });
    expect(row.after.name).toBe('审计镇');
  });

  it('is written in the same transaction: a failed change leaves no audit row', async () => {
    const before = (await t.db.query('SELECT count(*)::int AS n FROM audit_log'))[0].n;
    await expect(
      t.db.tx(async (tx) => {
        await audit(tx, { actorId: null, actorName: 'test', requestId: 'r', clientIp: null }, { action: 'create', entity: 'area' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await t.db.query('SELECT count(*)::int AS n FROM audit_log'))[0].n).toBe(before);
  });

  it('is append-only: updates and deletes are refused by the database', async () => {
    await expect(t.db.query("UPDATE audit_log SET action = 'x'")).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });

  it('filters by actor, area and time, and is scoped', async () => {
    const town = await makeArea(t.db, t.root, '过滤镇', 'town');
    await makeUser(t.db, 'town_cmd', ['command'], town);
    const cmd = await login(t.app, 'town_cmd');
    await cmd.post('/api/areas', { parentId: town.id, name: '过滤村', kind: 'village' });
    const byActor = (await admin.get(`/api/audit?actor=${cmd.userId}`)).json().items;
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((i: any) => i.actorId === cmd.userId)).toBe(true);
    const byArea = (await admin.get(`/api/audit?areaId=${town.id}&entity=area`)).json().items;
    expect(byArea.map((i: any) => i.after?.name)).toContain('过滤村');
    const future = (await admin.get(`/api/audit?from=${new Date(Date.now() + 3600_000).toISOString()}`)).json();
    expect(future.total).toBe(0);
    const seenByTown = (await cmd.get('/api/audit?pageSize=200')).json().items;
    expect(seenByTown.some((i: any) => i.after?.name === '审计镇')).toBe(false);
  });
});
