import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, type VaccinationFixture, vaccinationFixture } from './test-fixture';

/** Eligibility, mobilisation states, doses, call tasks and coverage over the API (issue 18 point 3). Rides: rides.test.ts. */
let f: VaccinationFixture;
beforeAll(async () => {
  f = await vaccinationFixture();
});
afterAll(() => f.t.close());

const list = async (query: string, agent = f.cadre) => ok(agent.get(`/api/vaccination/outreach?${query}`));

describe('the outreach list', () => {
  it('lists the 60+ of the caller’s area oldest first, with state and next dose; the young and other villages are not on it', async () => {
    const r = await list('band=60plus');
    expect(r.items.map((x: { residentId: number }) => x.residentId)).toEqual([f.people.old85, f.people.old65]);
    expect(r.total).toBe(2);
    expect(r.items[0]).toMatchObject({ band: '80plus', state: 'not_contacted', doses: 0, due: 'first', dueOn: f.today, areaName: '甲一村第一网格' });
    expect(r.items[1]).toMatchObject({ band: '60plus', age: 65 });
    // Phones are masked in the list.
    expect(r.items[0].phone).not.toBe('13800138000');
  });

  it('the county sees every village; the 80+ band and a state filter narrow it', async () => {
    expect((await list('band=60plus', f.command)).total).toBe(4);
    expect((await list('band=80plus', f.command)).items.map((x: { residentId: number }) => x.residentId)).toEqual([f.people.old85]);
    expect((await list('band=60plus&state=refused', f.command)).total).toBe(0);
  });

  it('an area outside the caller’s reach is refused, and a person there is not found', async () => {
    const r = await f.otherTown.get(`/api/vaccination/outreach?under=${f.villages.甲一.id}`);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields).toEqual({ under: '不存在或无权访问' });
    expect((await f.otherTown.get(`/api/vaccination/people/${f.people.old85}`)).statusCode).toBe(404);
    expect((await f.otherTown.post(`/api/vaccination/people/${f.people.old85}/contacts`, { kind: 'call', outcome: 'agreed' })).statusCode).toBe(404);
  });

  it('a person too young is on no list but has a card with no band', async () => {
    expect(await ok(f.cadre.get(`/api/vaccination/people/${f.people.young30}`))).toMatchObject({ band: null, due: null, dueNow: false });
  });
});

