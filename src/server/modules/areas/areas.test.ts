import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AreaRow } from './repo';
import { areasChanged } from './tree';
import { AreaTreeCache } from './tree-cache';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';

let t: TestApp;
let admin: Agent;
beforeAll(async () => {
  t = await testApp();
  await makeUser(t.db, 'root_admin', ['admin'], t.root);
  admin = await login(t.app, 'root_admin');
});
afterAll(() => t.close());

async function create(parentId: number, name: string, kind: string, divisionCode?: string) {
  const res = await admin.post('/api/areas', { parentId, name, kind, ...(divisionCode ? { divisionCode } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('area tree', () => {
  it('creates nodes of any depth with paths, levels and child counts', async () => {
    const town = await create(t.root.id, '毛庄镇', 'town', '990000105000');
    const village = await create(town.id, '王隆集村', 'village');
    const grid = await create(village.id, '第一网格', 'grid');
    const estate = await create(grid.id, '幸福小区', 'estate');
    const building = await create(estate.id, '1号楼', 'building');
    expect(town.path).toBe(`${t.root.path}${town.id}/`);
    expect(building.path).toBe(`${estate.path}${building.id}/`);
    expect(building.level).toBe(t.root.level + 5);
    const children = (await admin.get(`/api/areas/${village.id}/children`)).json().items;
    expect(children.map((c: any) => c.name)).toEqual(['第一网格']);
    const root = (await admin.get(`/api/areas/${t.root.id}`)).json();
    expect(root.childCount).toBeGreaterThanOrEqual(1);
    const chain = (await admin.get(`/api/areas/${building.id}/ancestors`)).json().items.map((a: any) => a.name);
    expect(chain).toEqual(['测试县', '毛庄镇', '王隆集村', '第一网格', '幸福小区', '1号楼']);
  });

  it('refuses a wider kind under a narrower one, duplicate sibling names, and taken division codes', async () => {
    const grid = await create(t.root.id, '直属网格', 'grid');
    const bad = await admin.post('/api/areas', { parentId: grid.id, name: '某镇', kind: 'town' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('AREA_KIND_ORDER');
    const dup = await admin.post('/api/areas', { parentId: t.root.id, name: '直属网格', kind: 'grid' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields.name).toBeTruthy();
    const code = await admin.post('/api/areas', { parentId: t.root.id, name: '另一镇', kind: 'town', divisionCode: '990000105000' });
    expect(code.statusCode).toBe(409);
    expect(code.json().error.code).toBe('DIVISION_CODE_TAKEN');
    const badCode = await admin.post('/api/areas', { parentId: t.root.id, name: '又一镇', kind: 'town', divisionCode: '4116' });
    expect(badCode.statusCode).toBe(400);
  });

  it('searches a subtree by name, full pinyin and pinyin initials', async () => {
    const town = await create(t.root.id, '朱口镇', 'town');
    await create(town.id, '东郭村', 'village');
    const byInitials = (await admin.get('/api/areas?q=dgc')).json();
    expect(byInitials.items.map((a: any) => a.name)).toContain('东郭村');
    const byPinyin = (await admin.get('/api/areas?q=zhukou')).json();
    expect(byPinyin.items.map((a: any) => a.name)).toContain('朱口镇');
    const byName = (await admin.get(`/api/areas?q=${encodeURIComponent('郭')}&under=${town.id}`)).json();
    expect(byName.total).toBe(1);
    const paged = (await admin.get('/api/areas?pageSize=2&page=1')).json();
    expect(paged.items).toHaveLength(2);
    expect(paged.total).toBeGreaterThan(2);
  });

  it('renames with new pinyin keys and audits before/after', async () => {
    const v = await create(t.root.id, '旧名镇', 'town');
    const res = await admin.patch(`/api/areas/${v.id}`, { name: '新名镇' });
    expect(res.statusCode).toBe(200);
    expect((await admin.get('/api/areas?q=xmz')).json().items.map((a: any) => a.id)).toContain(v.id);
    const [row] = await t.db.query("SELECT before, after FROM audit_log WHERE entity = 'area' AND action = 'update' AND entity_id = $1", [String(v.id)]);
    expect(row.before.name).toBe('旧名镇');
    expect(row.after.name).toBe('新名镇');
  });

  it('moves a subtree: re-paths every descendant and every record carrying the path, in one transaction', async () => {
    const from = await create(t.root.id, '甲镇', 'town');
    const to = await create(t.root.id, '乙镇', 'town');
    const village = await create(from.id, '搬迁村', 'village');
    const grid = await create(village.id, '第二网格', 'grid');
    const gridRow = (await t.db.query<AreaRow>('SELECT * FROM areas WHERE id = $1', [grid.id]))[0];
    await makeUser(t.db, 'mover_grid', ['grid_worker'], gridRow);
    const res = await admin.post(`/api/areas/${village.id}/move`, { parentId: to.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().path).toBe(`${to.path}${village.id}/`);
    const movedGrid = (await admin.get(`/api/areas/${grid.id}`)).json();
    expect(movedGrid.path).toBe(`${to.path}${village.id}/${grid.id}/`);
    const [user] = await t.db.query("SELECT area_path FROM users WHERE username = 'mover_grid'");
    expect(user.area_path).toBe(movedGrid.path);
    const cycle = await admin.post(`/api/areas/${village.id}/move`, { parentId: grid.id });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.json().error.code).toBe('AREA_MOVE_CYCLE');
  });

  it('archives a subtree; archived areas leave lists but can be shown', async () => {
    const town = await create(t.root.id, '归档镇', 'town');
    await create(town.id, '归档村', 'village');
    const res = await admin.post(`/api/areas/${town.id}/archive`);
    expect(res.json().archived).toBe(2);
    const live = (await admin.get(`/api/areas/${t.root.id}/children`)).json().items.map((a: any) => a.name);
    expect(live).not.toContain('归档镇');
    const all = (await admin.get(`/api/areas/${t.root.id}/children?archived=true`)).json().items.map((a: any) => a.name);
    expect(all).toContain('归档镇');
    expect((await admin.post('/api/areas', { parentId: town.id, name: 'x', kind: 'village' })).statusCode).toBe(422);
  });

  it('a user cannot move or archive the root of their own scope, nor see above it', async () => {
    const town = await create(t.root.id, '丙镇', 'town');
    const row = (await t.db.query<AreaRow>('SELECT * FROM areas WHERE id = $1', [town.id]))[0];
    await makeUser(t.db, 'bing_cadre', ['cadre'], row);
    const cadre = await login(t.app, 'bing_cadre');
    expect((await cadre.post(`/api/areas/${town.id}/archive`)).json().error.code).toBe('AREA_IS_SCOPE_ROOT');
    expect((await cadre.get(`/api/areas/${t.root.id}`)).statusCode).toBe(404);
    const chain = (await cadre.get(`/api/areas/${town.id}/ancestors`)).json().items;
    expect(chain.map((a: any) => a.name)).toEqual(['丙镇']);
  });
});

describe('the tree cache', () => {
  it('sees a change made by hand in SQL (as by another process) once the change notification arrives', async () => {
    const town = await create(t.root.id, '缓存镇', 'town');
    expect((await admin.get(`/api/areas/${town.id}`)).json().name).toBe('缓存镇');
    await t.db.query("UPDATE areas SET name = '手改镇' WHERE id = $1", [town.id]);
    await expect.poll(async () => (await admin.get(`/api/areas/${town.id}`)).json().name, { timeout: 5000 }).toBe('手改镇');
  });

  it('a read that started before an invalidation does not store its stale result', async () => {
    const cache = new AreaTreeCache();
    let release!: (v: AreaRow | null) => void;
    const pending = cache.node(1, () => new Promise((r) => (release = r)));
    cache.invalidate();
    release({ id: 1, name: 'stale' } as AreaRow);
    expect((await pending)?.name).toBe('stale');
    const fresh = await cache.node(1, async () => ({ id: 1, name: 'fresh' }) as AreaRow);
    expect(fresh?.name).toBe('fresh');
  });
});

describe('bad input', () => {
  it('answers 400, never 500: ids past the integer range, unknown fields, impossible queries', async () => {
    expect((await admin.get('/api/areas/99999999999')).statusCode).toBe(400);
    expect((await admin.get('/api/areas?under=99999999999')).statusCode).toBe(400);
    expect((await admin.get(`/api/areas/${t.root.id}/children?archived=maybe`)).statusCode).toBe(400);
    expect((await admin.get('/api/areas?color=red')).statusCode).toBe(400);
    const unknown = await admin.post('/api/areas', { parentId: t.root.id, name: '多余字段镇', kind: 'town', color: 'red' });
    expect(unknown.statusCode).toBe(400);
    const huge = await admin.post('/api/areas', { parentId: 3_000_000_000, name: '过大编号镇', kind: 'town' });
    expect(huge.statusCode).toBe(400);
    const long = await admin.post('/api/areas', { parentId: t.root.id, name: '长'.repeat(101), kind: 'town' });
    expect(long.statusCode).toBe(400);
  });
});

describe('national division codes', () => {
  it('lists provinces, then children of a code', async () => {
    const provinces = (await admin.get('/api/divisions')).json().items;
    expect(provinces.find((p: any) => p.name === '河南省')).toMatchObject({ code: '410000000000' });
    const counties = (await admin.get('/api/divisions?parent=4116')).json().items;
    expect(counties.find((c: any) => c.name === '太康县')).toMatchObject({ code: '411627000000', level: 'county' });
    expect((await admin.get('/api/divisions?parent=41x')).statusCode).toBe(400);
  });

  it('imports a county with its towns and villages, and a second run changes nothing', async () => {
    const city = await create(t.root.id, '导入测试', 'town');
    const refused = await admin.post('/api/areas/import-divisions', { parentId: city.id, code: '411627' });
    expect(refused.statusCode).toBe(422); // a county cannot go under a town
    const t2 = await makeArea(t.db, t.root, '周口市（测试）', 'town');
    await t.db.query("UPDATE areas SET kind = 'city' WHERE id = $1", [t2.id]);
    areasChanged(t.db);
    const first = await admin.post('/api/areas/import-divisions', { parentId: t2.id, code: '411627' });
    expect(first.statusCode, first.body).toBe(201);
    const { root, created, skipped } = first.json();
    expect(root).toMatchObject({ name: '太康县', kind: 'county', divisionCode: '411627000000' });
    expect(created).toBeGreaterThan(500);
    expect(skipped).toBe(0);
    const towns = (await admin.get(`/api/areas/${root.id}/children`)).json().items;
    expect(towns.length).toBeGreaterThan(15);
    expect(towns.every((x: any) => /^411627\d{3}000$/.test(x.divisionCode))).toBe(true);
    const again = (await admin.post('/api/areas/import-divisions', { parentId: t2.id, code: '411627' })).json();
    expect(again.created).toBe(0);
    expect(again.skipped).toBe(created);
  });
});
