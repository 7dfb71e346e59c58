import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, TestApp } from '../../testing/harness';
import { buildHousehold, buildResident, idNumberFor } from '../../testing/factories';
import { bindWriter } from './bind-writer';
import { deskWorld } from './sampling-world';

/**
 * The desk at the peak: scans of many desks arriving together are written in shared statements (bind-writer.ts),
 * yet each is bound once, a resend racing its first send is answered from it, 第N人 within a tube runs 1, 2, 3 … with
 * no gap and no repeat, every binding has its own audit row naming its own sender, and a scan that cannot go in is
 * refused alone.
 */
let t: TestApp;
let s1: Agent;
let s2: Agent;
let roundId: number;
let pointId: number;
const people: number[] = [];
let household: number;

beforeAll(async () => {
  const world = await deskWorld({ town: '南镇', village: '南村', round: '高峰', point: '南村广场' });
  ({ t, s1, s2, roundId, pointId } = world);
  const { admin, village } = world;
  for (let i = 0; i < 46; i++) people.push(await buildResident(admin, { areaId: village.id }, { name: `居民${i}` }));
  household = await buildHousehold(admin, village.id);
  for (const name of ['户主', '家属']) await buildResident(admin, { householdId: household }, { name, relation: name === '户主' ? 'head' : 'spouse' });
}, 300_000);
afterAll(() => t?.close());

