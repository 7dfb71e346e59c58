import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import type { AreaRow } from '../areas';

/**
 * The world of the mass-testing story (sampling.test.ts): a town with two villages, households and people whose
 * coverage on the roster date 2026-11-01 is computed by hand, an admin and a desk, a planned round with one point.
 * The bindings are ES live bindings: the story's parts read them after setupWorld has run.
 */
export let t: TestApp;
export let admin: Agent;
export let desk: Agent;
export let town: AreaRow, village: AreaRow, g1: AreaRow, g2: AreaRow, village2: AreaRow;
export let roundId: number;
export let pointId: number;
export const P: Record<string, number> = {};
export const ID: Record<string, string> = {};

/** A valid 18-digit resident ID number born on `birth` (GB 11643 check digit). */
export function idNumber(birth: string, seq: number): string {
  const body = `411627${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}

export let seq = 100;
export async function household(areaId: number, address: string) {
  const res = await admin.post('/api/households', { areaId, address });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}
export async function person(key: string, householdId: number, birth: string, movedInOn = '2025-01-01') {
  const n = idNumber(birth, ++seq);
  const res = await admin.post('/api/residents', { householdId, name: `居民${key}`, idType: 'resident_id', idNumber: n, movedInOn });
  expect(res.statusCode, res.body).toBe(201);
  P[key] = res.json().id;
  ID[key] = n;
}

export const bind = (tubeId: number, who: Record<string, unknown>, clientId: string = randomUUID()) =>
  desk.post('/api/sampling/bindings', { clientId, tubeId, ...who });
export async function openTube(barcode: string, capacity?: number, desk_ = 1) {
  const res = await desk.post('/api/sampling/tubes', { roundId, pointId, desk: desk_, barcode, ...(capacity ? { capacity } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; capacity: number; barcode: string };
}

/** The town, its people, a planned round with one point: made once per test file. */
export async function setupWorld() {
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
}

export const closeWorld = () => t.close();

/**
 * The world of the peak's tests (bind-writer.test.ts, tube-writer.test.ts), which need desks, not the story's people:
 * a town and a village, an admin and two samplers of the town signed in, and an open round over the town (roster
 * date 2026-11-01) with one point of 8 desks in the village.
 */
export async function deskWorld(names: { town: string; village: string; round: string; point: string }) {
  const t = await testApp();
  const town = await makeArea(t.db, t.root, names.town, 'town');
  const village = await makeArea(t.db, town, names.village, 'village');
  await makeUser(t.db, 'admin1', ['admin'], t.root);
  await makeUser(t.db, 'sampler1', ['sampler'], town);
  await makeUser(t.db, 'sampler2', ['sampler'], town);
  const admin = await login(t.app, 'admin1');
  const round = await admin.post('/api/sampling/rounds', {
    name: names.round,
    areaId: town.id,
    startsOn: '2026-11-01',
    endsOn: '2026-11-03',
    rosterDate: '2026-11-01',
  });
  expect(round.statusCode, round.body).toBe(201);
  const roundId = round.json().id as number;
  const point = await admin.post(`/api/sampling/rounds/${roundId}/points`, { name: names.point, areaId: village.id, desks: 8 });
  expect(point.statusCode, point.body).toBe(201);
  expect((await admin.post(`/api/sampling/rounds/${roundId}/status`, { status: 'open' })).statusCode).toBe(200);
  return { t, village, admin, s1: await login(t.app, 'sampler1'), s2: await login(t.app, 'sampler2'), roundId, pointId: point.json().id as number };
}
