import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import type { AreaRow } from '../areas';
import { createTasks } from './index';

let t: TestApp;
let village: AreaRow;
let grid: AreaRow;
let cadre: Agent;
let worker: Agent;
let other: Agent;
let workerId: number;
let otherId: number;

beforeAll(async () => {
  t = await testApp();
  const town = await makeArea(t.db, t.root, '毛庄镇', 'town');
  village = await makeArea(t.db, town, '王隆集村', 'village');
  grid = await makeArea(t.db, village, '一网格', 'grid');
  await makeUser(t.db, 'cadre', ['cadre'], village);
  workerId = await makeUser(t.db, 'worker', ['grid_worker'], grid);
  otherId = await makeUser(t.db, 'other', ['grid_worker'], grid);
  cadre = await login(t.app, 'cadre');
  worker = await login(t.app, 'worker');
  other = await login(t.app, 'other');
});
afterAll(() => t.close());

const task = async (body: Record<string, unknown>) => {
  const res = await cadre.post('/api/tasks', { areaId: grid.id, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};

describe('the task inbox', () => {
  it('my tasks today: overdue first, then priority; tomorrow only with all=true; a role reaches everyone holding it in scope', async () => {
    const past = new Date(Date.now() - 3600_000).toISOString();
    const later = new Date(Date.now() + 60_000).toISOString();
    const tomorrow = new Date(Date.now() + 48 * 3600_000).toISOString();
    const a = await task({ title: '普通', assigneeUserId: workerId, dueAt: later });
    const b = await task({ title: '紧急', assigneeUserId: workerId, dueAt: later, priority: 'urgent' });
    const c = await task({ title: '逾期', assigneeUserId: workerId, dueAt: past, priority: 'low' });
    const d = await task({ title: '后天', assigneeUserId: workerId, dueAt: tomorrow });
    const e = await task({ title: '网格员都做', assigneeRole: 'grid_worker' });
    const mine = (await worker.get('/api/tasks/mine')).json().items;
    expect(mine.map((x: any) => x.id)).toEqual([c.id, b.id, a.id, e.id]);
    expect(mine[0].overdue).toBe(true);
    expect((await worker.get('/api/tasks/mine?all=true')).json().items.map((x: any) => x.id)).toContain(d.id);
    expect((await other.get('/api/tasks/mine')).json().items.map((x: any) => x.id)).toEqual([e.id]);
  });

  it('looks at least 12 hours ahead: a task due in 11 hours is work for today even when it falls after midnight', async () => {
    const soon = await task({ title: '夜里复检', assigneeUserId: otherId, dueAt: new Date(Date.now() + 11 * 3600_000).toISOString() });
    expect((await other.get('/api/tasks/mine')).json().items.map((x: any) => x.id)).toContain(soon.id);
    expect((await other.post(`/api/tasks/${soon.id}/done`, {})).statusCode).toBe(200);
  });

  it('reassigns in bulk, and the new assignee sees them', async () => {
    const x = await task({ title: '改派一', assigneeUserId: workerId });
    const y = await task({ title: '改派二', assigneeUserId: workerId });
    const res = await cadre.post('/api/tasks/reassign', { taskIds: [x.id, y.id], assigneeUserId: otherId });
    expect(res.json()).toEqual({ updated: 2 });
    const ids = (await other.get('/api/tasks/mine')).json().items.map((i: any) => i.id);
    expect(ids).toEqual(expect.arrayContaining([x.id, y.id]));
    expect((await cadre.post('/api/tasks/reassign', { taskIds: [x.id, 999999], assigneeUserId: otherId })).statusCode).toBe(404);
    expect((await worker.post('/api/tasks/reassign', { taskIds: [x.id], assigneeUserId: workerId })).statusCode).toBe(403);
  });

  it('start, done, fail with a reason; closed is final; only the assignee (or a manager) works a task', async () => {
    const x = await task({ title: '入户', assigneeUserId: workerId });
    expect((await other.post(`/api/tasks/${x.id}/start`)).statusCode).toBe(404);
    expect((await worker.post(`/api/tasks/${x.id}/start`)).json().status).toBe('in_progress');
    const failed = await worker.post(`/api/tasks/${x.id}/fail`, { reason: '家中无人' });
    expect(failed.json()).toMatchObject({ status: 'failed', failReason: '家中无人', doneByName: 'worker 显示名' });
    const again = await worker.post(`/api/tasks/${x.id}/done`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('TASK_CLOSED');
    const y = await task({ title: '复查', assigneeUserId: workerId });
    expect((await cadre.post(`/api/tasks/${y.id}/done`, { note: '代办' })).json().status).toBe('done');
    const history = await t.db.query("SELECT action FROM audit_log WHERE entity = 'task' AND entity_id = $1 ORDER BY id", [String(x.id)]);
    expect(history.map((h) => h.action)).toEqual(['create', 'start', 'fail']);
  });

  it("bad input is a 400 in the caller's language, never a 500", async () => {
    const x = await task({ title: '坏输入', assigneeUserId: workerId });
    const zh = await worker.post(`/api/tasks/${x.id}/fail`, {});
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    const en = await worker.request({ method: 'POST', url: `/api/tasks/${x.id}/fail`, payload: { reason: '' }, headers: { 'accept-language': 'en' } });
    expect(en.statusCode).toBe(400);
    expect(en.json().error.message).toMatch(/fields are not valid/);
    expect((await worker.post('/api/tasks/2147483648/start')).statusCode).toBe(400);
    expect((await cadre.get('/api/tasks?overdue=maybe')).statusCode).toBe(400);
    for (const body of [
      { title: 'x', areaId: grid.id, priority: 'soon' },
      { title: 'x', areaId: grid.id, assigneeUserId: workerId, assigneeRole: 'cadre' },
      { title: 'x', areaId: grid.id, dueAt: 'tomorrow' },
      { title: 'x', areaId: 999999 },
      { title: 'x', areaId: 2_147_483_648 },
      { title: 'x', areaId: grid.id, dueAt: '2026-02-30T08:00:00+08:00' },
      { title: 'x', areaId: grid.id, unknown: 1 },
    ]) {
      expect((await cadre.post('/api/tasks', body)).statusCode).toBe(400);
    }
  });

  it('counts per area and per person', async () => {
    const byPerson = (await cadre.get('/api/tasks/counts?by=person')).json().items;
    expect(byPerson.find((r: any) => r.key === String(otherId))).toMatchObject({ name: 'other 显示名' });
    const byArea = (await cadre.get('/api/tasks/counts?by=area')).json().items;
    expect(byArea).toEqual([expect.objectContaining({ key: String(grid.id), name: '一网格' })]);
  });

  it("keeps a server-made title's key and parameters beside its Chinese text; a typed task has none", async () => {
    const [id] = await t.db.tx((tx) =>
      createTasks(tx, [
        {
          type: 'revisit',
          title: '复访：幸福路 3 号',
          titleKey: 'revisit',
          titleParams: { address: '幸福路 3 号' },
          areaId: grid.id,
          areaPath: grid.path,
          assigneeUserId: workerId,
        },
      ]),
    );
    const typed = await task({ title: '人工任务', assigneeUserId: workerId });
    const mine = (await worker.get('/api/tasks/mine?all=true')).json().items;
    expect(mine.find((x: any) => x.id === id)).toMatchObject({ title: '复访：幸福路 3 号', titleKey: 'revisit', titleParams: { address: '幸福路 3 号' } });
    expect(mine.find((x: any) => x.id === typed.id)).toMatchObject({ titleKey: null, titleParams: null });
  });
});
