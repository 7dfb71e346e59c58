import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, login, makeArea, makeUser } from '../../testing/harness';
import type { AreaRow } from '../areas';
import { ok, screeningFixture } from './test-fixture';

/**
 * The screening loop closed (issue 13, point 6): a fever found at the door raises the fever alert, a visit task
 * is closed only by its visit, an alert's tasks are due when the policy says, and a grid worker reads their
 * village's daily report.
 */
let t: TestApp;
let admin: Agent;
let cadre: Agent;
let worker: Agent;
let today: string;
let grid1: AreaRow;
let hh: Record<'h1' | 'h2' | 'h3', number>;
let people: Record<string, number>;
let villageId: number;
let campaignId: number;

beforeAll(async () => {
  ({ t, admin, cadre, worker, today, grid1, hh, people } = await screeningFixture());
  villageId = (await t.db.query<{ id: number }>("SELECT id FROM areas WHERE name = '王隆集村'"))[0].id;
  await makeUser(t.db, 'doctor', ['doctor'], { id: villageId, path: grid1.path.replace(/\d+\/$/, '') } as AreaRow);
  campaignId = (
    await ok(cadre.post('/api/screening/campaigns', { name: '发热排查', areaId: villageId, startsOn: today, endsOn: today, lookbackDays: 14 }), 201)
  ).id;
});
afterAll(() => t.close());

const visit = (agent: Agent, householdId: number, extra: Record<string, unknown>) =>
  agent.post('/api/screening/visits', { clientId: randomUUID(), campaignId, householdId, outcome: 'visited', ...extra });
const alertTasks = (alertId: number) =>
  t.db.query<{ assignee_role: string | null; assignee_user_id: number | null; minutes: number; priority: string }>(
    `SELECT assignee_role, assignee_user_id, round(extract(epoch FROM due_at - created_at) / 60)::int AS minutes, priority
       FROM tasks WHERE subject_kind = 'fever_alert' AND subject_id = $1 ORDER BY assignee_role NULLS FIRST`,
    [alertId],
  );
const userId = async (username: string) => (await t.db.query<{ id: number }>('SELECT id FROM users WHERE username = $1', [username]))[0].id;
const visitTaskOf = async (agent: Agent, householdId: number) => {
  const items = (await ok(agent.get('/api/tasks/mine?all=true'))).items.filter((x: any) => x.type === 'visit' || x.type === 'revisit');
  for (const task of items) {
    const target = await ok(agent.get(`/api/screening/targets/${task.subject.id}`));
    if (target.householdId === householdId) return task;
  }
  throw new Error(`no visit task for household ${householdId}`);
};

