import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, TestApp } from '../../testing/harness';
import { buildResident } from '../../testing/factories';
import { deskWorld } from './sampling-world';
import { tubeWriter } from './tube-writer';

/**
 * New tubes at the peak: the openings of many desks arriving together are written in shared statements
 * (tube-writer.ts), yet each desk gets its own tube, its previous tube closed only if someone is in it, an audit row
 * naming its own sender and request; a barcode sent twice at once is opened once — the same desk's resend is
 * answered as a replay of it, another desk is told the barcode is used.
 */
let t: TestApp;
let s1: Agent;
let s2: Agent;
let roundId: number;
let pointId: number;
const people: number[] = [];

beforeAll(async () => {
  const world = await deskWorld({ town: '西镇', village: '西村', round: '换管', point: '西村广场' });
  ({ t, s1, s2, roundId, pointId } = world);
  const { admin, village } = world;
  for (let i = 0; i < 4; i++) people.push(await buildResident(admin, { areaId: village.id }, { name: `居民${i}` }));
}, 300_000);
afterAll(() => t?.close());

const open = (who: Agent, desk: number, barcode: string) => who.post('/api/sampling/tubes', { roundId, pointId, desk, barcode, capacity: 10 });

describe('tube openings at the peak', () => {
  it('many desks at once: each its own tube, the old one closed only if used, audited as its own request, in fewer batches', async () => {
    // Desks 1–4 each have a tube; someone is in those of desks 1 and 2, nobody in those of desks 3 and 4.
    const first = await Promise.all([1, 2, 3, 4].map((desk) => open(desk % 2 ? s1 : s2, desk, `OLD00000${desk}`)));
    expect(first.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    const old = first.map((r) => r.json().id as number);
    for (const [i, tubeId] of old.slice(0, 2).entries()) {
      const bound = await s1.post('/api/sampling/bindings', { clientId: randomUUID(), tubeId, residentId: people[i] });
      expect(bound.statusCode, bound.body).toBe(201);
    }

    const before = { ...tubeWriter(t.db).stats };
    const answers = await Promise.all([1, 2, 3, 4].map((desk) => open(desk % 2 ? s1 : s2, desk, `NEW00000${desk}`)));
    expect(answers.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    for (const [i, a] of answers.entries())
      expect(a.json()).toMatchObject({ desk: i + 1, barcode: `NEW00000${i + 1}`, status: 'open', bound: 0, replayed: false });

    const status = async (id: number) => (await s1.get(`/api/sampling/tubes/${id}`)).json().status;
    expect(await Promise.all(old.map(status))).toEqual(['closed', 'closed', 'open', 'open']);

    const audited = await t.db.query<{ entity_id: string; actor_name: string; request_id: string }>(
      `SELECT entity_id, actor_name, request_id FROM audit_log WHERE entity = 'sampling_tube' AND action = 'open' AND entity_id = ANY($1::text[])`,
      [answers.map((a) => String(a.json().id))],
    );
    expect(audited).toHaveLength(4);
    const sender = new Map(answers.map((a, i) => [String(a.json().id), { name: i % 2 ? 'sampler2' : 'sampler1', request: a.headers['x-request-id'] }]));
    for (const a of audited) expect({ name: a.actor_name, request: a.request_id }).toEqual(sender.get(a.entity_id));

    const stats = tubeWriter(t.db).stats;
    expect(stats.items - before.items).toBe(4);
    expect(stats.batches - before.batches).toBeLessThan(4);
  });

  it('one barcode sent twice at once: the same desk gets its tube twice, another desk is told it is used', async () => {
    const [a, b] = await Promise.all([open(s1, 5, 'TWICE00001'), open(s1, 5, 'TWICE00001')]);
    // The replay is answered 200, the opening 201.
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().id).toBe(b.json().id);
    expect([a.json().replayed, b.json().replayed].sort()).toEqual([false, true]);

    const [c, d] = await Promise.all([open(s1, 6, 'TWICE00002'), open(s2, 7, 'TWICE00002')]);
    expect([c.statusCode, d.statusCode].sort()).toEqual([201, 409]);
    expect((c.statusCode === 409 ? c : d).json().error.code).toBe('TUBE_USED');

    const [{ n }] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sampling_tubes WHERE barcode IN ('TWICE00001', 'TWICE00002')`);
    expect(n).toBe(2);
    const [{ audits }] = await t.db.query<{ audits: number }>(
      `SELECT count(*)::int AS audits FROM audit_log WHERE entity = 'sampling_tube' AND action = 'open' AND after->>'barcode' IN ('TWICE00001', 'TWICE00002')`,
    );
    expect(audits).toBe(2);
  });
});
