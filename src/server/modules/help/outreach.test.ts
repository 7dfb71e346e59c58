import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../../testing/harness';
import { type HelpFixture, helpFixture, ok } from './test-fixture';

/**
 * Proactive care calls (主动关怀): who is on the day's lists, to whom each call goes, outcomes with retries, a need
 * becoming a request, the health lists hidden from those without residents.health, and nothing across villages.
 */
describe('care calls', () => {
  let f: HelpFixture;
  let grandma: number;
  let dialysis: number;
  let tomorrow: string;
  const person = async (name: string, over: Record<string, unknown>, household = f.household) =>
    (await ok(f.root.post('/api/residents', { householdId: household, name, idType: 'none', movedInOn: '2024-01-01', phone: '13700001111', ...over }), 201))
      .id as number;

  beforeAll(async () => {
    f = await helpFixture();
    tomorrow = new Date(Date.parse(f.today) + 86_400_000).toISOString().slice(0, 10);
    // In the mother's household (which has a linked party member): an old woman living alone by the registry.
    grandma = await person('王秀英', { birthDate: '1940-03-02', groups: ['alone'] });
    // Living alone but young: not on the elderly list.
    await person('张小军', { birthDate: '1995-05-05', groups: ['alone'] });
    // In another household of the grid with no linked member: a dialysis patient (a health list), for the grid's worker.
    const h2 = (await ok(f.root.post('/api/households', { areaId: f.grid1.id, address: '王隆集村 1 组 9 号' }), 201)).id as number;
    dialysis = await person('赵建国', { birthDate: '1960-01-01', groups: ['dialysis'] }, h2);
    // A sibling village's old woman living alone: her calls are village 2's.
    const h3 = (await ok(f.root.post('/api/households', { areaId: f.village2.id, address: '李集村 3 号' }), 201)).id as number;
    await person('孙桂兰', { birthDate: '1938-08-08', groups: ['alone'] }, h3);
    await makeUser(f.t.db, 'gridworker', ['grid_worker'], f.grid1);
  }, 120_000);
  afterAll(() => f.t.close());

  const calls = async (agent = f.cadre, q = '') => (await ok(agent.get(`/api/help/outreach/calls?state=&limit=50${q}`.replace('state=&', '')))).items as any[];

  it("makes the day's calls once, each for the household's member or the grid's worker", async () => {
    const first = await ok(f.command.post('/api/help/outreach/prepare', { areaId: f.town.id }));
    expect(first).toEqual({ day: f.today, created: 3 });
    expect(await ok(f.command.post('/api/help/outreach/prepare', { areaId: f.town.id }))).toEqual({ day: f.today, created: 0 });
    const mine = await calls(f.cadre);
    expect(mine.map((c) => [c.residentId, c.lists]).sort()).toEqual(
      [
        [grandma, ['elderly_alone']],
        [dialysis, ['dialysis']],
      ].sort(),
    );
    // Names and phones are masked in the list, like every list.
    const g = mine.find((c) => c.residentId === grandma);
    expect(g).toMatchObject({ name: '王*英', phone: '137****1111', outcome: null });
    expect(JSON.stringify(mine)).not.toContain('13700001111');
    // The task went to the linked member for grandma, to the grid's worker for the dialysis patient.
    const tasks = await f.t.db.query<{ subject_id: number; assignee_user_id: number | null; username: string | null }>(
      `SELECT t.subject_id, t.assignee_user_id, u.username FROM tasks t LEFT JOIN users u ON u.id = t.assignee_user_id WHERE t.type = 'help_outreach_call'`,
    );
    const byCall = new Map(tasks.map((t) => [t.subject_id, t.username]));
    expect(byCall.get(g.id)).toBe('member');
    expect(byCall.get(mine.find((c) => c.residentId === dialysis).id)).toBe('gridworker');
    // Prepare for a day gone is refused.
    const past = await f.command.post('/api/help/outreach/prepare', { areaId: f.town.id, day: '2020-01-01' });
    expect(past.statusCode).toBe(400);
  });

  it('counts per list, and hides the health lists from a role without residents.health', async () => {
    const lists = (await ok(f.cadre.get('/api/help/outreach/lists'))).items as any[];
    expect(lists.find((l) => l.code === 'elderly_alone')).toMatchObject({ people: 1, called: 0, needs: 0, health: false });
    expect(lists.find((l) => l.code === 'dialysis')).toMatchObject({ people: 1, health: true });
    // The linked party member (a volunteer) makes care calls but holds no residents.health.
    const desk = f.member;
    const seen = (await ok(desk.get('/api/help/outreach/lists'))).items.map((l: any) => l.code);
    expect(seen).toEqual(['elderly_alone']);
    const deskCalls = await calls(desk);
    expect(deskCalls.map((c) => c.residentId)).toEqual([grandma]);
    expect((await desk.get('/api/help/outreach/calls?list=dialysis')).statusCode).toBe(400);
    const dialysisCall = (await calls(f.cadre)).find((c) => c.residentId === dialysis);
    expect((await desk.post(`/api/help/outreach/calls/${dialysisCall.id}`, { outcome: 'well' })).statusCode).toBe(404);
  });

  it('not reached may be tried again; well ends the call and its task; a second answer is refused', async () => {
    const g = (await calls(f.cadre)).find((c) => c.residentId === grandma);
    const first = await ok(f.member.post(`/api/help/outreach/calls/${g.id}`, { outcome: 'unreachable' }));
    expect(first.call).toMatchObject({ outcome: 'unreachable', attempts: 1 });
    const second = await ok(f.cadre.post(`/api/help/outreach/calls/${g.id}`, { outcome: 'well', note: '身体好，米面够吃一周' }));
    expect(second.call).toMatchObject({ outcome: 'well', attempts: 2, note: '身体好，米面够吃一周' });
    const [task] = await f.t.db.query<{ status: string }>(`SELECT status FROM tasks WHERE type = 'help_outreach_call' AND subject_id = $1`, [g.id]);
    expect(task.status).toBe('done');
    const again = await f.cadre.post(`/api/help/outreach/calls/${g.id}`, { outcome: 'declined' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('OUTREACH_ALREADY_CALLED');
  });

  it('a need found becomes a request of the person on the outreach channel, on the triage board', async () => {
    const d = (await calls(f.cadre)).find((c) => c.residentId === dialysis);
    const missing = await f.cadre.post(`/api/help/outreach/calls/${d.id}`, { outcome: 'need' });
    expect(missing.statusCode).toBe(400);
    const r = await ok(
      f.cadre.post(`/api/help/outreach/calls/${d.id}`, { outcome: 'need', need: { kind: 'dialysis_chemo', need: '周三透析需要车送到县医院', tier: 'h24' } }),
    );
    expect(r.requestCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(r.call).toMatchObject({ outcome: 'need', requestCode: r.requestCode });
    const [req] = await f.t.db.query<{ channel: string; resident_id: number; kind: string; queue: string }>(
      'SELECT channel, resident_id, kind, queue FROM help_requests WHERE code = $1',
      [r.requestCode],
    );
    expect(req).toEqual({ channel: 'outreach', resident_id: dialysis, kind: 'dialysis_chemo', queue: 'assess' });
    const board = await ok(f.doctor.get('/api/help/board?kind=dialysis_chemo&step=assess'));
    expect(board.items.map((i: any) => i.code)).toContain(r.requestCode);
    const lists = (await ok(f.cadre.get('/api/help/outreach/lists'))).items as any[];
    expect(lists.find((l) => l.code === 'dialysis')).toMatchObject({ people: 1, called: 1, needs: 1 });
    // The overview's help panel carries the day's care calls: grandma (well) and the dialysis patient (a need).
    const overview = await ok(f.command.get(`/api/overview?areaId=${f.village.id}`));
    expect(overview.help.careCalls).toEqual({ people: 2, called: 2, needs: 1 });
  });

  it("the daily report's help line counts the day's requests and care calls, rolled up to the town", async () => {
    const line = (fig: Record<string, number>) =>
      Object.fromEntries(['help.received', 'help.closed', 'help.closedInTime', 'help.careCalls', 'help.careNeeds'].map((k) => [k, fig[k]]));
    const village = (await ok(f.cadre.get(`/api/daily-reports?areaId=${f.village.id}`))).figures;
    expect(line(village)).toEqual({ 'help.received': 1, 'help.closed': 0, 'help.closedInTime': 0, 'help.careCalls': 2, 'help.careNeeds': 1 });
    // A request closed as impossible today counts as closed, within its deadline.
    const rec = await ok(
      f.cadre.post('/api/help/requests', { kind: 'other', need: '想换个灯泡', channel: 'phone', areaId: f.village.id, phone: '13600002222' }),
      201,
    );
    await ok(f.cadre.post(`/api/help/requests/${rec.request.id}/close`, { outcome: 'impossible', reason: '已转交物业' }));
    const town = (await ok(f.command.get(`/api/daily-reports?areaId=${f.town.id}`))).figures;
    expect(line(town)).toEqual({ 'help.received': 2, 'help.closed': 1, 'help.closedInTime': 1, 'help.careCalls': 2, 'help.careNeeds': 1 });
  });

  it("another village's cadre sees and records none of these calls", async () => {
    const mine = await calls(f.cadre);
    const theirs = await calls(f.cadre2);
    expect(theirs.map((c) => c.name)).toEqual(['孙*兰']);
    for (const c of mine) expect((await f.cadre2.post(`/api/help/outreach/calls/${c.id}`, { outcome: 'well' })).statusCode).toBe(404);
    expect((await f.cadre2.get(`/api/help/outreach/calls?under=${f.village.id}`)).statusCode).toBe(400);
  });

  it("tomorrow's list skips those reached within a list's interval, and leaves today's calls to be made", async () => {
    await f.t.db.query(`UPDATE help_outreach_lists SET every_days = 2 WHERE code = 'elderly_alone'`);
    const made = await ok(f.command.post('/api/help/outreach/prepare', { areaId: f.town.id, day: tomorrow }));
    // Grandma (reached today, every 2 days) is skipped; 孙桂兰 (on the list today but not reached) and the dialysis
    // patient (every day) are called again.
    expect(made).toEqual({ day: tomorrow, created: 2 });
    // Prepared the evening before, tomorrow's list closes none of today's calls still to make (孙桂兰's).
    const [open] = await f.t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM tasks t JOIN help_outreach_calls c ON c.id = t.subject_id
        WHERE t.type = 'help_outreach_call' AND c.day = $1 AND t.status = 'open'`,
      [f.today],
    );
    expect(open.n).toBe(1);
    // A call of another day cannot be recorded today.
    const [next] = await f.t.db.query<{ id: number }>('SELECT id FROM help_outreach_calls WHERE day = $1 AND resident_id = $2', [tomorrow, dialysis]);
    const early = await f.cadre.post(`/api/help/outreach/calls/${next.id}`, { outcome: 'well' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('OUTREACH_NOT_TODAY');
  });
});