describe('a fever found at the door', () => {
  it('42.9 °C on a visit raises the fever alert, to the command center, the grid worker and the doctor, due in 30 minutes', async () => {
    const v = await ok(visit(worker, hh.h2, { temperature: 42.9, symptoms: [], feverResidentId: people['钱二'] }), 201);
    expect(v.alertId).toEqual(expect.any(Number));
    const alerts = (await ok(admin.get('/api/fever-alerts?status=open'))).items;
    expect(alerts).toEqual([
      expect.objectContaining({ id: v.alertId, visitId: v.id, householdId: hh.h2, residentId: people['钱二'], residentName: '钱二', temperature: 42.9 }),
    ]);
    const tasks = await alertTasks(v.alertId);
    expect(tasks).toEqual([
      { assignee_role: null, assignee_user_id: await userId('worker'), minutes: 30, priority: 'urgent' },
      { assignee_role: 'command', assignee_user_id: null, minutes: 30, priority: 'urgent' },
      { assignee_role: 'doctor', assignee_user_id: null, minutes: 30, priority: 'urgent' },
    ]);
    // Not overdue the moment it is made; the doctor of the village sees it in their inbox.
    const mine = (await ok(worker.get('/api/tasks/mine'))).items.filter((x: any) => x.type === 'fever_alert');
    expect(mine).toEqual([
      expect.objectContaining({ title: '发热预警：钱二 42.9℃', titleKey: 'feverAlert', titleParams: { name: '钱二', temperature: '42.9' }, overdue: false }),
    ]);
    const doctor = await login(t.app, 'doctor');
    expect((await ok(doctor.get('/api/tasks/mine'))).items.filter((x: any) => x.type === 'fever_alert')).toHaveLength(1);
    // A retry answers the same visit and raises nothing more.
    expect(await t.db.query('SELECT count(*)::int AS n FROM fever_alerts')).toEqual([{ n: 1 }]);
  });

  it('an alerting symptom without a fever raises one too, naming the household when no person is named; a normal reading raises none', async () => {
    const before = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM fever_alerts'))[0].n;
    const normal = await ok(visit(admin, hh.h1, { temperature: 36.8, symptoms: ['fatigue'] }), 201);
    expect(normal.alertId).toBeNull();
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM fever_alerts'))[0].n).toBe(before);
    const coughing = await ok(visit(admin, hh.h3, { symptoms: ['cough'] }), 201);
    expect(coughing.alertId).toEqual(expect.any(Number));
    const alert = (await ok(admin.get('/api/fever-alerts'))).items.find((a: any) => a.id === coughing.alertId);
    expect(alert).toMatchObject({ residentId: null, residentName: '王隆集村 2 组 9 号', temperature: null, symptoms: ['cough'] });
    // Not the grid worker's own visit: every grid worker and doctor whose scope covers the household is told.
    expect((await alertTasks(coughing.alertId)).map((x) => x.assignee_role)).toEqual(['command', 'doctor', 'grid_worker']);
    // Without a temperature the title says "has symptoms" in the reader's language, not a Chinese word in a parameter.
    expect(
      await t.db.query("SELECT DISTINCT title_key, title_params FROM tasks WHERE subject_kind = 'fever_alert' AND subject_id = $1", [coughing.alertId]),
    ).toEqual([{ title_key: 'feverAlertSymptoms', title_params: { name: '王隆集村 2 组 9 号' } }]);
    // The named person must live there.
    const stranger = await visit(admin, hh.h3, { temperature: 38.5, feverResidentId: people['赵一'] });
    expect(stranger.statusCode).toBe(400);
    expect(Object.keys(stranger.json().error.fields)).toEqual(['feverResidentId']);
  });

  it("the alert's due time is policy data: a published edition with 45 minutes makes alerts due in 45", async () => {
    const nhc20 = (await ok(admin.get('/api/policy/sets'))).items.find((s: any) => s.code === 'nhc-20' && s.inForce);
    expect(nhc20.alertDueMinutes).toBe(30);
    const draft = await ok(admin.post('/api/policy/sets', { copyOf: nhc20.id }), 201);
    await ok(admin.put(`/api/policy/sets/${draft.id}`, { rules: draft.rules, alertDueMinutes: 45 }));
    expect((await admin.put(`/api/policy/sets/${draft.id}`, { rules: draft.rules, alertDueMinutes: 0 })).statusCode).toBe(400);
    await ok(admin.post(`/api/policy/sets/${draft.id}/publish`, { effectiveFrom: today }));
    const campaign2 = (
      await ok(cadre.post('/api/screening/campaigns', { name: '第二轮', areaId: villageId, startsOn: today, endsOn: today, lookbackDays: 14 }), 201)
    ).id;
    const v = await ok(
      worker.post('/api/screening/visits', { clientId: randomUUID(), campaignId: campaign2, householdId: hh.h2, outcome: 'visited', temperature: 38.5 }),
      201,
    );
    expect((await alertTasks(v.alertId)).map((x) => x.minutes)).toEqual([45, 45, 45]);
  });
});

