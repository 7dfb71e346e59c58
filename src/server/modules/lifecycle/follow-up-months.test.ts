import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureMonths, listMonthPartitions } from '../../platform/month-partitions';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import type { AreaRow } from '../areas';
import { runRetention } from './runs';

/**
 * Retention of the follow-ups, split by month (migration 0058): a run anonymises row by row as before, then drops
 * each whole month past the period whose rows are all done with and none held — named, with its rows, in the
 * destruction record — and keeps a month holding a row of a held area. Dropping fires no DELETE trigger: the daily
 * report of a day in the dropped month reads the same figures after as before.
 */
const at = (day: string, hm: string) => `${day}T${hm}:00+08:00`;
// 60 days (the follow-ups' default period) before it: 17 July 2025. May and June are whole months before it.
const CLOCK = new Date(at('2025-09-15', '12:00'));
const FU = 'follow_ups';

let t: TestApp;
let town: AreaRow;
let free: AreaRow;
let held: AreaRow;
let admin: Agent;
const res: Record<string, number> = {};

const ok = async (r: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) => {
  const x = await r;
  expect(x.statusCode, x.body).toBe(status);
  return x.json();
};
const one = async (sql: string, params: unknown[] = []) => (await t.db.query<{ id: number }>(`${sql} RETURNING id`, params))[0].id;
const measure = (resident: string, area: AreaRow, startsOn: string, endsOn: string) =>
  one(
    `INSERT INTO measures (resident_id, area_id, area_path, kind, state, starts_on, ends_on, released_at, reason, follow_up_times)
     VALUES ($1, $2, $3, 'home_monitoring', 'released', $4, $5, $6, '密接', ARRAY['08:00'])`,
    [res[resident], area.id, area.path, startsOn, endsOn, at(endsOn, '10:00')],
  );
const followUp = (measureId: number, resident: string, area: AreaRow, dueAt: string) =>
  one(
    `INSERT INTO follow_ups (measure_id, resident_id, area_id, area_path, due_at, window_ends_at, status, temperature)
     VALUES ($1, $2, $3, $4, $5::timestamptz, $5::timestamptz + interval '4 hours', 'done', 36.6)`,
    [measureId, res[resident], area.id, area.path, dueAt],
  );
const report = async (day: string) => (await ok(admin.get(`/api/daily-reports?areaId=${town.id}&day=${day}`))).rows;
const months = async () => (await listMonthPartitions(t.db, FU)).map((p) => p.name);

beforeAll(async () => {
  t = await testApp();
  town = await makeArea(t.db, t.root, '毛庄镇', 'town');
  free = await makeArea(t.db, town, '王隆集村', 'village');
  held = await makeArea(t.db, town, '李庄村', 'village');
  await makeUser(t.db, 'fm_admin', ['admin'], t.root);
  admin = await login(t.app, 'fm_admin');
  for (const [area, name] of [
    [free, 'a'],
    [held, 'b'],
  ] as const) {
    const h = (await ok(admin.post('/api/households', { areaId: area.id, address: `${area.name} 1 号` }), 201)).id;
    res[name] = (await ok(admin.post('/api/residents', { householdId: h, name: `居民${name}`, idType: 'none', movedInOn: '2024-01-01' }), 201)).id;
  }
  // The months as a server running since May 2025 would have made them.
  await ensureMonths(t.db, { table: FU, timeZone: t.app.timeZone, ahead: 3, now: new Date(at('2025-05-15', '12:00')) });
  // May: two follow-ups of a released measure in the free village. June: one there, one in the held village. July: one.
  const mMay = await measure('a', free, '2025-05-09', '2025-05-10');
  await followUp(mMay, 'a', free, at('2025-05-09', '08:00'));
  await followUp(mMay, 'a', free, at('2025-05-10', '08:00'));
  const mJune = await measure('a', free, '2025-06-10', '2025-07-20');
  await followUp(mJune, 'a', free, at('2025-06-11', '08:00'));
  await followUp(mJune, 'a', free, at('2025-07-20', '08:00'));
  const mHeld = await measure('b', held, '2025-06-10', '2025-06-10');
  await followUp(mHeld, 'b', held, at('2025-06-10', '08:00'));
  await ok(admin.post('/api/lifecycle/holds', { areaId: held.id, dataClasses: ['follow_ups'], reason: '行政复议，保留证据' }), 201);
}, 600_000);
afterAll(() => t.close());

describe('follow-ups retention by month', () => {
  it('a dry run names the month it would drop and drops nothing', async () => {
    const dry = await t.db.tx((tx) => runRetention(tx, { now: CLOCK, kind: 'scheduled', dryRun: true }));
    expect(dry.items.find((i) => i.dataClass === 'follow_ups')).toMatchObject({ count: 3, partitionsDropped: [{ partition: 'follow_ups_y2025m05', rows: 2 }] });
    expect(await months()).toContain('follow_ups_y2025m05');
  });

  it('drops the whole past month, keeps the month with a held row, and the day’s report does not change', async () => {
    const before = await report('2025-05-10');
    expect(JSON.stringify(before)).toContain('followUps');
    const run = await t.db.tx((tx) => runRetention(tx, { now: CLOCK, kind: 'scheduled', dryRun: false }));
    // May's two and June's free one are anonymised (May's then dropped); the held one and July's stay as they were.
    expect(run.items.find((i) => i.dataClass === 'follow_ups')).toMatchObject({ count: 3, partitionsDropped: [{ partition: 'follow_ups_y2025m05', rows: 2 }] });
    const names = await months();
    expect(names).not.toContain('follow_ups_y2025m05');
    expect(names).toContain('follow_ups_y2025m06');
    expect(names).toContain('follow_ups_y2025m07');
    const left = await t.db.query<{ day: string; anonymised: boolean }>(
      `SELECT to_char(due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, anonymised_at IS NOT NULL AS anonymised FROM ${FU} ORDER BY due_at`,
    );
    expect(left).toEqual([
      { day: '2025-06-10', anonymised: false },
      { day: '2025-06-11', anonymised: true },
      { day: '2025-07-20', anonymised: false },
    ]);
    // The destruction record names the month and its rows.
    const [record] = await t.db.query<{ items: { dataClass: string; partitionsDropped?: unknown }[] }>(`SELECT items FROM retention_runs WHERE id = $1`, [
      run.runId,
    ]);
    expect(record.items.find((i) => i.dataClass === 'follow_ups')?.partitionsDropped).toEqual([{ partition: 'follow_ups_y2025m05', rows: 2 }]);
    // The counters kept May's figures: dropping a month fires no DELETE trigger.
    expect(await report('2025-05-10')).toEqual(before);
    // The runs list shows it.
    const runs = await ok(admin.get('/api/lifecycle/runs'));
    expect(JSON.stringify(runs.items[0])).toContain('follow_ups_y2025m05');
  });

  it('once the hold is released, the next run drops June too', async () => {
    const holds = (await ok(admin.get('/api/lifecycle/holds'))).items;
    for (const h of holds) await ok(admin.post(`/api/lifecycle/holds/${h.id}/release`, {}));
    const run = await t.db.tx((tx) => runRetention(tx, { now: CLOCK, kind: 'scheduled', dryRun: false }));
    expect(run.items.find((i) => i.dataClass === 'follow_ups')).toMatchObject({ count: 1, partitionsDropped: [{ partition: 'follow_ups_y2025m06', rows: 2 }] });
    expect(await months()).not.toContain('follow_ups_y2025m06');
  });
});
