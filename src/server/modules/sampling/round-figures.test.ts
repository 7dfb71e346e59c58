import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMonthPartitions } from '../../platform/month-partitions';
import { idNumberFor } from '../../testing/factories';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import type { AreaRow } from '../areas';
import { runRetention } from '../lifecycle';
import { BINDINGS_TABLE } from './repo/bindings';

/**
 * A closed round's figures frozen, then its bindings' month dropped (migration 0065): once every person of a closed
 * round is anonymised, its hourly chart and its count of bindings are kept by area and quarter hour and read from
 * there; a month of bindings goes when every round that could have bound in it is frozen, and not while one is
 * still open. Under a fake clock past the period (60 days after the close).
 */
const DAY_MS = 86_400_000;
let t: TestApp;
let admin: Agent;
let town: AreaRow, village: AreaRow, g1: AreaRow, g2: AreaRow;
const P: Record<string, number> = {};
const clientIds: string[] = [];

const ok = async (r: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) => {
  const x = await r;
  expect(x.statusCode, x.body).toBe(status);
  return x.json();
};
let tubeNo = 0;
async function openRound(name: string) {
  const day = new Date().toISOString().slice(0, 10);
  const r = await ok(admin.post('/api/sampling/rounds', { name, areaId: town.id, startsOn: day, endsOn: day, rosterDate: day }), 201);
  const point = (await ok(admin.post(`/api/sampling/rounds/${r.id}/points`, { name: `${name}点`, areaId: village.id, desks: 2 }), 201)).id;
  await ok(admin.post(`/api/sampling/rounds/${r.id}/status`, { status: 'open' }));
  const tube = await ok(admin.post('/api/sampling/tubes', { roundId: r.id, pointId: point, desk: 1, barcode: `FIG${String(++tubeNo).padStart(6, '0')}` }), 201);
  return { id: r.id as number, tube: tube.id as number };
}
async function bind(tubeId: number, key: string) {
  const clientId = randomUUID();
  clientIds.push(clientId);
  return (await ok(admin.post('/api/sampling/bindings', { clientId, tubeId, residentId: P[key] }), 201)).bindings[0].id as number;
}
/** What the round shows: the chart at two levels and the round's counts. */
async function figures(roundId: number) {
  const get = (url: string) => ok(admin.get(url));
  return {
    townHours: (await get(`/api/sampling/rounds/${roundId}/coverage/hours?under=${town.id}`)).items,
    g1Hours: (await get(`/api/sampling/rounds/${roundId}/coverage/hours?under=${g1.id}`)).items,
    counts: (await get(`/api/sampling/rounds/${roundId}`)).counts,
  };
}
const run = (now: Date) => t.db.tx((tx) => runRetention(tx, { now, kind: 'scheduled', dryRun: false }));
const months = async () => (await listMonthPartitions(t.db, BINDINGS_TABLE)).filter((m) => !m.isDefault).map((m) => m.name);
const frozen = async (id: number) =>
  (await t.db.query<{ f: boolean }>('SELECT figures_frozen_at IS NOT NULL AS f FROM sampling_rounds WHERE id = $1', [id]))[0].f;