describe('a visit task is closed by its visit', () => {
  let campaign3: number;
  beforeAll(async () => {
    campaign3 = (await ok(cadre.post('/api/screening/campaigns', { name: '第三轮', areaId: villageId, startsOn: today, endsOn: today, lookbackDays: 14 }), 201))
      .id;
  });

  it('never by a bare "done" or "not possible": the household stays unvisited and the task stays with its owner', async () => {
    const task = await visitTaskOf(worker, hh.h2);
    const done = await worker.post(`/api/tasks/${task.id}/done`, {});
    expect(done.statusCode).toBe(409);
    expect(done.json().error.code).toBe('TASK_NEEDS_VISIT');
    expect((await worker.post(`/api/tasks/${task.id}/fail`, { reason: '联系不上' })).statusCode).toBe(409);
    // A task manager cannot either.
    expect((await admin.post(`/api/tasks/${task.id}/done`, {})).statusCode).toBe(409);
    // Starting it is fine; it stays open, and the household is still on the 不漏一户 list.
    expect((await ok(worker.post(`/api/tasks/${task.id}/start`))).status).toBe('in_progress');
    const unvisited = (await ok(cadre.get(`/api/screening/campaigns/${campaign3}/unvisited`))).items.map((x: any) => x.householdId);
    expect(unvisited).toContain(hh.h2);
  });

  it('"nobody home" closes it and opens a revisit — which again only a visit closes; a visit takes the household off the list', async () => {
    const task = await visitTaskOf(worker, hh.h2);
    const away = await ok(
      worker.post('/api/screening/visits', { clientId: randomUUID(), campaignId: campaign3, householdId: hh.h2, outcome: 'nobody_home' }),
      201,
    );
    expect(away.alertId).toBeNull();
    const closed = (await ok(worker.get('/api/tasks/mine?all=true'))).items.find((x: any) => x.id === task.id);
    expect(closed).toBeUndefined();
    const revisit = await visitTaskOf(worker, hh.h2);
    expect(revisit).toMatchObject({ type: 'revisit', id: away.revisitTaskId });
    expect((await worker.post(`/api/tasks/${revisit.id}/done`, {})).statusCode).toBe(409);
    let unvisited = (await ok(cadre.get(`/api/screening/campaigns/${campaign3}/unvisited`))).items.map((x: any) => x.householdId);
    expect(unvisited).toContain(hh.h2);
    await ok(worker.post('/api/screening/visits', { clientId: randomUUID(), campaignId: campaign3, householdId: hh.h2, outcome: 'visited' }), 201);
    unvisited = (await ok(cadre.get(`/api/screening/campaigns/${campaign3}/unvisited`))).items.map((x: any) => x.householdId);
    expect(unvisited).not.toContain(hh.h2);
    expect((await ok(worker.get('/api/tasks/mine?all=true'))).items.find((x: any) => x.id === revisit.id)).toBeUndefined();
  });

  it('other tasks are still done by hand', async () => {
    const manual = await ok(cadre.post('/api/tasks', { title: '送药', areaId: grid1.id, assigneeRole: 'grid_worker' }), 201);
    expect((await ok(worker.post(`/api/tasks/${manual.id}/done`, {}))).status).toBe('done');
  });
});

describe("a grid worker's daily report", () => {
  it('opens their village’s report: asked for their grid or for their village, never another village', async () => {
    const byGrid = await ok(worker.get(`/api/daily-reports?areaId=${grid1.id}`));
    expect(byGrid).toMatchObject({ area: { id: villageId, name: '王隆集村' }, village: true });
    // The village's figures, not only the grid's: the alerts of the whole village count.
    const byVillage = await ok(worker.get(`/api/daily-reports?areaId=${villageId}`));
    expect(byVillage.figures).toEqual(byGrid.figures);
    expect(byVillage.figures).toEqual((await ok(cadre.get(`/api/daily-reports?areaId=${villageId}`))).figures);
    expect((await ok(worker.get(`/api/daily-reports/series?areaId=${grid1.id}&days=3`))).area.id).toBe(villageId);
    // Reading is all: submitting stays the cadre's.
    expect((await worker.post('/api/daily-reports/submit', { areaId: villageId, day: today })).statusCode).toBe(403);

    const town = (await t.db.query<AreaRow>("SELECT * FROM areas WHERE name = '毛庄镇'"))[0];
    const other = await makeArea(t.db, town, '李庄村', 'village');
    const otherGrid = await makeArea(t.db, other, '李庄一网格', 'grid');
    await makeUser(t.db, 'worker2', ['grid_worker'], otherGrid);
    const worker2 = await login(t.app, 'worker2');
    expect((await ok(worker2.get(`/api/daily-reports?areaId=${otherGrid.id}`))).area.id).toBe(other.id);
    expect((await worker2.get(`/api/daily-reports?areaId=${villageId}`)).statusCode).toBe(404);
    expect((await worker2.get(`/api/daily-reports?areaId=${grid1.id}`)).statusCode).toBe(404);
  });
});
