import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDigit } from '../../../domain/residents/identity';
import type { AreaRow } from '../areas';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';

/** Walk-ins at the desk (临时登记): registered at the point's area and bound in one step, once. */
let t: TestApp;
let admin: Agent;
let desk: Agent;
let village: AreaRow;
let roundId: number;
let pointId: number;
let n = 0;

const idNumber = () => {
  const first17 = `42010619800101${String(++n).padStart(3, '0')}`;
  return first17 + checkDigit(first17);
};
async function openTube(capacity = 5) {
  const res = await desk.post('/api/sampling/tubes', { roundId, pointId, desk: (++n % 10) + 1, barcode: `WALK${String(++n).padStart(6, '0')}`, capacity });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; barcode: string };
}
const walkIn = (tubeId: number, body: Record<string, unknown>, clientId = randomUUID()) => desk.post('/api/sampling/walk-ins', { clientId, tubeId, ...body });

beforeAll(async () => {
  t = await testApp();
  const town = await makeArea(t.db, t.root, '南镇', 'town');
  village = await makeArea(t.db, town, '南村', 'village');
  await makeUser(t.db, 'admin1', ['admin'], t.root);
  await makeUser(t.db, 'sampler1', ['sampler'], village);
  admin = await login(t.app, 'admin1');
  desk = await login(t.app, 'sampler1');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const round = await admin.post('/api/sampling/rounds', {
    name: '南镇第一轮',
    areaId: town.id,
    startsOn: '2025-01-01',
    endsOn: '2099-12-31',
    rosterDate: today,
  });
  expect(round.statusCode, round.body).toBe(201);
  roundId = round.json().id;
  const point = await admin.post(`/api/sampling/rounds/${roundId}/points`, { name: '南村广场', areaId: village.id, desks: 10 });
  expect(point.statusCode, point.body).toBe(201);
  pointId = point.json().id;
  expect((await admin.post(`/api/sampling/rounds/${roundId}/status`, { status: 'open' })).statusCode).toBe(200);
});
afterAll(() => t?.close());

describe('walk-ins', () => {
  it('registers an unknown person at the point and binds them; a retry answers the same binding', async () => {
    const tube = await openTube();
    const id = idNumber();
    // The desk's scan first: not in the registry.
    const scan = await desk.post('/api/sampling/bindings', { clientId: randomUUID(), tubeId: tube.id, scan: id });
    expect(scan.statusCode).toBe(422);
    expect(scan.json().error.code).toBe('PERSON_NOT_REGISTERED');

    const clientId = randomUUID();
    const first = await walkIn(tube.id, { idNumber: id, name: '过路人', phone: '13800138000', address: '外省某市' }, clientId);
    expect(first.statusCode, first.body).toBe(201);
    // Bound by ID number: the answer names them masked, as every lookup by number does.
    expect(first.json()).toMatchObject({ registered: true, replayed: false, bindings: [{ name: '过*人', seq: 1 }], tube: { bound: 1 } });
    const residentId = first.json().bindings[0].residentId;

    const again = await walkIn(tube.id, { idNumber: id, name: '过路人' }, clientId);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ registered: false, replayed: true, bindings: [{ residentId, seq: 1 }] });

    const people = await t.db.query<{ n: number; area_id: number; notes: string }>(
      'SELECT count(*)::int AS n, min(area_id) AS area_id, min(notes) AS notes FROM residents WHERE id_number = $1',
      [id],
    );
    expect(people[0]).toMatchObject({ n: 1, area_id: village.id });
    expect(people[0].notes).toContain('南村广场');
    expect(people[0].notes).toContain('外省某市');
    const bindings = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sampling_bindings WHERE resident_id = $1', [residentId]);
    expect(bindings[0].n).toBe(1);
    const audited = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity = 'sampling_round' AND action = 'walk_in'`);
    expect(audited).toHaveLength(1);
  });

  it('two racing submissions of one walk-in register one person and one binding', async () => {
    const tube = await openTube();
    const id = idNumber();
    const clientId = randomUUID();
    const answers = await Promise.all([walkIn(tube.id, { idNumber: id, name: '并发' }, clientId), walkIn(tube.id, { idNumber: id, name: '并发' }, clientId)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 201]);
    const rows = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM residents WHERE id_number = $1', [id]);
    expect(rows[0].n).toBe(1);
    const b = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sampling_bindings WHERE client_id = $1', [clientId]);
    expect(b[0].n).toBe(1);
  });

  it('refuses a wrong ID number, an empty name and a full tube, and writes no person', async () => {
    const tube = await openTube(1);
    const bad = await walkIn(tube.id, { idNumber: '420106198001010010', name: '错号' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('ID_NUMBER_INVALID');
    expect((await walkIn(tube.id, { idNumber: idNumber(), name: '占位' })).statusCode).toBe(201);
    const id = idNumber();
    const full = await walkIn(tube.id, { idNumber: id, name: '满了' });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe('TUBE_FULL');
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM residents WHERE id_number = $1', [id]))[0].n).toBe(0);
    expect((await walkIn(tube.id, { idNumber: id, name: '' })).statusCode).toBe(400);
  });

  it('does not duplicate a person registered outside the desk’s area: the answer names no place', async () => {
    const other = await makeArea(t.db, t.root, '北镇', 'town');
    const h = await admin.post('/api/households', { areaId: other.id, address: '北镇 1 号' });
    const id = idNumber();
    expect(
      (await admin.post('/api/residents', { householdId: h.json().id, name: '北镇人', idType: 'resident_id', idNumber: id, movedInOn: '2020-01-01' }))
        .statusCode,
    ).toBe(201);
    const tube = await openTube();
    const res = await walkIn(tube.id, { idNumber: id, name: '北镇人' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ID_NUMBER_TAKEN_ELSEWHERE');
    expect(res.body).not.toContain('北镇人');
    expect(res.body).not.toContain('北*');
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM residents WHERE id_number = $1', [id]))[0].n).toBe(1);
  });
});
