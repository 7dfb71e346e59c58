import { todayIn } from '../../platform/dates';
import { type Agent, login, makeArea, makeUser, type TestApp, testApp } from '../../testing/harness';
import { uploadPhoto } from '../../testing/photos';
import type { AreaRow } from '../areas';

/**
 * A county (the harness's root) with town 甲 (villages 甲一, 甲二) and town 乙 (village 乙一): the root administrator,
 * the county's command center, a cadre of 甲一, a grid worker of 甲一's grid, and a cadre of 乙 (outside 甲's reach).
 * Households: two in 甲一's grid, one in 甲二, one in 乙一.
 */
export interface FieldworkFixture {
  t: TestApp;
  admin: Agent;
  command: Agent;
  cadre: Agent;
  worker: Agent;
  other: Agent;
  today: string;
  towns: { 甲: AreaRow; 乙: AreaRow };
  villages: { 甲一: AreaRow; 甲二: AreaRow; 乙一: AreaRow };
  grid: AreaRow;
  households: { a1: number; a2: number; b: number; other: number };
  residents: { a1: number; other: number };
  photo(agent: Agent): Promise<number>;
}

export async function ok(res: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
  return r.json();
}

export async function fieldworkFixture(): Promise<FieldworkFixture> {
  const t = await testApp();
  const 甲 = await makeArea(t.db, t.root, '甲镇', 'town');
  const 乙 = await makeArea(t.db, t.root, '乙镇', 'town');
  const villages = {
    甲一: await makeArea(t.db, 甲, '甲一村', 'village'),
    甲二: await makeArea(t.db, 甲, '甲二村', 'village'),
    乙一: await makeArea(t.db, 乙, '乙一村', 'village'),
  };
  const grid = await makeArea(t.db, villages.甲一, '一网格', 'grid');
  await makeUser(t.db, 'fw_admin', ['admin'], t.root);
  await makeUser(t.db, 'fw_command', ['command'], t.root);
  await makeUser(t.db, 'fw_cadre', ['cadre'], villages.甲一);
  await makeUser(t.db, 'fw_worker', ['grid_worker'], grid);
  await makeUser(t.db, 'fw_other', ['cadre'], 乙);
  const [admin, command, cadre, worker, other] = await Promise.all(['fw_admin', 'fw_command', 'fw_cadre', 'fw_worker', 'fw_other'].map((u) => login(t.app, u)));
  const household = async (areaId: number, address: string) => (await ok(admin.post('/api/households', { areaId, address }), 201)).id as number;
  const households = {
    a1: await household(grid.id, '甲镇甲一村一组 1 号'),
    a2: await household(grid.id, '甲镇甲一村一组 2 号'),
    b: await household(villages.甲二.id, '甲镇甲二村三组 8 号'),
    other: await household(villages.乙一.id, '乙镇乙一村五组 5 号'),
  };
  const resident = async (householdId: number, name: string) =>
    (await ok(admin.post('/api/residents', { householdId, name, idType: 'none', movedInOn: '2024-01-01' }), 201)).id as number;
  const residents = { a1: await resident(households.a1, '周一'), other: await resident(households.other, '吴二') };
  return {
    t,
    admin,
    command,
    cadre,
    worker,
    other,
    today: todayIn(t.app.timeZone),
    towns: { 甲, 乙 },
    villages,
    grid,
    households,
    residents,
    photo: (agent) => uploadPhoto(agent),
  };
}

/** A disinfection job's work, as the phone sends it. */
export function work(extra: Record<string, unknown> = {}) {
  return { teamName: '甲一村消杀队', disinfectant: '含氯消毒剂', concentration: '500 mg/L', method: 'spray', areaM2: 1200, ...extra };
}
