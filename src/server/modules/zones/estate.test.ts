import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localInstant, todayIn } from '../../platform/dates';
import { type ZonesFixture, ok, zonesFixture } from './test-fixture';

/** A sealed estate's day (issue 16 point 7): needs from a captain's phone, deliveries, the green channel, problems. */
let f: ZonesFixture;
let zoneId: number;
let today: string;
/** The moment the scenario's times count back from: now, or the last minute of `today` when that has just ended. */
let anchor: number;
beforeAll(async () => {
  f = await zonesFixture();
  // The scenario's day is the local day of an hour ago, and its green-channel times (up to an hour back) lie in it: run
  // in the first hour after midnight, they would otherwise straddle two days and the day's board would count half.
  today = todayIn(f.t.app.timeZone, new Date(Date.now() - 61 * 60_000));
  anchor = Math.min(Date.now(), Date.parse(localInstant(today, '23:59', f.t.app.timeZone)));
  zoneId = (await ok(f.command.post('/api/zones', { areaId: f.estate.id, level: 'high', fromOn: today }), 201)).id;
});
afterAll(() => f.t.close());

const ago = (minutes: number) => new Date(anchor - minutes * 60_000).toISOString();

describe('the needs survey', () => {
  it('a captain records a household’s needs; the phone’s resend with the same client id is recorded once', async () => {
    const body = { clientId: 'needs-0001-aaaa', householdId: f.households[0], needs: ['food', 'dialysis', 'food'], appointmentOn: today, note: '周三透析' };
    const first = await f.captain.post(`/api/zones/${zoneId}/needs`, body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ householdId: f.households[0], needs: ['food', 'dialysis'], people: 2, appointmentOn: today });
    const again = await f.captain.post(`/api/zones/${zoneId}/needs`, body);
    expect(again.statusCode).toBe(200);
    expect(again.json().needs).toEqual(['food', 'dialysis']);
    expect(await f.t.db.query('SELECT id FROM zone_needs')).toHaveLength(1);
    const trail = await f.t.db.query(`SELECT id FROM audit_log WHERE entity = 'zone_needs'`);
    expect(trail).toHaveLength(1);
  });

  it('the same client id for another household is refused; a household beyond the captain’s building is not found', async () => {
    const reused = await f.captain.post(`/api/zones/${zoneId}/needs`, { clientId: 'needs-0001-aaaa', householdId: f.households[1], needs: [] });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('ZONE_CLIENT_ID_REUSED');
    const beyond = await f.captain.post(`/api/zones/${zoneId}/needs`, { clientId: 'needs-0002-bbbb', householdId: f.households[1], needs: ['food'] });
    expect(beyond.statusCode).toBe(400);
    expect(beyond.json().error.fields).toEqual({ householdId: '不存在或无权访问' });
    // The grid worker of the estate reaches both buildings.
    await ok(f.worker.post(`/api/zones/${zoneId}/needs`, { clientId: 'needs-0003-cccc', householdId: f.households[1], needs: ['elderly_care'] }), 201);
  });
});

