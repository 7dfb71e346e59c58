import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AreaRow } from '../areas';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import { readXlsx, residentIdFor } from '../../testing/sheets';

/**
 * Stored slot plans through the API on a fresh database. One desk swabbing 20 an hour: a 15-minute slot holds
 * 5 people. The grid's people outside buildings (2) come first in path order, then 1号楼 (4) and 2号楼 (3):
 * neither building fits beside the one before and neither is cut, so the planner makes three slots.
 */
let t: TestApp;
let admin: Agent;
/** A sampler of the village: reads plans, may not save them. */
let gw: Agent;
let other: Agent;
let grid: AreaRow, b1: AreaRow, b2: AreaRow;
let roundId: number;
let pointId: number;
let url: string;
let seq = 0;

async function people(areaId: number, n: number) {
  const h = await admin.post('/api/households', { areaId, address: `住址 ${areaId}-${n}` });
  expect(h.statusCode, h.body).toBe(201);
  for (let i = 0; i < n; i++) {
    const res = await admin.post('/api/residents', {
      householdId: h.json().id,
      name: `居民${++seq}`,
      idType: 'resident_id',
      idNumber: residentIdFor('411627', '19800101', String(100 + seq)),
      movedInOn: '2025-01-01',
    });
    expect(res.statusCode, res.body).toBe(201);
  }
}

beforeAll(async () => {
  t = await testApp();
  const town = await makeArea(t.db, t.root, '南镇', 'town');
  const village = await makeArea(t.db, town, '南村', 'village');
  const elsewhere = await makeArea(t.db, town, '北村', 'village');
  grid = await makeArea(t.db, village, '一网格', 'grid');
  b1 = await makeArea(t.db, grid, '1号楼', 'building');
  b2 = await makeArea(t.db, grid, '2号楼', 'building');
  await makeUser(t.db, 'admin1', ['admin'], t.root);
  await makeUser(t.db, 'sampler1', ['sampler'], village);
  await makeUser(t.db, 'cadre_north', ['cadre'], elsewhere);
  admin = await login(t.app, 'admin1');
  gw = await login(t.app, 'sampler1');
  other = await login(t.app, 'cadre_north');
  await people(b1.id, 4);
  await people(b2.id, 3);
  await people(grid.id, 2);
  const round = await admin.post('/api/sampling/rounds', {
    name: '南镇第一轮',
    areaId: town.id,
    startsOn: '2026-11-01',
    endsOn: '2026-11-02',
    rosterDate: '2026-11-01',
  });
  roundId = round.json().id;
  const point = await admin.post(`/api/sampling/rounds/${roundId}/points`, {
    name: '=南村广场',
    address: '南村文化广场',
    areaId: village.id,
    desks: 1,
    perDeskHour: 20,
    opensAt: '08:00',
    closesAt: '10:00',
  });
  expect(point.statusCode, point.body).toBe(201);
  pointId = point.json().id;
  url = `/api/sampling/rounds/${roundId}/points/${pointId}/slots`;
});
afterAll(() => t.close());

type Slot = {
  id: number;
  start: string;
  end: string;
  units: { areaId: number; name: string; people: number }[];
  load: number;
  capacity: number;
  worstWaitMinutes: number;
  over: boolean;
  slow: boolean;
};
/** Exports state their purpose (issue 14). */
const PURPOSE = { purpose: '张贴错峰时段' };
const shape = (slots: Slot[]) => slots.map((s) => [s.start, s.end, Object.fromEntries(s.units.map((u) => [u.name, u.people])), s.load]);

