import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../platform/audit';
import { todayIn } from '../../platform/dates';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import { checkDisclosures } from './disclosures';

/**
 * The disclosures watch's screen (issue 14, point 9): the threshold is policy data an administrator at the top of
 * the tree sees and changes (audited), the check obeys the new value, and the day's reveals and exports per user
 * are listed with whether the administrators were told.
 */
let t: TestApp;
let admin: Agent;
let townAdmin: Agent;
let command: Agent;
let heavy: number;
let light: number;

beforeAll(async () => {
  t = await testApp();
  const town = await makeArea(t.db, t.root, '监测镇', 'town');
  await makeUser(t.db, 'dw_admin', ['admin'], t.root);
  await makeUser(t.db, 'dw_town_admin', ['admin'], town);
  await makeUser(t.db, 'dw_command', ['command'], t.root);
  heavy = await makeUser(t.db, 'dw_heavy', ['cadre'], town);
  light = await makeUser(t.db, 'dw_light', ['cadre'], town);
  [admin, townAdmin, command] = await Promise.all(['dw_admin', 'dw_town_admin', 'dw_command'].map((u) => login(t.app, u)));
});
afterAll(() => t.close());

const disclose = (actorId: number, n: number, action: 'reveal' | 'export') =>
  t.db.tx(async (tx) => {
    for (let i = 0; i < n; i++) await audit(tx, { actorId, actorName: 'x', requestId: null, clientIp: null }, { entity: 'resident', action, entityId: i });
  });

describe('the disclosures threshold and the day’s figures', () => {
  it('an administrator at the top sees the default, changes it (audited), and the check obeys it', async () => {
    const first = await admin.get('/api/audit/disclosures');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ threshold: { perDay: 50, updatedAt: null, updatedByName: null }, day: todayIn(t.app.timeZone), items: [] });

    const set = await admin.put('/api/audit/disclosures/threshold', { perDay: 3 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ perDay: 3, updatedByName: 'dw_admin 显示名', updatedAt: expect.any(String) });
    const [row] = await t.db.query<{ before: unknown; after: unknown }>("SELECT before, after FROM audit_log WHERE entity = 'disclosure_policy'");
    expect(row).toEqual({ before: { perDay: 50 }, after: { perDay: 3 } });

    await disclose(heavy, 3, 'reveal');
    await disclose(heavy, 1, 'export');
    await disclose(light, 2, 'export');
    const day = todayIn(t.app.timeZone);
    expect(await checkDisclosures(t.db, { day, timeZone: t.app.timeZone })).toBe(1);
    const list = (await admin.get('/api/audit/disclosures')).json();
    expect(list.items).toEqual([
      { userId: heavy, name: 'dw_heavy 显示名', areaName: '监测镇', reveals: 3, exports: 1, total: 4, alerted: true },
      { userId: light, name: 'dw_light 显示名', areaName: '监测镇', reveals: 0, exports: 2, total: 2, alerted: false },
    ]);
    // Another day: nobody.
    expect((await admin.get('/api/audit/disclosures?day=2000-01-01')).json().items).toEqual([]);
  });

  it('below the top, without the permission, or out of range: refused', async () => {
    const below = await townAdmin.get('/api/audit/disclosures');
    expect(below.statusCode).toBe(403);
    expect(below.json().error.code).toBe('AUDIT_POLICY_ROOT_ONLY');
    expect((await townAdmin.put('/api/audit/disclosures/threshold', { perDay: 1000 })).statusCode).toBe(403);
    // The command centre reads the trail but does not set the threshold.
    expect((await command.get('/api/audit/disclosures')).statusCode).toBe(200);
    expect((await command.put('/api/audit/disclosures/threshold', { perDay: 1000 })).statusCode).toBe(403);
    expect((await admin.put('/api/audit/disclosures/threshold', { perDay: 0 })).statusCode).toBe(400);
    expect((await admin.get('/api/audit/disclosures?day=2025-02-30')).statusCode).toBe(400);
    expect((await admin.get('/api/audit/disclosures')).json().threshold.perDay).toBe(3);
  });
});
