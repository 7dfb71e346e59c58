import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../platform/dates';
import { buildHousehold, buildResident } from '../../testing/factories';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import { createTasks } from '../tasks';

/**
 * A fever-alert, release-check or missed follow-up card names its person like a home-sampling card does: name,
 * household address, masked phone, and a call button for those who act on it (the grid worker, the doctor and the
 * command center may call; each call is one audited reveal). A visit's alert that names only a household has no
 * person.
 */
let t: TestApp;
let cadre: Agent;
let command: Agent;
let doctor: Agent;
let worker: Agent;
let volunteer: Agent;
let residentId: number;
let measureId: number;
let alertId: number;
const PHONE = '13912345678';

const ok = async (r: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) => {
  const x = await r;
  expect(x.statusCode, x.body).toBe(status);
  return x.json();
};

beforeAll(async () => {
  t = await testApp();
  const town = await makeArea(t.db, t.root, '毛庄镇', 'town');
  const village = await makeArea(t.db, town, '王隆集村', 'village');
  const grid = await makeArea(t.db, village, '一网格', 'grid');
  await makeUser(t.db, 'cadre', ['cadre'], village);
  await makeUser(t.db, 'command', ['command'], town);
  const doctorId = await makeUser(t.db, 'doctor', ['doctor'], village);
  const workerId = await makeUser(t.db, 'worker', ['grid_worker'], grid);
  await makeUser(t.db, 'volunteer', ['volunteer'], grid);
  [cadre, command, doctor, worker, volunteer] = await Promise.all(['cadre', 'command', 'doctor', 'worker', 'volunteer'].map((u) => login(t.app, u)));
  const hh = await buildHousehold(cadre, grid.id, { address: '王隆集村 3 组 12 号' });
  residentId = await buildResident(cadre, { householdId: hh }, { name: '李发热', phone: PHONE });
  const { measure } = await ok(
    cadre.post('/api/measures', { residentId, situation: { originRiskLevel: 'high', arrivedOn: todayIn(t.app.timeZone) }, doctorId, gridWorkerId: workerId }),
    201,
  );
  measureId = measure.id;
  await ok(cadre.post(`/api/measures/${measureId}/confirm`));
  await ok(cadre.post(`/api/measures/${measureId}/start`));
  // The command center records the fever, so the doctor is told as well as the grid worker.
  const [due] = (await ok(command.get(`/api/follow-ups?measureId=${measureId}&status=scheduled`))).items;
  alertId = (await ok(command.post(`/api/follow-ups/${due.id}/record`, { temperature: 38.6 }))).alertId;
  expect(alertId).toEqual(expect.any(Number));
});
afterAll(() => t.close());

const reveals = () =>
  t.db.query<{ actor_name: string; after: { taskId: number } }>(
    "SELECT actor_name, after FROM audit_log WHERE entity = 'resident' AND action = 'reveal' ORDER BY id",
  );
const cardOf = async (agent: Agent, type: string) => (await ok(agent.get('/api/tasks/mine?all=true'))).items.find((x: any) => x.type === type);
const person = { name: '李发热', address: '王隆集村 3 组 12 号', areaName: '一网格', phone: '139****5678', canCall: true };

describe('who a monitoring task is about', () => {
  it('a fever-alert card names the person with a masked phone, for the grid worker, the doctor and the command center', async () => {
    for (const agent of [worker, doctor, command]) {
      const card = await cardOf(agent, 'fever_alert');
      expect(card).toMatchObject({ subject: { kind: 'fever_alert', id: alertId }, person: { ...person, residentId } });
    }
    expect((await worker.get('/api/tasks/mine?all=true')).body).not.toContain(PHONE);
    expect(await reveals()).toEqual([]);
  });

  it('the grid worker and the doctor ring the person: the number comes from the call route, one audited reveal each', async () => {
    for (const agent of [worker, doctor]) {
      const card = await cardOf(agent, 'fever_alert');
      expect(await ok(agent.post(`/api/tasks/${card.id}/call`))).toEqual({ phone: PHONE });
    }
    expect((await reveals()).map((r) => r.actor_name)).toEqual(['worker', 'doctor']);
  });

  it('a release-check card and a missed follow-up card name the person too', async () => {
    await ok(cadre.post(`/api/measures/${measureId}/release-check`));
    expect(await cardOf(worker, 'release_check')).toMatchObject({ subject: { kind: 'measure', id: measureId }, person: { ...person, residentId } });
    const [followUp] = (await ok(doctor.get(`/api/follow-ups?measureId=${measureId}&status=scheduled`))).items;
    const grid = (await t.db.query<{ id: number; path: string }>("SELECT id, path FROM areas WHERE name = '一网格'"))[0];
    const workerId = (await t.db.query<{ id: number }>("SELECT id FROM users WHERE username = 'worker'"))[0].id;
    await t.db.tx((tx) =>
      createTasks(tx, [
        {
          type: 'follow_up',
          title: '随访未完成',
          subjectKind: 'follow_up',
          subjectId: followUp.id,
          areaId: grid.id,
          areaPath: grid.path,
          assigneeUserId: workerId,
        },
      ]),
    );
    expect(await cardOf(worker, 'follow_up')).toMatchObject({ person: { ...person, residentId } });
  });

  it('a role that may not call sees the masked phone and no button', async () => {
    const grid = (await t.db.query<{ id: number; path: string }>("SELECT id, path FROM areas WHERE name = '一网格'"))[0];
    const volunteerId = (await t.db.query<{ id: number }>("SELECT id FROM users WHERE username = 'volunteer'"))[0].id;
    const [taskId] = await t.db.tx((tx) =>
      createTasks(tx, [
        {
          type: 'fever_alert',
          title: '发热预警',
          subjectKind: 'fever_alert',
          subjectId: alertId,
          areaId: grid.id,
          areaPath: grid.path,
          assigneeUserId: volunteerId,
        },
      ]),
    );
    expect(await cardOf(volunteer, 'fever_alert')).toMatchObject({ id: taskId, person: { phone: '139****5678', canCall: false } });
    expect((await volunteer.post(`/api/tasks/${taskId}/call`)).statusCode).toBe(403);
  });

  it('an alert that names only a household, or whose person retention cleared, has no person', async () => {
    await t.db.query('UPDATE fever_alerts SET resident_id = NULL, anonymised_at = now() WHERE id = $1', [alertId]);
    expect(await cardOf(worker, 'fever_alert')).toMatchObject({ subject: { kind: 'fever_alert', id: alertId }, person: null });
  });
});