describe('deliveries, the green channel and problems', () => {
  it('a delivery needs its proof: the recipient’s name or a signature photo', async () => {
    const base = { clientId: 'dist-0001-aaaa', householdId: f.households[0], day: today, items: '米 10 斤、蔬菜一袋' };
    const noName = await f.captain.post(`/api/zones/${zoneId}/distributions`, { ...base, confirmation: 'recipient' });
    expect(noName.statusCode).toBe(422);
    expect(noName.json().error.code).toBe('ZONE_DELIVERY_PROOF');
    const noPhoto = await f.captain.post(`/api/zones/${zoneId}/distributions`, { ...base, confirmation: 'photo' });
    expect(noPhoto.json().error.fields).toEqual({ photoIds: expect.any(String) });
    const notMine = await f.captain.post(`/api/zones/${zoneId}/distributions`, { ...base, confirmation: 'photo', photoIds: [999] });
    expect(notMine.json().error.code).toBe('PHOTO_UNKNOWN');
    await ok(f.captain.post(`/api/zones/${zoneId}/distributions`, { ...base, confirmation: 'recipient', recipient: '周一' }), 201);
    await ok(f.captain.post(`/api/zones/${zoneId}/distributions`, { ...base, confirmation: 'recipient', recipient: '周一' }), 200);
    expect(await f.t.db.query('SELECT id FROM zone_distributions')).toHaveLength(1);
  });

  it('the green channel logs response times against the target; a response before its request is refused', async () => {
    const quick = await ok(
      f.captain.post(`/api/zones/${zoneId}/green-channel`, { householdId: f.households[0], kind: 'dialysis', requestedAt: ago(40), respondedAt: ago(15) }),
      201,
    );
    expect(quick).toMatchObject({ responseMinutes: 25, withinTarget: true });
    const open = await ok(f.captain.post(`/api/zones/${zoneId}/green-channel`, { kind: 'emergency', requestedAt: ago(50) }), 201);
    expect(open).toMatchObject({ responseMinutes: null, withinTarget: null });
    const backwards = await f.captain.post(`/api/zones/green-channel/${open.id}/respond`, { respondedAt: ago(60) });
    expect(backwards.statusCode).toBe(422);
    const late = await ok(f.captain.post(`/api/zones/green-channel/${open.id}/respond`, { respondedAt: ago(5) }));
    expect(late).toMatchObject({ responseMinutes: 45, withinTarget: false });
    expect((await f.captain.post(`/api/zones/green-channel/${open.id}/respond`, { respondedAt: ago(1) })).statusCode).toBe(409);
  });

  it('problems are counted as the seed counts them: solved apart, transferred and handed down together', async () => {
    await ok(f.captain.post(`/api/zones/${zoneId}/problems`, { summary: '缺降压药', outcome: 'solved' }), 201);
    await ok(f.captain.post(`/api/zones/${zoneId}/problems`, { summary: '水管漏水', outcome: 'transferred', handledBy: '物业' }), 201);
    const open = await ok(f.captain.post(`/api/zones/${zoneId}/problems`, { summary: '孩子网课没有网络' }), 201);
    await ok(f.captain.post(`/api/zones/problems/${open.id}/outcome`, { outcome: 'assigned', handledBy: '社区' }));
    expect((await f.captain.post(`/api/zones/problems/${open.id}/outcome`, { outcome: 'solved' })).statusCode).toBe(409);
  });

  it('the board shows households and needs, the day’s deliveries, the green channel and the counts; a captain sees their building', async () => {
    const b = await ok(f.command.get(`/api/zones/${zoneId}/board?day=${today}`));
    expect(b.households).toHaveLength(2);
    expect(b.households[0]).toMatchObject({ needs: ['food', 'dialysis'], deliveredToday: 1 });
    expect(b.needsTotals).toEqual(
      expect.arrayContaining([
        { need: 'food', households: 1 },
        { need: 'elderly_care', households: 1 },
      ]),
    );
    expect(b.distributions).toEqual([expect.objectContaining({ items: '米 10 斤、蔬菜一袋', recipient: '周一' })]);
    expect(b.green).toMatchObject({ targetMinutes: 30, requests: 2, answered: 2, withinTarget: 1, maxMinutes: 45 });
    expect(b.problems).toMatchObject({ solved: 1, transferred: 1, assigned: 1, handedOn: 2, open: 0 });
    const mine = await ok(f.captain.get(`/api/zones/${zoneId}/board`));
    expect(mine.households.map((h: { householdId: number }) => h.householdId)).toEqual([f.households[0]]);
    expect((await f.otherCadre.get(`/api/zones/${zoneId}/board`)).statusCode).toBe(404);
  });

  it('a lifted zone takes no more field records', async () => {
    const low = await ok(f.command.post('/api/zones', { areaId: f.building2.id, level: 'low', fromOn: today }), 201);
    await ok(f.command.post(`/api/zones/${low.id}/lift`, {}));
    const res = await f.worker.post(`/api/zones/${low.id}/needs`, { clientId: 'needs-0009-zzzz', householdId: f.households[1], needs: [] });
    expect(res.statusCode).toBe(409);
  });
});
