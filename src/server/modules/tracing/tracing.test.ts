import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/policy/rules';
import { type TracingFixture, ok, positivePoolRetest, singleTubeResult, tracingFixture } from './test-fixture';

/** Contact tracing, first slice (issue 16, points 1–3): cases, trajectories, contacts placed under policy. */
let f: TracingFixture;
beforeAll(async () => {
  f = await tracingFixture();
});
afterAll(() => f.t.close());

const caseBody = (residentId: number, extra: object = {}) => ({
  residentId,
  classification: 'confirmed',
  testedOn: addDays(f.today, -1),
  reportedOn: f.today,
  foundBy: 'fever_clinic',
  isolatedAt: '县集中隔离点',
  isolatedOn: f.today,
  ...extra,
});
const hoursUntil = (at: string) => Math.round((Date.parse(at) - Date.now()) / 3_600_000);

describe('cases', () => {
  it('only tracing roles reach the routes: a grid worker is refused, a cadre and the command center read', async () => {
    expect((await f.worker1.get('/api/tracing/cases')).statusCode).toBe(403);
    expect((await f.worker1.post('/api/tracing/cases', caseBody(f.people.赵一))).statusCode).toBe(403);
    await ok(f.cadre.get('/api/tracing/cases'));
    await ok(f.command.get('/api/tracing/cases'));
  });

  it('an impossible order of dates is refused with the fields named; an unknown classification too; nothing written', async () => {
    const after = await f.cadre.post('/api/tracing/cases', caseBody(f.people.赵一, { testedOn: f.today, reportedOn: addDays(f.today, -1) }));
    expect(after.statusCode).toBe(422);
    expect(after.json().error).toMatchObject({ code: 'TRACING_CASE_DATES', fields: { testedOn: '不能晚于报告日期' } });
    const future = await f.cadre.post('/api/tracing/cases', caseBody(f.people.赵一, { onsetOn: addDays(f.today, 2) }));
    expect(future.json().error).toMatchObject({ code: 'TRACING_CASE_DATES', fields: { onsetOn: '不能晚于今天' } });
    const unknown = await f.cadre.post('/api/tracing/cases', caseBody(f.people.赵一, { classification: 'probable' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'TRACING_CLASSIFICATION', fields: { classification: '不在现行政策的分类中' } });
    expect((await f.cadre.post('/api/tracing/cases', caseBody(999_999))).json().error.fields).toEqual({ residentId: '不存在或无权访问' });
    expect(await f.t.db.query('SELECT id FROM tracing_cases')).toEqual([]);
  });

  it('a case is opened, listed with the name masked, changed, audited; a second case for the person is refused', async () => {
    const c = await ok(f.cadre.post('/api/tracing/cases', caseBody(f.people.赵一)), 201);
    expect(c).toMatchObject({ name: '赵一', classification: 'confirmed', classificationName: { zh: '确诊病例' }, reportedOn: f.today, contacts: [] });
    const list = await ok(f.command.get('/api/tracing/cases'));
    expect(list.items).toEqual([expect.objectContaining({ id: c.id, name: '赵*', foundBy: 'fever_clinic' })]);
    expect((await f.cadre.post('/api/tracing/cases', caseBody(f.people.赵一))).statusCode).toBe(409);
    const changed = await ok(f.cadre.patch(`/api/tracing/cases/${c.id}`, { classification: 'asymptomatic', onsetOn: null }));
    expect(changed.classification).toBe('asymptomatic');
    expect((await f.cadre.patch(`/api/tracing/cases/${c.id}`, { testedOn: addDays(f.today, 1) })).statusCode).toBe(422);
    const trail = await f.t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity = 'tracing_case' AND entity_id = $1 ORDER BY id`, [
      String(c.id),
    ]);
    expect(trail.map((r) => r.action)).toEqual(['create', 'update']);
  });

  it('a positive single-tube result opens a case (once); a negative one does not', async () => {
    const positive = await singleTubeResult(f, f.people.钱一, 'positive');
    const negative = await singleTubeResult(f, f.people.钱二, 'negative');
    const c = await ok(f.cadre.post(`/api/tracing/cases/from-sampling-result/${positive}`, {}), 201);
    expect(c).toMatchObject({ residentId: f.people.钱一, samplingResultId: positive, classification: 'confirmed', testedOn: f.today, reportedOn: f.today });
    const again = await ok(f.cadre.post(`/api/tracing/cases/from-sampling-result/${positive}`, {}));
    expect(again.id).toBe(c.id);
    expect((await f.cadre.post(`/api/tracing/cases/from-sampling-result/${negative}`, {})).statusCode).toBe(404);
    expect((await f.cadre.post('/api/tracing/cases/from-sampling-result/999999', {})).statusCode).toBe(404);
  });

  it('the positives board offers the retest of a held pool member; the case opened from it was found by the pool retest', async () => {
    const roundId = await positivePoolRetest(f, f.people.孙四, f.people.孙三);
    const flags = (await ok(f.command.get(`/api/sampling/rounds/${roundId}/positives`))).items;
    const confirmed = flags.find((x: any) => x.residentId === f.people.孙四);
    expect(confirmed).toMatchObject({ status: 'confirmed', retestResultId: expect.any(Number) });
    expect(flags.find((x: any) => x.residentId === f.people.孙三)).toMatchObject({ status: 'held', retestResultId: null });
    const c = await ok(f.command.post(`/api/tracing/cases/from-sampling-result/${confirmed.retestResultId}`, { classification: 'asymptomatic' }), 201);
    expect(c).toMatchObject({ residentId: f.people.孙四, foundBy: 'pool_retest', classification: 'asymptomatic' });
    // The pool's own result is not a single tube: no case from it.
    const [pool] = await f.t.db.query<{ id: number }>(
      'SELECT r.id FROM sampling_results r JOIN sampling_tubes t ON t.id = r.tube_id WHERE t.round_id = $1 AND t.capacity = 5',
      [roundId],
    );
    expect((await f.command.post(`/api/tracing/cases/from-sampling-result/${pool.id}`, {})).statusCode).toBe(404);
  });
});

describe('the trajectory', () => {
  it('a line list is written whole; a window ending before it starts refuses the whole list naming the row', async () => {
    const [{ id: caseId }] = await f.t.db.query<{ id: number }>('SELECT id FROM tracing_cases WHERE resident_id = $1', [f.people.赵一]);
    const d = addDays(f.today, -3);
    const rows = [
      { kind: 'place', place: '合众轩烩面馆', startsAt: `${d}T11:30:00+08:00`, endsAt: `${d}T12:40:00+08:00` },
      { kind: 'transport', transportKind: 'bus', transportNumber: '县城 3 路', seat: '12', startsAt: `${d}T13:00:00+08:00`, endsAt: `${d}T13:30:00+08:00` },
      { kind: 'place', areaId: f.grid2.id, startsAt: `${d}T14:00:00+08:00` },
    ];
    const bad = await f.cadre.post(`/api/tracing/cases/${caseId}/trajectory`, {
      rows: [rows[0], { ...rows[1], endsAt: `${d}T12:00:00+08:00` }, rows[2]],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'TRACING_WINDOW_ORDER', fields: { 'rows.1.endsAt': '不能早于开始时间' } });
    expect(bad.json().error.message).toContain('2');
    expect(await f.t.db.query('SELECT id FROM tracing_trajectory')).toEqual([]);
    const added = await ok(f.cadre.post(`/api/tracing/cases/${caseId}/trajectory`, { rows }), 201);
    expect(added.items.map((r: any) => [r.kind, r.place ?? r.transportNumber ?? r.areaName])).toEqual([
      ['place', '合众轩烩面馆'],
      ['transport', '县城 3 路'],
      ['place', '二网格'],
    ]);
    const page = await ok(f.cadre.get(`/api/tracing/cases/${caseId}`));
    expect(page.trajectory).toHaveLength(3);
    await ok(f.cadre.request({ method: 'DELETE', url: `/api/tracing/trajectory/${added.items[2].id}` }));
    expect((await ok(f.cadre.get(`/api/tracing/cases/${caseId}`))).trajectory).toHaveLength(2);
  });
});

describe('contacts under the rule set in force (the 20 measures)', () => {
  let caseId: number;
  beforeAll(async () => {
    [{ id: caseId }] = await f.t.db.query<{ id: number }>('SELECT id FROM tracing_cases WHERE resident_id = $1', [f.people.赵一]);
  });

  it('a close contact is proposed the measure of the policy from the last exposure, and their grid worker a task due within the policy hours', async () => {
    const exposed = addDays(f.today, -1);
    const res = await ok(
      f.cadre.post(`/api/tracing/cases/${caseId}/contacts`, {
        contacts: [{ residentId: f.people.孙一, level: 'close', lastExposureOn: exposed, place: '合众轩烩面馆', exposureKind: 'meal', certainty: 'high' }],
      }),
    );
    const [o] = res.items;
    expect(o).toMatchObject({ merged: false, measure: 'proposed', warnings: [] });
    expect(o.contact).toMatchObject({ name: '孙一', level: 'close', placement: 'to_find', measureKind: 'central_isolation', ruleVersion: 'nhc-20@10#close' });
    const measure = await ok(f.cadre.get(`/api/measures/${o.contact.measureId}`));
    expect(measure).toMatchObject({ kind: 'central_isolation', endsOn: addDays(exposed, 5), nextSteps: [{ measure: 'home_isolation' }] });
    expect(measure.testDates).toEqual([1, 2, 3, 4, 5, 8].map((n) => addDays(exposed, n)).filter((x) => x >= f.today));
    expect(hoursUntil(o.contact.taskDueAt)).toBe(12);
    // The grid worker of where the contact lives sees the task in the inbox; the other grid's does not.
    const mine = await ok(f.worker2.get('/api/tasks/mine?all=true'));
    expect(mine.items.filter((x: any) => x.type === 'trace_contact').map((x: any) => x.id)).toEqual([o.contact.taskId]);
    expect((await ok(f.worker1.get('/api/tasks/mine?all=true'))).items.filter((x: any) => x.type === 'trace_contact')).toEqual([]);
  });

  it('a level the set does not identify is refused (the 20 measures name no secondary contacts); a general contact gets a task, no measure', async () => {
    const sec = await f.cadre.post(`/api/tracing/cases/${caseId}/contacts`, {
      contacts: [{ residentId: f.people.孙二, level: 'secondary', lastExposureOn: f.today, exposureKind: 'household', certainty: 'high' }],
    });
    expect(sec.statusCode).toBe(422);
    expect(sec.json().error).toMatchObject({ code: 'TRACING_LEVEL_NOT_IDENTIFIED', fields: { 'contacts.0.level': '现行政策不判定这一类别' } });
    const gen = await ok(
      f.cadre.post(`/api/tracing/cases/${caseId}/contacts`, {
        contacts: [{ residentId: f.people.孙二, level: 'general', lastExposureOn: f.today, exposureKind: 'venue', certainty: 'low' }],
      }),
    );
    expect(gen.items[0]).toMatchObject({ measure: 'none', contact: { measureId: null, level: 'general' } });
    expect(hoursUntil(gen.items[0].contact.taskDueAt)).toBe(24);
  });

  it('a person reported twice is merged into one contact at the closer level and the later exposure, with one task', async () => {
    const twice = await ok(
      f.cadre.post(`/api/tracing/cases/${caseId}/contacts`, {
        contacts: [
          { residentId: f.people.孙二, level: 'close', lastExposureOn: addDays(f.today, -2), exposureKind: 'household', certainty: 'medium' },
          { residentId: f.people.孙二, level: 'general', lastExposureOn: f.today, exposureKind: 'household', certainty: 'high' },
        ],
      }),
    );
    expect(twice.items).toHaveLength(1);
    expect(twice.items[0]).toMatchObject({ merged: true, measure: 'proposed', contact: { level: 'close', lastExposureOn: f.today, certainty: 'high' } });
    const rows = await f.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tracing_contacts WHERE resident_id = $1', [f.people.孙二]);
    expect(rows).toEqual([{ n: 1 }]);
    const tasks = await f.t.db.query("SELECT id FROM tasks WHERE subject_kind = 'tracing_contact' AND subject_id = $1", [twice.items[0].contact.id]);
    expect(tasks).toHaveLength(1);
  });

  it('a contact already under a stricter measure keeps it; a weaker one running is upgraded, not doubled', async () => {
    // 孙三 is already in central isolation (a close contact of something earlier).
    const strict = await ok(f.cadre.post('/api/measures', { residentId: f.people.孙三, situation: { contactType: 'close', exposedOn: f.today } }), 201);
    // 孙四 is under home isolation, from a high-risk area.
    const weak = await ok(f.cadre.post('/api/measures', { residentId: f.people.孙四, situation: { originRiskLevel: 'high', arrivedOn: f.today } }), 201);
    expect(weak.measure.kind).toBe('home_isolation');
    const res = await ok(
      f.cadre.post(`/api/tracing/cases/${caseId}/contacts`, {
        contacts: [
          { residentId: f.people.孙三, level: 'general', lastExposureOn: f.today, exposureKind: 'work', certainty: 'low' },
          { residentId: f.people.孙四, level: 'close', lastExposureOn: f.today, exposureKind: 'work', certainty: 'high' },
        ],
      }),
    );
    // general calls for none: nothing proposed, the running measure is untouched.
    expect(res.items[0]).toMatchObject({ measure: 'none' });
    // The weaker one running is upgraded in place (upgrade.test.ts follows its follow-ups): still one measure.
    expect(res.items[1]).toMatchObject({ measure: 'upgraded', contact: { measureId: weak.measure.id, measureKind: 'central_isolation' } });
    const other = await ok(f.cadre.post('/api/tracing/cases', caseBody(f.people.钱三)), 201);
    const kept = await ok(
      f.cadre.post(`/api/tracing/cases/${other.id}/contacts`, {
        contacts: [{ residentId: f.people.孙三, level: 'close', lastExposureOn: f.today, exposureKind: 'meal', certainty: 'high' }],
      }),
    );
    expect(kept.items[0]).toMatchObject({ measure: 'kept_stricter', contact: { measureId: strict.measure.id, measureKind: 'central_isolation' } });
    const live = await f.t.db.query("SELECT id FROM measures WHERE resident_id = $1 AND state <> 'cancelled'", [f.people.孙三]);
    expect(live).toHaveLength(1);
    expect(await f.t.db.query('SELECT id FROM measures WHERE resident_id = $1', [f.people.孙四])).toEqual([{ id: weak.measure.id }]);
  });

  it('an exposure after the case was isolated is accepted and warned; the case itself and unknown people are refused', async () => {
    const [c] = await f.t.db.query<{ id: number }>('SELECT id FROM tracing_cases WHERE resident_id = $1', [f.people.钱三]);
    await ok(f.cadre.patch(`/api/tracing/cases/${c.id}`, { isolatedOn: addDays(f.today, -2) }));
    const res = await ok(
      f.cadre.post(`/api/tracing/cases/${c.id}/contacts`, {
        contacts: [{ residentId: f.people.赵二, level: 'general', lastExposureOn: f.today, exposureKind: 'other', certainty: 'low' }],
      }),
    );
    expect(res.items[0].warnings).toEqual(['exposure_after_isolation']);
    const bad = await f.cadre.post(`/api/tracing/cases/${c.id}/contacts`, {
      contacts: [
        { residentId: f.people.钱三, level: 'close', lastExposureOn: f.today, exposureKind: 'other', certainty: 'low' },
        { residentId: 999_999, level: 'close', lastExposureOn: f.today, exposureKind: 'other', certainty: 'low' },
        { residentId: f.people.赵三, level: 'close', lastExposureOn: addDays(f.today, 1), exposureKind: 'other', certainty: 'low' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({
      'contacts.0.residentId': '不能是病例本人',
      'contacts.1.residentId': '不存在或无权访问',
      'contacts.2.lastExposureOn': '不能晚于今天',
    });
  });

  it('placement: placed closes the task, not found keeps it open, elsewhere closes it; each audited', async () => {
    const [c] = await f.t.db.query<{ id: number }>('SELECT id FROM tracing_cases WHERE resident_id = $1', [f.people.赵一]);
    const page = await ok(f.cadre.get(`/api/tracing/cases/${c.id}`));
    const byName = (n: string) => page.contacts.find((k: any) => k.name === n);
    const notFound = await ok(f.cadre.post(`/api/tracing/contacts/${byName('孙一').id}/placement`, { state: 'not_found', note: '电话未接' }));
    expect(notFound).toMatchObject({ placement: 'not_found', taskStatus: 'open' });
    const placed = await ok(f.cadre.post(`/api/tracing/contacts/${byName('孙一').id}/placement`, { state: 'placed' }));
    expect(placed).toMatchObject({ placement: 'placed', taskStatus: 'done' });
    expect(placed.placedAt).not.toBeNull();
    const elsewhere = await ok(f.command.post(`/api/tracing/contacts/${byName('孙二').id}/placement`, { state: 'elsewhere', note: '已在外县' }));
    expect(elsewhere).toMatchObject({ placement: 'elsewhere', taskStatus: 'done' });
    expect((await f.cadre.post(`/api/tracing/contacts/${byName('孙一').id}/placement`, { state: 'to_find' })).statusCode).toBe(400);
    const trail = await f.t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity = 'tracing_contact' AND entity_id = $1 ORDER BY id`, [
      String(byName('孙一').id),
    ]);
    expect(trail.map((r) => r.action)).toEqual(['add', 'placement', 'placement']);
    // The case list counts what is left to find.
    const listed = (await ok(f.cadre.get('/api/tracing/cases'))).items.find((x: any) => x.id === c.id);
    expect(listed).toMatchObject({ contacts: 4 });
    expect(listed.toFind).toBe(page.contacts.filter((k: any) => k.placement === 'to_find').length - 2);
  });
});

