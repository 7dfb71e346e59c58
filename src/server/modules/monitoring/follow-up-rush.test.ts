import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../platform/dates';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import { followUpWriter } from './followups';

/**
 * Readings from many phones at once (followups.ts, `followUpWriter`): written in shared transactions, yet each
 * reading recorded once, a resend racing its first send refused as already done, a fever among them raising its
 * alert, and every reading audited as its own request.
 */
let t: TestApp;
let cadre: Agent;
let doctor: Agent;
let nurse: Agent;
const scheduled: number[] = [];

beforeAll(async () => {
  t = await testApp({ FOLLOW_UP_HORIZON_DAYS: 60 });
  const today = todayIn(t.app.timeZone);
  const town = await makeArea(t.db, t.root, '高峰镇', 'town');
  const village = await makeArea(t.db, town, '高峰村', 'village');
  const grid = await makeArea(t.db, village, '一网格', 'grid');
  await makeUser(t.db, 'cadre', ['cadre'], village);
  const doctorId = await makeUser(t.db, 'doctor', ['doctor'], village);
  await makeUser(t.db, 'nurse', ['doctor'], village);
  [cadre, doctor, nurse] = await Promise.all(['cadre', 'doctor', 'nurse'].map((u) => login(t.app, u)));
  const household = (await cadre.post('/api/households', { areaId: grid.id, address: '高峰村 1 组 1 号' })).json().id;
  for (const name of ['赵一', '钱二', '孙三']) {
    const person = await cadre.post('/api/residents', { householdId: household, name, idType: 'none', movedInOn: '2024-01-01' });
    expect(person.statusCode, person.body).toBe(201);
    const m = await cadre.post('/api/measures', { residentId: person.json().id, situation: { originRiskLevel: 'high', arrivedOn: today }, doctorId });
    expect(m.statusCode, m.body).toBe(201);
    const id = m.json().measure.id;
    expect((await cadre.post(`/api/measures/${id}/confirm`)).statusCode).toBe(200);
    expect((await cadre.post(`/api/measures/${id}/start`)).statusCode).toBe(200);
    const list = await doctor.get(`/api/follow-ups?measureId=${id}&status=scheduled&pageSize=100`);
    scheduled.push(...list.json().items.map((f: { id: number }) => f.id));
  }
}, 300_000);
afterAll(() => t?.close());

describe('readings at a rush', () => {
  it('30 readings at once from two phones, a fifth resent at once and one fever: each recorded once, in fewer transactions', async () => {
    expect(scheduled.length).toBeGreaterThanOrEqual(30);
    const ids = scheduled.slice(0, 30);
    const sends = [
      ...ids.map((id, i) => ({ id, who: i % 2 ? nurse : doctor, temperature: i === 7 ? 38.2 : 36.5 })),
      ...ids.filter((_, i) => i % 5 === 0).map((id) => ({ id, who: doctor, temperature: 36.5 })),
    ];
    const before = { ...followUpWriter(t.db).stats };
    const answers = await Promise.all(sends.map((s) => s.who.post(`/api/follow-ups/${s.id}/record`, { temperature: s.temperature })));
    // Every follow-up answered once as recorded; each resend either that answer or "already recorded", never an error.
    const recorded = new Map<number, number>();
    for (const [k, a] of answers.entries()) {
      if (a.statusCode === 200) recorded.set(sends[k].id, (recorded.get(sends[k].id) ?? 0) + 1);
      else {
        expect(a.statusCode, a.body).toBe(409);
        expect(a.json().error.code).toBe('FOLLOW_UP_DONE');
      }
    }
    expect([...recorded.keys()].sort()).toEqual([...ids].sort());
    expect([...recorded.values()].every((n) => n === 1)).toBe(true);

    const rows = await t.db.query<{ id: number; status: string; temperature: string }>(
      'SELECT id, status, temperature::text AS temperature FROM follow_ups WHERE id = ANY($1::int[])',
      [ids],
    );
    expect(rows.filter((r) => r.status === 'done')).toHaveLength(30);
    const audited = await t.db.query<{ entity_id: string; request_id: string }>(
      `SELECT entity_id, request_id FROM audit_log WHERE entity = 'follow_up' AND action = 'record' AND entity_id = ANY($1::text[])`,
      [ids.map(String)],
    );
    expect(audited).toHaveLength(30);
    expect(new Set(audited.map((a) => a.request_id)).size).toBe(30);
    const alerts = await t.db.query<{ follow_up_id: number }>('SELECT follow_up_id FROM fever_alerts WHERE follow_up_id = ANY($1::int[])', [ids]);
    expect(alerts.map((a) => a.follow_up_id)).toEqual([ids[7]]);

    const stats = followUpWriter(t.db).stats;
    expect(stats.items - before.items).toBe(sends.length);
    expect(stats.batches - before.batches).toBeLessThan(sends.length);
  });
});
