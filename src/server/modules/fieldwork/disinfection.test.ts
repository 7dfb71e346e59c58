import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FIELDWORK_POLICY } from '../../../domain/fieldwork/defaults';
import { type FieldworkFixture, fieldworkFixture, ok, work } from './test-fixture';
import { sweepNewCases } from './terminal';

/** Disinfection (消杀, issue 18 point 1): terminal jobs made by cases, a job's rules, rounds, figures and the report's line. */
let f: FieldworkFixture;
beforeAll(async () => {
  f = await fieldworkFixture();
});
afterAll(() => f.t.close());

const openCase = (residentId: number) =>
  ok(f.admin.post('/api/tracing/cases', { residentId, classification: 'confirmed', reportedOn: f.today, foundBy: 'fever_clinic' }), 201);

describe('the policy', () => {
  it('the migration seeds the same policy as the domain defaults', async () => {
    expect(await ok(f.cadre.get('/api/fieldwork/policy'))).toEqual(DEFAULT_FIELDWORK_POLICY);
  });
});

describe('terminal disinfection after a case', () => {
  it('a case opened gets one terminal job at its home, due within the policy’s hours, with an urgent task — once', async () => {
    const c = await openCase(f.residents.a1);
    const made = await sweepNewCases(f.t.db);
    expect(made).toBe(1);
    // The sweep runs again (the schedule, a second process): nothing more.
    expect(await sweepNewCases(f.t.db)).toBe(0);
    const { items } = await ok(f.cadre.get('/api/fieldwork/disinfection/jobs?kind=terminal'));
    expect(items).toHaveLength(1);
    const job = items[0];
    expect(job).toMatchObject({ kind: 'terminal', status: 'planned', caseId: c.id, areaId: f.grid.id, overdue: false });
    // The address is cut in the list, whole on the job's own page.
    expect(job.address).not.toContain('1 号');
    const detail = await ok(f.cadre.get(`/api/fieldwork/disinfection/jobs/${job.id}`));
    expect(detail.address).toBe('甲镇甲一村一组 1 号');
    const hours = (Date.parse(job.dueAt) - Date.parse(job.createdAt)) / 3_600_000;
    expect(Math.round(hours)).toBe(DEFAULT_FIELDWORK_POLICY.terminalDeadlineHours);
    const tasks = (await ok(f.cadre.get('/api/tasks?pageSize=100'))).items.filter(
      (t: { subject: { kind: string } | null }) => t.subject?.kind === 'disinfection_job',
    );
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ type: 'disinfection_job', priority: 'urgent', subject: { kind: 'disinfection_job', id: job.id } });
    // The inbox refuses a bare "done": the job is done by recording it.
    const bare = await f.cadre.post(`/api/tasks/${tasks[0].id}/done`, {});
    expect(bare.json().error.code).toBe('TASK_NEEDS_DISINFECTION_RECORD');
    // Another town's cadre sees none of it.
    expect((await ok(f.other.get('/api/fieldwork/disinfection/jobs'))).total).toBe(0);
    expect((await f.other.get(`/api/fieldwork/disinfection/jobs/${job.id}`)).statusCode).toBe(404);
  });

  it('a terminal job is not closed without an after-photo; with one it is, its task done, and only once', async () => {
    const [job] = (await ok(f.cadre.get('/api/fieldwork/disinfection/jobs?kind=terminal'))).items;
    const before = await f.photo(f.worker);
    const refused = await f.worker.post(`/api/fieldwork/disinfection/jobs/${job.id}/done`, work({ beforePhotoIds: [before] }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'FIELDWORK_AFTER_PHOTO', fields: { afterPhotoIds: '必填' } });
    const en = await f.worker.request({
      method: 'POST',
      url: `/api/fieldwork/disinfection/jobs/${job.id}/done`,
      payload: work(),
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().error.message).toBe('A terminal disinfection needs a photo taken after it before it can be recorded done');
    const after = await f.photo(f.worker);
    const done = await ok(f.worker.post(`/api/fieldwork/disinfection/jobs/${job.id}/done`, work({ beforePhotoIds: [before], afterPhotoIds: [after] })));
    expect(done).toMatchObject({ status: 'done', areaM2: 1200, teamName: '甲一村消杀队', method: 'spray' });
    expect(done.beforePhotos).toHaveLength(1);
    expect(done.afterPhotos).toHaveLength(1);
    const again = await f.worker.post(`/api/fieldwork/disinfection/jobs/${job.id}/done`, work({ afterPhotoIds: [await f.photo(f.worker)] }));
    expect(again.statusCode).toBe(409);
    const tasks = (await ok(f.cadre.get('/api/tasks?pageSize=100&status=done'))).items.filter(
      (t: { subject: { kind: string } | null }) => t.subject?.kind === 'disinfection_job',
    );
    expect(tasks).toHaveLength(1);
  });
});

