import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/policy/rules';
import { todayIn } from '../../platform/dates';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';

let t: TestApp;
let cadre: Agent;
let doctor: Agent;
let worker: Agent;
let command: Agent;
let doctorId: number;
let workerId: number;
let today: string;
const residents: number[] = [];

beforeAll(async () => {
  // The whole measure written ahead, so that extending and shortening show in the counts (the rolling
  // horizon itself is tested with the sweep).
  t = await testApp({ FOLLOW_UP_HORIZON_DAYS: 60 });
  today = todayIn(t.app.timeZone);
  const town = await makeArea(t.db, t.root, '毛庄镇', 'town');
  const village = await makeArea(t.db, town, '王隆集村', 'village');
  const grid = await makeArea(t.db, village, '一网格', 'grid');
  await makeUser(t.db, 'cadre', ['cadre'], village);
  await makeUser(t.db, 'command', ['command'], town);
  doctorId = await makeUser(t.db, 'doctor', ['doctor'], village);
  workerId = await makeUser(t.db, 'worker', ['grid_worker'], grid);
  [cadre, doctor, worker, command] = await Promise.all(['cadre', 'doctor', 'worker', 'command'].map((u) => login(t.app, u)));
  const household = (await cadre.post('/api/households', { areaId: grid.id, address: '王隆集村 3 组 12 号' })).json().id;
  for (const name of ['张三', '李四', '王五']) {
    const res = await cadre.post('/api/residents', { householdId: household, name, idType: 'none', movedInOn: '2024-01-01' });
    expect(res.statusCode, res.body).toBe(201);
    residents.push(res.json().id);
  }
});
afterAll(() => t.close());

const ok = async (res: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) => {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
};

