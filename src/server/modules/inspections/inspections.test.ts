import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHECKLISTS } from '../../../domain/inspections/defaults';
import { drawSample } from '../../../domain/inspections/draw';
import { type InspectionsFixture, inspectionsFixture, ok, villageResults } from './test-fixture';

/** Checklists, inspections and random draws (issue 18 point 4). Rectification is in rectification.test.ts. */
let f: InspectionsFixture;
beforeAll(async () => {
  f = await inspectionsFixture();
});
afterAll(() => f.t.close());

const target = async (areaId: number, agent = f.inspector) => (await agent.post('/api/inspections/targets', { kind: 'village', areaId })).json().id as number;

describe('checklists', () => {
  it('the migration seeds version 1 of every kind, the same as the domain defaults', async () => {
    const { items } = await ok(f.inspector.get('/api/inspections/checklists'));
    expect(items).toHaveLength(7);
    for (const c of items) {
      const d = DEFAULT_CHECKLISTS[c.targetKind as keyof typeof DEFAULT_CHECKLISTS];
      expect({ name: c.name, passScore: c.passScore, items: c.items, version: c.version }).toEqual({ ...d, version: 1 });
    }
  });

  it('weights that make no sense are refused with why: none, zero or negative, a code twice; nothing saved', async () => {
    const body = (items: object[]) => ({ targetKind: 'market', name: '市场检查表', passScore: 80, items });
    const none = await f.admin.post('/api/inspections/checklists', body([]));
    expect(none.statusCode).toBe(422);
    expect(none.json().error).toMatchObject({ code: 'INSPECTIONS_CHECKLIST_EMPTY', fields: { items: '不能为空' } });
    const negative = await f.admin.post(
      '/api/inspections/checklists',
      body([
        { code: 'a', text: '入口扫码', weight: 10, severity: 'critical' },
        { code: 'b', text: '客流', weight: -5, severity: 'minor' },
      ]),
    );
    expect(negative.statusCode).toBe(422);
    expect(negative.json().error).toMatchObject({
      code: 'INSPECTIONS_CHECKLIST_WEIGHT',
      message: '第 2 项的分值必须大于 0',
      fields: { 'items.1.weight': '须大于 0' },
    });
    const zero = await f.admin.request({
      method: 'POST',
      url: '/api/inspections/checklists',
      payload: body([{ code: 'a', text: 'x', weight: 0, severity: 'minor' }]),
      headers: { 'accept-language': 'en' },
    });
    expect(zero.json().error.message).toBe('Item 1: the weight must be more than 0');
    const twice = await f.admin.post(
      '/api/inspections/checklists',
      body([
        { code: 'a', text: 'x', weight: 1, severity: 'minor' },
        { code: 'a', text: 'y', weight: 1, severity: 'minor' },
      ]),
    );
    expect(twice.json().error.code).toBe('INSPECTIONS_CHECKLIST_CODE_TWICE');
    expect((await f.admin.get('/api/inspections/checklists?kind=market')).json().items).toHaveLength(1);
  });

  it('only a root-scoped administrator saves, each save a new version', async () => {
    const items = [...DEFAULT_CHECKLISTS.market.items, { code: 'queue', text: '排队间隔一米', weight: 10, severity: 'minor' }];
    const body = { targetKind: 'market', name: '市场检查表（第二版）', passScore: 85, items };
    expect((await f.inspector.post('/api/inspections/checklists', body)).statusCode).toBe(403);
    const v2 = await ok(f.admin.post('/api/inspections/checklists', body), 201);
    expect(v2).toMatchObject({ version: 2, passScore: 85, createdByName: 'insp_admin 显示名' });
    const all = await ok(f.admin.get('/api/inspections/checklists?kind=market'));
    expect(all.items.map((c: { version: number }) => c.version)).toEqual([2, 1]);
    const [row] = await f.t.db.query<{ after: { version: number } }>(`SELECT after FROM audit_log WHERE entity = 'inspection_checklist'`);
    expect(row.after.version).toBe(2);
  });
});

