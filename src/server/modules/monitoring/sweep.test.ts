import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/policy/rules';
import { todayIn } from '../../platform/dates';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import { sweep, writeFollowUpsAhead } from './sweep';

/** The sweep: measures past their end → release check with a task; missed follow-ups → one task each, once. */
let t: TestApp;
let cadre: Agent;
let worker: Agent;
let doctor: Agent;
let workerId: number;
let today: string;
const residents: number[] = [];

const ok = async (r: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) => {
  const x = await r;
  expect(x.statusCode, x.body).toBe(status);
  return x.json();
};

beforeAll(async () => {
  t = await testApp();
  today = todayIn(t.app.timeZone);
  const village = await makeArea(t.db, t.root, '王隆集村', 'village');
  const grid = await makeArea(t.db, village, '一网格', 'grid');
  await makeUser(t.db, 'cadre', ['cadre'], village);
  workerId = await makeUser(t.db, 'worker', ['grid_worker'], grid);
  const doctorId = await makeUser(t.db, 'doctor', ['doctor'], village);
  [cadre, worker, doctor] = await Promise.all(['cadre', 'worker', 'doctor'].map((u) => login(t.app, u)));
  const household = (await ok(cadre.post('/api/households', { areaId: grid.id, address: '王隆集村 3 组 12 号' }), 201)).id;
  for (const name of ['张三', '李四', '王五'])
    residents.push((await ok(cadre.post('/api/residents', { householdId: household, name, idType: 'none', movedInOn: '2024-01-01' }), 201)).id);
  // Three active measures through the API (the policy in force: high-risk arrivals, 7 days home isolation).
  for (const [i, r] of residents.entries()) {
    const { measure } = await ok(
      cadre.post('/api/measures', {
        residentId: r,
        situation: { originRiskLevel: 'high', arrivedOn: today },
        doctorId,
        gridWorkerId: i < 2 ? workerId : undefined,
      }),
      201,
    );
    await ok(cadre.post(`/api/measures/${measure.id}/confirm`));
    await ok(cadre.post(`/api/measures/${measure.id}/start`));
  }
});
afterAll(() => t.close());

