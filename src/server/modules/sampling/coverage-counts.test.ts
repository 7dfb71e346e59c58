import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AreaRow } from '../areas';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';

/**
 * Coverage from counters (migration 0016): the round's roster is taken when it opens and the counters move with
 * every binding, removal, invalid result and exemption, and with registry changes made after the opening. After
 * each step the counters must equal a recount from scratch over the registry and the sampling tables — the
 * statement coverage used to run on every read — and the API must answer the same figures.
 */
let t: TestApp;
let admin: Agent;
let town: AreaRow, village: AreaRow, g1: AreaRow, g2: AreaRow, other: AreaRow;
let roundId: number;
let pointId: number;
const P: Record<string, number> = {};
const H: Record<string, number> = {};
const ROSTER_DAY = '2026-11-01';

function idNumber(birth: string, seq: number): string {
  const body = `411627${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}
let seq = 300;
async function person(key: string, householdId: number, birth = '1980-01-01', movedInOn = '2025-01-01') {
  const res = await admin.post('/api/residents', { householdId, name: `居民${key}`, idType: 'resident_id', idNumber: idNumber(birth, ++seq), movedInOn });
  expect(res.statusCode, res.body).toBe(201);
  P[key] = res.json().id;
}
let tubeNo = 0;
async function bindInNewTube(...keys: string[]) {
  const tube = await admin.post('/api/sampling/tubes', { roundId, pointId, desk: 1, barcode: `CNT${String(++tubeNo).padStart(6, '0')}` });
  expect(tube.statusCode, tube.body).toBe(201);
  const ids: number[] = [];
  for (const k of keys) {
    const res = await admin.post('/api/sampling/bindings', { clientId: randomUUID(), tubeId: tube.json().id, residentId: P[k] });
    expect(res.statusCode, res.body).toBe(201);
    ids.push(res.json().bindings[0].id);
  }
  return { barcode: tube.json().barcode as string, tubeId: tube.json().id as number, bindingIds: ids };
}

/** The figures of the API per child of the village (after which the roster is up to date). */
async function figures() {
  const res = await admin.get(`/api/sampling/rounds/${roundId}/coverage?under=${village.id}`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  const by = Object.fromEntries(
    body.items.map((i: { name: string; roster: number; sampled: number; exempt: number; missing: number }) => [
      i.name,
      [i.roster, i.sampled, i.exempt, i.missing],
    ]),
  );
  return { total: [body.total.roster, body.total.sampled, body.total.exempt, body.total.missing], ...by } as Record<string, number[]>;
}

/** Counters, and the recount from scratch of the same figures per stay path. */
async function countersAndRecount() {
  const counters = await t.db.query(
    `SELECT stay_path AS path, roster, sampled, exempt FROM sampling_coverage WHERE round_id = $1 AND roster > 0 ORDER BY stay_path`,
    [roundId],
  );
  const recount = await t.db.query(
    `WITH roster AS (
       SELECT DISTINCT ON (st.resident_id) st.resident_id, st.area_path FROM resident_stays st JOIN residents r ON r.id = st.resident_id AND r.merged_into IS NULL
        WHERE st.area_path LIKE $2 AND st.from_date <= $3::date AND (st.to_date IS NULL OR st.to_date > $3::date)
        ORDER BY st.resident_id, st.from_date DESC, st.id DESC
     ), s AS (
       SELECT ro.area_path,
              CASE WHEN EXISTS (SELECT 1 FROM sampling_bindings b WHERE b.round_id = $1 AND b.resident_id = ro.resident_id AND b.removed_at IS NULL
                                  AND NOT EXISTS (SELECT 1 FROM sampling_results sr WHERE sr.tube_id = b.tube_id AND sr.result = 'invalid')) THEN 'sampled'
                   WHEN EXISTS (SELECT 1 FROM sampling_exemptions e WHERE e.round_id = $1 AND e.resident_id = ro.resident_id AND e.revoked_at IS NULL)
                     OR r.birth_date > ($3::date - interval '3 years') THEN 'exempt'
                   ELSE 'missing' END AS status
         FROM roster ro JOIN residents r ON r.id = ro.resident_id
     )
     SELECT area_path AS path, count(*)::int AS roster, count(*) FILTER (WHERE status = 'sampled')::int AS sampled, count(*) FILTER (WHERE status = 'exempt')::int AS exempt
       FROM s GROUP BY 1 ORDER BY 1`,
    [roundId, town.path + '%', ROSTER_DAY],
  );
  return { counters, recount };
}

async function expectConsistent() {
  const f = await figures();
  const { counters, recount } = await countersAndRecount();
  expect(counters).toEqual(recount);
  return f;
}

beforeAll(async () => {
  t = await testApp();
  town = await makeArea(t.db, t.root, '南镇', 'town');
  village = await makeArea(t.db, town, '南村', 'village');
  g1 = await makeArea(t.db, village, '甲网格', 'grid');
  g2 = await makeArea(t.db, village, '乙网格', 'grid');
  other = await makeArea(t.db, t.root, '北镇', 'town');
  await makeUser(t.db, 'admin1', ['admin'], t.root);
  admin = await login(t.app, 'admin1');
  for (const [key, areaId] of [
    ['h1', g1.id],
    ['h2', g2.id],
    ['h3', g2.id],
    ['far', other.id],
  ] as const) {
    const res = await admin.post('/api/households', { areaId, address: `${key} 号` });
    expect(res.statusCode, res.body).toBe(201);
    H[key] = res.json().id;
  }
  await person('a', H.h1);
  await person('b', H.h1);
  await person('c', H.h1);
  await person('kid', H.h1, '2025-03-01'); // under 3 on the roster date
  await person('d', H.h2);
  await person('e', H.h2);
  await person('f', H.h3);
  const round = await admin.post('/api/sampling/rounds', {
    name: '计数轮',
    areaId: town.id,
    startsOn: ROSTER_DAY,
    endsOn: '2026-11-03',
    rosterDate: ROSTER_DAY,
  });
  expect(round.statusCode, round.body).toBe(201);
  roundId = round.json().id;
  pointId = (await admin.post(`/api/sampling/rounds/${roundId}/points`, { name: '南村点', areaId: village.id, desks: 2 })).json().id;
  expect((await admin.post(`/api/sampling/rounds/${roundId}/status`, { status: 'open' })).statusCode).toBe(200);
});
afterAll(() => t.close());

describe('coverage counters', () => {
  it('the roster is taken when the round opens', async () => {
    const [row] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sampling_roster WHERE round_id = $1 AND rostered', [roundId]);
    expect(row.n).toBe(7);
    // [roster, sampled, exempt, missing]
    expect(await expectConsistent()).toMatchObject({ total: [7, 0, 1, 6], 甲网格: [4, 0, 1, 3], 乙网格: [3, 0, 0, 3] });
  });

  it('bindings count once per person, a removal only when it was the last one, an invalid tube not at all', async () => {
    const first = await bindInNewTube('a', 'b', 'd');
    const again = await bindInNewTube('a');
    expect(await expectConsistent()).toMatchObject({ total: [7, 3, 1, 3], 甲网格: [4, 2, 1, 1] });
    // a is still sampled by the other tube; b is missing again.
    for (const id of [again.bindingIds[0], first.bindingIds[1]]) {
      expect((await admin.post(`/api/sampling/bindings/${id}/remove`, { reason: '扫错' })).statusCode).toBe(200);
    }
    expect(await expectConsistent()).toMatchObject({ total: [7, 2, 1, 4], 甲网格: [4, 1, 1, 2] });
    await admin.post(`/api/sampling/tubes/${first.tubeId}/close`, {});
    const res = await admin.post('/api/sampling/results', {
      results: [{ barcode: first.barcode, result: 'invalid', testedAt: '2026-11-01T20:00:00+08:00', lab: '县疾控' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    // a and d were only in the invalid tube: missing again.
    expect(await expectConsistent()).toMatchObject({ total: [7, 0, 1, 6], 甲网格: [4, 0, 1, 3], 乙网格: [3, 0, 0, 3] });
    await bindInNewTube('a', 'd');
    expect(await expectConsistent()).toMatchObject({ total: [7, 2, 1, 4] });
  });

  it('an exemption counts until revoked; a sampled person stays sampled whatever their exemption', async () => {
    const ex = await admin.post('/api/sampling/exemptions', { roundId, residentId: P.c, kind: 'other', detail: '住院' });
    expect(ex.statusCode, ex.body).toBe(201);
    const exA = await admin.post('/api/sampling/exemptions', { roundId, residentId: P.a, kind: 'other', detail: '已采' });
    expect(exA.statusCode, exA.body).toBe(201);
    expect(await expectConsistent()).toMatchObject({ total: [7, 2, 2, 3], 甲网格: [4, 1, 2, 1] });
    for (const id of [ex.json().id, exA.json().id]) expect((await admin.post(`/api/sampling/exemptions/${id}/revoke`, {})).statusCode).toBe(200);
    expect(await expectConsistent()).toMatchObject({ total: [7, 2, 1, 4], 甲网格: [4, 1, 1, 2] });
    const missing = (await admin.get(`/api/sampling/rounds/${roundId}/coverage/missing?under=${g1.id}`)).json();
    expect(missing.items.map((m: { residentId: number }) => m.residentId).sort()).toEqual([P.b, P.c].sort());
  });

  it('a person who moves after the roster date stays due where they were; one who moved before it is due where they went', async () => {
    // e leaves 乙网格 for 甲网格 after the roster date: still counted in 乙网格.
    expect((await admin.post(`/api/residents/${P.e}/move`, { kind: 'transfer', toHouseholdId: H.h1, on: '2026-11-20' })).statusCode).toBe(200);
    expect(await expectConsistent()).toMatchObject({ 甲网格: [4, 1, 1, 2], 乙网格: [3, 1, 0, 2] });
    // f's move to 甲网格 is recorded late, dated before the roster date: f is due in 甲网格.
    expect((await admin.post(`/api/residents/${P.f}/move`, { kind: 'transfer', toHouseholdId: H.h1, on: '2026-10-15' })).statusCode).toBe(200);
    expect(await expectConsistent()).toMatchObject({ total: [7, 2, 1, 4], 甲网格: [5, 1, 1, 3], 乙网格: [2, 1, 0, 1] });
    // b moved out of the county before the roster date (recorded late): off the roster.
    expect((await admin.post(`/api/residents/${P.b}/move`, { kind: 'out', on: '2026-10-20' })).statusCode).toBe(200);
    expect(await expectConsistent()).toMatchObject({ total: [6, 2, 1, 3], 甲网格: [4, 1, 1, 2] });
    // d, sampled, moved away to 北镇 before the roster date: off this round's roster, sampled or not.
    expect((await admin.post(`/api/residents/${P.d}/move`, { kind: 'transfer', toHouseholdId: H.far, on: '2026-10-25' })).statusCode).toBe(200);
    expect(await expectConsistent()).toMatchObject({ total: [5, 1, 1, 3], 乙网格: [1, 0, 0, 1] });
  });

  it('someone registered after the opening, living here since before the roster date, is due; a newcomer after it is not', async () => {
    await person('late', H.h3, '1990-01-01', '2026-09-01');
    await person('newcomer', H.h3, '1990-01-01', '2026-11-10');
    expect(await expectConsistent()).toMatchObject({ total: [6, 1, 1, 4], 乙网格: [2, 0, 0, 2] });
    // Bound before anyone read the coverage again: counted once it is read.
    await person('late2', H.h3, '1991-01-01', '2026-09-01');
    await bindInNewTube('late2');
    expect(await expectConsistent()).toMatchObject({ total: [7, 2, 1, 4], 乙网格: [3, 1, 0, 2] });
    const hours = (await admin.get(`/api/sampling/rounds/${roundId}/coverage/hours?under=${village.id}`)).json().items;
    expect(hours.at(-1).cumulative).toBe(2);
  });

  it("opening a tube writes its audit row in the same statement and closes the desk's previous tube", async () => {
    const first = await bindInNewTube('c');
    const next = await bindInNewTube();
    const [a] = await t.db.query<{ after: Record<string, unknown>; actor_name: string; area_path: string }>(
      `SELECT after, actor_name, area_path FROM audit_log WHERE entity = 'sampling_tube' AND action = 'open' AND entity_id = $1`,
      [String(next.tubeId)],
    );
    expect(a).toEqual({ after: { barcode: next.barcode, capacity: 10, pointId, desk: 1 }, actor_name: 'admin1', area_path: village.path });
    const [prev] = await t.db.query<{ status: string; close_reason: string }>('SELECT status, close_reason FROM sampling_tubes WHERE id = $1', [first.tubeId]);
    expect(prev).toEqual({ status: 'closed', close_reason: 'next_tube' });
    const again = await admin.post('/api/sampling/tubes', { roundId, pointId, desk: 2, barcode: next.barcode });
    expect(again.json().error.code).toBe('TUBE_USED');
    const [{ n }] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity = 'sampling_tube' AND action = 'open' AND after->>'barcode' = $1`,
      [next.barcode],
    );
    expect(n).toBe(1);
  });

  it('an unchanged registry writes nothing at a read', async () => {
    await figures();
    const [before] = await t.db.query<{ at: string }>('SELECT roster_synced_to::text AS at FROM sampling_rounds WHERE id = $1', [roundId]);
    const [{ behind }] = await t.db.query<{ behind: boolean }>(
      'SELECT (SELECT max(updated_at) FROM residents) > (SELECT roster_synced_to FROM sampling_rounds WHERE id = $1) AS behind',
      [roundId],
    );
    expect(behind).toBe(false);
    await figures();
    const [after] = await t.db.query<{ at: string }>('SELECT roster_synced_to::text AS at FROM sampling_rounds WHERE id = $1', [roundId]);
    expect(after.at).toBe(before.at);
  });
});
