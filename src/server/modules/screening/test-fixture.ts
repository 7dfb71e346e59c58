import { expect } from 'vitest';
import { todayIn } from '../../platform/dates';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import { multipartBody, residentIdFor } from '../../testing/sheets';
import type { AreaRow } from '../areas';

/**
 * The place the screening tests run in: a county with a town, a village of two grids and three households
 * (h1 looked after by a party member with an account), their residents, and a user of each kind.
 */
export interface ScreeningFixture {
  t: TestApp;
  admin: Agent;
  townAdmin: Agent;
  cadre: Agent;
  worker: Agent;
  member: Agent;
  today: string;
  grid1: AreaRow;
  grid2: AreaRow;
  hh: Record<'h1' | 'h2' | 'h3', number>;
  people: Record<string, number>;
}

export async function screeningFixture(): Promise<ScreeningFixture> {
  let admin: Agent, townAdmin: Agent, cadre: Agent, worker: Agent, member: Agent;
  const hh: Record<'h1' | 'h2' | 'h3', number> = { h1: 0, h2: 0, h3: 0 };
  const people: Record<string, number> = {};
  const t = await testApp();
  const today = todayIn(t.app.timeZone);
  await t.db.query("UPDATE areas SET division_code = '411627000000' WHERE id = $1", [t.root.id]);
  const town = await makeArea(t.db, t.root, '毛庄镇', 'town');
  const village = await makeArea(t.db, town, '王隆集村', 'village');
  const grid1 = await makeArea(t.db, village, '一网格', 'grid');
  const grid2 = await makeArea(t.db, village, '二网格', 'grid');
  await makeUser(t.db, 'admin', ['admin'], t.root);
  await makeUser(t.db, 'townadmin', ['admin'], town);
  await makeUser(t.db, 'cadre', ['cadre'], village);
  await makeUser(t.db, 'worker', ['grid_worker'], grid1);
  const memberId = await makeUser(t.db, 'member', ['volunteer'], grid1);
  [admin, townAdmin, cadre, worker, member] = await Promise.all(['admin', 'townadmin', 'cadre', 'worker', 'member'].map((u) => login(t.app, u)));
  const household = async (areaId: number, address: string) => (await ok(cadre.post('/api/households', { areaId, address }), 201)).id as number;
  hh.h1 = await household(grid1.id, '王隆集村 1 组 1 号');
  hh.h2 = await household(grid1.id, '王隆集村 1 组 2 号');
  hh.h3 = await household(grid2.id, '王隆集村 2 组 9 号');
  const person = async (householdId: number, name: string, relation: string) =>
    (people[name] = (await ok(cadre.post('/api/residents', { householdId, name, relation, idType: 'none', movedInOn: '2024-01-01' }), 201)).id);
  await person(hh.h1, '赵一', 'head');
  await person(hh.h2, '钱二', 'head');
  await person(hh.h2, '钱小二', 'child');
  await person(hh.h3, '孙三', 'head');
  // h1 is looked after by a party member with an account (包户): its visit goes to them.
  const volunteerId = (
    await ok(
      admin.post('/api/volunteers', {
        name: '党员甲',
        areaId: grid1.id,
        idNumber: residentIdFor('411627', '19800101', '123'),
        phone: '13912345678',
        category: 'party_rural',
      }),
      201,
    )
  ).id;
  await t.db.query('UPDATE volunteers SET user_id = $2 WHERE id = $1', [volunteerId, memberId]);
  await ok(admin.post('/api/household-links', { volunteerId, householdIds: [hh.h1] }));
  return { t, admin, townAdmin, cadre, worker, member, today, grid1, grid2, hh, people };
}

export async function ok(res: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
}

export function upload(agent: Agent, fileName: string, data: Buffer, lang = 'zh') {
  const file = multipartBody(fileName, data);
  return agent.request({ method: 'POST', url: '/api/risk-areas/import', payload: file.payload, headers: { ...file.headers, 'accept-language': lang } });
}