describe('measures derived from the policy for close and secondary contacts under two rule sets', () => {
  it('the 20 measures: close 5 central + 3 home, no secondary; the 9th edition published from today: close 7 + 3, secondary 7 at home, other hours', async () => {
    const before = await ok(f.cadre.get('/api/tracing/policy'));
    expect(before.set.code).toBe('nhc-20');
    expect(before.contactLevels.map((l: any) => [l.level, l.placeWithinHours, l.steps.map((s: any) => `${s.measure}:${s.days}`)])).toEqual([
      ['close', 12, ['central_isolation:5', 'home_isolation:3']],
      ['general', 24, []],
    ]);
    // The administrator brings back the 9th edition's rules and tracing entries as a new set from today.
    const sets = (await ok(f.root.get('/api/policy/sets'))).items;
    const nhc9 = sets.find((s: any) => s.code === 'nhc-9');
    expect(nhc9.tracing.contactLevels.map((l: any) => l.level)).toEqual(['close', 'secondary', 'general']);
    const draft = await ok(f.root.post('/api/policy/sets', { copyOf: nhc9.id }), 201);
    expect(draft.tracing).toEqual(nhc9.tracing);
    await ok(f.root.post(`/api/policy/sets/${draft.id}/publish`, { effectiveFrom: f.today }));
    const after = await ok(f.cadre.get('/api/tracing/policy'));
    expect(after.set).toMatchObject({ code: 'nhc-9', version: 10 });
    expect(after.contactLevels).toEqual([
      expect.objectContaining({
        level: 'close',
        placeWithinHours: 12,
        steps: [
          { measure: 'central_isolation', days: 7 },
          { measure: 'home_monitoring', days: 3 },
        ],
        testDays: [1, 2, 3, 5, 7],
      }),
      expect.objectContaining({ level: 'secondary', placeWithinHours: 24, steps: [{ measure: 'home_isolation', days: 7 }], testDays: [1, 4, 7] }),
      expect.objectContaining({ level: 'general', placeWithinHours: 24, steps: [] }),
    ]);

    const c = await ok(f.cadre.post('/api/tracing/cases', caseBody(f.people.赵三)), 201);
    const exposed = addDays(f.today, -1);
    const res = await ok(
      f.cadre.post(`/api/tracing/cases/${c.id}/contacts`, {
        contacts: [{ residentId: f.people.钱二, level: 'close', lastExposureOn: exposed, exposureKind: 'household', certainty: 'high' }],
      }),
    );
    const close = res.items[0].contact;
    const second = await ok(
      f.cadre.post(`/api/tracing/cases/${c.id}/contacts`, {
        contacts: [
          { residentId: f.people.钱一, level: 'secondary', viaContactId: close.id, lastExposureOn: f.today, exposureKind: 'household', certainty: 'medium' },
        ],
      }),
    );
    const secondary = second.items[0].contact;
    expect(close).toMatchObject({ measureKind: 'central_isolation', ruleVersion: 'nhc-9@10#close', measureEndsOn: addDays(exposed, 7) });
    expect(secondary).toMatchObject({
      measureKind: 'home_isolation',
      ruleVersion: 'nhc-9@10#secondary',
      measureEndsOn: addDays(f.today, 7),
      viaContactId: close.id,
    });
    const [m1, m2] = await Promise.all([f.cadre.get(`/api/measures/${close.measureId}`), f.cadre.get(`/api/measures/${secondary.measureId}`)]).then((r) =>
      r.map((x) => x.json()),
    );
    expect(m1.testDates).toEqual([1, 2, 3, 5, 7].map((n) => addDays(exposed, n)).filter((x) => x >= f.today));
    expect(m1.nextSteps).toEqual([{ measure: 'home_monitoring', startsOn: addDays(exposed, 7), endsOn: addDays(exposed, 10) }]);
    expect(m2.testDates).toEqual([1, 4, 7].map((n) => addDays(f.today, n)));
    expect(m2.followUpsPerDay).toBe(2);
    expect(hoursUntil(secondary.taskDueAt)).toBe(24);
  });
});