describe('policy sets and "try it"', () => {
  it('lists the seeded editions with the one in force, and evaluates a situation naming its rule', async () => {
    const sets = (await ok(cadre.get('/api/policy/sets'))).items;
    expect(sets.map((s: any) => s.code)).toEqual(['nhc-20', 'nhc-9', 'nhc-8', 'returnee-2021', 'district-2020']);
    expect(sets.filter((s: any) => s.inForce).map((s: any) => s.code)).toEqual(['nhc-20']);
    expect((await ok(doctor.get(`/api/policy/sets/${sets[1].id}`))).rules[1].code).toBe('close');
    const d = await ok(worker.post('/api/policy/evaluate', { situation: { contactType: 'close', exposedOn: '2022-08-10' }, on: '2022-08-10' }));
    expect(d).toMatchObject({
      set: { code: 'nhc-9' },
      rule: { code: 'close' },
      ruleVersion: 'nhc-9@9#close',
      measure: 'central_isolation',
      endsOn: '2022-08-17',
    });
    const none = await cadre.post('/api/policy/evaluate', { situation: {}, on: '2019-01-01' });
    expect(none.statusCode).toBe(422);
    expect(none.json().error.code).toBe('NO_POLICY');
    const bad = await cadre.request({
      method: 'POST',
      url: '/api/policy/evaluate',
      payload: { situation: { contactType: 'friend' } },
      headers: { 'accept-language': 'en' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/not valid/);
  });
});

describe('the measure state machine', () => {
  let site: any;
  let measure: any;

  it("proposes the policy's measure with the rule version, in a room with capacity", async () => {
    site = await ok(
      cadre.post('/api/isolation-sites', {
        name: '县宾馆隔离点',
        areaId: (await t.db.query("SELECT id FROM areas WHERE name = '王隆集村'"))[0].id,
        rooms: [{ code: '101', capacity: 1 }],
      }),
      201,
    );
    const room = site.rooms[0];
    const res = await ok(
      cadre.post('/api/measures', {
        residentId: residents[0],
        situation: { contactType: 'close', exposedOn: today },
        doctorId,
        gridWorkerId: workerId,
        place: 'site',
        siteId: site.id,
        roomId: room.id,
      }),
      201,
    );
    measure = res.measure;
    expect(res.decision.rule.code).toBe('close');
    expect(measure).toMatchObject({
      kind: 'central_isolation',
      state: 'proposed',
      place: 'site',
      roomCode: '101',
      startsOn: today,
      endsOn: addDays(today, 5),
      ruleVersion: 'nhc-20@10#close',
      doctorName: 'doctor 显示名',
    });
    expect(measure.nextSteps).toEqual([{ measure: 'home_isolation', startsOn: addDays(today, 5), endsOn: addDays(today, 8) }]);
    expect((await cadre.post('/api/measures', { residentId: residents[0], situation: { contactType: 'close', exposedOn: today } })).json().error.code).toBe(
      'MEASURE_OPEN',
    );
    const full = await cadre.post('/api/measures', {
      residentId: residents[1],
      situation: { contactType: 'close', exposedOn: today },
      place: 'site',
      siteId: site.id,
      roomId: room.id,
    });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe('ROOM_FULL');
    expect((await ok(cadre.get('/api/isolation-sites'))).items[0]).toMatchObject({ capacity: 1, occupied: 1 });
    const nothing = await ok(cadre.post('/api/measures', { residentId: residents[2], situation: { originRiskLevel: 'low' } }));
    expect(nothing).toMatchObject({ measure: null, decision: { measure: 'none', rule: { code: 'default' } } });
  });

  it('refuses a wrong transition with 409 naming the state, in zh and en', async () => {
    const zh = await cadre.post(`/api/measures/${measure.id}/start`);
    expect(zh.statusCode).toBe(409);
    expect(zh.json().error.message).toContain('待确认');
    const en = await cadre.request({ method: 'POST', url: `/api/measures/${measure.id}/release`, payload: {}, headers: { 'accept-language': 'en' } });
    expect(en.statusCode).toBe(409);
    expect(en.json().error.message).toBe('This measure is proposed; it cannot be released');
  });

  it("confirm → active with follow-ups on the doctor's list; extend and shorten with a reason; transfer home", async () => {
    expect((await ok(cadre.post(`/api/measures/${measure.id}/confirm`))).state).toBe('confirmed');
    expect((await ok(cadre.post(`/api/measures/${measure.id}/start`))).state).toBe('active');
    const tomorrow = addDays(today, 1);
    const list = await ok(doctor.get(`/api/follow-ups/today?day=${tomorrow}`));
    expect(list.items.map((f: any) => f.time)).toEqual(['08:00', '16:00']);
    expect(list.items[0]).toMatchObject({ residentName: '张三', status: 'scheduled', overdue: false });
    expect((await ok(worker.get(`/api/follow-ups/today?day=${tomorrow}`))).items).toEqual([]);
    const count = async () => (await ok(cadre.get(`/api/follow-ups?measureId=${measure.id}&status=scheduled&pageSize=200`))).total;
    const before = await count();
    expect((await ok(cadre.post(`/api/measures/${measure.id}/end-date`, { endsOn: addDays(today, 7), reason: '复核阳性，延长' }))).endsOn).toBe(
      addDays(today, 7),
    );
    expect(await count()).toBe(before + 4);
    expect((await ok(cadre.post(`/api/measures/${measure.id}/follow-ups/generate`))).created).toBe(0);
    const early = await cadre.post(`/api/measures/${measure.id}/end-date`, { endsOn: addDays(today, -1), reason: '缩短' });
    expect(early.statusCode).toBe(422);
    expect((await ok(cadre.post(`/api/measures/${measure.id}/end-date`, { endsOn: addDays(today, 5), reason: '按期' }))).endsOn).toBe(addDays(today, 5));
    expect(await count()).toBe(before);
    expect((await cadre.post(`/api/measures/${measure.id}/end-date`, { endsOn: addDays(today, 5) })).statusCode).toBe(400);
    const home = await ok(cadre.post(`/api/measures/${measure.id}/transfer`, { place: 'home', reason: '居家条件具备' }));
    expect(home).toMatchObject({ place: 'home', siteId: null, roomId: null });
    expect((await ok(cadre.get('/api/isolation-sites'))).items[0].occupied).toBe(0);
  });

  it('release check makes a task for the grid worker; release proposes the next step; every transition is audited', async () => {
    expect((await ok(cadre.post(`/api/measures/${measure.id}/release-check`))).state).toBe('release_check');
    const mine = (await ok(worker.get('/api/tasks/mine'))).items;
    expect(mine).toEqual([expect.objectContaining({ type: 'release_check', subject: { kind: 'measure', id: measure.id }, priority: 'high' })]);
    const released = await ok(cadre.post(`/api/measures/${measure.id}/release`, {}));
    expect(released.state).toBe('released');
    expect((await ok(worker.get('/api/tasks/mine'))).items).toEqual([]);
    const next = (await ok(cadre.get(`/api/measures?residentId=${residents[0]}&state=proposed`))).items[0];
    expect(next).toMatchObject({ kind: 'home_isolation', previousId: measure.id, startsOn: addDays(today, 5), endsOn: addDays(today, 8) });
    const page = await ok(cadre.get(`/api/measures/${measure.id}`));
    expect(page.history.map((h: any) => h.action)).toEqual([
      'propose',
      'confirm',
      'start',
      'end_date',
      'follow_ups',
      'end_date',
      'transfer',
      'release_check',
      'release',
    ]);
    const again = await cadre.post(`/api/measures/${measure.id}/release`, {});
    expect(again.statusCode).toBe(409);
    // Early release from active needs a reason.
    await ok(cadre.post(`/api/measures/${next.id}/confirm`));
    await ok(cadre.post(`/api/measures/${next.id}/start`));
    expect((await cadre.post(`/api/measures/${next.id}/release`, {})).statusCode).toBe(400);
    expect((await ok(cadre.post(`/api/measures/${next.id}/release`, { reason: '核酸阴性，提前解除' }))).state).toBe('released');
    expect((await ok(cadre.get(`/api/follow-ups?measureId=${next.id}&status=scheduled`))).total).toBe(0);
  });
});

describe('a fever alert from follow-up to resolution', () => {
  it('a reading of 37.8 °C raises an alert and urgent tasks for the command center and the grid worker; resolution closes them', async () => {
    const { measure } = await ok(
      cadre.post('/api/measures', { residentId: residents[1], situation: { originRiskLevel: 'high', arrivedOn: today }, doctorId, gridWorkerId: workerId }),
      201,
    );
    expect(measure.kind).toBe('home_isolation');
    await ok(cadre.post(`/api/measures/${measure.id}/confirm`));
    await ok(cadre.post(`/api/measures/${measure.id}/start`));
    const [first, second] = (await ok(doctor.get(`/api/follow-ups?measureId=${measure.id}&status=scheduled`))).items;
    const normal = await ok(doctor.post(`/api/follow-ups/${first.id}/record`, { temperature: 36.6 }));
    expect(normal).toMatchObject({ status: 'done', temperature: 36.6, alertId: null, recordedByName: 'doctor 显示名' });
    const fever = await ok(doctor.post(`/api/follow-ups/${second.id}/record`, { temperature: 37.8, symptoms: ['cough'], note: '咳嗽两天' }));
    expect(fever.alertId).toEqual(expect.any(Number));
    const twice = await doctor.post(`/api/follow-ups/${second.id}/record`, { temperature: 36.5 });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('FOLLOW_UP_DONE');

    const open = (await ok(command.get('/api/fever-alerts?status=open'))).items;
    expect(open).toEqual([expect.objectContaining({ id: fever.alertId, temperature: 37.8, symptoms: ['cough'], residentName: '李四', status: 'open' })]);
    const centerTasks = (await ok(command.get('/api/tasks/mine'))).items;
    expect(centerTasks).toEqual([expect.objectContaining({ type: 'fever_alert', priority: 'urgent', subject: { kind: 'fever_alert', id: fever.alertId } })]);
    expect((await ok(worker.get('/api/tasks/mine'))).items.map((x: any) => x.type)).toEqual(['fever_alert']);
    // Due when the policy says (30 minutes in every seeded edition), so not overdue the moment it is made; the doctor
    // who recorded the reading is not told again.
    expect(Math.round((Date.parse(centerTasks[0].dueAt) - Date.parse(centerTasks[0].createdAt)) / 60_000)).toBe(30);
    expect(centerTasks[0].overdue).toBe(false);
    expect((await ok(doctor.get('/api/tasks/mine'))).items.filter((x: any) => x.type === 'fever_alert')).toEqual([]);

    expect((await worker.post(`/api/fever-alerts/${fever.alertId}/resolve`, { resolution: 'fever_clinic' })).statusCode).toBe(403);
    const bad = await doctor.post(`/api/fever-alerts/${fever.alertId}/resolve`, { resolution: 'ignored' });
    expect(bad.statusCode).toBe(400);
    const resolved = await ok(doctor.post(`/api/fever-alerts/${fever.alertId}/resolve`, { resolution: 'fever_clinic', note: '已送县医院发热门诊' }));
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'fever_clinic', resolvedByName: 'doctor 显示名' });
    expect(resolved.resolvedAt).toEqual(expect.any(String));
    expect((await ok(command.get('/api/tasks/mine'))).items).toEqual([]);
    expect((await ok(command.get('/api/fever-alerts?status=open'))).items).toEqual([]);
    expect((await doctor.post(`/api/fever-alerts/${fever.alertId}/resolve`, { resolution: 'other' })).json().error.code).toBe('ALERT_RESOLVED');
    const trail = await t.db.query("SELECT action FROM audit_log WHERE entity = 'fever_alert' AND entity_id = $1 ORDER BY id", [String(fever.alertId)]);
    expect(trail.map((r) => r.action)).toEqual(['raise', 'resolve']);
  });

  it('temperatures outside 34.0–43.0 or with two decimals are a 400 with zh and en messages, never a 500', async () => {
    const { items } = await ok(doctor.get(`/api/follow-ups?status=scheduled&pageSize=1`));
    const url = `/api/follow-ups/${items[0].id}/record`;
    for (const body of [
      { temperature: 43.5 },
      { temperature: 33.9 },
      { temperature: 36.55 },
      { temperature: '37' },
      {},
      { temperature: 36.5, symptoms: ['sneeze'] },
      { temperature: 36.5, extra: 1 },
    ]) {
      const zh = await doctor.post(url, body);
      expect(zh.statusCode, JSON.stringify(body)).toBe(400);
      expect(zh.json().error.message).toMatch(/[\u4e00-\u9fff]/);
      const en = await doctor.request({ method: 'POST', url, payload: body, headers: { 'accept-language': 'en' } });
      expect(en.json().error.message).toMatch(/^[\x20-\x7e]+$/);
    }
    expect((await doctor.post('/api/follow-ups/abc/record', { temperature: 36.5 })).statusCode).toBe(400);
    expect((await doctor.post('/api/follow-ups/99999/record', { temperature: 36.5 })).statusCode).toBe(404);
  });

  it('impossible days, ids past the column, unknown fields and oversized text are a 400, never a 500 or a write', async () => {
    const big = 2_147_483_648;
    for (const url of [
      '/api/follow-ups?from=2026-02-30',
      '/api/follow-ups/today?day=0000-01-01',
      `/api/follow-ups?measureId=${big}`,
      `/api/measures/${big}`,
      `/api/measures?under=${big}`,
      '/api/fever-alerts?status=open&extra=1',
    ]) {
      expect((await cadre.get(url)).statusCode, url).toBe(400);
    }
    const before = await t.db.query('SELECT count(*)::int AS n FROM measures');
    for (const body of [
      { residentId: big, situation: {} },
      { residentId: residents[2], situation: {}, on: '2026-02-30' },
      { residentId: residents[2], situation: { arrivedOn: '2026-13-01' } },
      { residentId: residents[2], situation: {}, doctorId: big },
    ]) {
      expect((await cadre.post('/api/measures', body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await t.db.query('SELECT count(*)::int AS n FROM measures')).toEqual(before);
    const areaId = (await t.db.query("SELECT id FROM areas WHERE name = '王隆集村'"))[0].id;
    expect((await cadre.post('/api/isolation-sites', { name: 'x'.repeat(101), areaId })).statusCode).toBe(400);
    expect((await cadre.post('/api/isolation-sites', { name: '隔离点', areaId, rooms: [{ code: '1', capacity: 1, beds: 2 }] })).statusCode).toBe(400);
  });
});
