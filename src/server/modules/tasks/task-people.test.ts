import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHousehold, buildResident } from '../../testing/factories';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import type { AreaRow } from '../areas';
import { createTasks } from './index';

/**
 * A home-sampling card tells the sampler where to go and lets them ring the person: the list carries the
 * household's address and a masked phone; the full number only comes from the call route, as an audited reveal,
 * and only to a caller whose role may call (tasks.call) and who works the task.
 */
let t: TestApp;
let grid: AreaRow;
let sampler: Agent;
let doctor: Agent;
let stranger: Agent;
let residentId: number;
let noPhoneId: number;
let taskId: number;
let noPhoneTaskId: number;
let doctorTaskId: number;

beforeAll(async () => {
  t = await testApp();
  const town = await makeArea(t.db, t.root, '毛庄镇', 'town');
  const village = await makeArea(t.db, town, '王隆集村', 'village');
  grid = await makeArea(t.db, village, '一网格', 'grid');
  const other = await makeArea(t.db, village, '二网格', 'grid');
  await makeUser(t.db, 'cadre', ['cadre', 'grid_worker'], village);
  const samplerId = await makeUser(t.db, 'sampler', ['sampler'], grid);
  // A volunteer works tasks but may not call (grid workers, samplers, doctors and the command center may).
  const doctorId = await makeUser(t.db, 'doctor', ['volunteer'], grid);
  await makeUser(t.db, 'stranger', ['sampler'], other);
  const cadre = await login(t.app, 'cadre');
  const hh = await buildHousehold(cadre, grid.id, { address: '王隆集村 3 组 12 号' });
  residentId = await buildResident(cadre, { householdId: hh }, { name: '孙卧床', phone: '13812345678' });
  noPhoneId = await buildResident(cadre, { householdId: hh }, { name: '孙无电话' });
  const home = (id: number, who: number) => ({
    type: 'home_sampling',
    title: `上门采样（行动不便）：${id}`,
    subjectKind: 'sampling_home',
    subjectId: id,
    areaId: grid.id,
    areaPath: grid.path,
    assigneeUserId: who,
    priority: 'high',
  });
  [taskId, noPhoneTaskId, doctorTaskId] = await t.db.tx((tx) =>
    createTasks(tx, [home(residentId, samplerId), home(noPhoneId, samplerId), home(residentId, doctorId)]),
  );
  sampler = await login(t.app, 'sampler');
  doctor = await login(t.app, 'doctor');
  stranger = await login(t.app, 'stranger');
});
afterAll(() => t.close());

const reveals = () =>
  t.db.query<{ actor_name: string; entity_id: string; after: unknown }>(
    "SELECT actor_name, entity_id, after FROM audit_log WHERE entity = 'resident' AND action = 'reveal' ORDER BY id",
  );

describe('the person on a home-sampling card', () => {
  it('lists the address, the area and a masked phone; the call button only where a number is on record', async () => {
    const res = await sampler.get('/api/tasks/mine?all=true');
    expect(res.statusCode, res.body).toBe(200);
    const byId = new Map(res.json().items.map((x: { id: number }) => [x.id, x]));
    expect(byId.get(taskId)).toMatchObject({
      person: { residentId, name: '孙卧床', address: '王隆集村 3 组 12 号', areaName: '一网格', phone: '138****5678', canCall: true },
    });
    expect(byId.get(noPhoneTaskId)).toMatchObject({ person: { residentId: noPhoneId, phone: null, canCall: false } });
    // The full number is nowhere in the list.
    expect(res.body).not.toContain('13812345678');
    expect(await reveals()).toEqual([]);
  });

  it('a call reveals the full number to the assignee and writes one reveal into the trail', async () => {
    const res = await sampler.post(`/api/tasks/${taskId}/call`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ phone: '13812345678' });
    expect(await reveals()).toEqual([{ actor_name: 'sampler', entity_id: String(residentId), after: { field: 'phone', reason: 'task_call', taskId } }]);
    // No number on record: nothing to call, nothing revealed.
    expect((await sampler.post(`/api/tasks/${noPhoneTaskId}/call`)).statusCode).toBe(404);
    expect(await reveals()).toHaveLength(1);
  });

  it('a role that may not call sees the masked phone and no button, and the route refuses it; nor may anyone call on a task not theirs', async () => {
    const mine = (await doctor.get('/api/tasks/mine?all=true')).json().items;
    expect(mine.find((x: { id: number }) => x.id === doctorTaskId)).toMatchObject({ person: { phone: '138****5678', canCall: false } });
    expect((await doctor.post(`/api/tasks/${doctorTaskId}/call`)).statusCode).toBe(403);
    // Another sampler, elsewhere: the task is not in their scope.
    expect((await stranger.post(`/api/tasks/${taskId}/call`)).statusCode).toBe(404);
    // A sampler on someone else's task (the doctor's) in their own grid.
    expect((await sampler.post(`/api/tasks/${doctorTaskId}/call`)).statusCode).toBe(404);
    expect(await reveals()).toHaveLength(1);
  });

  it('a closed task offers no call', async () => {
    expect((await sampler.post(`/api/tasks/${taskId}/done`, {})).statusCode).toBe(200);
    expect((await sampler.post(`/api/tasks/${taskId}/call`)).statusCode).toBe(409);
    const all = (await sampler.get('/api/tasks/mine?all=true')).json().items;
    expect(all.find((x: { id: number }) => x.id === taskId)).toBeUndefined();
  });
});
