import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../platform/dates';
import { audit } from '../../platform/audit';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import { checkDisclosures } from './disclosures';

let t: TestApp;
let cadre: Agent;
let doctor: Agent;
let residentId: number;
let measureId: number;

beforeAll(async () => {
  t = await testApp();
  const village = await makeArea(t.db, t.root, '审计村', 'village');
  await makeUser(t.db, 'trust_cadre', ['cadre'], village);
  await makeUser(t.db, 'trust_doctor', ['doctor'], village);
  [cadre, doctor] = await Promise.all(['trust_cadre', 'trust_doctor'].map((u) => login(t.app, u)));
  const household = (await cadre.post('/api/households', { areaId: village.id, address: '审计村 1 组 1 号' })).json().id;
  residentId = (await cadre.post('/api/residents', { householdId: household, name: '赵六', idType: 'none', movedInOn: '2024-01-01' })).json().id;
  const res = await cadre.post('/api/measures', { residentId, situation: { contactType: 'close', exposedOn: todayIn(t.app.timeZone) } });
  expect(res.statusCode, res.body).toBe(201);
  measureId = res.json().measure.id;
});
afterAll(() => t.close());

const reads = async () =>
  t.db.query<{ actor_name: string; entity_id: string; after: any }>(
    "SELECT actor_name, entity_id, after FROM audit_log WHERE entity = 'resident' AND action = 'read_health' ORDER BY seq",
  );

describe('reads of a named person’s health and isolation records', () => {
  it('are audited: one measure, a person’s measures, a measure’s follow-ups — not a work list', async () => {
    expect(await reads()).toEqual([]);
    expect((await doctor.get(`/api/measures/${measureId}`)).statusCode).toBe(200);
    expect((await doctor.get(`/api/measures?residentId=${residentId}`)).statusCode).toBe(200);
    expect((await doctor.get(`/api/follow-ups?measureId=${measureId}`)).statusCode).toBe(200);
    const rows = await reads();
    expect(rows.map((r) => [r.actor_name, r.entity_id])).toEqual([
      ['trust_doctor', String(residentId)],
      ['trust_doctor', String(residentId)],
      ['trust_doctor', String(residentId)],
    ]);
    expect(rows[0].after).toEqual({ measures: [measureId] });
    expect((await doctor.get('/api/measures')).statusCode).toBe(200);
    expect((await doctor.get('/api/follow-ups/today')).statusCode).toBe(200);
    expect(await reads()).toHaveLength(3);
  });
});

describe('a user who discloses too much in a day', () => {
  it('gets one task to the administrators, once per user and day, past the policy’s threshold', async () => {
    await t.db.query('UPDATE audit_policy SET disclosures_per_day = 3');
    const heavy = await makeUser(t.db, 'heavy_reader', ['cadre'], t.root);
    const light = await makeUser(t.db, 'light_reader', ['cadre'], t.root);
    const day = todayIn(t.app.timeZone);
    const disclose = (actorId: number, n: number, action: 'reveal' | 'export') =>
      t.db.tx(async (tx) => {
        for (let i = 0; i < n; i++) await audit(tx, { actorId, actorName: 'x', requestId: null, clientIp: null }, { entity: 'resident', action, entityId: i });
      });
    await disclose(heavy, 2, 'reveal');
    await disclose(light, 3, 'export'); // at the threshold, not past it
    expect(await checkDisclosures(t.db, { day, timeZone: t.app.timeZone })).toBe(0);
    await disclose(heavy, 2, 'export');
    expect(await checkDisclosures(t.db, { day, timeZone: t.app.timeZone })).toBe(1);
    await disclose(heavy, 5, 'reveal');
    expect(await checkDisclosures(t.db, { day, timeZone: t.app.timeZone })).toBe(0);
    const tasks = await t.db.query<{ assignee_role: string; subject_id: number; title: string }>(
      "SELECT assignee_role, subject_id, title FROM tasks WHERE type = 'audit_disclosures'",
    );
    expect(tasks).toEqual([{ assignee_role: 'admin', subject_id: heavy, title: expect.stringContaining('heavy_reader') }]);
    expect(tasks[0].title).toContain('4 次');
    // Another day counts afresh.
    expect(await checkDisclosures(t.db, { day: '2000-01-01', timeZone: t.app.timeZone })).toBe(0);
  });
});
