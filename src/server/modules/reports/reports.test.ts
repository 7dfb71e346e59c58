import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIGURE_COLUMNS, FIGURE_KEYS } from '../../../domain/reports/figures';
import { addDays } from '../../../domain/policy/rules';
import { todayIn } from '../../platform/dates';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import { readXlsx } from '../../testing/sheets';
import type { AreaRow } from '../areas';

/**
 * The village daily report on a hand-made fixture: the records of one past day D (and around it) written
 * straight into the monitoring tables, so every figure below is counted by hand from the fixture.
 * Time zone: Asia/Shanghai (the default), so D's local day is [D-1 16:00Z, D 16:00Z).
 */
const D = '2025-03-10';
const at = (day: string, hm: string) => `${day}T${hm}:00+08:00`;

let t: TestApp;
let county: AreaRow;
let town: AreaRow;
let town2: AreaRow;
let v1: AreaRow;
let v2: AreaRow;
let v3: AreaRow;
let grid: AreaRow;
let countyCadre: Agent;
let townCadre: Agent;
let villageCadre: Agent;
let doctor: Agent;
const res: Record<string, number> = {};
const hh: Record<string, number> = {};

const ok = async (r: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) => {
  const x = await r;
  expect(x.statusCode, x.body).toBe(status);
  return x.json();
};

async function arrival(resident: string, area: AreaRow, arrivedOn: string, level: string | null) {
  await t.db.query(`INSERT INTO arrivals (resident_id, area_id, area_path, origin_name, origin_risk_level, arrived_on) VALUES ($1, $2, $3, '某市', $4, $5)`, [
    res[resident],
    area.id,
    area.path,
    level,
    arrivedOn,
  ]);
}

async function measure(
  resident: string,
  area: AreaRow,
  m: { kind: string; state: string; startsOn: string; endsOn: string; releasedAt?: string; gridWorkerId?: number },
) {
  const [{ id }] = await t.db.query<{ id: number }>(
    `INSERT INTO measures (resident_id, area_id, area_path, kind, state, starts_on, ends_on, released_at, grid_worker_id, follow_up_times)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, ARRAY['08:00', '16:00']) RETURNING id`,
    [res[resident], area.id, area.path, m.kind, m.state, m.startsOn, m.endsOn, m.releasedAt ?? null, m.gridWorkerId ?? null],
  );
  return id;
}

async function followUp(measureId: number, area: AreaRow, resident: string, dueAt: string, status: 'scheduled' | 'done' | 'cancelled') {
  const [{ id }] = await t.db.query<{ id: number }>(
    `INSERT INTO follow_ups (measure_id, resident_id, area_id, area_path, due_at, window_ends_at, status, temperature)
     VALUES ($1, $2, $3, $4, $5::timestamptz, $5::timestamptz + interval '4 hours', $6, $7) RETURNING id`,
    [measureId, res[resident], area.id, area.path, dueAt, status, status === 'done' ? 36.5 : null],
  );
  return id;
}

async function alert(resident: string, area: AreaRow, raisedAt: string, resolvedAt: string | null) {
  await t.db.query(
    `INSERT INTO fever_alerts (resident_id, area_id, area_path, temperature, raised_at, status, resolution, resolved_at) VALUES ($1, $2, $3, 38.0, $4, $5, $6, $7)`,
    [res[resident], area.id, area.path, raisedAt, resolvedAt ? 'resolved' : 'open', resolvedAt ? 'false_alarm' : null, resolvedAt],
  );
}

async function visit(campaign: number, household: string, area: AreaRow, visitedAt: string, outcome: string) {
  await t.db.query(
    `INSERT INTO screening_visits (client_id, campaign_id, household_id, area_id, area_path, outcome, visited_at) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6)`,
    [campaign, hh[household], area.id, area.path, outcome, visitedAt],
  );
}