describe('a job’s validation', () => {
  const job = (extra: Record<string, unknown>) => ({ kind: 'routine', areaId: f.grid.id, place: '村委会广场', ...work(), ...extra });

  it('refuses a negative, zero or absurd area, and a time in the future, each naming its field', async () => {
    for (const areaM2 of [-5, 0, 10_000_000]) {
      const r = await f.worker.post('/api/fieldwork/disinfection/jobs', job({ areaM2 }));
      expect(r.statusCode).toBe(400);
      expect(r.json().error).toMatchObject({ code: 'FIELDWORK_AREA_RANGE', fields: { areaM2: '面积须大于 0 且在合理范围内' } });
    }
    const future = await f.worker.post('/api/fieldwork/disinfection/jobs', job({ doneAt: new Date(Date.now() + 3_600_000).toISOString() }));
    expect(future.statusCode).toBe(400);
    expect(future.json().error).toMatchObject({ code: 'FIELDWORK_FUTURE', message: '时间不能晚于现在', fields: { doneAt: '不能晚于今天' } });
    const noTeam = await f.worker.post('/api/fieldwork/disinfection/jobs', job({ teamName: undefined }));
    expect(noTeam.json().error.code).toBe('FIELDWORK_TEAM');
    // A place outside the worker's reach is not found.
    const outside = await f.worker.post('/api/fieldwork/disinfection/jobs', job({ areaId: f.villages.甲二.id }));
    expect(outside.json().error.fields).toEqual({ areaId: '不存在或无权访问' });
    expect((await ok(f.cadre.get('/api/fieldwork/disinfection/jobs?kind=routine'))).total).toBe(0);
  });

  it('records a routine job done on the spot, with its place and position, and counts it in the figures and the daily report', async () => {
    const r = await ok(f.worker.post('/api/fieldwork/disinfection/jobs', job({ areaM2: 800.5, latitude: 34.1, longitude: 115.2, accuracyM: 12 })), 201);
    expect(r).toMatchObject({ kind: 'routine', status: 'done', place: '村委会广场', areaM2: 800.5, latitude: 34.1 });
    const figures = await ok(f.cadre.get(`/api/fieldwork/disinfection/figures?from=${f.today}&to=${f.today}`));
    expect(figures.jobs).toBe(2);
    expect(figures.areaM2).toBe(1200 + 801);
    const report = await ok(f.cadre.get(`/api/daily-reports?areaId=${f.villages.甲一.id}`));
    expect(report.figures['disinfection.jobs']).toBe(2);
    expect(report.figures['disinfection.areaM2']).toBe(2001);
    const town = await ok(f.command.get(`/api/daily-reports?areaId=${f.towns.甲.id}`));
    expect(town.figures['disinfection.jobs']).toBe(2);
    const other = await ok(f.other.get(`/api/fieldwork/disinfection/figures?from=${f.today}&to=${f.today}`));
    expect(other).toEqual({ rows: [], jobs: 0, areaM2: 0 });
  });
});

