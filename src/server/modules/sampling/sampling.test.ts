import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AreaRow } from '../areas';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import { multipartBody, readXlsx } from '../../testing/sheets';

/**
 * Mass testing through the API on a fresh database. The coverage fixture (village 东村, roster date
 * 2026-11-01) is computed by hand in the last test.
 */
let t: TestApp;
let admin: Agent;
let desk: Agent;
let town: AreaRow, village: AreaRow, g1: AreaRow, g2: AreaRow, village2: AreaRow;
let roundId: number;
let pointId: number;
const P: Record<string, number> = {};
const ID: Record<string, string> = {};

/** A valid 18-digit resident ID number born on `birth` (GB 11643 check digit). */
function idNumber(birth: string, seq: number): string {
  const body = `411627${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}

let seq = 100;
async function household(areaId: number, address: string) {
  const res = await admin.post('/api/households', { areaId, address });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}
async function person(key: string, householdId: number, birth: string, movedInOn = '2025-01-01') {
  const n = idNumber(birth, ++seq);
  const res = await admin.post('/api/residents', { householdId, name: `居民${key}`, idType: 'resident_id', idNumber: n, movedInOn });
  expect(res.statusCode, res.body).toBe(201);
  P[key] = res.json().id;
  ID[key] = n;
}

const bind = (tubeId: number, who: Record<string, unknown>, clientId: string = randomUUID()) =>
  desk.post('/api/sampling/bindings', { clientId, tubeId, ...who });
async function openTube(barcode: string, capacity?: number, desk_ = 1) {
  const res = await desk.post('/api/sampling/tubes', { roundId, pointId, desk: desk_, barcode, ...(capacity ? { capacity } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; capacity: number; barcode: string };
}

beforeAll(async () => {
  t = await testApp();
  town = await makeArea(t.db, t.root, '东镇', 'town');
  village = await makeArea(t.db, town, '东村', 'village');
  village2 = await makeArea(t.db, town, '西村', 'village');
  g1 = await makeArea(t.db, village, '一网格', 'grid');
  g2 = await makeArea(t.db, village, '二网格', 'grid');
  await makeUser(t.db, 'admin1', ['admin'], t.root);
  await makeUser(t.db, 'sampler1', ['sampler'], town);
  await makeUser(t.db, 'gw1', ['grid_worker'], g1);
  await makeUser(t.db, 'gw2', ['grid_worker'], g2);
  admin = await login(t.app, 'admin1');
  desk = await login(t.app, 'sampler1');

  const h1 = await household(g1.id, '东村一组 1 号');
  await person('A', h1, '1980-03-01');
  await person('B', h1, '1982-04-02');
  await person('C', h1, '1940-05-03');
  await person('K', h1, '2025-06-01'); // under 3 on the roster date: exempt without a record
  const h2 = await household(g2.id, '东村二组 2 号');
  await person('D', h2, '1990-01-01');
  await person('E', h2, '1991-02-02');
  await person('F', h2, '1992-03-03');
  const h3 = await household(g2.id, '东村二组 3 号');
  await person('X', h3, '1993-04-04', '2026-11-15'); // moved in after the roster date
  const h4 = await household(village.id, '东村村委会旁');
  await person('Y', h4, '1975-07-07');
  const hp = await household(village2.id, '西村 1 号');
  for (let i = 1; i <= 6; i++) await person(`p${i}`, hp, `1985-01-0${i}`);
  const hq = await household(village2.id, '西村 2 号');
  await person('q1', hq, '1970-01-01');
  await person('q2', hq, '1972-01-01');
  P.hq = hq;
  P.h2 = h2;

  const round = await admin.post('/api/sampling/rounds', {
    name: '第一轮全员核酸',
    areaId: town.id,
    startsOn: '2026-11-01',
    endsOn: '2026-11-03',
    rosterDate: '2026-11-01',
  });
  expect(round.statusCode, round.body).toBe(201);
  roundId = round.json().id;
  expect(round.json()).toMatchObject({ status: 'planned', poolDefault: 10, exemptionRules: { underAge: 3, elderlyAge: 80 } });
  const point = await admin.post(`/api/sampling/rounds/${roundId}/points`, {
    name: '东村广场',
    areaId: village.id,
    servesAreaIds: [village.id, village2.id],
    desks: 4,
  });
  expect(point.statusCode, point.body).toBe(201);
  pointId = point.json().id;
  expect(point.json()).toMatchObject({ perDeskHour: 60, capacityPerHour: 240 });
});
afterAll(() => t.close());

describe('rounds and points', () => {
  it('a desk cannot open a tube before the round opens; planned → open', async () => {
    const early = await desk.post('/api/sampling/tubes', { roundId, pointId, barcode: 'EARLY0001' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('ROUND_NOT_OPEN');
    expect((await admin.post(`/api/sampling/rounds/${roundId}/status`, { status: 'open' })).json().status).toBe('open');
    const again = await admin.post(`/api/sampling/rounds/${roundId}/status`, { status: 'open' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ROUND_STATE');
  });

  it('the sampler sees the round but may not create one', async () => {
    expect((await desk.get(`/api/sampling/rounds`)).json().items).toHaveLength(1);
    expect(
      (await desk.post('/api/sampling/rounds', { name: 'x', areaId: town.id, startsOn: '2026-11-01', endsOn: '2026-11-01', rosterDate: '2026-11-01' }))
        .statusCode,
    ).toBe(403);
  });
});

describe('desk registration', () => {
  it('checks the barcode format and refuses a used tube', async () => {
    const bad = await desk.post('/api/sampling/tubes', { roundId, pointId, barcode: 'abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('TUBE_BARCODE');
    const tube = await openTube(' sx-0000-0001\r\n');
    expect(tube).toMatchObject({ barcode: 'SX00000001', capacity: 10, bound: 0, status: 'open' });
    // A retried open at the same desk gets its tube again; anywhere else the barcode is used.
    const retry = await desk.post('/api/sampling/tubes', { roundId, pointId, desk: 1, barcode: 'SX00000001' });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ id: tube.id, replayed: true });
    const used = await desk.post('/api/sampling/tubes', { roundId, pointId, desk: 2, barcode: 'SX00000001' });
    expect(used.statusCode).toBe(409);
    expect(used.json().error.code).toBe('TUBE_USED');
    expect(used.json().error.message).toContain('东村广场');
  });

  it('pool capacity: 第N人, full at the 5th of a 5-tube, the 6th refused', async () => {
    const tube = await openTube('POOL5TUBE1', 5, 2);
    for (let i = 1; i <= 5; i++) {
      // The first by the printed QR code of the registry, the others by resident id.
      const res = await bind(tube.id, i === 1 ? { scan: `WG:R:${P.p1}` } : { residentId: P[`p${i}`] });
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json();
      expect(body.bindings[0]).toMatchObject({ residentId: P[`p${i}`], name: `居民p${i}`, seq: i, duplicate: null, poolSize: null });
      expect(body.full).toBe(i === 5);
      expect(body.tube).toMatchObject({ capacity: 5, bound: i });
    }
    const sixth = await bind(tube.id, { residentId: P.p6 });
    expect(sixth.statusCode).toBe(409);
    expect(sixth.json().error.code).toBe('TUBE_FULL');
  });

  it('retries are idempotent, even racing: one binding, the first answer', async () => {
    const tube = await openTube('RETRY00001', 10, 3);
    const clientId = randomUUID();
    const answers = await Promise.all(Array.from({ length: 6 }, () => bind(tube.id, { residentId: P.p6 }, clientId)));
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([200, 200, 200, 200, 200, 201]);
    const ids = new Set(answers.map((a) => a.json().bindings[0].id));
    expect(ids.size).toBe(1);
    expect(answers.every((a) => a.json().bindings[0].seq === 1)).toBe(true);
    expect(answers.filter((a) => a.json().replayed)).toHaveLength(5);
    const [{ n }] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sampling_bindings WHERE client_id = $1', [clientId]);
    expect(n).toBe(1);
    expect((await desk.get(`/api/sampling/tubes/${tube.id}`)).json()).toMatchObject({ bound: 1 });
    // A retry arriving after the tube was closed still gets the first answer.
    expect((await desk.post(`/api/sampling/tubes/${tube.id}/close`, {})).statusCode).toBe(200);
    const late = await bind(tube.id, { residentId: P.p6 }, clientId);
    expect(late.statusCode).toBe(200);
    expect(late.json()).toMatchObject({ replayed: true, bindings: [{ seq: 1 }] });
  });

  it('desks racing on one tube never overfill it nor repeat a 第N人', async () => {
    const tube = await openTube('RACE000001', 5, 3);
    const people = ['A', 'B', 'C', 'D', 'E', 'F', 'Y', 'q1'].map((k) => P[k]);
    const answers = await Promise.all(people.map((residentId) => bind(tube.id, { residentId })));
    const ok = answers.filter((a) => a.statusCode === 201);
    expect(ok).toHaveLength(5);
    expect(answers.filter((a) => a.statusCode === 409).map((a) => a.json().error.code)).toEqual(['TUBE_FULL', 'TUBE_FULL', 'TUBE_FULL']);
    expect(ok.map((a) => a.json().bindings[0].seq).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(ok.filter((a) => a.json().full)).toHaveLength(1);
    // Undo the race: these people are bound again later in the fixture.
    for (const a of ok) expect((await desk.post(`/api/sampling/bindings/${a.json().bindings[0].id}/remove`, { reason: '测试' })).statusCode).toBe(200);
    expect((await desk.get(`/api/sampling/tubes/${tube.id}`)).json().bound).toBe(0);
  });

  it('binds a household in one step, head first', async () => {
    const tube = await openTube('HOUSEHOLD1', 10, 4);
    const clientId = randomUUID();
    const res = await bind(tube.id, { scan: `WG:H:${P.hq}` }, clientId);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().bindings.map((b: { seq: number }) => b.seq)).toEqual([1, 2]);
    const again = await bind(tube.id, { householdId: P.hq }, clientId);
    expect(again.statusCode).toBe(200);
    expect(again.json().bindings).toHaveLength(2);
    expect((await desk.get(`/api/sampling/tubes/${tube.id}`)).json().bound).toBe(2);
  });

  it('ID numbers: the check digit verified, then bound; a stranger is not registered', async () => {
    const tube = await openTube('SX00000002');
    const wrong = ID.Y.slice(0, 17) + (ID.Y[17] === '1' ? '2' : '1');
    const bad = await bind(tube.id, { idNumber: wrong });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('ID_NUMBER_INVALID');
    const stranger = await bind(tube.id, { idNumber: idNumber('1966-06-06', 999) });
    expect(stranger.statusCode).toBe(422);
    expect(stranger.json().error.code).toBe('PERSON_NOT_REGISTERED');
    const ok = await bind(tube.id, { scan: ` ${ID.Y.toLowerCase()}\r\n` });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().bindings[0]).toMatchObject({ residentId: P.Y, seq: 1 });
  });

  it('the same person twice in a round is warned with where and when; a mis-scan is removed with a reason', async () => {
    // Opening a new tube at desk 1 closed the first one (it had nobody): desk 1's tube is SX00000002 now.
    const [{ id: t1 }] = await t.db.query<{ id: number }>("SELECT id FROM sampling_tubes WHERE barcode = 'SX00000002'");
    for (const k of ['A', 'B', 'D', 'E']) expect((await bind(t1, { residentId: P[k] })).statusCode).toBe(201);
    const t2 = await openTube('SX00000003', 10, 2);
    const dup = await bind(t2.id, { residentId: P.E });
    expect(dup.statusCode).toBe(201);
    expect(dup.json().bindings[0].duplicate).toMatchObject({ tubeBarcode: 'SX00000002', pointName: '东村广场' });
    expect(dup.json().bindings[0].duplicate.boundAt).toBeTruthy();
    expect((await bind(t2.id, { residentId: P.X })).statusCode).toBe(201);

    const tube1 = (await desk.get(`/api/sampling/tubes/${t1}`)).json();
    expect(tube1.bound).toBe(5);
    expect(tube1.members.map((m: { name: string }) => m.name)).toEqual(['居*Y', '居*A', '居*B', '居*D', '居*E']);
    const b = tube1.members.find((m: { residentId: number }) => m.residentId === P.B);
    const removed = await desk.post(`/api/sampling/bindings/${b.bindingId}/remove`, { reason: '扫错人' });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().bound).toBe(4);
    const twice = await desk.post(`/api/sampling/bindings/${b.bindingId}/remove`, { reason: '扫错人' });
    expect(twice.json().error.code).toBe('BINDING_REMOVED');
    const [row] = await t.db.query('SELECT removed_reason FROM sampling_bindings WHERE id = $1', [b.bindingId]);
    expect(row.removed_reason).toBe('扫错人');
  });

  it('closes a tube early; an empty one cannot be closed; a closed one takes nobody', async () => {
    const empty = await openTube('EMPTY00001', 10, 4);
    expect((await desk.post(`/api/sampling/tubes/${empty.id}/close`, {})).json().error.code).toBe('TUBE_EMPTY');
    const [{ id: t1 }] = await t.db.query<{ id: number }>("SELECT id FROM sampling_tubes WHERE barcode = 'SX00000002'");
    const [{ id: t2 }] = await t.db.query<{ id: number }>("SELECT id FROM sampling_tubes WHERE barcode = 'SX00000003'");
    for (const id of [t1, t2]) expect((await desk.post(`/api/sampling/tubes/${id}/close`, { reason: '收摊' })).json().status).toBe('closed');
    // After a reload the desk finds its open tube again.
    const open4 = (await desk.get(`/api/sampling/tubes?roundId=${roundId}&pointId=${pointId}&desk=4&status=open`)).json().items;
    expect(open4.map((x: { barcode: string }) => x.barcode)).toEqual(['EMPTY00001']);
    const late = await bind(t1, { residentId: P.F });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('TUBE_NOT_OPEN');
  });
});

describe('boxes', () => {
  it('packs closed tubes only and hands over only when the counts match', async () => {
    const box = await desk.post('/api/sampling/boxes', { roundId, pointId, code: 'BOX0000001' });
    expect(box.statusCode, box.body).toBe(201);
    const id = box.json().id;
    const refused = await desk.post(`/api/sampling/boxes/${id}/tubes`, { barcodes: ['SX00000002', 'EMPTY00001', 'NOSUCH0001'] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'BOX_TUBES', fields: { EMPTY00001: 'tube_open', NOSUCH0001: expect.any(String) } });
    const packed = await desk.post(`/api/sampling/boxes/${id}/tubes`, { barcodes: ['SX00000002', 'sx00000003'] });
    expect(packed.json().tubeCount).toBe(2);
    const short = await desk.post(`/api/sampling/boxes/${id}/hand-over`, { count: 3, lab: '县疾控实验室' });
    expect(short.statusCode).toBe(409);
    expect(short.json().error.code).toBe('BOX_COUNT_MISMATCH');
    const diff = await desk.post(`/api/sampling/boxes/${id}/hand-over`, { count: 2, barcodes: ['SX00000002', 'SX00000009'], lab: '县疾控实验室' });
    expect(diff.statusCode).toBe(409);
    expect(diff.json().error.fields).toMatchObject({ missing: 'SX00000003', extra: 'SX00000009' });
    expect((await desk.get(`/api/sampling/boxes/${id}`)).json()).toMatchObject({ tubeCount: 2, barcodes: ['SX00000002', 'SX00000003'] });
    const ok = await desk.post(`/api/sampling/boxes/${id}/hand-over`, { count: 2, barcodes: ['SX00000003', 'SX00000002'], lab: '县疾控实验室' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'handed_over', lab: '县疾控实验室' });
    expect((await desk.post(`/api/sampling/boxes/${id}/tubes`, { barcodes: ['HOUSEHOLD1'] })).json().error.code).toBe('BOX_HANDED_OVER');
  });
});

describe('lab results and trace-back', () => {
  it('applies results once, lists unknown tubes and conflicts, and traces a positive pool back', async () => {
    const testedAt = '2026-11-01T10:00:00+08:00';
    const res = await admin.post('/api/sampling/results', {
      results: [
        { barcode: 'SX00000002', result: 'positive', testedAt, lab: '县疾控' },
        { barcode: 'SX00000003', result: 'negative', testedAt, lab: '县疾控' },
        { barcode: 'UNKNOWN001', result: 'negative', testedAt, lab: '县疾控' },
        { barcode: '??', result: 'negative', testedAt, lab: '县疾控' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      received: 4,
      applied: 2,
      already: 0,
      unknown: ['UNKNOWN001'],
      invalidRows: [{ row: 4, problem: 'barcode' }],
      positives: { tubes: 1, flagged: 4, tasks: 5 },
    });
    const again = await admin.post('/api/sampling/results', {
      results: [
        { barcode: 'SX00000002', result: 'positive', testedAt, lab: '县疾控' },
        { barcode: 'SX00000003', result: 'positive', testedAt, lab: '县疾控' },
      ],
    });
    expect(again.json()).toMatchObject({
      applied: 0,
      already: 1,
      conflicts: [{ barcode: 'SX00000003', stored: 'negative', received: 'positive' }],
      positives: { flagged: 0, tasks: 0 },
    });

    const board = (await admin.get(`/api/sampling/rounds/${roundId}/positives`)).json().items;
    expect(board).toHaveLength(4);
    expect(board.every((f: { status: string; tubeBarcode: string }) => f.status === 'held' && f.tubeBarcode === 'SX00000002')).toBe(true);
    expect(board.find((f: { residentId: number }) => f.residentId === P.A).gridWorkers).toEqual(['gw1 显示名']);
    const tasks = await t.db.query<{ type: string; assignee_role: string; subject_kind: string; status: string }>(
      "SELECT type, assignee_role, subject_kind, status FROM tasks WHERE type = 'sampling_retest' ORDER BY id",
    );
    expect(tasks.filter((x) => x.assignee_role === 'grid_worker')).toHaveLength(4);
    expect(tasks.filter((x) => x.assignee_role === 'command')).toHaveLength(1);
    const [{ n }] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE entity = 'sampling_flag' AND action = 'flag'");
    expect(n).toBe(4);
    // The grid worker of 一网格 sees A's retest in the inbox.
    const gw = await login(t.app, 'gw1');
    const mine = (await gw.get('/api/tasks/mine')).json().items;
    expect(mine.some((x: { title: string }) => x.title.includes('居民A'))).toBe(true);
  });

  it('a single-tube retest closes the loop: negative → cleared, its task done', async () => {
    const single = await openTube('RETEST0001', 1, 3);
    const res = await bind(single.id, { residentId: P.A });
    expect(res.json()).toMatchObject({ full: true, bindings: [{ seq: 1 }] });
    expect(res.json().bindings[0].duplicate).not.toBeNull();
    await desk.post(`/api/sampling/tubes/${single.id}/close`, {});
    const out = await admin.post('/api/sampling/results', {
      results: [{ barcode: 'RETEST0001', result: 'negative', testedAt: '2026-11-02T09:00:00+08:00', lab: '县疾控' }],
    });
    expect(out.json().positives).toMatchObject({ closed: 1, flagged: 0 });
    const board = (await admin.get(`/api/sampling/rounds/${roundId}/positives?status=cleared`)).json().items;
    expect(board.map((f: { residentId: number }) => f.residentId)).toEqual([P.A]);
    const [task] = await t.db.query<{ status: string }>(
      "SELECT t.status FROM tasks t JOIN sampling_flags f ON f.id = t.subject_id AND t.subject_kind = 'sampling_flag' WHERE f.resident_id = $1",
      [P.A],
    );
    expect(task.status).toBe('done');
  });

  it('imports a csv lab file the same way (idempotent, unknown listed)', async () => {
    const csv =
      '检测结果汇总\n管码,检测结果,检测时间,检测机构\nPOOL5TUBE1,阴性,2026-11-01 11:00,县疾控\nNOSUCHTUBE,阴性,2026-11-01 11:00,县疾控\nHOUSEHOLD1,?,2026-11-01 11:00,县疾控\n';
    const send = () => {
      const file = multipartBody('结果.csv', Buffer.from(csv));
      return admin.request({ method: 'POST', url: '/api/sampling/results/import', payload: file.payload, headers: file.headers });
    };
    const first = await send();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ received: 3, applied: 1, unknown: ['NOSUCHTUBE'], invalidRows: [{ row: 5, problem: 'result' }] });
    const [tube] = await t.db.query(
      "SELECT s.result, s.tested_at FROM sampling_results s JOIN sampling_tubes t ON t.id = s.tube_id WHERE t.barcode = 'POOL5TUBE1'",
    );
    expect(tube.result).toBe('negative');
    expect(new Date(tube.tested_at).toISOString()).toBe('2026-11-01T03:00:00.000Z');
    expect((await send()).json()).toMatchObject({ applied: 0, already: 1 });
  });
});

describe('exemptions and coverage', () => {
  it('records exemptions by the round rules', async () => {
    const away = await admin.post('/api/sampling/exemptions', { roundId, residentId: P.F, kind: 'away' });
    expect(away.statusCode).toBe(422);
    expect(away.json().error.code).toBe('EXEMPTION_RULE');
    const tooYoung = await admin.post('/api/sampling/exemptions', { roundId, residentId: P.D, kind: 'elderly' });
    expect(tooYoung.json().error.code).toBe('EXEMPTION_RULE');
    const c = await admin.post('/api/sampling/exemptions', { roundId, residentId: P.C, kind: 'elderly', detail: '行动不便' });
    expect(c.statusCode, c.body).toBe(201);
    expect((await admin.post('/api/sampling/exemptions', { roundId, residentId: P.C, kind: 'bedridden' })).json().error.code).toBe('EXEMPTION_EXISTS');
    const f = await admin.post('/api/sampling/exemptions', { roundId, residentId: P.F, kind: 'away', detail: '郑州' });
    expect(f.statusCode).toBe(201);
    expect((await admin.post(`/api/sampling/exemptions/${f.json().id}/revoke`, {})).statusCode).toBe(200);
    const list = (await admin.get(`/api/sampling/rounds/${roundId}/exemptions`)).json().items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ residentId: P.C, kind: 'elderly', name: '居*C' });
  });

  it('coverage equals the hand-computed fixture', async () => {
    // 东村 on 2026-11-01 — 一网格: A sampled, B removed (missing), C exempt (elderly), K exempt (under 3);
    // 二网格: D sampled, E sampled twice (counted once), F missing (exemption revoked), X moved in later (not due);
    // the village itself: Y sampled by ID number.
    const res = await admin.get(`/api/sampling/rounds/${roundId}/coverage?under=${village.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.total).toEqual({ roster: 8, due: 6, sampled: 4, exempt: 2, missing: 2, rate: 0.6667 });
    const by = Object.fromEntries(body.items.map((i: { name: string }) => [i.name, i]));
    expect(by['一网格']).toMatchObject({ areaId: g1.id, roster: 4, due: 2, sampled: 1, exempt: 2, missing: 1, rate: 0.5 });
    expect(by['二网格']).toMatchObject({ areaId: g2.id, roster: 3, due: 3, sampled: 2, exempt: 0, missing: 1, rate: 0.6667 });
    expect(by['东村']).toMatchObject({ areaId: null, roster: 1, due: 1, sampled: 1, missing: 0, rate: 1 });

    const town_ = (await admin.get(`/api/sampling/rounds/${roundId}/coverage`)).json();
    expect(town_.area.id).toBe(town.id);
    // 西村: p1–p6 and q1, q2 all sampled.
    expect(town_.items.find((i: { name: string }) => i.name === '西村')).toMatchObject({ roster: 8, sampled: 8, missing: 0 });

    const missing = (await admin.get(`/api/sampling/rounds/${roundId}/coverage/missing?under=${village.id}`)).json();
    expect(missing.total).toBe(2);
    expect(missing.items.map((m: { residentId: number }) => m.residentId).sort()).toEqual([P.B, P.F].sort());
    const b = missing.items.find((m: { residentId: number }) => m.residentId === P.B);
    expect(b).toMatchObject({ name: '居*B', areaName: '一网格', gridWorkers: ['gw1 显示名'] });
    expect(b.idNumber).toMatch(/^411\*+\d{3}[\dX]$/);
  });

  it('exports the coverage and the masked missing list as .xlsx, audited', async () => {
    const res = await admin.get(`/api/sampling/rounds/${roundId}/coverage.xlsx?under=${village.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = await readXlsx(res.rawPayload);
    expect(book['应检尽检'].at(-1)).toEqual(['合计', '8', '6', '4', '2', '2', '66.7%']);
    const rows = book['未采名单'].slice(1);
    expect(rows.map((r) => r[0]).sort()).toEqual(['居*B', '居*F']);
    expect(rows.find((r) => r[0] === '居*B')![4]).toBe('gw1 显示名');
    expect(rows.every((r) => !r[1].includes(ID.B.slice(6, 14)))).toBe(true);
    const [a] = await t.db.query("SELECT after FROM audit_log WHERE entity = 'sampling_coverage' AND action = 'export'");
    expect(a.after).toMatchObject({ areaId: village.id, missingRows: 2 });
  });

  it('charts the round by hour: rostered people first sampled in each hour, running total', async () => {
    const res = await admin.get(`/api/sampling/rounds/${roundId}/coverage/hours?under=${village.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { hour: string; sampled: number; cumulative: number }[];
    // All bound within this test run: A, D, E (once), Y — the four sampled of the fixture.
    expect(items.at(-1)!.cumulative).toBe(4);
    expect(items.every((i) => /^\d{4}-\d{2}-\d{2}T\d{2}:00$/.test(i.hour))).toBe(true);
  });

  it('a grid worker sees the coverage of their grid only', async () => {
    const gw = await login(t.app, 'gw2');
    const res = (await gw.get(`/api/sampling/rounds/${roundId}/coverage`)).json();
    expect(res.area.id).toBe(g2.id);
    expect(res.total).toMatchObject({ roster: 3, sampled: 2, missing: 1 });
  });

  it('plans staggered slots for the point from the due roster, beside the lower bound', async () => {
    const res = await desk.get(`/api/sampling/rounds/${roundId}/points/${pointId}/slot-plan`);
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json();
    // Due at 东村广场 (serving 东村 and 西村): A, B, D, E, F, Y and the eight of 西村 — C exempt, K under 3, X not yet moved in.
    expect(plan).toMatchObject({ people: 14, slotMinutes: 15, capacityPerSlot: 60, lowerBoundMinutes: 4, planMinutes: 15, withinHours: true });
    expect(plan.slots).toHaveLength(1);
    expect(Object.fromEntries(plan.slots[0].units.map((u: { name: string; people: number }) => [u.name, u.people]))).toEqual({
      东村: 1,
      一网格: 2,
      二网格: 3,
      西村: 8,
    });
    expect((await desk.get(`/api/sampling/rounds/${roundId}/points/${pointId}/slot-plan?targetWaitMinutes=1`)).statusCode).toBe(400);
  });

  it('makes home-sampling tasks once for the home-bound, done when they are bound', async () => {
    const res = await admin.post('/api/residents', {
      householdId: P.h2,
      name: '居民H',
      idType: 'resident_id',
      idNumber: idNumber('1950-01-01', 555),
      movedInOn: '2025-01-01',
      groups: ['bedridden'],
    });
    expect(res.statusCode, res.body).toBe(201);
    P.H = res.json().id;
    // C (80+) is exempt, so only H: bedridden, not sampled.
    const first = await admin.post(`/api/sampling/rounds/${roundId}/home-sampling`, { under: village.id });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ created: 1, items: [{ residentId: P.H, reason: 'home_bound', name: '居*H' }] });
    expect((await admin.post(`/api/sampling/rounds/${roundId}/home-sampling`, { under: village.id })).json().created).toBe(0);
    const tube = await openTube('HOME000001', 1, 4);
    expect((await bind(tube.id, { residentId: P.H })).statusCode).toBe(201);
    const [task] = await t.db.query<{ status: string; assignee_role: string }>(
      "SELECT status, assignee_role FROM tasks WHERE type = 'home_sampling' AND subject_id = $1",
      [P.H],
    );
    expect(task).toEqual({ status: 'done', assignee_role: 'sampler' });
  });

  it('warns when a person of a single-tube group is bound into a pooled tube', async () => {
    const r2 = await admin.post('/api/sampling/rounds', {
      name: '第二轮',
      areaId: town.id,
      startsOn: '2026-11-05',
      endsOn: '2026-11-05',
      rosterDate: '2026-11-05',
      poolDefault: 10,
      poolRules: [
        { groups: ['bedridden'], size: 1 },
        { areaId: village2.id, size: 20 },
      ],
    });
    expect(r2.statusCode, r2.body).toBe(201);
    const id2 = r2.json().id;
    await admin.post(`/api/sampling/rounds/${id2}/status`, { status: 'open' });
    const p2 = (await admin.post(`/api/sampling/rounds/${id2}/points`, { name: '西村点', areaId: village2.id })).json().id;
    const tube = await desk.post('/api/sampling/tubes', { roundId: id2, pointId: p2, barcode: 'ROUND2T001' });
    expect(tube.json().capacity).toBe(20); // the point's area rule
    const h = await bind(tube.json().id, { residentId: P.H });
    expect(h.json().bindings[0].poolSize).toEqual({ required: 1, tube: 20 });
    const q = await bind(tube.json().id, { residentId: P.p1 });
    expect(q.json().bindings[0].poolSize).toBeNull();
  });

  it('an invalid tube does not count: its people are missing again until sampled anew', async () => {
    const g2Of = async () =>
      (await admin.get(`/api/sampling/rounds/${roundId}/coverage?under=${village.id}`)).json().items.find((i: { name: string }) => i.name === '二网格');
    const before = await g2Of();
    const tube = await openTube('INVALID001', 10, 2);
    expect((await bind(tube.id, { residentId: P.F })).statusCode).toBe(201);
    await desk.post(`/api/sampling/tubes/${tube.id}/close`, {});
    const bound = await g2Of();
    expect(bound).toMatchObject({ sampled: before.sampled + 1, missing: before.missing - 1 });
    await admin.post('/api/sampling/results', {
      results: [{ barcode: 'INVALID001', result: 'invalid', testedAt: '2026-11-02T10:00:00+08:00', lab: '县疾控' }],
    });
    expect(await g2Of()).toMatchObject({ sampled: before.sampled, missing: before.missing });
    const missing = (await admin.get(`/api/sampling/rounds/${roundId}/coverage/missing?under=${g2.id}`)).json().items;
    expect(missing.map((m: { residentId: number }) => m.residentId)).toContain(P.F);
    // Sampled anew: no duplicate warning for a tube that did not count.
    const again = await openTube('INVALID002', 10, 2);
    expect((await bind(again.id, { residentId: P.F })).json().bindings[0].duplicate).toBeNull();
    expect(await g2Of()).toMatchObject({ sampled: before.sampled + 1, missing: before.missing - 1 });
  });
});