describe('inspections', () => {
  it('a failed item without a photo is refused, naming the item; nothing is written', async () => {
    const targetId = await target(f.villages.甲一.id);
    const photo = await f.photo(f.inspector);
    const res = await f.inspector.post('/api/inspections/inspections', {
      mode: 'unannounced',
      targetId,
      results: villageResults({ publicity: [photo], disinfection: undefined }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'INSPECTIONS_PHOTO_REQUIRED',
      message: '不合格项必须附照片：公共场所每日消杀并有记录',
      fields: { 'results.4.photoIds': '必填' },
    });
    expect(await f.t.db.query('SELECT id FROM inspections')).toEqual([]);
    // The photo stays the uploader's, unbound, for the next try.
    expect(await f.t.db.query('SELECT owner FROM photos WHERE id = $1', [photo])).toEqual([{ owner: null }]);
  });

  it('a target outside the caller’s reach is refused like a missing one', async () => {
    const theirs = await target(f.villages.乙一.id, f.otherTown);
    const res = await f.inspector.post('/api/inspections/inspections', { mode: 'unannounced', targetId: theirs, results: villageResults() });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ targetId: '不存在或无权访问' });
    expect((await f.inspector.post('/api/inspections/targets', { kind: 'village', areaId: f.villages.乙一.id })).statusCode).toBe(400);
    expect((await f.inspector.get(`/api/inspections/targets?under=${f.towns.乙.id}`)).statusCode).toBe(400);
  });

  it('scores by weight; a failed critical item vetoes the whole inspection (一票否决) and each failure makes an order', async () => {
    const targetId = await target(f.villages.甲二.id);
    const results = villageResults({ duty: [await f.photo(f.inspector)] });
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const i = await ok(
      f.inspector.post('/api/inspections/inspections', {
        mode: 'unannounced',
        targetId,
        inspectedAt: at,
        latitude: 33.9,
        longitude: 114.8,
        accuracyM: 12,
        results,
      }),
      201,
    );
    expect(i).toMatchObject({ rawScore: 80, score: 0, vetoed: true, passed: false, failedItems: 1, latitude: 33.9, inspectorName: 'insp_inspector 显示名' });
    expect(i.checklist.version).toBe(1);
    expect(i.results.find((r: { code: string }) => r.code === 'duty').photos).toHaveLength(1);
    expect(i.orders).toEqual([expect.objectContaining({ itemCode: 'duty', severity: 'critical', status: 'open', unitAreaName: '甲二村', unitRole: 'cadre' })]);
    // Critical: 24 hours from the inspection.
    expect(Date.parse(i.orders[0].deadlineAt) - Date.parse(at)).toBe(24 * 3_600_000);
    const [task] = await f.t.db.query<{ type: string; assignee_role: string; priority: string; area_id: number }>(
      `SELECT type, assignee_role, priority, area_id FROM tasks WHERE subject_kind = 'inspection_rectification' AND subject_id = $1`,
      [i.orders[0].id],
    );
    expect(task).toEqual({ type: 'inspection_rectify', assignee_role: 'cadre', priority: 'urgent', area_id: f.villages.甲二.id });
    const audit = await f.t.db.query<{ after: { score: number; vetoed: boolean } }>(
      `SELECT after FROM audit_log WHERE entity = 'inspection' AND entity_id = $1`,
      [String(i.id)],
    );
    expect(audit[0].after).toMatchObject({ score: 0, vetoed: true });
  });

  it('a passing inspection with a minor failure keeps its score; unanswered items and the future are refused', async () => {
    const targetId = await target(f.villages.甲一.id);
    const good = await ok(
      f.inspector.post('/api/inspections/inspections', { mode: 'unannounced', targetId, results: villageResults({ publicity: [await f.photo(f.inspector)] }) }),
      201,
    );
    expect(good).toMatchObject({ rawScore: 90, score: 90, vetoed: false, passed: true });
    const missing = await f.inspector.post('/api/inspections/inspections', { mode: 'unannounced', targetId, results: villageResults().slice(1) });
    expect(missing.json().error).toMatchObject({ code: 'INSPECTIONS_ITEMS_MISSING', message: '还有检查项未填写：duty' });
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(
      (await f.inspector.post('/api/inspections/inspections', { mode: 'unannounced', targetId, inspectedAt: future, results: villageResults() })).statusCode,
    ).toBe(400);
  });

  it('keeps the checklist version it used after a new version is saved', async () => {
    const targetId = await target(f.villages.甲一.id);
    const before = await ok(f.inspector.post('/api/inspections/inspections', { mode: 'unannounced', targetId, results: villageResults() }), 201);
    const items = DEFAULT_CHECKLISTS.village.items.map((i) => (i.code === 'publicity' ? { ...i, weight: 30 } : i));
    await ok(f.admin.post('/api/inspections/checklists', { targetKind: 'village', name: '村检查表 v2', passScore: 80, items }), 201);
    const again = await ok(f.inspector.get(`/api/inspections/inspections/${before.id}`));
    expect(again.checklist.version).toBe(1);
    const after = await ok(f.inspector.post('/api/inspections/inspections', { mode: 'unannounced', targetId, results: villageResults() }), 201);
    expect(after.checklist.version).toBe(2);
  });
});