beforeAll(async () => {
  t = await testApp();
  county = t.root;
  town = await makeArea(t.db, county, '毛庄镇', 'town');
  town2 = await makeArea(t.db, county, '城关镇', 'town');
  v1 = await makeArea(t.db, town, '王隆集村', 'village');
  v2 = await makeArea(t.db, town, '李庄村', 'village');
  v3 = await makeArea(t.db, town2, '东关社区', 'community');
  grid = await makeArea(t.db, v1, '一网格', 'grid');
  await makeUser(t.db, 'county_cadre', ['cadre'], county);
  await makeUser(t.db, 'town_cadre', ['cadre'], town);
  await makeUser(t.db, 'village_cadre', ['cadre'], v1);
  await makeUser(t.db, 'doctor', ['doctor'], v1);
  [countyCadre, townCadre, villageCadre, doctor] = await Promise.all(['county_cadre', 'town_cadre', 'village_cadre', 'doctor'].map((u) => login(t.app, u)));
  // Residents: six in village 1 (in its grid), two in village 2, two in the community.
  const people: [AreaRow, string[]][] = [
    [grid, ['a1', 'a2', 'a3', 'a4', 'a5', 'a6']],
    [v2, ['b1', 'b2']],
    [v3, ['c1', 'c2']],
  ];
  for (const [area, names] of people) {
    const h = (await ok(countyCadre.post('/api/households', { areaId: area.id, address: `${area.name} 1 号` }), 201)).id;
    hh[area.name] = h;
    for (const name of names)
      res[name] = (await ok(countyCadre.post('/api/residents', { householdId: h, name: `居民${name}`, idType: 'none', movedInOn: '2024-01-01' }), 201)).id;
  }
  hh.second = (await ok(countyCadre.post('/api/households', { areaId: grid.id, address: '王隆集村 2 号' }), 201)).id;

  // Arrivals. Village 1: D high, D (no level), D-3 medium, D+1 high (after D). Village 2: D-1 low. Community: D medium.
  await arrival('a1', grid, D, 'high');
  await arrival('a2', grid, D, null);
  await arrival('a3', grid, addDays(D, -3), 'medium');
  await arrival('a4', grid, addDays(D, 1), 'high');
  await arrival('b1', v2, addDays(D, -1), 'low');
  await arrival('c1', v3, D, 'medium');

  // Measures. Village 1: central active since D-2; home isolation started D; monitoring released on D; one only proposed.
  const m1 = await measure('a1', grid, { kind: 'central_isolation', state: 'active', startsOn: addDays(D, -2), endsOn: addDays(D, 5) });
  const m2 = await measure('a2', grid, { kind: 'home_isolation', state: 'active', startsOn: D, endsOn: addDays(D, 7) });
  await measure('a3', grid, { kind: 'home_monitoring', state: 'released', startsOn: addDays(D, -5), endsOn: D, releasedAt: at(D, '10:00') });
  await measure('a5', grid, { kind: 'home_monitoring', state: 'proposed', startsOn: addDays(D, -1), endsOn: addDays(D, 6) });
  // Village 2: in release check since its end on D-1. Community: released the day before D.
  await measure('b1', v2, { kind: 'home_isolation', state: 'release_check', startsOn: addDays(D, -7), endsOn: addDays(D, -1) });
  await measure('c1', v3, {
    kind: 'central_isolation',
    state: 'released',
    startsOn: addDays(D, -9),
    endsOn: addDays(D, -1),
    releasedAt: at(addDays(D, -1), '18:00'),
  });

  // Follow-ups of D in village 1: m1 08:00 done, 16:00 missed; m2 08:00 cancelled, 16:00 done; m1 tomorrow 08:00 (not D).
  await followUp(m1, grid, 'a1', at(D, '08:00'), 'done');
  await followUp(m1, grid, 'a1', at(D, '16:00'), 'scheduled');
  await followUp(m2, grid, 'a2', at(D, '08:00'), 'cancelled');
  await followUp(m2, grid, 'a2', at(D, '16:00'), 'done');
  await followUp(m1, grid, 'a1', at(addDays(D, 1), '08:00'), 'scheduled');
  // Just before D began (local): not D's.
  await followUp(m2, grid, 'a2', at(addDays(D, -1), '23:30'), 'done');

  // Fever alerts: village 1 raised on D, open; village 1 raised D-2 resolved D-1; village 2 raised D-1 resolved D+1 (open at D's end).
  await alert('a1', grid, at(D, '09:00'), null);
  await alert('a2', grid, at(addDays(D, -2), '09:00'), at(addDays(D, -1), '09:00'));
  await alert('b1', v2, at(addDays(D, -1), '20:00'), at(addDays(D, 1), '10:00'));

  // Screening visits: village 1's first household visited twice on D, its second nobody home; the community's visited D-1.
  const [{ id: campaign }] = await t.db.query<{ id: number }>(
    `INSERT INTO screening_campaigns (name, area_id, area_path, starts_on, ends_on) VALUES ('敲门行动', $1, $2, $3, $4) RETURNING id`,
    [county.id, county.path, addDays(D, -3), addDays(D, 3)],
  );
  await visit(campaign, grid.name, grid, at(D, '09:00'), 'visited');
  await visit(campaign, grid.name, grid, at(D, '15:00'), 'visited');
  await visit(campaign, 'second', grid, at(D, '10:00'), 'nobody_home');
  await visit(campaign, v3.name, v3, at(addDays(D, -1), '10:00'), 'visited');
});
afterAll(() => t.close());

