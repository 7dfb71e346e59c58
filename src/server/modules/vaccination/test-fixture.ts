import { buildHousehold, buildResident } from '../../testing/factories';
import { type Agent, login, makeArea, makeUser, type TestApp, testApp } from '../../testing/harness';

/**
 * A county (the harness's root) with town 甲 (villages 甲一 with a grid, and 甲二) and town 乙 (village 乙一): the
 * county's command center, the cadre of 甲一, the grid worker of 甲一's grid, and a cadre of town 乙. People in 甲一's
 * grid aged about 85, 65 and 30; one of 70 in 甲二 and in 乙一.
 */
export interface VaccinationFixture {
  t: TestApp;
  command: Agent;
  cadre: Agent;
  gridWorker: Agent;
  otherTown: Agent;
  gridWorkerId: number;
  today: string;
  villages: Record<'甲一' | '甲二' | '乙一', { id: number; path: string }>;
  people: { old85: number; old65: number; young30: number; in甲二: number; in乙一: number };
}

export async function ok(res: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
  return r.json();
}

/** A birth date `years` (and a few days) before today, so no birthday falls during the test. */
export const bornYearsAgo = (today: string, years: number) => {
  const d = new Date(Date.parse(`${today}T00:00:00Z`) - 20 * 86_400_000);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
};

export async function vaccinationFixture(): Promise<VaccinationFixture> {
  const t = await testApp(process.env.VAC_DEBUG ? { LOG_LEVEL: 'error' } : {});
  const 甲 = await makeArea(t.db, t.root, '甲镇', 'town');
  const 乙 = await makeArea(t.db, t.root, '乙镇', 'town');
  const villages = {
    甲一: await makeArea(t.db, 甲, '甲一村', 'village'),
    甲二: await makeArea(t.db, 甲, '甲二村', 'village'),
    乙一: await makeArea(t.db, 乙, '乙一村', 'village'),
  };
  const grid = await makeArea(t.db, villages.甲一, '甲一村第一网格', 'grid');
  await makeUser(t.db, 'vac_command', ['command'], t.root);
  await makeUser(t.db, 'vac_cadre', ['cadre'], villages.甲一);
  const gridWorkerId = await makeUser(t.db, 'vac_grid', ['grid_worker'], grid);
  await makeUser(t.db, 'vac_other', ['cadre'], 乙);
  const command = await login(t.app, 'vac_command');
  const [{ today }] = await t.db.query<{ today: string }>(`SELECT to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS today`);
  const hh = await buildHousehold(command, grid.id, { address: '甲一村幸福路 8号 3单元 101' });
  const person = async (where: { householdId: number } | { areaId: number }, name: string, age: number) =>
    buildResident(command, where, { name, birthDate: bornYearsAgo(today, age) });
  return {
    t,
    command,
    cadre: await login(t.app, 'vac_cadre'),
    gridWorker: await login(t.app, 'vac_grid'),
    otherTown: await login(t.app, 'vac_other'),
    gridWorkerId,
    today,
    villages,
    people: {
      old85: await person({ householdId: hh }, '王老太', 85),
      old65: await person({ householdId: hh }, '王大伯', 65),
      young30: await person({ householdId: hh }, '王小明', 30),
      in甲二: await person({ areaId: villages.甲二.id }, '李大爷', 70),
      in乙一: await person({ areaId: villages.乙一.id }, '赵大娘', 70),
    },
  };
}
