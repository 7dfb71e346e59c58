import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ZONE_EDITIONS } from '../../../domain/zones/editions';
import { login, makeArea } from '../../testing/harness';
import { type ZonesFixture, ok, roundOn, signInAgain, zonesFixture } from './test-fixture';

/**
 * Risk zones (issue 16 point 6) under a fake clock: the whole file runs in July 2022, when the 9th edition's rules
 * were in force (high → medium after 7 days without a new case and an all-negative round over the zone on day 7).
 */
let f: ZonesFixture;
const at = (day: string) => vi.setSystemTime(new Date(`${day}T04:00:00Z`));
beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  at('2022-07-01');
  f = await zonesFixture();
});
afterAll(async () => {
  await f.t.close();
  vi.useRealTimers();
});

const declare = (body: object, agent = f.command) => agent.post('/api/zones', body);

describe('the rule sets', () => {
  it('the seeded rows are the editions in the code', async () => {
    const rows = await f.t.db.query<{ code: string; levels: unknown; lifting: unknown; green_channel_minutes: number }>(
      'SELECT code, levels, lifting, green_channel_minutes FROM zone_rule_sets ORDER BY effective_from',
    );
    expect(rows).toEqual(ZONE_EDITIONS.map((e) => ({ code: e.code, levels: e.levels, lifting: e.lifting, green_channel_minutes: e.greenChannelMinutes })));
  });

  it('the set in force in July 2022 is the 9th edition', async () => {
    const p = await ok(f.worker.get('/api/zones/policy'));
    expect(p.set.code).toBe('zones-nhc-9');
    expect(p.levels.map((l: { code: string }) => l.code)).toEqual(['high', 'medium', 'low']);
  });
});