describe('mobilisation states', () => {
  const contact = (id: number, body: object) => f.gridWorker.post(`/api/vaccination/people/${id}/contacts`, body);

  it('a refusal without a reason is refused with why; with one the state changes, is logged and audited', async () => {
    const bad = await contact(f.people.old65, { kind: 'call', outcome: 'refused' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VACCINATION_REASON_REQUIRED', message: '拒绝接种须选择原因', fields: { reason: '必填' } });
    const card = await ok(contact(f.people.old65, { kind: 'call', outcome: 'refused', reason: 'side_effects', note: '担心副作用' }));
    expect(card).toMatchObject({ state: 'refused', reason: 'side_effects' });
    expect(card.contacts[0]).toMatchObject({ kind: 'call', outcome: 'refused', fromState: 'not_contacted', toState: 'refused' });
    const [row] = await f.t.db.query<{ before: any; after: any }>(
      `SELECT before, after FROM audit_log WHERE entity = 'vaccination_person' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [String(f.people.old65)],
    );
    expect(row.before).toMatchObject({ state: 'not_contacted' });
    expect(row.after).toMatchObject({ state: 'refused', reason: 'side_effects', outcome: 'refused' });
  });

  it('no answer leaves the state; a visit brings agreement (and a ride need)', async () => {
    expect(await ok(contact(f.people.old65, { kind: 'call', outcome: 'no_answer' }))).toMatchObject({ state: 'refused' });
    const card = await ok(contact(f.people.old65, { kind: 'visit', outcome: 'agreed', needsRide: true, wheelchair: true }));
    expect(card).toMatchObject({ state: 'agreed', reason: null, needsRide: true, wheelchair: true });
    expect(card.contacts.map((c: { outcome: string }) => c.outcome)).toEqual(['agreed', 'no_answer', 'refused']);
    expect((await list('band=60plus&state=agreed')).items.map((x: { residentId: number }) => x.residentId)).toEqual([f.people.old65]);
  });

  it('not suitable needs its contraindication, and then no dose can be recorded', async () => {
    const bad = await f.command.post(`/api/vaccination/people/${f.people.in甲二}/contacts`, { kind: 'visit', outcome: 'not_suitable' });
    expect(bad.json().error).toMatchObject({ code: 'VACCINATION_CONTRAINDICATION_REQUIRED', fields: { contraindication: '必填' } });
    const card = await ok(
      f.command.post(`/api/vaccination/people/${f.people.in甲二}/contacts`, { kind: 'visit', outcome: 'not_suitable', contraindication: 'acute_illness' }),
    );
    expect(card).toMatchObject({ state: 'not_suitable', contraindication: 'acute_illness', due: null });
    const dose = await f.command.post(`/api/vaccination/people/${f.people.in甲二}/doses`, { givenOn: f.today, product: '灭活疫苗', batch: 'B1' });
    expect(dose.statusCode).toBe(409);
    expect(dose.json().error.code).toBe('VACCINATION_NOT_SUITABLE');
  });

  it('an unknown reason is a 400, not a 500', async () => {
    const r = await contact(f.people.old65, { kind: 'call', outcome: 'refused', reason: 'because' });
    expect(r.statusCode).toBe(400);
  });
});

describe('doses', () => {
  const dose = (id: number, givenOn: string) =>
    f.gridWorker.post(`/api/vaccination/people/${id}/doses`, { givenOn, product: '新冠灭活疫苗', batch: '202612A' });

  it('a dose dated before birth or in the future is refused, with why', async () => {
    const before = await dose(f.people.old85, '1930-01-01');
    expect(before.statusCode).toBe(400);
    expect(before.json().error.code).toBe('VACCINATION_DOSE_BEFORE_BIRTH');
    expect(before.json().error.fields).toEqual({ givenOn: '不能早于出生日期' });
    const future = await dose(f.people.old85, '2099-01-01');
    expect(future.json().error).toMatchObject({ code: 'VACCINATION_DOSE_IN_FUTURE', fields: { givenOn: '不能晚于今天' } });
    expect((await ok(f.cadre.get(`/api/vaccination/people/${f.people.old85}`))).doses).toBe(0);
  });

  it('a dose today: vaccinated, numbered, the 30-minute observation and the next-day call made as tasks', async () => {
    const card = await ok(dose(f.people.old85, f.today), 201);
    expect(card).toMatchObject({ state: 'vaccinated', doses: 1, lastDoseOn: f.today, due: 'next_primary', dueNow: false });
    expect(card.dosesList[0]).toMatchObject({ doseNo: 1, givenOn: f.today, product: '新冠灭活疫苗', batch: '202612A' });
    const tasks = await f.t.db.query<{ type: string; assignee_user_id: number; due_at: Date; created_at: Date }>(
      `SELECT type, assignee_user_id, due_at, created_at FROM tasks WHERE subject_id = $1 AND type LIKE 'vaccination_%' ORDER BY type`,
      [f.people.old85],
    );
    expect(tasks.map((t) => t.type)).toEqual(['vaccination_followup', 'vaccination_observe']);
    // The follow-up goes to the grid worker of the person's grid (no party member is linked to the household).
    expect(tasks[0].assignee_user_id).toBe(f.gridWorkerId);
    const observeMinutes = (new Date(tasks[1].due_at).getTime() - new Date(tasks[1].created_at).getTime()) / 60_000;
    expect(Math.round(observeMinutes)).toBe(30);
    // The grid worker sees them in their inbox.
    const inbox = await ok(f.gridWorker.get('/api/tasks/mine?all=true'));
    expect(inbox.items.some((t: { type: string }) => t.type === 'vaccination_followup')).toBe(true);
  });

  it('a second dose on the same day is refused: doses are recorded after the last one', async () => {
    const r = await dose(f.people.old85, f.today);
    expect(r.json().error).toMatchObject({ code: 'VACCINATION_DOSE_NOT_AFTER_LAST', fields: { givenOn: '须晚于上一剂的接种日期' } });
  });
});

describe('call tasks and coverage', () => {
  it('makes a call task per due person not yet agreed, to the grid worker, once', async () => {
    const first = await ok(f.cadre.post('/api/vaccination/calls', { areaId: f.villages.甲一.id, band: '60plus' }));
    // old85 is vaccinated with the next dose not yet due; old65 agreed: nobody left to call in 甲一.
    expect(first.created).toBe(0);
    const county = await ok(f.command.post('/api/vaccination/calls', { areaId: f.t.root.id }));
    // 乙一's person (not contacted); 甲二's is not suitable.
    expect(county.created).toBe(1);
    expect((await ok(f.command.post('/api/vaccination/calls', { areaId: f.t.root.id }))).created).toBe(0);
    const [task] = await f.t.db.query<{ subject_id: number; assignee_role: string | null }>(
      `SELECT subject_id, assignee_role FROM tasks WHERE type = 'vaccination_call'`,
    );
    expect(task).toEqual({ subject_id: f.people.in乙一, assignee_role: 'grid_worker' });
    // An answer closes the call task.
    await ok(f.command.post(`/api/vaccination/people/${f.people.in乙一}/contacts`, { kind: 'call', outcome: 'agreed' }));
    const [{ status }] = await f.t.db.query<{ status: string }>(`SELECT status FROM tasks WHERE type = 'vaccination_call'`);
    expect(status).toBe('done');
  });

  it('coverage by village for 60+ and 80+, and the overview panel', async () => {
    // A second dose three weeks back would be in order only after the first: give 甲一's 65-year-old a full course.
    const d1 = new Date(Date.parse(`${f.today}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
    const d2 = new Date(Date.parse(`${f.today}T00:00:00Z`) - 5 * 86_400_000).toISOString().slice(0, 10);
    await ok(f.command.post(`/api/vaccination/people/${f.people.old65}/doses`, { givenOn: d1, product: '灭活疫苗', batch: 'A1' }), 201);
    await ok(f.command.post(`/api/vaccination/people/${f.people.old65}/doses`, { givenOn: d2, product: '灭活疫苗', batch: 'A2' }), 201);
    const { rows } = await ok(f.command.get('/api/vaccination/coverage'));
    const byName = Object.fromEntries(rows.map((r: { name: string }) => [r.name, r]));
    expect(byName.甲一村).toMatchObject({ sixty: { people: 2, vaccinated: 1, rate: 50 }, eighty: { people: 1, vaccinated: 0, rate: 0 } });
    expect(byName.乙一村).toMatchObject({ sixty: { people: 1, vaccinated: 0 }, eighty: { people: 0, rate: null } });
    expect((await ok(f.otherTown.get('/api/vaccination/coverage'))).rows.map((r: { name: string }) => r.name)).toEqual(['乙一村']);
    const o = await ok(f.command.get('/api/overview'));
    expect(o.vaccination).toMatchObject({ agreedWaiting: 1, refused: 0 });
    expect(o.vaccination.byVillage.find((v: { name: string }) => v.name === '甲一村')).toMatchObject({ rate60: 50, rate80: 0 });
  });
});