/** The figures of village 1 on D, counted by hand from the fixture above. */
const V1 = {
  'arrivals.today': 2,
  'arrivals.total': 3,
  'arrivals.high.today': 1,
  'arrivals.high.total': 1,
  'arrivals.none.today': 1,
  'arrivals.none.total': 1,
  'arrivals.medium.total': 1,
  'measures.central_isolation': 1,
  'measures.home_isolation': 1,
  'measures.total': 2,
  'measures.startedToday': 1,
  'measures.releasedToday': 1,
  'followUps.due': 3,
  'followUps.done': 2,
  'followUps.missed': 1,
  'alerts.raised': 1,
  'alerts.open': 1,
  'visits.households': 1,
};
const V2 = { 'arrivals.total': 1, 'arrivals.low.total': 1, 'measures.home_isolation': 1, 'measures.total': 1, 'alerts.open': 1 };
const V3 = { 'arrivals.today': 1, 'arrivals.total': 1, 'arrivals.medium.today': 1, 'arrivals.medium.total': 1 };

/** Every key, zero unless given. */
const full = (given: Record<string, number>) => Object.fromEntries(FIGURE_KEYS.map((k) => [k, given[k] ?? 0]));
const sum = (...xs: Record<string, number>[]) => full(Object.fromEntries(FIGURE_KEYS.map((k) => [k, xs.reduce((s, x) => s + (x[k] ?? 0), 0)])));

describe('figures computed from the records', () => {
  it('a village: every figure equals the hand count, live until submitted', async () => {
    const r = await ok(villageCadre.get(`/api/daily-reports?areaId=${v1.id}&day=${D}`));
    expect(r).toMatchObject({
      area: { id: v1.id, name: '王隆集村', kind: 'village' },
      day: D,
      village: true,
      status: 'live',
      report: null,
      villages: 1,
      submitted: 0,
      rows: [],
    });
    expect(r.figures).toEqual(full(V1));
    expect((await ok(townCadre.get(`/api/daily-reports?areaId=${v2.id}&day=${D}`))).figures).toEqual(full(V2));
    expect((await ok(countyCadre.get(`/api/daily-reports?areaId=${v3.id}&day=${D}`))).figures).toEqual(full(V3));
  });

  it("rolls up village → town → county: each area is the sum of its villages, with its children's rows", async () => {
    const tw = await ok(townCadre.get(`/api/daily-reports?areaId=${town.id}&day=${D}`));
    expect(tw).toMatchObject({ village: false, villages: 2, submitted: 0 });
    expect(tw.figures).toEqual(sum(V1, V2));
    expect(tw.rows.map((r: any) => [r.areaName, r.status, r.figures['arrivals.total']])).toEqual([
      ['李庄村', 'live', 1],
      ['王隆集村', 'live', 3],
    ]);
    const cn = await ok(countyCadre.get(`/api/daily-reports?areaId=${county.id}&day=${D}`));
    expect(cn.figures).toEqual(sum(V1, V2, V3));
    expect(cn.rows.map((r: any) => [r.areaName, r.villages, r.status])).toEqual([
      ['毛庄镇', 2, null],
      ['城关镇', 1, null],
    ]);
    expect(cn.rows.find((r: any) => r.areaName === '城关镇').figures).toEqual(full(V3));
  });

  it('a series of days sums the villages per day', async () => {
    const s = await ok(countyCadre.get(`/api/daily-reports/series?areaId=${county.id}&days=3&to=${addDays(D, 1)}`));
    expect(s.items.map((d: any) => d.day)).toEqual([addDays(D, -1), D, addDays(D, 1)]);
    const [before, on, after] = s.items.map((d: any) => d.figures);
    expect(on).toEqual(sum(V1, V2, V3));
    // D-1: arrivals a3 (D-3) and b1 (D-1); under measure m1 (since D-2), m3 (released on D), b1's; c1 released that day; b1's alert raised and open (a2's resolved that day).
    expect(before).toMatchObject({
      'arrivals.total': 2,
      'arrivals.today': 1,
      'measures.total': 3,
      'measures.releasedToday': 1,
      'alerts.raised': 1,
      'alerts.open': 1,
      'followUps.due': 1,
      'visits.households': 1,
    });
    // D+1: a4 arrives (high); alerts: a1's still open, b1's resolved that day.
    expect(after).toMatchObject({
      'arrivals.today': 1,
      'arrivals.total': 6,
      'arrivals.high.total': 2,
      'measures.total': 3,
      'followUps.due': 1,
      'alerts.open': 1,
      'alerts.raised': 0,
    });
    expect((await ok(villageCadre.get(`/api/daily-reports/series?areaId=${v1.id}`))).items).toHaveLength(14);
    // Only some figures: the same values, and only those keys.
    const some = await ok(countyCadre.get(`/api/daily-reports/series?areaId=${county.id}&days=3&to=${addDays(D, 1)}&keys=measures.total,arrivals.high.total`));
    expect(some.items.map((d: any) => d.figures)).toEqual(
      s.items.map((d: any) => ({ 'measures.total': d.figures['measures.total'], 'arrivals.high.total': d.figures['arrivals.high.total'] })),
    );
    expect((await countyCadre.get(`/api/daily-reports/series?areaId=${county.id}&keys=measures.nothing`)).statusCode).toBe(400);
  });

  it('refuses a future day, an area below a village, a bad query — in zh and en', async () => {
    const future = await countyCadre.get(`/api/daily-reports?areaId=${county.id}&day=${addDays(todayIn(t.app.timeZone), 1)}`, { 'accept-language': 'en' });
    expect(future.statusCode).toBe(422);
    expect(future.json().error.code).toBe('REPORT_FUTURE');
    const below = await countyCadre.get(`/api/daily-reports?areaId=${grid.id}&day=${D}`);
    expect(below.statusCode).toBe(422);
    expect(below.json().error.message).toMatch(/村/);
    expect((await countyCadre.get(`/api/daily-reports?areaId=abc`)).statusCode).toBe(400);
    expect((await countyCadre.get(`/api/daily-reports/series?areaId=${county.id}&days=61`)).statusCode).toBe(400);
    // Every date is a real calendar day (2026-02-30 used to roll over to March), every id fits the column, no unknown fields.
    expect((await countyCadre.get(`/api/daily-reports/series?areaId=${county.id}&to=2026-02-30`)).statusCode).toBe(400);
    expect((await countyCadre.get(`/api/daily-reports?areaId=${county.id}&day=0000-01-01`)).statusCode).toBe(400);
    expect((await countyCadre.get(`/api/daily-reports?areaId=99999999999`)).statusCode).toBe(400);
    expect((await countyCadre.get(`/api/daily-reports?areaId=${county.id}&extra=1`)).statusCode).toBe(400);
    expect((await countyCadre.post('/api/daily-reports/submit', { areaId: v1.id, day: '2026-02-30' })).statusCode).toBe(400);
    // Out of scope looks missing.
    expect((await villageCadre.get(`/api/daily-reports?areaId=${v2.id}&day=${D}`)).statusCode).toBe(404);
    expect((await villageCadre.get(`/api/daily-reports?areaId=${town.id}&day=${D}`)).statusCode).toBe(404);
  });
});