describe('plans and random draws', () => {
  it('draws N villages of an area reproducibly from the recorded seed; the draw is the pure rule’s', async () => {
    const body = {
      kind: 'sampled',
      name: '第四季度抽查',
      targetKind: 'village',
      areaId: f.t.root.id,
      startsOn: '2026-10-01',
      endsOn: '2026-12-31',
      sampleSize: 2,
      seed: 'Q4-2026',
    };
    const one = await ok(f.admin.post('/api/inspections/plans', body), 201);
    const two = await ok(f.admin.post('/api/inspections/plans', body), 201);
    expect(one.candidates).toBe(4);
    expect(one.seed).toBe('Q4-2026');
    expect(one.targets.map((t: { id: number }) => t.id)).toEqual(two.targets.map((t: { id: number }) => t.id));
    const pool = (await f.t.db.query<{ id: number }>(`SELECT id FROM inspection_targets WHERE kind = 'village'`)).map((r) => r.id);
    expect(one.targets.map((t: { id: number }) => t.id)).toEqual(drawSample(pool, 2, 'Q4-2026'));
    const unseeded = await ok(f.admin.post('/api/inspections/plans', { ...body, seed: undefined }), 201);
    expect(unseeded.seed).toMatch(/^[0-9a-f]{12}$/);
  });

  it('a sampled inspection must name its plan and a drawn target; the plan shows it inspected', async () => {
    const plan = await ok(
      f.inspector.post('/api/inspections/plans', {
        kind: 'sampled',
        name: '甲镇抽查',
        targetKind: 'village',
        areaId: f.towns.甲.id,
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        sampleSize: 1,
        seed: 's',
      }),
      201,
    );
    const drawn = plan.targets[0].id;
    const other = (
      await f.t.db.query<{ id: number }>(`SELECT id FROM inspection_targets WHERE kind = 'village' AND area_path LIKE $1 AND id <> $2`, [
        f.towns.甲.path + '%',
        drawn,
      ])
    )[0].id;
    expect((await f.inspector.post('/api/inspections/inspections', { mode: 'sampled', targetId: drawn, results: villageResults() })).statusCode).toBe(400);
    const off = await f.inspector.post('/api/inspections/inspections', { mode: 'sampled', planId: plan.id, targetId: other, results: villageResults() });
    expect(off.json().error.code).toBe('INSPECTIONS_NOT_IN_PLAN');
    const i = await ok(f.inspector.post('/api/inspections/inspections', { mode: 'sampled', planId: plan.id, targetId: drawn, results: villageResults() }), 201);
    expect((await ok(f.inspector.get(`/api/inspections/plans/${plan.id}`))).targets[0].inspectionId).toBe(i.id);
    // The other town's cadre cannot see the plan.
    expect((await f.otherTown.get(`/api/inspections/plans/${plan.id}`)).statusCode).toBe(404);
  });

  it('a planned list takes only targets of its kind in its area', async () => {
    const theirs = await target(f.villages.乙二.id, f.otherTown);
    const res = await f.admin.post('/api/inspections/plans', {
      kind: 'planned',
      name: '甲镇计划',
      targetKind: 'village',
      areaId: f.towns.甲.id,
      startsOn: '2026-01-01',
      endsOn: '2026-01-31',
      targetIds: [theirs],
    });
    expect(res.json().error.fields).toEqual({ 'targetIds.0': '不存在或无权访问' });
  });
});
