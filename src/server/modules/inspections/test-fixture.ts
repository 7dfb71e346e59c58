import { type Agent, login, makeArea, makeUser, type TestApp, testApp } from '../../testing/harness';
import { uploadPhoto } from '../../testing/photos';

/**
 * A county (the harness's root) with two towns of two villages each: a root administrator, the command center of
 * the county, an inspector (a cadre of town 甲), the cadre of village 甲一 (the unit that rectifies), and a cadre
 * of town 乙 (for places outside the inspector's reach).
 */
export interface InspectionsFixture {
  t: TestApp;
  admin: Agent;
  command: Agent;
  inspector: Agent;
  villageCadre: Agent;
  otherTown: Agent;
  towns: { 甲: { id: number; path: string }; 乙: { id: number; path: string } };
  villages: Record<'甲一' | '甲二' | '乙一' | '乙二', { id: number; path: string }>;
  photo(agent: Agent): Promise<number>;
}

export async function ok(res: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
  return r.json();
}

export async function inspectionsFixture(): Promise<InspectionsFixture> {
  const t = await testApp();
  const 甲 = await makeArea(t.db, t.root, '甲镇', 'town');
  const 乙 = await makeArea(t.db, t.root, '乙镇', 'town');
  const villages = {
    甲一: await makeArea(t.db, 甲, '甲一村', 'village'),
    甲二: await makeArea(t.db, 甲, '甲二村', 'village'),
    乙一: await makeArea(t.db, 乙, '乙一村', 'village'),
    乙二: await makeArea(t.db, 乙, '乙二社区', 'community'),
  };
  await makeUser(t.db, 'insp_admin', ['admin'], t.root);
  await makeUser(t.db, 'insp_command', ['command'], t.root);
  await makeUser(t.db, 'insp_inspector', ['cadre'], 甲);
  await makeUser(t.db, 'insp_village', ['cadre'], villages.甲一);
  await makeUser(t.db, 'insp_other', ['cadre'], 乙);
  return {
    t,
    admin: await login(t.app, 'insp_admin'),
    command: await login(t.app, 'insp_command'),
    inspector: await login(t.app, 'insp_inspector'),
    villageCadre: await login(t.app, 'insp_village'),
    otherTown: await login(t.app, 'insp_other'),
    towns: { 甲, 乙 },
    villages,
    photo: (agent) => uploadPhoto(agent),
  };
}

/** Answers for the village checklist in force: every item passed but those named. */
export function villageResults(failed: Record<string, number[] | undefined> = {}) {
  return ['duty', 'roster', 'checkpoint', 'publicity', 'disinfection', 'gathering'].map((code) =>
    code in failed ? { code, passed: false, note: `${code} 不合格`, photoIds: failed[code] } : { code, passed: true },
  );
}
