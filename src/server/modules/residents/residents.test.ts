import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import type { AreaRow } from '../areas';
import { generateResidents } from '../demo';
import { residentIdNumber } from '../../testing/factories';

let t: TestApp;
let admin: Agent;
let v1: AreaRow;
let v2: AreaRow;
let h1: number;
let h2: number;

beforeAll(async () => {
  t = await testApp();
  const town = await makeArea(t.db, t.root, '毛庄镇', 'town');
  v1 = await makeArea(t.db, town, '王隆集村', 'village');
  v2 = await makeArea(t.db, town, '蒋店村', 'village');
  await makeUser(t.db, 'root_admin', ['admin'], t.root);
  await makeUser(t.db, 'gw', ['grid_worker'], v1);
  admin = await login(t.app, 'root_admin');
  h1 = (await admin.post('/api/households', { areaId: v1.id, address: '王隆集村 三组 12号', villageGroup: '三组', houseNo: '12' })).json().id;
  h2 = (await admin.post('/api/households', { areaId: v2.id, address: '蒋店村 一组 3号' })).json().id;
});
afterAll(() => t.close());

describe('residents', () => {
  it('registers a resident: sex and birth date from the ID, numbers masked, a head for the household', async () => {
    const id = residentIdNumber('411627', '19500315', '123');
    const res = await admin.post('/api/residents', {
      householdId: h1,
      name: '张三',
      idNumber: id.toLowerCase(),
      phone: '+86 139 1234 5678',
      relation: 'head',
      movedInOn: '2025-01-01',
    });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ name: '张三', sex: 'M', birthDate: null, idType: 'resident_id', phone: '139****5678', areaName: '王隆集村' });
    // The birth date is part of the ID number: beside the masked number only the age is shown.
    expect(r.age).toBeGreaterThanOrEqual(75);
    expect(r.idNumber).toBe(`411${'*'.repeat(11)}${id.slice(-4)}`);
    expect(r.groups).toContain('elderly60');
    expect(JSON.stringify(r)).not.toContain(id);
    const hh = (await admin.get(`/api/households/${h1}`)).json();
    expect(hh.headName).toBe('张三');
    expect(hh.members.map((m: any) => m.name)).toEqual(['张三']);
  });

  it('refuses a second person with the same ID number (409 naming the area), a bad check digit, and a contradiction', async () => {
    const id = residentIdNumber('411627', '19500315', '123');
    const dup = await admin.post('/api/residents', { householdId: h2, name: '张叁', idNumber: id });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('ID_NUMBER_TAKEN');
    expect(dup.json().error.message).toContain('王隆集村');
    const bad = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    const wrong = await admin.post('/api/residents', { householdId: h2, name: '李四', idNumber: bad });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields.idNumber).toBeTruthy();
    const contradiction = await admin.post('/api/residents', {
      householdId: h2,
      name: '李四',
      idNumber: residentIdNumber('411627', '19800101', '222'),
      sex: 'M',
    });
    expect(contradiction.json().error.fields.sex).toBeTruthy();
    const phone = await admin.post('/api/residents', { householdId: h2, name: '李四', idType: 'none', phone: '12345' });
    expect(phone.json().error.fields.phone).toBeTruthy();
  });

  it('finds people by name, pinyin, initials, ID tail, phone tail and address, with filters and totals', async () => {
    await admin.post('/api/residents', {
      householdId: h2,
      name: '李四',
      idNumber: residentIdNumber('411627', '20200101', '224'),
      phone: '13800005678',
      groups: ['disabled'],
    });
    await admin.post('/api/residents', { householdId: h2, name: '王五', idType: 'none', pregnancyDueDate: '2027-01-01' });
    const names = async (qs: string) => {
      const res = await admin.get(`/api/residents?${qs}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((r: any) => r.name);
    };
    expect(await names(`q=${encodeURIComponent('张')}`)).toEqual(['张三']);
    expect(await names('q=zhangsan')).toEqual(['张三']);
    expect(await names('q=zs')).toEqual(['张三']);
    expect(await names(`q=${residentIdNumber('411627', '20200101', '224').slice(-4)}`)).toEqual(['李四']);
    expect(await names('q=5678')).toEqual(expect.arrayContaining(['张三', '李四']));
    expect(await names(`q=${encodeURIComponent('蒋店村 一组')}`)).toEqual(expect.arrayContaining(['李四', '王五']));
    expect(await names('groups=elderly60')).toEqual(['张三']);
    expect(await names('groups=disabled')).toEqual(['李四']);
    expect(await names('groups=pregnant')).toEqual(['王五']);
    expect(await names('ageMax=10')).toEqual(['李四']);
    expect(await names(`under=${v2.id}`)).toEqual(expect.arrayContaining(['李四', '王五']));
    const paged = (await admin.get('/api/residents?pageSize=1')).json();
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBe(3);
    expect((await admin.get('/api/residents?groups=wizard')).statusCode).toBe(400);
  });

  it('dated moves keep the roster of any day true', async () => {
    const r = (await admin.post('/api/residents', { householdId: h1, name: '赵六', idType: 'none', movedInOn: '2025-01-01' })).json();
    const early = await admin.post(`/api/residents/${r.id}/move`, { kind: 'transfer', toHouseholdId: h2, on: '2024-12-01' });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.code).toBe('MOVE_BEFORE_STAY');
    const moved = await admin.post(`/api/residents/${r.id}/move`, { kind: 'transfer', toHouseholdId: h2, on: '2025-06-01' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().areaName).toBe('蒋店村');
    expect(moved.json().stays).toEqual([
      expect.objectContaining({ householdId: h1, from: '2025-01-01', to: '2025-06-01' }),
      expect.objectContaining({ householdId: h2, from: '2025-06-01', to: null }),
    ]);
    const roster = async (area: AreaRow, day: string) =>
      (await admin.get(`/api/residents?under=${area.id}&asOf=${day}&pageSize=200`)).json().items.map((x: any) => x.name);
    expect(await roster(v1, '2025-03-01')).toContain('赵六');
    expect(await roster(v1, '2025-07-01')).not.toContain('赵六');
    expect(await roster(v2, '2025-07-01')).toContain('赵六');
    expect(await roster(v2, '2025-03-01')).not.toContain('赵六');
    const out = await admin.post(`/api/residents/${r.id}/move`, { kind: 'out', on: '2025-09-01' });
    expect(out.json().status).toBe('moved_out');
    expect(await roster(v2, '2025-10-01')).not.toContain('赵六');
  });

  it('reveals a full number only with the permission, and audits it', async () => {
    const r = (await admin.get('/api/residents?q=zs')).json().items[0];
    const gw = await login(t.app, 'gw');
    expect((await gw.post(`/api/residents/${r.id}/reveal`, { field: 'idNumber' })).statusCode).toBe(403);
    const res = await admin.post(`/api/residents/${r.id}/reveal`, { field: 'phone', reason: '联系核酸' });
    expect(res.json().value).toBe('13912345678');
    const [row] = await t.db.query("SELECT after FROM audit_log WHERE action = 'reveal' AND entity_id = $1", [String(r.id)]);
    expect(row.after).toEqual({ field: 'phone', reason: '联系核酸' });
  });

  it('keeps a history of changes', async () => {
    const r = (await admin.get('/api/residents?q=zs')).json().items[0];
    const res = await admin.patch(`/api/residents/${r.id}`, { status: 'away', awayWhere: '郑州', awaySince: '2025-02-01' });
    expect(res.statusCode, res.body).toBe(200);
    const detail = (await admin.get(`/api/residents/${r.id}`)).json();
    expect(detail.status).toBe('away');
    const last = detail.history.at(-1);
    expect(last.action).toBe('update');
    expect(last.changes).toEqual(expect.arrayContaining(['status', 'awayWhere', 'awaySince']));
  });

  it('a grid worker of one village sees only that village', async () => {
    const gw = await login(t.app, 'gw');
    const items = (await gw.get('/api/residents?pageSize=200')).json().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((r: any) => r.areaName === '王隆集村')).toBe(true);
    expect((await gw.get(`/api/households/${h2}`)).statusCode).toBe(404);
  });
});

describe('duplicates', () => {
  it('lists possible duplicates, merges keeping both histories, and dismisses pairs', async () => {
    const a = (await admin.post('/api/residents', { householdId: h1, name: '孙七', idType: 'none', phone: '13700001111' })).json();
    const b = (
      await admin.post('/api/residents', { householdId: h1, name: '孙七', idNumber: residentIdNumber('411627', '19700101', '333'), phone: '13700001111' })
    ).json();
    const c = (await admin.post('/api/residents', { householdId: h2, name: '周八', idType: 'none', birthDate: '1990-01-01' })).json();
    const d = (await admin.post('/api/residents', { householdId: h2, name: '周八', idType: 'none', birthDate: '1990-01-01' })).json();
    const found = (await admin.get('/api/residents/duplicates')).json().items;
    expect(found.map((x: any) => x.reason).sort()).toEqual(['name_birth', 'name_phone']);

    const merged = await admin.post('/api/residents/duplicates/merge', { keepId: a.id, mergeId: b.id });
    expect(merged.statusCode, merged.body).toBe(200);
    const kept = (await admin.get(`/api/residents/${a.id}`)).json();
    expect(kept.idType).toBe('resident_id');
    expect(kept.birthDate).toBeNull();
    expect(kept.age).toBeGreaterThanOrEqual(55);
    expect((await admin.get(`/api/residents/${b.id}`)).statusCode).toBe(404);
    const trail = await t.db.query("SELECT action FROM audit_log WHERE entity = 'resident' AND entity_id = $1 ORDER BY id", [String(b.id)]);
    expect(trail.map((r: any) => r.action)).toEqual(['create', 'merged-into']);

    expect((await admin.post('/api/residents/duplicates/dismiss', { ids: [d.id, c.id] })).statusCode).toBe(200);
    expect((await admin.post('/api/residents/duplicates/dismiss', { ids: [c.id, d.id] })).statusCode).toBe(409);
    expect((await admin.get('/api/residents/duplicates')).json().items).toEqual([]);
    expect((await admin.post('/api/residents/duplicates/merge', { keepId: c.id, mergeId: c.id })).statusCode).toBe(422);
  });

  it('the quick lookup answers the top ten', async () => {
    const res = (await admin.get(`/api/residents/lookup?q=${encodeURIComponent('孙')}`)).json();
    expect(res.items.map((r: any) => r.name)).toEqual(['孙七']);
  });
});

describe('search', () => {
  it('finds each person once however many of their keys match, pages that set, and counts within the scope', async () => {
    const town = await makeArea(t.db, t.root, '朱口镇', 'town');
    const v3 = await makeArea(t.db, town, '朱口东村', 'village');
    const h3 = (await admin.post('/api/households', { areaId: v3.id, address: '朱口东村 二组 5号' })).json().id;
    // An ID number and a phone with the same last four digits; initials (zh) and pinyin (zhanghua) that both start with "zh".
    const id = ['457', '458', '459', '460'].map((seq) => residentIdNumber('411627', '19851203', seq)).find((n) => /\d$/.test(n))!;
    const created = await admin.post('/api/residents', { householdId: h3, name: '张华', idNumber: id, phone: `1390000${id.slice(-4)}` });
    expect(created.statusCode, created.body).toBe(201);
    const search = async (qs: string, agent = admin) => {
      const res = await agent.get(`/api/residents?${qs}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      return { names: body.items.map((r: any) => r.name), total: body.total, totalCapped: body.totalCapped };
    };
    expect(await search(`q=${id.slice(-4)}`)).toEqual({ names: ['张华'], total: 1, totalCapped: false });
    expect(await search(`q=${id.slice(-6)}`)).toEqual({ names: ['张华'], total: 1, totalCapped: false });
    expect(await search(`q=${id}`)).toEqual({ names: ['张华'], total: 1, totalCapped: false });
    // zh: 张华 by initials and pinyin — once; 张三 周八 赵六 by pinyin.
    const zh = await search('q=zh&pageSize=200');
    expect(zh.names.filter((n: string) => n === '张华')).toHaveLength(1);
    expect([...zh.names].sort()).toEqual(['周八', '周八', '张三', '张华', '赵六'].sort());
    expect(zh.total).toBe(5);
    expect((await search('q=ZhangHua')).names).toEqual(['张华']);
    expect((await search(`q=${encodeURIComponent('张')}`)).total).toBe(2);
    expect(await search(`q=${encodeURIComponent('二组 5号')}`)).toEqual({ names: ['张华'], total: 1, totalCapped: false });
    // Pages of a text search: in household order, the total on every page, an empty page past the end.
    expect(await search('q=zh&pageSize=2&page=2')).toEqual({ names: zh.names.slice(2, 4), total: 5, totalCapped: false });
    expect(await search('q=zh&pageSize=2&page=4')).toEqual({ names: [], total: 5, totalCapped: false });
    // With a filter beside the text, and within a grid worker's village only.
    expect((await search(`q=zh&under=${v3.id}`)).names).toEqual(['张华']);
    expect((await search('q=zh&status=away')).names).toEqual(['张三']);
    const gw = await login(t.app, 'gw');
    expect(await search('q=zh', gw)).toEqual({ names: ['张三'], total: 1, totalCapped: false });
    expect(await search(`q=${id.slice(-4)}`, gw)).toEqual({ names: [], total: 0, totalCapped: false });
    // A merged duplicate is never found (the search indexes hold live records only).
    const [{ mergedName }] = await t.db.query<{ mergedName: string }>(`SELECT name AS "mergedName" FROM residents WHERE merged_into IS NOT NULL LIMIT 1`);
    expect((await search(`q=${encodeURIComponent(mergedName)}`)).total).toBe(1);
  });

  it('lists text matches best first: an exact name before longer ones, initials before pinyin', async () => {
    // In an earlier household than 张华's: by household it would come first.
    await admin.post('/api/residents', { householdId: h1, name: '张华明', idType: 'none' });
    const names = async (q: string) => (await admin.get(`/api/residents?q=${encodeURIComponent(q)}&pageSize=200`)).json().items.map((r: any) => r.name);
    expect(await names('张华')).toEqual(['张华', '张华明']);
    expect(await names('zh')).toEqual(['张华', '张华明', '张三', '赵六', '周八', '周八']);
  });

  it('caps totals: 1000 with text, 10,000 without, each counted within the scope', async () => {
    const town = await makeArea(t.db, t.root, '常营镇', 'town');
    const village = await makeArea(t.db, town, '常营村', 'village');
    await makeArea(t.db, village, '测试1号网格', 'grid');
    await generateResidents(t.db, { count: 1050, seed: 3, underPath: village.path, countyCode: '411627' });
    const [{ n }] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM residents WHERE area_path LIKE $1', [village.path + '%']);
    expect(n).toBeGreaterThan(1000);
    const q = encodeURIComponent('测试1号网格');
    const text = (await admin.get(`/api/residents?q=${q}`)).json();
    expect({ total: text.total, totalCapped: text.totalCapped, items: text.items.length }).toEqual({ total: 1000, totalCapped: true, items: 20 });
    const list = (await admin.get(`/api/residents?under=${village.id}`)).json();
    expect({ total: list.total, totalCapped: list.totalCapped }).toEqual({ total: n, totalCapped: false });
    const gw = await login(t.app, 'gw');
    expect((await gw.get(`/api/residents?q=${q}`)).json()).toMatchObject({ items: [], total: 0, totalCapped: false });
  });

  it('refuses ids past the integer range, impossible dates and unknown fields with 400, and answers history without the old values', async () => {
    const big = 2 ** 31;
    for (const res of [
      await admin.get(`/api/residents/${big}`),
      await admin.get(`/api/households?under=${big}`),
      await admin.post('/api/residents', { householdId: big, name: '甲' }),
      await admin.post('/api/residents/duplicates/merge', { keepId: 1, mergeId: big }),
      await admin.post('/api/residents', { householdId: h1, name: '甲', birthDate: '2026-02-30' }),
      await admin.post('/api/households', { areaId: v1.id, address: '某处', extra: 1 }),
    ]) {
      expect(res.statusCode, res.body).toBe(400);
    }
    const r = (await admin.post('/api/residents', { householdId: h2, name: '史历' })).json();
    await admin.patch(`/api/residents/${r.id}`, { notes: '改过' });
    const history = (await admin.get(`/api/residents/${r.id}`)).json().history;
    expect(history.length).toBeGreaterThan(0);
    for (const h of history) expect(Object.keys(h).sort()).toEqual(['action', 'actorName', 'at', 'changes']);
  });
});
