import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeArea } from '../../testing/harness';
import type { AreaRow } from '../areas';
import { type HelpFixture, helpFixture, ok } from './test-fixture';

/**
 * The closure rate against a hand-computed fixture, in a village of its own. Today: A closed as impossible in
 * time, B delivered and closed in time, C closed after its deadline, D open → 2 of 4 = 0.5. Yesterday: E closed
 * in time, F open → 1 of 2 = 0.5; the day before: nothing received → no rate.
 */
let f: HelpFixture;
let v3: AreaRow;
beforeAll(async () => {
  f = await helpFixture();
  v3 = await makeArea(f.t.db, f.town, '三村', 'village');
});
afterAll(() => f.t.close());

const dayBefore = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

async function record(phone: string) {
  const r = await ok(f.command.post('/api/help/requests', { kind: 'other', need: '代办', channel: 'phone', areaId: v3.id, phone }), 201);
  return { id: r.request.id as number, code: r.handoverCode as string };
}
const impossible = (id: number) => ok(f.command.post(`/api/help/requests/${id}/close`, { outcome: 'impossible', reason: '无法办理' }));

describe('the closure rate', () => {
  it('equals the hand-computed figures, per day and for the area only', async () => {
    const a = await record('13900000001');
    const b = await record('13900000002');
    const c = await record('13900000003');
    await record('13900000004');
    const e = await record('13900000005');
    const fOpen = await record('13900000006');
    await impossible(a.id);
    // B: assessed, handed off, delivered with the recipient's code, closed.
    await ok(f.command.post(`/api/help/requests/${b.id}/step`, { step: 'assess', option: 'accept', tier: 'h24' }));
    await ok(f.command.post(`/api/help/requests/${b.id}/step`, { step: 'handoff', option: 'handed' }));
    await ok(f.command.post(`/api/help/requests/${b.id}/assign`, { userId: f.command.userId }));
    await ok(f.command.post(`/api/help/requests/${b.id}/deliver`, { code: b.code }));
    await ok(f.command.post(`/api/help/requests/${b.id}/close`, { outcome: 'done' }));
    // C: its deadline passed before it was closed.
    await f.t.db.query("UPDATE help_requests SET due_at = now() - interval '1 minute' WHERE id = $1", [c.id]);
    await impossible(c.id);
    // E and F were received yesterday (E closed within its day-long deadline).
    await f.t.db.query("UPDATE help_requests SET created_at = created_at - interval '1 day' WHERE id = ANY($1::int[])", [[e.id, fOpen.id]]);
    await impossible(e.id);

    const from = dayBefore(f.today, 2);
    const res = await ok(f.command.get(`/api/help/closure?under=${v3.id}&from=${from}&to=${f.today}`));
    expect(res.days).toEqual([
      { day: from, received: 0, closedWithin: 0, rate: null },
      { day: dayBefore(f.today, 1), received: 2, closedWithin: 1, rate: 0.5 },
      { day: f.today, received: 4, closedWithin: 2, rate: 0.5 },
    ]);
    expect(res.backlog).toEqual([
      { bucket: 'under4h', open: 1 },
      { bucket: 'under24h', open: 0 },
      { bucket: 'under72h', open: 1 },
      { bucket: 'over72h', open: 0 },
    ]);
    // A village cadre elsewhere counts none of it.
    const other = await ok(f.cadre.get(`/api/help/closure?from=${from}&to=${f.today}`));
    expect(other.days.every((d: any) => d.received === 0)).toBe(true);
    expect((await f.command.get(`/api/help/closure?from=${f.today}&to=${from}`)).json().error.code).toBe('HELP_RANGE');
  });
});