describe('submit, lock, reopen', () => {
  it("a cadre submits the village's day: the figures are stored and no longer follow the records", async () => {
    const r = await ok(villageCadre.post('/api/daily-reports/submit', { areaId: v1.id, day: D, notes: '无异常' }));
    expect(r).toMatchObject({ status: 'submitted', report: { status: 'submitted', notes: '无异常', submittedByName: 'village_cadre 显示名' } });
    expect(r.figures).toEqual(full(V1));
    // A late registration for D changes the live figures, not the submitted ones.
    await arrival('a6', grid, D, 'high');
    expect((await ok(villageCadre.get(`/api/daily-reports?areaId=${v1.id}&day=${D}`))).figures).toEqual(full(V1));
    const tw = await ok(townCadre.get(`/api/daily-reports?areaId=${town.id}&day=${D}`));
    expect(tw).toMatchObject({ submitted: 1 });
    expect(tw.figures).toEqual(sum(V1, V2));
    expect(tw.rows.find((x: any) => x.areaId === v1.id).status).toBe('submitted');
    const series = await ok(townCadre.get(`/api/daily-reports/series?areaId=${town.id}&days=1&to=${D}`));
    expect(series.items[0].figures).toEqual(sum(V1, V2));
  });

  it('a locked report refuses a second submission; only the level above reopens it, with a reason', async () => {
    const again = await villageCadre.post('/api/daily-reports/submit', { areaId: v1.id, day: D });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('REPORT_LOCKED');
    const own = await villageCadre.post('/api/daily-reports/reopen', { areaId: v1.id, day: D, reason: '改数' });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('REPORT_REOPEN_LEVEL');
    expect((await doctor.post('/api/daily-reports/reopen', { areaId: v1.id, day: D, reason: '改数' })).statusCode).toBe(403);
    expect((await townCadre.post('/api/daily-reports/reopen', { areaId: v1.id, day: D })).statusCode).toBe(400);
    expect((await townCadre.post('/api/daily-reports/reopen', { areaId: v1.id, day: D, reason: '  ' })).statusCode).toBe(400);
    expect((await townCadre.post('/api/daily-reports/reopen', { areaId: town.id, day: D, reason: '改数' })).json().error.code).toBe('REPORT_NOT_VILLAGE');
    const r = await ok(townCadre.post('/api/daily-reports/reopen', { areaId: v1.id, day: D, reason: '漏报一名返乡人员' }));
    expect(r).toMatchObject({ status: 'reopened', report: { status: 'reopened', reopenReason: '漏报一名返乡人员', reopenedByName: 'town_cadre 显示名' } });
    // Live again: the late arrival counts.
    expect(r.figures).toMatchObject({ 'arrivals.today': 3, 'arrivals.total': 4, 'arrivals.high.today': 2 });
    const twice = await townCadre.post('/api/daily-reports/reopen', { areaId: v1.id, day: D, reason: '再退' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('REPORT_NOT_SUBMITTED');
    // Submitted again after the correction.
    expect((await ok(villageCadre.post('/api/daily-reports/submit', { areaId: v1.id, day: D }))).figures['arrivals.total']).toBe(4);
    const trail = await t.db.query<{ action: string; after: any; before: any }>(
      "SELECT action, before, after FROM audit_log WHERE entity = 'daily_report' ORDER BY id",
    );
    expect(trail.map((a) => a.action)).toEqual(['submit', 'reopen', 'submit']);
    expect(trail[1].after).toEqual({ status: 'reopened', reason: '漏报一名返乡人员' });
    expect(trail[1].before.figures['arrivals.total']).toBe(3);
  });

  it('refuses a future day and an area that is not a village', async () => {
    expect((await villageCadre.post('/api/daily-reports/submit', { areaId: v1.id, day: addDays(todayIn(t.app.timeZone), 1) })).json().error.code).toBe(
      'REPORT_FUTURE',
    );
    expect((await townCadre.post('/api/daily-reports/submit', { areaId: town.id, day: D })).json().error.code).toBe('REPORT_NOT_VILLAGE');
    expect((await doctor.post('/api/daily-reports/submit', { areaId: v1.id, day: addDays(D, -1) })).statusCode).toBe(403);
  });
});

describe('the workbook', () => {
  it('one row per village with the town, Chinese headers in two rows, a totals row; audited', async () => {
    const exportUrl = `/api/daily-reports/export.xlsx?areaId=${county.id}&day=${D}`;
    // A POST with a stated purpose (issue 14): the GET is gone, a missing purpose is refused.
    expect((await countyCadre.get(exportUrl)).statusCode).toBe(404);
    expect((await countyCadre.post(exportUrl, {})).statusCode).toBe(400);
    const x = await countyCadre.post(exportUrl, { purpose: '报送县指挥部' });
    expect(x.statusCode, x.body).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(x.headers['content-disposition']))).toContain(`日报-测试县-${D}.xlsx`);
    const rows = (await readXlsx(x.rawPayload))['日报'];
    expect(rows[0][0]).toBe(`测试县疫情防控日报（${D}）`);
    expect(rows[1].slice(0, 5)).toEqual(['序号', '乡镇（街道）', '村（社区）', '上报状态', '返乡人员']);
    expect(rows[2].slice(4, 6)).toEqual(['今日新增', '累计']);
    const col = (key: string) => 4 + FIGURE_COLUMNS.findIndex((c) => c.key === key);
    const body = rows.slice(3, 7);
    expect(rows.at(-1)![0]).toContain('用途：报送县指挥部');
    expect(body.slice(0, 3).map((r) => r.slice(0, 4))).toEqual([
      ['1', '毛庄镇', '李庄村', '未上报'],
      ['2', '毛庄镇', '王隆集村', '已上报'],
      ['3', '城关镇', '东关社区', '未上报'],
    ]);
    expect([body[3][0], body[3][3]]).toEqual(['合计', '1/3']);
    expect(body.map((r) => r[col('arrivals.total')])).toEqual(['1', '4', '1', '6']);
    expect(body.map((r) => r[col('followUps.missed')])).toEqual(['0', '1', '0', '1']);
    expect(body[3][col('measures.total')]).toBe('3');
    const [audit] = await t.db.query<{ after: any }>("SELECT after FROM audit_log WHERE entity = 'daily_report' AND action = 'export'");
    expect(audit.after).toEqual({ areaId: county.id, day: D, villages: 3, purpose: '报送县指挥部' });
  });
});