describe('the monitoring sweep', () => {
  it('moves measures past their end to release check with a task, and turns missed follow-ups into tasks, once', async () => {
    const measures = (await ok(cadre.get('/api/measures?state=active'))).items.sort((a: any, b: any) => a.id - b.id);
    expect(measures).toHaveLength(3);
    // The first ended yesterday; the second ends today (not past); the third ended yesterday and names no grid worker.
    await t.db.query(`UPDATE measures SET starts_on = $2, ends_on = $3 WHERE id = ANY($1::int[])`, [
      [measures[0].id, measures[2].id],
      addDays(today, -8),
      addDays(today, -1),
    ]);
    await t.db.query(`UPDATE measures SET ends_on = $2 WHERE id = $1`, [measures[1].id, today]);
    // Two follow-ups of the second measure were missed (their window is over); one already has a task.
    const fus = (await ok(doctor.get(`/api/follow-ups?measureId=${measures[1].id}&status=scheduled&pageSize=200`))).items;
    const [missed, tasked] = fus;
    for (const [f, hours] of [
      [missed, 6],
      [tasked, 7],
    ] as const) {
      await t.db.query(
        `UPDATE follow_ups SET due_at = now() - make_interval(hours => $2), window_ends_at = now() - make_interval(hours => $2 - 4) WHERE id = $1`,
        [f.id, hours],
      );
    }
    await t.db.query(
      `INSERT INTO tasks (type, title, subject_kind, subject_id, area_id, area_path, assignee_role) SELECT 'follow_up', '已有', 'follow_up', id, area_id, area_path, 'grid_worker' FROM follow_ups WHERE id = $1`,
      [tasked.id],
    );

    const first = await sweep(t.db, { timeZone: t.app.timeZone });
    expect(first).toMatchObject({ releaseChecks: 2, missedFollowUpTasks: 1 });
    const states = Object.fromEntries((await t.db.query<{ id: number; state: string }>('SELECT id, state FROM measures')).map((m) => [m.id, m.state]));
    expect([states[measures[0].id], states[measures[1].id], states[measures[2].id]]).toEqual(['release_check', 'active', 'release_check']);

    const mine = (await ok(worker.get('/api/tasks/mine'))).items;
    // The grid worker sees both: the first as its worker, the third through the role at its area.
    expect(
      mine
        .filter((x: any) => x.type === 'release_check')
        .map((x: any) => x.subject.id)
        .sort(),
    ).toEqual([measures[0].id, measures[2].id]);
    const followUpTask = mine.find((x: any) => x.type === 'follow_up' && x.subject.id === missed.id);
    expect(followUpTask).toMatchObject({ priority: 'high', title: expect.stringContaining('随访未完成：李四'), assignee: { userId: workerId } });
    // The measure without a grid worker: the role at its area.
    const [roleTask] = await t.db.query<{ assignee_role: string }>("SELECT assignee_role FROM tasks WHERE type = 'release_check' AND subject_id = $1", [
      measures[2].id,
    ]);
    expect(roleTask.assignee_role).toBe('grid_worker');

    // A second sweep finds nothing new: one task per missed follow-up, ever.
    expect(await sweep(t.db, { timeZone: t.app.timeZone })).toMatchObject({ releaseChecks: 0, missedFollowUpTasks: 0 });

    // Audited as the system; the release check then follows its usual path.
    const trail = await t.db.query<{ action: string; actor_name: string }>(
      "SELECT action, actor_name FROM audit_log WHERE actor_name = 'system:sweep' ORDER BY id",
    );
    expect(trail.map((r) => r.action).sort()).toEqual(['missed', 'release_check', 'release_check']);
    expect((await ok(cadre.post(`/api/measures/${measures[0].id}/release`, {}))).state).toBe('released');

    // Recording the missed follow-up late closes its task.
    await ok(doctor.post(`/api/follow-ups/${missed.id}/record`, { temperature: 36.4 }));
    expect((await ok(worker.get('/api/tasks/mine'))).items.find((x: any) => x.subject?.id === missed.id && x.type === 'follow_up')).toBeUndefined();
  });

  it('writes follow-ups a horizon ahead (today and tomorrow), and each next day as the days pass, never past the end', async () => {
    const [{ household_id: householdId }] = await t.db.query<{ household_id: number }>('SELECT household_id FROM residents WHERE id = $1', [residents[0]]);
    const resident = (await ok(cadre.post('/api/residents', { householdId, name: '赵六', idType: 'none', movedInOn: '2024-01-01' }), 201)).id;
    const { measure } = await ok(
      cadre.post('/api/measures', { residentId: resident, situation: { originRiskLevel: 'high', arrivedOn: today }, gridWorkerId: workerId }),
      201,
    );
    await ok(cadre.post(`/api/measures/${measure.id}/confirm`));
    await ok(cadre.post(`/api/measures/${measure.id}/start`));
    const days = async () =>
      [...new Set((await ok(cadre.get(`/api/follow-ups?measureId=${measure.id}&pageSize=200`))).items.map((f: any) => f.day as string))].sort();
    expect(measure.endsOn > addDays(today, 2)).toBe(true);
    // Today's slots whose window is over are skipped, so today may be missing late in the local day.
    expect((await days()).at(-1)).toBe(addDays(today, 1));

    const tomorrow = await sweep(t.db, { timeZone: t.app.timeZone, today: addDays(today, 1) });
    expect(tomorrow.followUpsWritten).toBe(2);
    expect((await days()).at(-1)).toBe(addDays(today, 2));
    expect((await sweep(t.db, { timeZone: t.app.timeZone, today: addDays(today, 1) })).followUpsWritten).toBe(0);

    // A longer horizon writes further; nothing is ever written past the measure's end.
    await sweep(t.db, { timeZone: t.app.timeZone, today: addDays(today, 1), horizonDays: 30 });
    expect((await days()).at(-1)).toBe(measure.endsOn);
  });

  it('writes ahead in batches side by side, each measure taken by one of them and written once', async () => {
    const until = addDays(today, 1);
    // Every measure live again for a few days, its follow-ups written ahead the usual way: what to expect.
    await t.db.query(`UPDATE measures SET state = 'active', ends_on = $1 WHERE state = 'release_check'`, [addDays(today, 3)]);
    await t.db.query('DELETE FROM follow_up_horizons');
    await t.db.query(`DELETE FROM follow_ups WHERE status = 'scheduled' AND due_at > now()`);
    await writeFollowUpsAhead(t.db, { today, until, timeZone: t.app.timeZone });
    const live = await t.db.query<{ id: number }>(`SELECT id FROM measures WHERE state = 'active' ORDER BY id`);
    expect(live.length).toBe(3);
    const ids = live.map((m) => m.id);
    const before = await t.db.query<{ measure_id: number; n: number }>(
      `SELECT measure_id, count(*)::int AS n FROM follow_ups WHERE measure_id = ANY($1::int[]) AND status = 'scheduled' AND due_at > now()
        GROUP BY measure_id ORDER BY measure_id`,
      [ids],
    );
    expect(before).toHaveLength(3);
    // Forget what was written ahead, then write it again: one measure a batch, two batches at once.
    await t.db.query(`DELETE FROM follow_ups WHERE measure_id = ANY($1::int[]) AND status = 'scheduled' AND due_at > now()`, [ids]);
    await t.db.query('DELETE FROM follow_up_horizons WHERE measure_id = ANY($1::int[])', [ids]);
    const written = await writeFollowUpsAhead(t.db, { today, until, timeZone: t.app.timeZone }, { workers: 2, batch: 1 });
    const after = await t.db.query<{ measure_id: number; n: number }>(
      `SELECT measure_id, count(*)::int AS n FROM follow_ups WHERE measure_id = ANY($1::int[]) AND status = 'scheduled' AND due_at > now()
        GROUP BY measure_id ORDER BY measure_id`,
      [ids],
    );
    expect(after).toEqual(before);
    expect(written).toBe(before.reduce((s, r) => s + r.n, 0));
    const horizons = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM follow_up_horizons WHERE measure_id = ANY($1::int[])', [ids]);
    expect(horizons[0].n).toBe(ids.length);
    // Nothing is left to write: a second run writes nothing.
    expect(await writeFollowUpsAhead(t.db, { today, until, timeZone: t.app.timeZone }, { workers: 2, batch: 1 })).toBe(0);
  });
});
