import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { todayIn } from '../../platform/dates';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import type { AreaRow } from '../areas';

/**
 * The place the help tests run in: a town with two villages; village 1 has two grids, a household whose mother
 * (李梅, a phone in the registry) asks for help, and a party member linked to that household. Users: the root
 * administrator, the town's command center, a cadre and a doctor of village 1, a cadre of village 2, the linked
 * member and a volunteer of village 1 (both with accounts).
 */
export interface HelpFixture {
  t: TestApp;
  root: Agent;
  command: Agent;
  cadre: Agent;
  doctor: Agent;
  cadre2: Agent;
  member: Agent;
  volunteer: Agent;
  today: string;
  town: AreaRow;
  village: AreaRow;
  village2: AreaRow;
  grid1: AreaRow;
  mother: number;
  household: number;
  token: string;
}

export const MOTHER_PHONE = '13912345678';

export const ok = async (r: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) => {
  const x = await r;
  expect(x.statusCode, x.body).toBe(status);
  return x.json();
};

export async function helpFixture(overrides: Record<string, unknown> = {}): Promise<HelpFixture> {
  const t = await testApp(overrides);
  const today = todayIn(t.app.timeZone);
  const town = await makeArea(t.db, t.root, '毛庄镇', 'town');
  const village = await makeArea(t.db, town, '王隆集村', 'village');
  const village2 = await makeArea(t.db, town, '李集村', 'village');
  const grid1 = await makeArea(t.db, village, '一网格', 'grid');
  await makeUser(t.db, 'root_admin', ['admin'], t.root);
  await makeUser(t.db, 'command', ['command'], town);
  await makeUser(t.db, 'cadre', ['cadre'], village);
  await makeUser(t.db, 'doctor', ['doctor'], village);
  await makeUser(t.db, 'cadre2', ['cadre'], village2);
  const memberUser = await makeUser(t.db, 'member', ['volunteer'], grid1);
  const volunteerUser = await makeUser(t.db, 'volunteer', ['volunteer'], village);
  const [root, command, cadre, doctor, cadre2, member, volunteer] = await Promise.all(
    ['root_admin', 'command', 'cadre', 'doctor', 'cadre2', 'member', 'volunteer'].map((u) => login(t.app, u)),
  );
  const household = (await ok(root.post('/api/households', { areaId: grid1.id, address: '王隆集村 1 组 1 号' }), 201)).id as number;
  const mother = (
    await ok(root.post('/api/residents', { householdId: household, name: '李梅', idType: 'none', movedInOn: '2024-01-01', phone: MOTHER_PHONE }), 201)
  ).id as number;
  // Volunteers with accounts: the member linked to the mother's household, and one of the village.
  const vol = async (userId: number, area: AreaRow, name: string) =>
    (
      await t.db.query<{ id: number }>(
        `INSERT INTO volunteers (area_id, area_path, name, id_type, category, user_id) VALUES ($1, $2, $3, 'none', 'party_cadre', $4) RETURNING id`,
        [area.id, area.path, name, userId],
      )
    )[0].id;
  const memberVol = await vol(memberUser, grid1, '党员张');
  await vol(volunteerUser, village, '志愿者王');
  await t.db.query('INSERT INTO household_links (household_id, volunteer_id, area_path) VALUES ($1, $2, $3)', [household, memberVol, grid1.path]);
  const token = (await ok(command.post('/api/help/links', { areaId: village.id }))).token as string;
  return { t, root, command, cadre, doctor, cadre2, member, volunteer, today, town, village, village2, grid1, mother, household, token };
}

/** A public submission from the mother's phone (or another), as the page sends it. */
export function publicBody(over: Record<string, unknown> = {}) {
  return { clientId: randomUUID(), kind: 'medicine', need: '两岁孩子过敏发作，需要氯雷他定糖浆', name: '李梅', phone: MOTHER_PHONE, ...over };
}

export async function submitPublic(f: HelpFixture, over: Record<string, unknown> = {}, status = 201) {
  return ok(f.t.app.inject({ method: 'POST', url: `/api/help/intake/${f.token}`, payload: publicBody(over) }), status);
}

/** The request id behind a tracking code (tests read the table; the API answers the code only to the public). */
export async function idOf(f: HelpFixture, code: string): Promise<number> {
  return (await f.t.db.query<{ id: number }>('SELECT id FROM help_requests WHERE code = $1', [code]))[0].id;
}

/** Walks the seed's medicine pipeline to dispatch: buyable → where and how urgent → prescription/OTC → hand-off. */
export async function triageMedicine(f: HelpFixture, id: number, tier = 'h4') {
  await ok(f.doctor.post(`/api/help/requests/${id}/step`, { step: 'buyable', option: 'yes' }));
  await ok(f.cadre.post(`/api/help/requests/${id}/step`, { step: 'source', option: 'local', tier }));
  await ok(f.doctor.post(`/api/help/requests/${id}/step`, { step: 'classify', option: 'otc' }));
  return ok(f.cadre.post(`/api/help/requests/${id}/step`, { step: 'handoff', option: 'handed' }));
}