let first: { id: number; tube: number }, second: { id: number; tube: number };
let thisMonth: string;
beforeAll(async () => {
  t = await testApp();
  town = await makeArea(t.db, t.root, '冻结镇', 'town');
  village = await makeArea(t.db, town, '冻结村', 'village');
  g1 = await makeArea(t.db, village, '一格', 'grid');
  g2 = await makeArea(t.db, village, '二格', 'grid');
  await makeUser(t.db, 'fig_admin', ['admin'], t.root);
  admin = await login(t.app, 'fig_admin');
  const h1 = (await ok(admin.post('/api/households', { areaId: g1.id, address: '一格 1 号' }), 201)).id;
  const h2 = (await ok(admin.post('/api/households', { areaId: g2.id, address: '二格 1 号' }), 201)).id;
  let seq = 700;
  for (const [key, h] of [
    ['a', h1],
    ['b', h1],
    ['c', h2],
    ['d', h2],
  ] as const) {
    const body = { householdId: h, name: `居民${key}`, idType: 'resident_id', idNumber: idNumberFor(++seq), movedInOn: '2025-01-01' };
    P[key] = (await ok(admin.post('/api/residents', body), 201)).id;
  }
  // The first round: a, b and c bound (c twice: the chart counts c at the first), one of b's bindings removed.
  first = await openRound('冻结一轮');
  const bA = await bind(first.tube, 'a');
  const bB = await bind(first.tube, 'b');
  const bC = await bind(first.tube, 'c');
  const bC2 = await bind(first.tube, 'c');
  await ok(admin.post(`/api/sampling/bindings/${bB}/remove`, { reason: '扫错' }));
  // Spread over the day's hours (the 2nd of this month, local time), so the chart has several bars: a at 09:37,
  // c at 14:05 and again at 14:50, b's removed binding at 20:10.
  const at = (hhmm: string) =>
    `(date_trunc('month', now() AT TIME ZONE '${t.app.timeZone}') + interval '1 day' + time '${hhmm}') AT TIME ZONE '${t.app.timeZone}'`;
  for (const [id, hhmm] of [
    [bA, '09:37'],
    [bC, '14:05'],
    [bC2, '14:50'],
    [bB, '20:10'],
  ] as const)
    await t.db.query(`UPDATE sampling_bindings SET bound_at = ${at(hhmm)} WHERE id = $1`, [id]);
  await ok(admin.post(`/api/sampling/rounds/${first.id}/status`, { status: 'closed' }));
  // A round planned and never opened binds nobody, and keeps no month.
  const day = new Date().toISOString().slice(0, 10);
  await ok(admin.post('/api/sampling/rounds', { name: '冻结未开轮', areaId: town.id, startsOn: day, endsOn: day, rosterDate: day }), 201);
  // The second round, still open: d bound. Both rounds' rosters hold the town's four people.
  second = await openRound('冻结二轮');
  await bind(second.tube, 'd');
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: t.app.timeZone, year: 'numeric', month: '2-digit' }).format(new Date()).split('-');
  thisMonth = `sampling_bindings_y${y}m${m}`;
}, 120_000);
afterAll(() => t.close());

describe("a closed round's figures frozen, its bindings' month dropped", () => {
  it('freezes the figures of a round whose people are all anonymised, and they read the same', async () => {
    const before = await figures(first.id);
    expect(before.townHours.map((h: any) => [h.hour.slice(11), h.sampled, h.cumulative])).toEqual([
      ['09:00', 1, 1],
      ['14:00', 1, 2],
    ]);
    expect(before.g1Hours.map((h: any) => h.sampled)).toEqual([1]);
    expect(before.counts.bindings).toBe(3);

    // 61 days on: the first round's people go and its figures freeze; this month is not over, so it stays.
    await run(new Date(Date.now() + 61 * DAY_MS));
    expect(await frozen(first.id)).toBe(true);
    expect(await frozen(second.id)).toBe(false);
    const rollup = await t.db.query<{ area_path: string; sampled: number; bindings: number }>(
      'SELECT area_path, sampled, bindings FROM sampling_round_figures WHERE round_id = $1 ORDER BY quarter, area_path',
      [first.id],
    );
    expect(rollup.map((r) => [r.area_path === g1.path ? 'g1' : r.area_path === g2.path ? 'g2' : r.area_path, r.sampled, r.bindings])).toEqual([
      ['g1', 1, 1],
      ['g2', 1, 1],
      ['g2', 0, 1],
    ]);
    expect(await figures(first.id)).toEqual(before);
    expect(await months()).toContain(thisMonth);
  });

  it('keeps a month while a round that bound in it is open, and drops it once that round is frozen too', async () => {
    const later = new Date(Date.now() + (60 + 40) * DAY_MS);
    const out = await run(later);
    expect(out.items.find((i) => i.dataClass === 'sampling')?.partitionsDropped ?? []).toEqual([]);
    expect(await months()).toContain(thisMonth);

    const beforeFirst = await figures(first.id);
    await ok(admin.post(`/api/sampling/rounds/${second.id}/status`, { status: 'closed' }));
    const beforeSecond = await figures(second.id);
    const dropped = await run(later);
    expect(dropped.items.find((i) => i.dataClass === 'sampling')).toMatchObject({ count: 4, partitionsDropped: [{ partition: thisMonth, rows: 5 }] });
    expect(await months()).not.toContain(thisMonth);
    expect(await frozen(second.id)).toBe(true);
    // Both rounds read as before, from their frozen figures; the scans' claims went with their month.
    expect(await figures(first.id)).toEqual(beforeFirst);
    expect(await figures(second.id)).toEqual(beforeSecond);
    const [{ n }] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM client_writes WHERE client_id = ANY($1::uuid[])', [clientIds]);
    expect(n).toBe(0);
    // A new binding of today still has a month to land in (the default, or a month the job makes).
    const third = await openRound('冻结三轮');
    await bind(third.tube, 'a');
  });
});
