import { afterAll, beforeAll, expect, it } from 'vitest';
import { todayIn } from '../../platform/dates';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';

/** MEASURES_AUTO_CONFIRM: the policy's proposal is confirmed at once, audited as automatic (off by default: monitoring.test.ts). */
let t: TestApp;
let cadre: Agent;
let resident: number;

beforeAll(async () => {
  t = await testApp({ MEASURES_AUTO_CONFIRM: true });
  const village = await makeArea(t.db, t.root, '王隆集村', 'village');
  await makeUser(t.db, 'cadre', ['cadre'], village);
  cadre = await login(t.app, 'cadre');
  const household = (await cadre.post('/api/households', { areaId: village.id, address: '王隆集村 1 组 1 号' })).json().id;
  resident = (await cadre.post('/api/residents', { householdId: household, name: '张三', idType: 'none', movedInOn: '2024-01-01' })).json().id;
});
afterAll(() => t.close());

it('confirms a proposed measure at once, with the rule version kept and the confirmation audited as automatic', async () => {
  const today = todayIn(t.app.timeZone);
  const res = await cadre.post('/api/measures', { residentId: resident, situation: { originRiskLevel: 'high', arrivedOn: today } });
  expect(res.statusCode, res.body).toBe(201);
  const { measure } = res.json();
  expect(measure.state).toBe('confirmed');
  expect(measure.ruleVersion).toMatch(/@/);
  const page = (await cadre.get(`/api/measures/${measure.id}`)).json();
  expect(page.history.map((h: any) => h.action)).toEqual(['propose', 'confirm']);
  const [row] = await t.db.query<{ after: any }>("SELECT after FROM audit_log WHERE entity = 'measure' AND action = 'confirm' AND entity_id = $1", [
    String(measure.id),
  ]);
  expect(row.after).toMatchObject({ state: 'confirmed', automatic: true });
  // The next step is the cadre's: starting it.
  expect((await cadre.post(`/api/measures/${measure.id}/start`)).json().state).toBe('active');
});