describe('declaring, counting down and lifting a zone', () => {
  let zoneId: number;

  it('only the command center declares; a zone outside the caller’s reach is refused like a missing area', async () => {
    expect((await declare({ areaId: f.estate.id, level: 'high', fromOn: '2022-07-01' }, f.worker)).statusCode).toBe(403);
    const outside = await declare({ areaId: f.estate.id, level: 'high', fromOn: '2022-07-01' }, f.otherCadre);
    expect(outside.statusCode).toBe(403);
    // The other village's own command-like user: give the cadre's scope a manager to prove scope, not permission, refuses.
    const { makeUser } = await import('../../testing/harness');
    await makeUser(f.t.db, 'z_other_cmd', ['command'], f.otherVillage);
    const otherCommand = await login(f.t.app, 'z_other_cmd');
    const res = await declare({ areaId: f.estate.id, level: 'high', fromOn: '2022-07-01' }, otherCommand);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ areaId: '不存在或无权访问' });
    expect(await f.t.db.query('SELECT id FROM risk_zones')).toEqual([]);
  });

  it('a level outside the rules, or a start far in the future, is refused', async () => {
    const lockdown = await declare({ areaId: f.estate.id, level: 'lockdown', fromOn: '2022-07-01' });
    expect(lockdown.statusCode).toBe(400);
    expect(lockdown.json().error.code).toBe('ZONE_LEVEL');
    const future = await declare({ areaId: f.estate.id, level: 'high', fromOn: '2022-07-20' });
    expect(future.statusCode).toBe(422);
    expect(future.json().error).toMatchObject({ code: 'ZONE_START_FUTURE', message: expect.stringContaining('2022-07-04') });
    const longAgo = await declare({ areaId: f.estate.id, level: 'high', fromOn: '2022-01-01' });
    expect(longAgo.json().error.code).toBe('ZONE_START_PAST');
  });

  it('the estate is declared high: the people inside counted from the registry, a countdown of 7 days and its blocking rule', async () => {
    const z = await ok(declare({ areaId: f.estate.id, level: 'high', fromOn: '2022-07-01', note: '发现阳性' }), 201);
    zoneId = z.id;
    expect(z).toMatchObject({ level: 'high', levelName: { zh: '高风险区' }, people: 3, households: 2, newCases: 0, status: 'active' });
    expect(z.lift).toMatchObject({ ruleRef: 'zones-nhc-9@1#high-to-medium', dueOn: '2022-07-08', daysLeft: 7, allowed: false });
    expect(z.lift.blockers.map((b: { kind: string }) => b.kind)).toEqual(['days', 'no_round']);
    const people = await ok(f.worker.get(`/api/zones/${zoneId}/people`));
    expect(people.total).toBe(3);
    expect(people.items.map((p: { name: string }) => p.name).sort()).toEqual(['吴*', '周*', '周*']);
    const list = await ok(f.command.get('/api/zones'));
    expect(list.items).toEqual([expect.objectContaining({ id: zoneId, lift: expect.objectContaining({ daysLeft: 7 }) })]);
  });

  it('a second declaration of the same area is refused', async () => {
    const again = await declare({ areaId: f.estate.id, level: 'medium', fromOn: '2022-07-01' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ZONE_EXISTS');
  });

  it('lifting early is refused with the rule that blocks it, in both languages', async () => {
    const res = await f.command.post(`/api/zones/${zoneId}/lift`, {});
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'ZONE_LIFT_BLOCKED',
      message: expect.stringContaining('连续7天无新增感染者且第7天风险区域内全员核酸检测阴性'),
    });
    expect(res.json().error.message).toContain('还需 7 天无新增');
    const en = await f.command.request({ method: 'POST', url: `/api/zones/${zoneId}/lift`, payload: {}, headers: { 'accept-language': 'en' } });
    expect(en.json().error.message).toContain('7 days without a new case and an all-negative round over the zone on day 7');
  });

  it('a new case inside the zone on day 2 restarts the count', async () => {
    at('2022-07-03');
    await signInAgain(f);
    await ok(
      f.root.post('/api/tracing/cases', { residentId: f.people[2], classification: 'confirmed', reportedOn: '2022-07-03', foundBy: 'fever_clinic' }),
      201,
    );
    const z = await ok(f.command.get(`/api/zones/${zoneId}`));
    expect(z).toMatchObject({ newCases: 1, lastCaseOn: '2022-07-03', lift: { clockFrom: '2022-07-03', dueOn: '2022-07-10', daysLeft: 7 } });
  });

  it('on day 7 after the case, the lift waits for the round to be complete, then all negative, and goes to medium', async () => {
    at('2022-07-10');
    await signInAgain(f);
    const round = await roundOn(f, '2022-07-10');
    await round.sample(f.people[0]);
    await round.sample(f.people[1]);
    let res = await f.command.post(`/api/zones/${zoneId}/lift`, {});
    expect(res.json().error.message).toContain('尚未完成（已采 2/3，待出结果 2 管）');
    await round.sample(f.people[2]);
    res = await f.command.post(`/api/zones/${zoneId}/lift`, {});
    expect(res.json().error.message).toContain('已采 3/3，待出结果 3 管');
    await round.results('negative');
    const z = await ok(f.command.get(`/api/zones/${zoneId}`));
    expect(z.lift).toMatchObject({ allowed: true, blockers: [], round: { roundId: round.id, due: 3, sampled: 3, awaiting: 0, notNegative: 0 } });
    const lowered = await ok(f.command.post(`/api/zones/${zoneId}/lift`, { note: '第7天全员阴性' }));
    expect(lowered).toMatchObject({ level: 'medium', levelSince: '2022-07-10', status: 'active' });
    expect(lowered.history.map((h: { kind: string; rule: string | null }) => [h.kind, h.rule])).toEqual([
      ['declare', null],
      ['lower', 'zones-nhc-9@1#high-to-medium'],
    ]);
    // Medium → low now counts 3 days from today, with its own round.
    expect(lowered.lift).toMatchObject({ ruleRef: 'zones-nhc-9@1#medium-to-low', daysLeft: 3 });
    const trail = await f.t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity = 'risk_zone' AND entity_id = $1 ORDER BY id`, [
      String(zoneId),
    ]);
    expect(trail.map((r) => r.action)).toEqual(['declare', 'level_down']);
  });

  it('a raise must be stricter and may not start before the level it replaces', async () => {
    const same = await f.command.post(`/api/zones/${zoneId}/raise`, { level: 'low', fromOn: '2022-07-10' });
    expect(same.json().error.code).toBe('ZONE_NOT_STRICTER');
    const before = await f.command.post(`/api/zones/${zoneId}/raise`, { level: 'high', fromOn: '2022-07-09' });
    expect(before.statusCode).toBe(422);
    expect(before.json().error.code).toBe('ZONE_START_BEFORE');
    const raised = await ok(f.command.post(`/api/zones/${zoneId}/raise`, { level: 'high', fromOn: '2022-07-10' }));
    expect(raised).toMatchObject({ level: 'high', lift: { daysLeft: 7 } });
  });

  it('a low zone is lifted at once; a declaration starting before that zone’s record is refused', async () => {
    const low = await ok(declare({ areaId: f.building2.id, level: 'low', fromOn: '2022-07-10' }), 201);
    const lifted = await ok(f.command.post(`/api/zones/${low.id}/lift`, {}));
    expect(lifted).toMatchObject({ status: 'lifted', liftedOn: '2022-07-10', lift: null });
    expect((await f.command.post(`/api/zones/${low.id}/lift`, {})).statusCode).toBe(409);
    const earlier = await declare({ areaId: f.building2.id, level: 'high', fromOn: '2022-07-09' });
    expect(earlier.statusCode).toBe(422);
    expect(earlier.json().error).toMatchObject({ code: 'ZONE_START_BEFORE', fields: { fromOn: expect.any(String) } });
    await ok(declare({ areaId: f.building2.id, level: 'high', fromOn: '2022-07-10' }), 201);
  });

  it('the command overview shows the zones by level and the next lifting due', async () => {
    const o = await ok(f.command.get(`/api/overview?areaId=${f.town.id}`));
    expect(o.zones).toMatchObject({ active: 2, byLevel: [{ level: 'high', count: 2, name: { zh: '高风险区' } }] });
    expect(o.zones.next).toMatchObject({ dueOn: '2022-07-17', daysLeft: 7, blocker: expect.stringContaining('还需 7 天') });
    const elsewhere = await ok(f.command.get(`/api/overview?areaId=${f.otherVillage.id}`));
    expect(elsewhere.zones).toBeNull();
  });

  it('a zone over a coded area feeds the risk-area lookup arrivals and crossings read, until it is lifted', async () => {
    const village = await makeArea(f.t.db, f.town, '南关村', 'village', '411627100201');
    const level = async (code: string) => (await ok(f.command.get(`/api/risk-areas/level?code=${code}&on=2022-07-10`))).level;
    expect(await level('411627100201')).toBe('none');
    const z = await ok(declare({ areaId: village.id, level: 'low', fromOn: '2022-07-10' }), 201);
    expect(await level('411627100201')).toBe('low');
    expect(await level('411627100202')).toBe('none');
    // The day before the zone began it was not one.
    expect((await ok(f.command.get('/api/risk-areas/level?code=411627100201&on=2022-07-09'))).level).toBe('none');
    await ok(f.command.post(`/api/zones/${z.id}/lift`, {}));
    expect(await level('411627100201')).toBe('none');
  });

  it('another area’s user sees none of it', async () => {
    await makeOtherCommand();
    const other = await login(f.t.app, 'z_other_cmd');
    expect((await ok(other.get('/api/zones'))).items).toEqual([]);
    expect((await other.get(`/api/zones/${zoneId}`)).statusCode).toBe(404);
    expect((await other.post(`/api/zones/${zoneId}/lift`, {})).statusCode).toBe(404);
  });
});

async function makeOtherCommand() {
  const [row] = await f.t.db.query('SELECT id FROM users WHERE username = $1', ['z_other_cmd']);
  if (!row) {
    const { makeUser } = await import('../../testing/harness');
    await makeUser(f.t.db, 'z_other_cmd', ['command'], f.otherVillage);
  }
}
