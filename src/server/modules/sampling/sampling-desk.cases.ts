import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ID, P, admin, bind, desk, idNumber, openTube, pointId, roundId, t, town } from './sampling-world';

/** The story's first part: rounds and points, the desk, boxes. The later parts read the tubes bound here. */
export function deskCases() {
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
}