describe('rounds of routine disinfection', () => {
  it('plans places × dates as jobs, each a task of the team; a job recorded done closes its task', async () => {
    const tomorrow = new Date(Date.parse(f.today) + 86_400_000).toISOString().slice(0, 10);
    const round = await ok(
      f.cadre.post('/api/fieldwork/disinfection/rounds', {
        name: '公共场所每日消杀',
        areaId: f.villages.甲一.id,
        teamName: '甲一村消杀队',
        places: [
          { name: '村委会', areaId: f.villages.甲一.id },
          { name: '超市门口', areaId: f.grid.id },
        ],
        dates: [f.today, tomorrow],
      }),
      201,
    );
    expect(round).toMatchObject({ jobs: 4, done: 0, startsOn: f.today, endsOn: tomorrow });
    const planned = (await ok(f.cadre.get('/api/fieldwork/disinfection/jobs?status=planned&kind=routine'))).items;
    expect(planned).toHaveLength(4);
    const first = planned.find((j: { plannedOn: string }) => j.plannedOn === f.today);
    await ok(f.worker.post(`/api/fieldwork/disinfection/jobs/${first.id}/done`, { disinfectant: '过氧乙酸', method: 'mist', areaM2: 300 }));
    expect((await ok(f.cadre.get('/api/fieldwork/disinfection/rounds'))).items[0]).toMatchObject({ jobs: 4, done: 1, teamName: '甲一村消杀队' });
    const outside = await f.cadre.post('/api/fieldwork/disinfection/rounds', {
      name: '越界',
      areaId: f.villages.甲一.id,
      teamName: '队',
      places: [{ name: '别村', areaId: f.villages.甲二.id }],
      dates: [f.today],
    });
    expect(outside.statusCode).toBe(400);
  });
});

describe('teams of the volunteers module', () => {
  it('a round for a registered team puts each job in the team’s inbox; a team out of reach is not found', async () => {
    const team = await ok(f.admin.post('/api/teams', { kind: 'service_team', name: '甲一村消杀突击队', areaId: f.villages.甲一.id }), 201);
    const farTeam = await ok(f.admin.post('/api/teams', { kind: 'service_team', name: '乙镇消杀队', areaId: f.towns.乙.id }), 201);
    const round = await ok(
      f.cadre.post('/api/fieldwork/disinfection/rounds', {
        name: '学校消杀',
        areaId: f.villages.甲一.id,
        teamId: team.id,
        places: [{ name: '村小学', areaId: f.villages.甲一.id }],
        dates: [f.today],
      }),
      201,
    );
    expect(round).toMatchObject({ teamId: team.id, teamName: '甲一村消杀突击队', jobs: 1 });
    const tasks = (await ok(f.cadre.get('/api/tasks?pageSize=100'))).items.filter(
      (t: { subject: { kind: string } | null; assignee: { teamId: number | null } }) => t.subject?.kind === 'disinfection_job' && t.assignee.teamId === team.id,
    );
    expect(tasks).toHaveLength(1);
    const far = await f.cadre.post('/api/fieldwork/disinfection/jobs', {
      kind: 'routine',
      areaId: f.villages.甲一.id,
      place: '村委会',
      ...work({ teamName: undefined, teamId: farTeam.id }),
    });
    expect(far.json().error.fields).toEqual({ teamId: '不存在或无权访问' });
    const both = await f.cadre.post('/api/fieldwork/disinfection/jobs', {
      kind: 'routine',
      areaId: f.villages.甲一.id,
      place: '村委会',
      ...work({ teamId: team.id }),
    });
    expect(both.json().error.code).toBe('FIELDWORK_TEAM');
  });
});

describe('the overview’s field-work panel', () => {
  it('shows today’s jobs and m², planned jobs and no overdue terminal job', async () => {
    const o = await ok(f.command.get(`/api/overview?areaId=${f.towns.甲.id}`));
    expect(o.fieldwork).toMatchObject({ jobsToday: 3, areaM2Today: 2301, terminalOverdue: 0, planned: 4 });
    const far = await ok(f.command.get(`/api/overview?areaId=${f.towns.乙.id}`));
    expect(far.fieldwork).toBeNull();
  });
});
