import { creditCheckChar } from '../../../domain/enterprises/credit-code';
import { type Agent, login, makeArea, makeUser, type TestApp, testApp } from '../../testing/harness';
import { multipartBody, xlsxBuffer } from '../../testing/sheets';
import { TINY_PNG } from '../../testing/photos';

/**
 * A county (the harness's root) with two towns: a root administrator, a county approver (a cadre of the county), the
 * town's approver (a cadre of town 甲), the enterprise's cadre in village 甲一, a grid worker there, and a cadre of
 * town 乙 (outside the enterprise's reach).
 */
export interface EnterprisesFixture {
  t: TestApp;
  admin: Agent;
  county: Agent;
  town: Agent;
  villageCadre: Agent;
  worker: Agent;
  otherTown: Agent;
  villageCadreId: number;
  towns: { 甲: { id: number; path: string }; 乙: { id: number; path: string } };
  villages: Record<'甲一' | '乙一', { id: number; path: string }>;
}

export async function ok(res: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
  return r.json();
}

let seq = 0;
/** A valid credit code, different each call. */
export function creditCode(): string {
  const body = `913501${String(++seq).padStart(2, '0')}MA${String(Date.now() % 10_000_000).padStart(7, '0')}`;
  return body + creditCheckChar(body);
}

export async function enterprisesFixture(): Promise<EnterprisesFixture> {
  const t = await testApp();
  const 甲 = await makeArea(t.db, t.root, '甲镇', 'town');
  const 乙 = await makeArea(t.db, t.root, '乙镇', 'town');
  const villages = { 甲一: await makeArea(t.db, 甲, '甲一村', 'village'), 乙一: await makeArea(t.db, 乙, '乙一村', 'village') };
  await makeUser(t.db, 'ent_admin', ['admin'], t.root);
  await makeUser(t.db, 'ent_county', ['cadre'], t.root);
  await makeUser(t.db, 'ent_town', ['cadre'], 甲);
  const cadre = await makeUser(t.db, 'ent_village', ['cadre'], villages.甲一);
  await makeUser(t.db, 'ent_worker', ['grid_worker'], villages.甲一);
  await makeUser(t.db, 'ent_other', ['cadre'], 乙);
  return {
    t,
    admin: await login(t.app, 'ent_admin'),
    county: await login(t.app, 'ent_county'),
    town: await login(t.app, 'ent_town'),
    villageCadre: await login(t.app, 'ent_village'),
    worker: await login(t.app, 'ent_worker'),
    otherTown: await login(t.app, 'ent_other'),
    villageCadreId: cadre,
    towns: { 甲, 乙 },
    villages,
  };
}

export const enterpriseBody = (areaId: number, extra: object = {}) => ({
  creditCode: creditCode(),
  name: `金帝鞋业${++seq}`,
  industry: '制鞋',
  headcount: 120,
  hasDormitory: true,
  hasCanteen: true,
  areaId,
  ...extra,
});

/** A minimal PDF: the sniffer reads its first bytes. */
export const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export async function upload(agent: Agent, url: string, fileName: string, data: Buffer) {
  const body = multipartBody(fileName, data);
  return agent.request({ method: 'POST', url, payload: body.payload, headers: body.headers });
}

export async function staffSheet(rows: string[][]): Promise<Buffer> {
  return xlsxBuffer({ 员工: [['姓名', '身份证号', '手机号', '岗位'], ...rows] });
}

/** Registered, plans uploaded, staff imported, stock and officer declared: ready to apply. */
export async function readyEnterprise(f: EnterprisesFixture, staff: string[][]): Promise<number> {
  const e = await ok(f.villageCadre.post('/api/enterprises', enterpriseBody(f.villages.甲一.id, { cadreUserId: f.villageCadreId })), 201);
  await ok(upload(f.villageCadre, `/api/enterprises/${e.id}/documents?kind=prevention_plan`, '防控方案.pdf', TINY_PDF), 201);
  await ok(upload(f.villageCadre, `/api/enterprises/${e.id}/documents?kind=emergency_plan`, '应急预案.png', TINY_PNG), 201);
  await ok(upload(f.villageCadre, `/api/enterprises/${e.id}/staff/import`, '员工名单.xlsx', await staffSheet(staff)));
  await ok(f.villageCadre.patch(`/api/enterprises/${e.id}`, { stockDays: 5, officerName: '王防疫', officerPhone: '13900001111' }));
  return e.id;
}

export const allInPlace = { plan: true, ledger: true, site: true, stock: true, isolation_room: true, officer: true };