async function openTube(desk: number, barcode: string, capacity: number) {
  const res = await s1.post('/api/sampling/tubes', { roundId, pointId, desk, barcode, capacity });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

describe('desk bindings at the peak', () => {
  it('many desks at once, a share resent at once: each bound once, 第N人 exact, audited as its own request, in fewer batches', async () => {
    const tubes = [await openTube(1, 'PEAK000001', 10), await openTube(2, 'PEAK000002', 10), await openTube(3, 'PEAK000003', 10)];
    // 30 people into three tubes of 10 (several desks on each tube), from two samplers; every fourth sent twice at once.
    const scans = people.slice(0, 30).map((residentId, i) => ({ body: { clientId: randomUUID(), tubeId: tubes[i % 3], residentId }, who: i % 2 ? s2 : s1 }));
    const sends = [...scans, ...scans.filter((_, i) => i % 4 === 0)];
    const { items: itemsBefore, batches: batchesBefore } = { ...bindWriter(t.db).stats };
    const answers = await Promise.all(sends.map(({ body, who }) => who.post('/api/sampling/bindings', body)));
    expect(answers.map((a) => a.statusCode).filter((c) => c !== 200 && c !== 201)).toEqual([]);
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(30);
    // A resend carries the first send's binding.
    for (const [k, a] of answers.slice(30).entries()) expect(a.json().bindings[0].id).toBe(answers[k * 4].json().bindings[0].id);

    const rows = await t.db.query<{ client_id: string; tube_id: number; seq: number; id: number; bound_by: number }>(
      'SELECT client_id, tube_id, seq, id, bound_by FROM sampling_bindings WHERE client_id = ANY($1::text[]) ORDER BY tube_id, id',
      [scans.map((s) => s.body.clientId)],
    );
    expect(rows).toHaveLength(30);
    for (const tubeId of tubes) {
      const inTube = rows.filter((r) => r.tube_id === tubeId);
      // 1 … 10 in the order they went in, as the tube's count says.
      expect(inTube.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const tube = (await s1.get(`/api/sampling/tubes/${tubeId}`)).json();
      expect(tube).toMatchObject({ bound: 10, full: true });
      expect(tube.members.map((m: { seq: number }) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    }
    // Each desk was told its own 第N人, and exactly one desk per tube was told the tube is full.
    const told = new Map<number, { full: boolean; bindings: { seq: number }[] }>(
      answers.slice(0, 30).map((a) => [a.json().bindings[0].id as number, a.json()]),
    );
    for (const r of rows) expect(told.get(r.id)!.bindings[0].seq).toBe(r.seq);
    expect([...told.values()].filter((a) => a.full)).toHaveLength(3);

    // One audit row per binding, naming the sampler who sent it and that request (not a batch neighbour's).
    const audited = await t.db.query<{ entity_id: string; actor_id: number; request_id: string }>(
      `SELECT entity_id, actor_id, request_id FROM audit_log WHERE entity = 'sampling_binding' AND action = 'bind' AND entity_id = ANY($1::text[])`,
      [rows.map((r) => String(r.id))],
    );
    expect(audited).toHaveLength(30);
    const byId = new Map(rows.map((r) => [String(r.id), r]));
    for (const a of audited) expect(a.actor_id).toBe(byId.get(a.entity_id)!.bound_by);
    expect(new Set(audited.map((a) => a.request_id)).size).toBe(30);
    expect(new Set(audited.map((a) => a.actor_id)).size).toBe(2);

    // Written together, not one by one.
    const stats = bindWriter(t.db).stats;
    expect(stats.items - itemsBefore).toBe(sends.length);
    expect(stats.batches - batchesBefore).toBeLessThan(sends.length);
  });

  it('in one rush each scan gets its own outcome: bound, warned as a duplicate, tube full, not registered', async () => {
    const small = await openTube(4, 'PEAK000004', 5);
    const other = await openTube(5, 'PEAK000005', 10);
    const [a, b, c, d, e, twice] = people.slice(30, 36);
    const scans = [
      { tubeId: small, residentId: a },
      { tubeId: small, residentId: b },
      { tubeId: small, householdId: household }, // two people: taken whole or refused whole
      { tubeId: small, residentId: c },
      { tubeId: small, residentId: d },
      { tubeId: small, residentId: e }, // seven people for five places
      { tubeId: other, residentId: twice },
      { tubeId: other, idNumber: idNumberFor(777) }, // nobody registered
      { tubeId: small + 1000, residentId: twice }, // no such tube
    ];
    const [first, ...rest] = await Promise.all([
      s1.post('/api/sampling/bindings', { clientId: randomUUID(), tubeId: other, residentId: twice }),
      ...scans.map((s, i) => (i % 2 ? s2 : s1).post('/api/sampling/bindings', { clientId: randomUUID(), ...s })),
    ]);
    expect(first.statusCode).toBe(201);
    const codes = rest.map((r) => (r.statusCode < 300 ? r.statusCode : r.json().error.code));
    expect(codes.slice(6)).toEqual([201, 'PERSON_NOT_REGISTERED', 'VALIDATION_FAILED']);
    // The small tube took what fitted, in the order it came (the household whole or not at all), and refused the rest.
    const smallOnes = rest.slice(0, 6);
    const bound = (await s1.get(`/api/sampling/tubes/${small}`)).json().bound;
    expect(bound).toBeGreaterThanOrEqual(4);
    const taken = smallOnes.filter((r) => r.statusCode === 201).flatMap((r) => r.json().bindings as { seq: number }[]);
    expect(taken.map((x) => x.seq).sort()).toEqual(Array.from({ length: bound }, (_, i) => i + 1));
    const refused = smallOnes.filter((r) => r.statusCode !== 201);
    expect(refused.map((r) => r.json().error.code)).toEqual(refused.map(() => 'TUBE_FULL'));
    expect(refused.length).toBeGreaterThanOrEqual(2);
    // The same person scanned at two desks at once: both bound, the later warned with the earlier.
    const pair = [first.json().bindings[0], rest[6].json().bindings[0]];
    expect(pair.filter((x) => x.duplicate)).toHaveLength(1);
    const [earlier, later] = pair[0].duplicate ? [pair[1], pair[0]] : pair;
    expect(later.duplicate).toMatchObject({ bindingId: earlier.id, tubeBarcode: 'PEAK000005' });
  });
});