describe('stored slot plans', () => {
  it('nothing is stored at first; the notices and the workbook need a saved plan', async () => {
    const res = await gw.get(url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ plan: null, point: { name: '=南村广场', capacityPerHour: 20 } });
    expect((await gw.get(`${url}/notices`)).json().error.code).toBe('SLOT_PLAN_NONE');
    expect((await gw.post(`${url}.xlsx`, PURPOSE)).statusCode).toBe(409);
  });

  it('saves the computed plan with its lower bound, and refuses a second save unless it replaces', async () => {
    expect((await gw.post(url, {})).statusCode).toBe(403);
    const res = await admin.post(url, { targetWaitMinutes: 15 });
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json().plan;
    expect(plan).toMatchObject({
      version: 1,
      date: '2026-11-01',
      targetWaitMinutes: 15,
      people: 9,
      lowerBoundMinutes: 27,
      planMinutes: 45,
      startsAt: '08:00',
      endsAt: '08:45',
      overloaded: 0,
      savedBy: 'admin1 显示名',
      editedBy: null,
    });
    expect(shape(plan.slots)).toEqual([
      ['08:00', '08:15', { 一网格: 2 }, 2],
      ['08:15', '08:30', { '1号楼': 4 }, 4],
      ['08:30', '08:45', { '2号楼': 3 }, 3],
    ]);
    const again = await admin.post(url, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('SLOT_PLAN_EXISTS');
    // When it was saved, in the deployment's time zone (Asia/Shanghai by default), not UTC.
    const [{ saved_at }] = await t.db.query<{ saved_at: Date }>('SELECT saved_at FROM sampling_slot_plans WHERE point_id = $1', [pointId]);
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(saved_at);
    expect(again.json().error.message).toContain(`（${local}）`);
    const outside = await admin.post(url, { date: '2026-11-05', replace: true });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.fields.date).toBeTruthy();
    const replaced = await admin.post(url, { replace: true, date: '2026-11-02' });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json().plan).toMatchObject({ version: 2, date: '2026-11-02' });
    const [{ n }] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity = 'sampling_slot_plan' AND action IN ('create', 'replan')`,
    );
    expect(n).toBe(2);
  });

  it('moves a building by hand and answers the overload as a warning; a stale version is refused', async () => {
    const before = (await gw.get(url)).json().plan;
    const [, s2, s3] = before.slots as Slot[];
    const res = await admin.patch(url, { version: before.version, edits: [{ kind: 'move', areaId: b1.id, from: s2.id, to: s3.id }] });
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json().plan;
    expect(plan).toMatchObject({ version: before.version + 1, overloaded: 1, editedBy: 'admin1 显示名', lowerBoundMinutes: 27 });
    expect(shape(plan.slots)).toEqual([
      ['08:00', '08:15', { 一网格: 2 }, 2],
      ['08:15', '08:30', {}, 0],
      ['08:30', '08:45', { '2号楼': 3, '1号楼': 4 }, 7],
    ]);
    // 7 people at 20 an hour: the last one waits 21 minutes, more than the slot holds (5) and the target.
    expect(plan.slots[2]).toMatchObject({ capacity: 5, worstWaitMinutes: 21, over: true, slow: true });
    const stale = await admin.patch(url, { version: before.version, edits: [{ kind: 'move', areaId: b1.id, from: s3.id, to: s2.id }] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('SLOT_PLAN_STALE');
  });

  it('changes slot times: a longer slot holds more, and the overload warning goes', async () => {
    const before = (await gw.get(url)).json().plan;
    const [s1, s2, s3] = before.slots as Slot[];
    const res = await admin.patch(url, {
      version: before.version,
      edits: [
        { kind: 'times', slot: s1.id, start: '08:00', end: '08:05' },
        { kind: 'times', slot: s2.id, start: '08:05', end: '08:30' },
        { kind: 'times', slot: s3.id, start: '08:30', end: '09:00' },
        { kind: 'move', areaId: grid.id, from: s1.id, to: s2.id },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json().plan;
    expect(shape(plan.slots)).toEqual([
      ['08:00', '08:05', {}, 0],
      ['08:05', '08:30', { 一网格: 2 }, 2],
      ['08:30', '09:00', { '2号楼': 3, '1号楼': 4 }, 7],
    ]);
    expect(plan.slots.map((s: Slot) => [s.capacity, s.over])).toEqual([
      [1, false],
      [8, false],
      [10, false],
    ]);
    expect(plan).toMatchObject({ overloaded: 0, planMinutes: 60, endsAt: '09:00', withinHours: true });
  });

  it('bad edits are 4xx with their code, and nothing of the batch applies', async () => {
    const plan = (await gw.get(url)).json().plan;
    const [s1, s2, s3] = plan.slots as Slot[];
    const cases: [unknown, number, string][] = [
      [{ kind: 'move', areaId: b1.id, from: 999, to: s1.id }, 422, 'SLOT_NOT_FOUND'],
      [{ kind: 'move', areaId: b1.id, from: s1.id, to: s3.id }, 422, 'SLOT_UNIT_NOT_FOUND'],
      [{ kind: 'times', slot: s1.id, start: '07:30', end: '08:05' }, 422, 'SLOT_TIMES'],
      [{ kind: 'times', slot: s1.id, start: '08:10', end: '08:00' }, 422, 'SLOT_TIMES'],
      [{ kind: 'times', slot: s1.id, start: '08:00', end: '08:10' }, 422, 'SLOT_OVERLAP'],
      [{ kind: 'times', slot: s1.id, start: '8:00', end: '08:10' }, 400, 'VALIDATION_FAILED'],
      [{ kind: 'swap', slot: s1.id }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [e, status, code] of cases) {
      const res = await admin.patch(url, { version: plan.version, edits: [{ kind: 'move', areaId: grid.id, from: s2.id, to: s3.id }, e] });
      expect(res.statusCode, JSON.stringify(e)).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    const overlap = await admin.patch(url, { version: plan.version, edits: [{ kind: 'times', slot: s1.id, start: '08:00', end: '08:10' }] });
    expect(overlap.json().error.message).toContain('08:05–08:30');
    const after = (await gw.get(url)).json().plan;
    expect(after.version).toBe(plan.version);
    expect(shape(after.slots)).toEqual(shape(plan.slots));
  });

  it('prints one notice per building with its window, in Chinese', async () => {
    const res = await gw.get(`${url}/notices`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ date: '2026-11-02', point: { name: '=南村广场', address: '南村文化广场' }, round: { name: '南镇第一轮' } });
    expect(body.bring.join('')).toContain('身份证');
    expect(body.items.map((i: { name: string; windows: unknown }) => [i.name, i.windows])).toEqual([
      ['一网格', [{ start: '08:05', end: '08:30' }]],
      ['2号楼', [{ start: '08:30', end: '09:00' }]],
      ['1号楼', [{ start: '08:30', end: '09:00' }]],
    ]);
  });

  it('exports the plan to a readable workbook, formula-like names kept as text, audited', async () => {
    expect((await gw.get(`${url}.xlsx`)).statusCode).toBe(404);
    expect((await gw.post(`${url}.xlsx`, {})).statusCode).toBe(400);
    const res = await gw.post(`${url}.xlsx`, PURPOSE);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const sheets = await readXlsx(res.rawPayload);
    const rows = sheets['错峰方案'];
    expect(rows[0][0]).toBe("'=南村广场 错峰采样方案 · 南镇第一轮（2026-11-02）");
    expect(rows[2]).toEqual(['时段', '开始', '结束', '楼栋/网格', '人数', '时段人数', '时段容量', '最长等待（分钟）', '提示']);
    expect(rows[4].slice(0, 8)).toEqual(['2', '08:05', '08:30', '一网格', '2', '2', '8', '6']);
    expect(rows[5]).toEqual(['3', '08:30', '09:00', '2号楼', '3', '7', '10', '21', '等待超过目标']);
    expect(rows[6].slice(3)).toEqual(['1号楼', '4']);
    expect(rows.find((r) => r[0] === '理论最短（分钟）')).toEqual(['理论最短（分钟）', '27']);
    expect(rows.at(-1)![0]).toContain(`用途：${PURPOSE.purpose}`);
    const audits = await t.db.query<{ after: { purpose: string } }>(`SELECT after FROM audit_log WHERE entity = 'sampling_slot_plan' AND action = 'export'`);
    expect(audits.map((a) => a.after.purpose)).toEqual([PURPOSE.purpose]);
  });

  it('another area’s user gets 404 for every endpoint, and changes nothing', async () => {
    const version = (await gw.get(url)).json().plan.version;
    for (const res of [
      await other.get(url),
      await other.post(url, { replace: true }),
      await other.patch(url, { version, edits: [{ kind: 'times', slot: 1, start: '08:00', end: '08:05' }] }),
      await other.get(`${url}/notices`),
      await other.post(`${url}.xlsx`, PURPOSE),
    ]) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.body).not.toContain('南村广场');
    }
    expect((await gw.get(url)).json().plan.version).toBe(version);
  });
});
