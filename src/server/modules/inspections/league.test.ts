import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeArea } from '../../testing/harness';
import { readXlsx } from '../../testing/sheets';
import { type InspectionsFixture, inspectionsFixture, ok, villageResults } from './test-fixture';
import { inspectionsPanel } from './overview-panel';

/**
 * The league table (红黑榜) against a hand-computed fixture. Village checklist weights: duty 20 (critical),
 * roster 20, checkpoint 20, publicity 10, disinfection 15, gathering 15 (critical); pass mark 80.
 *   甲一村: all pass (100) and publicity failed (90)        → 2 inspections, average 95,  pass 100 %, red
 *   甲二村: disinfection + publicity failed (75)            → 1 inspection,  average 75,  pass 0 %
 *   乙一村: duty failed (raw 80, vetoed → 0) and all (100)  → 2 inspections, average 50,  pass 50 %, black
 *   乙二社区: roster failed (80)                            → 1 inspection,  average 80,  pass 100 %
 *   (an inspection of 甲一村 outside the period does not count)
 * Towns: 甲镇 (100 + 90 + 75) / 3 = 88.3, pass 66.7 %; 乙镇 (0 + 100 + 80) / 3 = 60, one veto → black.
 */
let f: InspectionsFixture;
const FROM = '2026-10-01';
const TO = '2026-12-31';
beforeAll(async () => {
  f = await inspectionsFixture();
  const plan: [keyof InspectionsFixture['villages'], string[], string][] = [
    ['甲一', [], '2026-10-10T02:00:00Z'],
    ['甲一', ['publicity'], '2026-11-10T02:00:00Z'],
    ['甲一', ['duty'], '2026-09-30T15:00:00Z'], // 23:00 on 30 September in Shanghai: before the period
    ['甲二', ['disinfection', 'publicity'], '2026-10-20T02:00:00Z'],
    ['乙一', ['duty'], '2026-10-05T02:00:00Z'],
    ['乙一', [], '2026-12-31T15:30:00Z'], // 23:30 on 31 December in Shanghai: inside
    ['乙二', ['roster'], '2026-11-01T02:00:00Z'],
  ];
  for (const [v, failed, at] of plan) {
    const targetId = (await f.admin.post('/api/inspections/targets', { kind: 'village', areaId: f.villages[v].id })).json().id;
    const fails: Record<string, number[]> = {};
    for (const code of failed) fails[code] = [await f.photo(f.admin)];
    // 2026-12-31T15:30Z is in the future for a test run before then: recorded straight into the row after.
    const inspectedAt = Date.parse(at) > Date.now() ? undefined : at;
    const i = await ok(f.admin.post('/api/inspections/inspections', { mode: 'unannounced', targetId, inspectedAt, results: villageResults(fails) }), 201);
    if (!inspectedAt) await f.t.db.query('UPDATE inspections SET inspected_at = $2 WHERE id = $1', [i.id, at]);
  }
});
afterAll(() => f.t.close());

describe('the league table', () => {
  it('ranks villages as computed by hand, with the red and black lists', async () => {
    const t = await ok(f.command.get(`/api/inspections/league?from=${FROM}&to=${TO}&level=village`));
    expect(t.rows.map((r: any) => [r.rank, r.name, r.inspections, r.averageScore, r.passRate, r.vetoed, r.list])).toEqual([
      [1, '甲一村', 2, 95, 100, 0, 'red'],
      [2, '乙二社区', 1, 80, 100, 0, null],
      [3, '甲二村', 1, 75, 0, 0, null],
      [4, '乙一村', 2, 50, 50, 1, 'black'],
    ]);
  });

  it('ranks towns, and a town cadre sees only their own', async () => {
    const t = await ok(f.command.get(`/api/inspections/league?from=${FROM}&to=${TO}&level=town`));
    expect(t.rows.map((r: any) => [r.rank, r.name, r.inspections, r.averageScore, r.passRate, r.list])).toEqual([
      [1, '甲镇', 3, 88.3, 66.7, null],
      [2, '乙镇', 3, 60, 66.7, 'black'],
    ]);
    const mine = await ok(f.inspector.get(`/api/inspections/league?from=${FROM}&to=${TO}&level=village`));
    expect(mine.rows.map((r: any) => r.name)).toEqual(['甲一村', '甲二村']);
    expect((await f.inspector.get(`/api/inspections/league?from=${FROM}&to=${TO}&under=${f.towns.乙.id}`)).statusCode).toBe(400);
  });

  it('refuses a period that ends before it starts or runs over a year', async () => {
    expect((await f.command.get(`/api/inspections/league?from=${TO}&to=${FROM}`)).json().error.code).toBe('INSPECTIONS_PERIOD');
    expect((await f.command.get('/api/inspections/league?from=2025-01-01&to=2026-12-31')).statusCode).toBe(400);
  });

  it('exports the period’s scores as .xlsx (towns, then villages) and audits the export', async () => {
    const res = await f.command.get(`/api/inspections/league/export?from=${FROM}&to=${TO}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = await readXlsx(res.rawPayload);
    const rows = Object.values(book)[0];
    expect(rows[0]).toEqual(['级别', '排名', '名称', '检查次数', '平均得分', '合格率（%）', '一票否决次数', '红黑榜']);
    expect(rows.slice(1).map((r) => [r[0], r[2], r[4], r[7] ?? ''])).toEqual([
      ['乡镇', '甲镇', '88.3', ''],
      ['乡镇', '乙镇', '60', '黑榜'],
      ['村（社区）', '甲一村', '95', '红榜'],
      ['村（社区）', '乙二社区', '80', ''],
      ['村（社区）', '甲二村', '75', ''],
      ['村（社区）', '乙一村', '50', '黑榜'],
    ]);
    expect(await f.t.db.query(`SELECT action FROM audit_log WHERE entity = 'inspection_scores'`)).toEqual([{ action: 'export' }]);
  });
});

describe('the overview panel', () => {
  it('counts open and overdue orders; null where nothing was ever inspected', async () => {
    const actor = { scope: { areaId: f.t.root.id, path: f.t.root.path } } as never;
    const ctx = { db: f.t.db, actor, today: '2026-11-12' } as never;
    const p = await inspectionsPanel(ctx, f.t.root, 'Asia/Shanghai', new Date('2026-11-12T04:00:00Z'));
    // Orders: 甲一 publicity (11-10, minor, 168 h: not yet overdue), 甲一 duty (09-30, overdue), 甲二 two (10-20: overdue),
    // 乙一 duty (overdue), 乙二 roster (overdue); inspections of the last seven days: 甲一 on 11-10 (passed).
    expect(p).toEqual({ inspectionsThisWeek: 1, passRate: 100, openOrders: 6, overdueOrders: 5 });
    const quiet = await makeArea(f.t.db, f.t.root, '丙镇', 'town');
    expect(await inspectionsPanel(ctx, quiet, 'Asia/Shanghai', new Date('2026-11-12T04:00:00Z'))).toBeNull();
  });
});
