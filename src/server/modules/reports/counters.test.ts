import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/policy/rules';
import { type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import type { AreaRow } from '../areas';
import type { FiguresSource } from './monitoring-figures';
import * as repo from './repo';

/**
 * The report's counters of arrivals, measures and follow-ups (migration 0056) against the records: after every
 * kind of write — inserts of many rows at once, status changes, releases, moves between areas, anonymisation,
 * deletes and a truncate — the report's figures read from the counters are the figures read from the records,
 * per village for each day and summed per day over a week. Odd cases on purpose: a release at 23:59 and at
 * 00:00 local time, a measure released before the day it starts, arrivals with no level, follow-ups whose window
 * is still open.
 */
const TZ = 'Asia/Shanghai';
const D = '2025-03-10';
const WEEK = Array.from({ length: 7 }, (_, i) => addDays(D, i - 4));
const at = (day: string, hm: string) => `${day}T${hm}:00+08:00`;

let t: TestApp;
let county: AreaRow;
let grid: AreaRow;
let v2: AreaRow;
let v3: AreaRow;
let resident: number;

async function figures(source: FiguresSource) {
  const scope = { areaId: county.id, path: county.path };
  const byDay = await repo.figuresByDay(t.db, scope, { path: county.path, days: WEEK, timeZone: TZ, source });
  const byVillage = [];
  for (const day of WEEK)
    byVillage.push(...(await repo.figuresByVillage(t.db, scope, { path: county.path, day, timeZone: TZ, stored: false, source })).map((r) => ({ day, ...r })));
  const order = (a: object, b: object) => JSON.stringify(a).localeCompare(JSON.stringify(b));
  return { byDay: byDay.sort(order), byVillage: byVillage.sort(order) };
}

async function expectCountersEqualRecords() {
  const [counted, recorded] = [await figures('counters'), await figures('records')];
  expect(counted).toEqual(recorded);
  return recorded;
}

beforeAll(async () => {
  t = await testApp();
  county = t.root;
  const town = await makeArea(t.db, county, '毛庄镇', 'town');
  const v1 = await makeArea(t.db, town, '王隆集村', 'village');
  v2 = await makeArea(t.db, town, '李庄村', 'village');
  v3 = await makeArea(t.db, county, '东关社区', 'community');
  grid = await makeArea(t.db, v1, '一网格', 'grid');
  await makeUser(t.db, 'county_cadre', ['cadre'], county);
  const cadre = await login(t.app, 'county_cadre');
  const h = (await cadre.post('/api/households', { areaId: grid.id, address: '王隆集村 1 号' })).json().id;
  resident = (await cadre.post('/api/residents', { householdId: h, name: '居民甲', idType: 'none', movedInOn: '2024-01-01' })).json().id;
});
afterAll(async () => {
  await t?.close();
});

describe('report counters (arrivals, measures, follow-ups)', () => {
  it('equal the records after inserts of many rows at once', async () => {
    const areas = [grid, v2, v3];
    const levels = ['high', 'medium', 'low', null];
    // Arrivals over twelve days around the week, in every area and level (one statement: the trigger sees them all).
    await t.db.query(
      `INSERT INTO arrivals (resident_id, area_id, area_path, origin_name, origin_risk_level, arrived_on)
       SELECT $1, (a->>'id')::int, a->>'path', '某市', ($2::text[])[1 + i % 4], $3::date - 8 + i % 12
         FROM jsonb_array_elements($4::jsonb) a CROSS JOIN generate_series(0, 23) i`,
      [resident, levels, D, JSON.stringify(areas.map((a) => ({ id: a.id, path: a.path })))],
    );
    const states = ['active', 'release_check', 'released', 'proposed', 'cancelled', 'confirmed'];
    const kinds = ['central_isolation', 'home_isolation', 'home_monitoring'];
    for (const [i, area] of areas.entries())
      for (let k = 0; k < 12; k++) {
        const state = states[(k + i) % states.length];
        const startsOn = addDays(D, (k % 9) - 6);
        // Released in the day, at 23:59 or exactly at midnight local time, or before the start.
        const releasedAt =
          state === 'released'
            ? [at(addDays(startsOn, 3), '10:00'), at(addDays(startsOn, 2), '23:59'), at(addDays(startsOn, 4), '00:00'), at(addDays(startsOn, -1), '12:00')][
                k % 4
              ]
            : null;
        const [{ id }] = await t.db.query<{ id: number }>(
          `INSERT INTO measures (resident_id, area_id, area_path, kind, state, starts_on, ends_on, released_at, follow_up_times)
           VALUES ($1, $2, $3, $4, $5, $6, $7::date + 10, $8, ARRAY['08:00', '16:00']) RETURNING id`,
          [resident, area.id, area.path, kinds[k % 3], state, startsOn, startsOn, releasedAt],
        );
        // Follow-ups twice a day over the week (done, scheduled with its window over or still open, cancelled).
        await t.db.query(
          `INSERT INTO follow_ups (measure_id, resident_id, area_id, area_path, due_at, window_ends_at, status, temperature)
           SELECT $1, $2, $3, $4, x.at, CASE WHEN j % 7 = 3 THEN now() + interval '1 hour' ELSE x.at + interval '4 hours' END,
                  (ARRAY['done', 'scheduled', 'scheduled', 'cancelled'])[1 + (j + $6) % 4], CASE WHEN (j + $6) % 4 = 0 THEN 36.6 END
             FROM generate_series(0, 15) j
             CROSS JOIN LATERAL (SELECT (($5::date - 5 + j / 2)::timestamp + CASE WHEN j % 2 = 0 THEN time '08:00' ELSE time '16:00' END) AT TIME ZONE '${TZ}' AS at) x`,
          [id, resident, area.id, area.path, D, k],
        );
      }
    const recorded = await expectCountersEqualRecords();
    // The fixture reaches every part of the report.
    for (const key of [
      'arrivals.total',
      'arrivals.high.today',
      'measures.total',
      'measures.startedToday',
      'measures.releasedToday',
      'followUps.due',
      'followUps.done',
      'followUps.missed',
    ])
      expect(
        recorded.byDay.some((r) => r.key === key && r.n > 0),
        key,
      ).toBe(true);
  });

  it('equal the records after status changes, releases and moves between areas', async () => {
    // A follow-up recorded, as the doctors' phones do (one row), then many cancelled and some reopened.
    const [{ id }] = await t.db.query<{ id: number }>(`SELECT id FROM follow_ups WHERE status = 'scheduled' ORDER BY id LIMIT 1`);
    await t.db.query(`UPDATE follow_ups SET status = 'done', temperature = 36.8, recorded_at = now() WHERE id = $1`, [id]);
    await t.db.query(`UPDATE follow_ups SET status = 'cancelled' WHERE status = 'scheduled' AND id % 3 = 0`);
    await t.db.query(`UPDATE follow_ups SET status = 'scheduled', window_ends_at = due_at + interval '240 minutes' WHERE status = 'cancelled' AND id % 5 = 0`);
    await expectCountersEqualRecords();
    // Measures released (some at midnight), started, changed kind and dates; one released then back to active.
    await t.db.query(`UPDATE measures SET state = 'released', released_at = ($1::date::timestamp AT TIME ZONE '${TZ}') WHERE state = 'release_check'`, [D]);
    await t.db.query(`UPDATE measures SET state = 'active' WHERE state = 'confirmed'`);
    await t.db.query(`UPDATE measures SET kind = 'home_monitoring', starts_on = starts_on + 1 WHERE id % 4 = 1`);
    await t.db.query(`UPDATE measures SET state = 'active', released_at = NULL WHERE id = (SELECT min(id) FROM measures WHERE state = 'released')`);
    await expectCountersEqualRecords();
    // Records moved to another village (a transfer), and a level corrected.
    for (const table of ['arrivals', 'measures', 'follow_ups'])
      await t.db.query(`UPDATE ${table} SET area_id = $1, area_path = $2 WHERE area_id = $3 AND id % 2 = 0`, [v2.id, v2.path, grid.id]);
    await t.db.query(`UPDATE arrivals SET origin_risk_level = 'high' WHERE origin_risk_level IS NULL AND id % 2 = 1`);
    await expectCountersEqualRecords();
  });

  it('follow-ups name measures that exist (the foreign key, checked once per statement)', async () => {
    const [{ id, area_id, area_path }] = await t.db.query<{ id: number; area_id: number; area_path: string }>(
      'SELECT id, area_id, area_path FROM measures WHERE id IN (SELECT measure_id FROM follow_ups) ORDER BY id LIMIT 1',
    );
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: { code?: string }) => e.code,
      );
    const insert = (measureId: number) =>
      t.db.query(
        `INSERT INTO follow_ups (measure_id, resident_id, area_id, area_path, due_at, window_ends_at) VALUES ($1, $2, $3, $4, now(), now() + interval '4 hours')`,
        [measureId, resident, area_id, area_path],
      );
    expect(await code(insert(id + 100_000))).toBe('23503');
    expect(await code(t.db.query('UPDATE follow_ups SET measure_id = $1 WHERE id = (SELECT min(id) FROM follow_ups)', [id + 100_000]))).toBe('23503');
    expect(await code(t.db.query('DELETE FROM measures WHERE id = $1', [id]))).toBe('23503');
    expect(await code(insert(id))).toBe('ok');
  });

  it('equal the records after anonymisation, deletes and a truncate', async () => {
    // Retention anonymises: the person goes, the counted columns stay (the figures must not move).
    const before = await figures('counters');
    await t.db.query(
      `UPDATE follow_ups SET resident_id = NULL, measure_id = NULL, note = NULL, symptoms = '{}', anonymised_at = now() WHERE status <> 'scheduled'`,
    );
    await t.db.query(`UPDATE arrivals SET resident_id = NULL, origin_code = NULL, origin_name = '', anonymised_at = now() WHERE arrived_on < $1`, [D]);
    await t.db.query(`UPDATE measures SET resident_id = NULL, situation = NULL, anonymised_at = now() WHERE state = 'released'`);
    expect(await figures('counters')).toEqual(before);
    await expectCountersEqualRecords();
    await t.db.query(`DELETE FROM follow_ups WHERE id % 4 = 1`);
    await t.db.query(`DELETE FROM arrivals WHERE id % 3 = 0`);
    await t.db.query(`DELETE FROM follow_ups WHERE measure_id IN (SELECT id FROM measures WHERE id % 5 = 2)`);
    await t.db.query(`DELETE FROM measures WHERE id % 5 = 2`);
    await expectCountersEqualRecords();
    await t.db.query('TRUNCATE follow_ups CASCADE');
    const after = await expectCountersEqualRecords();
    expect(after.byDay.some((r) => r.key.startsWith('followUps.'))).toBe(false);
    const [{ n }] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM report_follow_up_counts');
    expect(n).toBe(0);
  });
});
