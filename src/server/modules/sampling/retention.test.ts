import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import type { AreaRow } from '../areas';
import { runRetention } from '../lifecycle';

/**
 * Retention of mass testing (migration 0033) under a fake clock 61 days after a round closed (the default period is
 * 60): exactly the people of the closed round (sampled, exempted or missing) outside the held grid and not awaiting a retest lose their person —
 * roster row, bindings, flags and exemptions under one stand-in — and every figure of the round reads the same after.
 */
const ROSTER_DAY = '2026-11-01';
const DAY_MS = 86_400_000;

let t: TestApp;
let admin: Agent;
let town: AreaRow, village: AreaRow, g1: AreaRow, g2: AreaRow;
let closedRound: number, openRound: number;
const point: Record<number, number> = {};
const P: Record<string, number> = {};
const H: Record<string, number> = {};
const B: Record<string, number> = {};
const E: Record<string, number> = {};

function idNumber(birth: string, seq: number): string {
  const body = `411627${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}
let seq = 500;
const ok = async (r: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) => {
  const x = await r;
  expect(x.statusCode, x.body).toBe(status);
  return x.json();
};
let tubeNo = 0;
async function tube(roundId: number, capacity?: number) {
  return ok(
    admin.post('/api/sampling/tubes', { roundId, pointId: point[roundId], desk: 1, barcode: `RET${String(++tubeNo).padStart(6, '0')}`, capacity }),
    201,
  );
}
async function bind(tubeId: number, key: string) {
  const body = await ok(admin.post('/api/sampling/bindings', { clientId: randomUUID(), tubeId, residentId: P[key] }), 201);
  return body.bindings[0].id as number;
}
async function result(barcode: string, result: 'positive' | 'negative') {
  await ok(admin.post('/api/sampling/results', { results: [{ barcode, result, testedAt: '2026-11-01T20:00:00+08:00', lab: '县疾控' }] }));
}
async function round(name: string) {
  const r = await ok(admin.post('/api/sampling/rounds', { name, areaId: town.id, startsOn: ROSTER_DAY, endsOn: '2026-11-03', rosterDate: ROSTER_DAY }), 201);
  point[r.id] = (await ok(admin.post(`/api/sampling/rounds/${r.id}/points`, { name: `${name}点`, areaId: village.id, desks: 2 }), 201)).id;
  await ok(admin.post(`/api/sampling/rounds/${r.id}/status`, { status: 'open' }));
  return r.id as number;
}

/**
 * Every figure a round shows: coverage at two levels (with its missing count), the hourly chart, the round's counts
 * and the counters under them. Not the list of missing people: a list of names, which an anonymous person leaves.
 */
async function figures(roundId: number) {
  const get = (url: string) => ok(admin.get(url));
  const strip = (c: any) => ({ total: c.total, items: c.items });
  return {
    town: strip(await get(`/api/sampling/rounds/${roundId}/coverage?under=${town.id}`)),
    village: strip(await get(`/api/sampling/rounds/${roundId}/coverage?under=${village.id}`)),
    hours: (await get(`/api/sampling/rounds/${roundId}/coverage/hours?under=${town.id}`)).items,
    counts: (await get(`/api/sampling/rounds/${roundId}`)).counts,
    counters: await t.db.query('SELECT stay_path, roster, sampled, exempt FROM sampling_coverage WHERE round_id = $1 ORDER BY stay_path', [roundId]),
  };
}
const run = (now: Date, dryRun = false) => t.db.tx((tx) => runRetention(tx, { now, kind: 'scheduled', dryRun }));
const samplingItem = (r: { items: { dataClass: string; count: number; digest: string }[] }) => r.items.find((i) => i.dataClass === 'sampling');
/** The resident ids the four tables hold for a round. */
async function peopleOf(roundId: number) {
  const ids = async (table: string) =>
    (await t.db.query<{ r: number }>(`SELECT resident_id AS r FROM ${table} WHERE round_id = $1 ORDER BY 1`, [roundId])).map((x) => x.r);
  return {
    roster: await ids('sampling_roster'),
    bindings: await ids('sampling_bindings'),
    flags: await ids('sampling_flags'),
    exemptions: await ids('sampling_exemptions'),
  };
}

beforeAll(async () => {
  t = await testApp();
  town = await makeArea(t.db, t.root, '留存镇', 'town');
  village = await makeArea(t.db, town, '留存村', 'village');
  g1 = await makeArea(t.db, village, '甲格', 'grid');
  g2 = await makeArea(t.db, village, '乙格', 'grid');
  await makeUser(t.db, 'ret_admin', ['admin'], t.root);
  admin = await login(t.app, 'ret_admin');
  H.h1 = (await ok(admin.post('/api/households', { areaId: g1.id, address: '甲格 1 号' }), 201)).id;
  H.h2 = (await ok(admin.post('/api/households', { areaId: g2.id, address: '乙格 1 号' }), 201)).id;
  for (const [key, h] of [
    ['a', 'h1'],
    ['b', 'h1'],
    ['c', 'h1'],
    ['x', 'h1'],
    ['m', 'h1'],
    ['d', 'h2'],
    ['e', 'h2'],
  ] as const) {
    const body = { householdId: H[h], name: `居民${key}`, idType: 'resident_id', idNumber: idNumber('1980-01-01', ++seq), movedInOn: '2025-01-01' };
    P[key] = (await ok(admin.post('/api/residents', body), 201)).id;
  }
  closedRound = await round('已结束轮');
  // a, b and d share a pool that comes back positive: all three held; a's single-tube retest clears a, b still waits.
  const pool = await tube(closedRound);
  B.a = await bind(pool.id, 'a');
  B.b = await bind(pool.id, 'b');
  B.d = await bind(pool.id, 'd');
  await ok(admin.post(`/api/sampling/tubes/${pool.id}/close`, {}));
  await result(pool.barcode, 'positive');
  const retest = await tube(closedRound, 1);
  B.aRetest = await bind(retest.id, 'a');
  await result(retest.barcode, 'negative');
  // c sampled; x bound by mistake, the binding removed, then exempted with a reason; m never came (missing).
  const second = await tube(closedRound);
  B.c = await bind(second.id, 'c');
  B.x = await bind(second.id, 'x');
  await ok(admin.post(`/api/sampling/bindings/${B.x}/remove`, { reason: '扫错' }));
  E.x = (await ok(admin.post('/api/sampling/exemptions', { roundId: closedRound, residentId: P.x, kind: 'other', detail: '外出务工，住院' }), 201)).id;
  E.e = (await ok(admin.post('/api/sampling/exemptions', { roundId: closedRound, residentId: P.e, kind: 'other', detail: '卧床' }), 201)).id;
  await ok(admin.post(`/api/sampling/rounds/${closedRound}/status`, { status: 'closed' }));
  // A round still open: never purged, whatever the clock.
  openRound = await round('进行中轮');
  B.openA = await bind((await tube(openRound)).id, 'a');
  // 乙格 under a legal hold for mass testing.
  await ok(admin.post('/api/lifecycle/holds', { areaId: g2.id, dataClasses: ['sampling'], reason: '阳性溯源调查' }), 201);
});
afterAll(() => t.close());

describe('retention of mass testing', () => {
  it('anonymises exactly the expired, unheld people of a closed round and keeps every figure', async () => {
    const clock = new Date(Date.now() + 61 * DAY_MS);
    const before = { closed: await figures(closedRound), open: await figures(openRound) };
    expect(before.closed.village.total).toMatchObject({ roster: 7, sampled: 4, exempt: 2, missing: 1 });
    expect(before.closed.hours.at(-1).cumulative).toBe(4);

    // Not yet expired today; a dry run at the clock counts a, c, x and m (b awaits a retest; d and e are held) and changes nothing.
    expect(samplingItem(await run(new Date(), true))?.count).toBe(0);
    expect(samplingItem(await run(clock, true))?.count).toBe(4);
    expect((await peopleOf(closedRound)).roster).toContain(P.a);

    const done = await run(clock);
    const item = samplingItem(done);
    expect(item).toMatchObject({ count: 4, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(done.runId).not.toBeNull();

    // Nobody of a, c, x, m is named in the closed round any more; b, d, e still are; the open round is untouched.
    const gone = [P.a, P.c, P.x, P.m];
    const now = await peopleOf(closedRound);
    for (const [table, list] of Object.entries(now))
      expect(
        list.filter((r) => gone.includes(r)),
        table,
      ).toEqual([]);
    expect(now.roster.filter((r) => r < 0)).toHaveLength(4);
    expect(now.roster).toEqual(expect.arrayContaining([P.b, P.d, P.e]));
    expect(now.flags).toEqual(expect.arrayContaining([P.b, P.d]));
    expect(now.exemptions).toContain(P.e);
    expect((await peopleOf(openRound)).bindings).toEqual([P.a]);
    // One stand-in per person in the round, shared by all their rows; the scan id and the exemption's words are gone.
    const rows = await t.db.query<{ id: string; resident_id: number; client_id: string; anonymised_at: Date | null }>(
      'SELECT id::text, resident_id, client_id, anonymised_at FROM sampling_bindings WHERE id = ANY($1::bigint[]) ORDER BY array_position($1::bigint[], id)',
      [[B.a, B.aRetest, B.b]],
    );
    expect(rows[0].resident_id).toBeLessThan(0);
    expect(rows[1].resident_id).toBe(rows[0].resident_id);
    expect(rows[0].client_id).toBe(`anonymised:${B.a}`);
    expect(rows[2]).toMatchObject({ resident_id: P.b, anonymised_at: null });
    const [ex] = await t.db.query<{ detail: string | null; kind: string }>('SELECT detail, kind FROM sampling_exemptions WHERE id = $1', [E.x]);
    expect(ex).toEqual({ detail: null, kind: 'other' });
    const [flagA] = await t.db.query<{ resident_id: number; status: string }>('SELECT resident_id, status FROM sampling_flags WHERE binding_id = $1', [B.a]);
    expect(flagA).toEqual({ resident_id: rows[0].resident_id, status: 'cleared' });

    // The figures: identical. The list of missing people no longer names m (the count of one missing stays above).
    expect({ closed: await figures(closedRound), open: await figures(openRound) }).toEqual(before);
    expect((await ok(admin.get(`/api/sampling/rounds/${closedRound}/coverage/missing?under=${town.id}`))).items).toEqual([]);

    // The audit rows about the bindings, flag and exemption lose their details; the destruction record names the class.
    const trail = await t.db.query<{ entity: string; after: Record<string, unknown>; redacted: boolean }>(
      `SELECT entity, after, redacted_by IS NOT NULL AS redacted FROM audit_log
        WHERE (entity = 'sampling_binding' AND entity_id = ANY($1::text[])) OR (entity = 'sampling_exemption' AND entity_id = $2) ORDER BY id`,
      [[B.a, B.c, B.x].map(String), String(E.x)],
    );
    expect(trail.length).toBeGreaterThanOrEqual(5);
    for (const row of trail) expect(row.redacted, JSON.stringify(row)).toBe(true);
    expect(JSON.stringify(trail)).not.toContain('住院');
    const runs = await ok(admin.get('/api/lifecycle/runs?limit=1'));
    expect(runs.items[0].items.find((i: any) => i.dataClass === 'sampling')).toMatchObject({ action: 'anonymise', count: 4, digest: item?.digest });
  });

  it("the round's roster no longer follows the registry, and its anonymised records are no longer changed", async () => {
    const before = await figures(closedRound);
    // c moves to 乙格, dated before the roster date: an unfrozen roster would take c in again beside the stand-in.
    await ok(admin.post(`/api/residents/${P.c}/move`, { kind: 'transfer', toHouseholdId: H.h2, on: '2026-10-15' }));
    expect(await figures(closedRound)).toEqual(before);
    expect((await admin.post(`/api/sampling/exemptions/${E.x}/revoke`, {})).statusCode).toBe(404);
    expect((await admin.post(`/api/sampling/bindings/${B.c}/remove`, { reason: '补录' })).statusCode).toBe(404);
    expect(await figures(closedRound)).toEqual(before);
  });

  it('a second run finds nothing; a released hold lets the held people go, figures still the same', async () => {
    const clock = new Date(Date.now() + 61 * DAY_MS);
    expect(samplingItem(await run(clock))?.count).toBe(0);
    const before = await figures(closedRound);
    const holds = (await ok(admin.get('/api/lifecycle/holds'))).items;
    await ok(admin.post(`/api/lifecycle/holds/${holds[0].id}/release`));
    // d's flag still holds d for a retest: only e goes.
    expect(samplingItem(await run(clock))?.count).toBe(1);
    expect((await peopleOf(closedRound)).exemptions.every((r) => r < 0)).toBe(true);
    expect(await figures(closedRound)).toEqual(before);
  });
});
