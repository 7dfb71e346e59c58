import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/policy/rules';
import { type TracingFixture, ok, tracingFixture } from './test-fixture';

/**
 * A contact already under a weaker running measure (issue 16: "a contact already under a stricter measure not
 * downgraded" — and a weaker one upgraded): the measure is made the stricter one in place, its follow-ups follow the
 * new schedule without doubling, a measure awaiting release runs again, and each upgrade is audited.
 */
let f: TracingFixture;
let caseId: number;
beforeAll(async () => {
  f = await tracingFixture();
  caseId = (
    await ok(f.cadre.post('/api/tracing/cases', { residentId: f.people.赵一, classification: 'confirmed', reportedOn: f.today, foundBy: 'fever_clinic' }), 201)
  ).id;
});
afterAll(() => f.t.close());

/** A home isolation (arrived from a high-risk area), confirmed and started: its follow-ups are written. */
async function runningHomeIsolation(residentId: number) {
  const { measure } = await ok(f.cadre.post('/api/measures', { residentId, situation: { originRiskLevel: 'high', arrivedOn: addDays(f.today, -1) } }), 201);
  expect(measure.kind).toBe('home_isolation');
  await ok(f.cadre.post(`/api/measures/${measure.id}/confirm`, {}));
  await ok(f.cadre.post(`/api/measures/${measure.id}/start`, {}));
  return measure.id as number;
}

const close = (residentId: number) => ({ residentId, level: 'close', lastExposureOn: f.today, exposureKind: 'meal', certainty: 'high' });
type Slot = { due_at: Date; status: string; hhmm: string };
const followUps = (measureId: number) =>
  f.t.db.query<Slot>(
    `SELECT due_at, status, to_char(due_at AT TIME ZONE $2::text, 'HH24:MI') AS hhmm FROM follow_ups WHERE measure_id = $1 ORDER BY due_at, id`,
    [measureId, f.t.app.timeZone],
  );

describe('a weaker running measure upgraded', () => {
  it('an active home isolation becomes the central isolation of a close contact: one measure, follow-ups rescheduled, not doubled, audited', async () => {
    const measureId = await runningHomeIsolation(f.people.钱一);
    // A slot pair the new schedule does not call for (as if the old rule had other times): it must not survive the upgrade.
    await f.t.db.query(`UPDATE measures SET follow_up_times = '{07:00,19:00}' WHERE id = $1`, [measureId]);
    await ok(f.cadre.post(`/api/measures/${measureId}/follow-ups/generate`, {}));
    expect((await followUps(measureId)).some((x) => x.hhmm === '07:00' && x.status === 'scheduled')).toBe(true);

    const res = await ok(f.cadre.post(`/api/tracing/cases/${caseId}/contacts`, { contacts: [close(f.people.钱一)] }));
    expect(res.items[0]).toMatchObject({ measure: 'upgraded', contact: { measureId, measureKind: 'central_isolation', measureState: 'active' } });
    const m = await ok(f.cadre.get(`/api/measures/${measureId}`));
    expect(m).toMatchObject({ kind: 'central_isolation', state: 'active', endsOn: addDays(f.today, 5), ruleVersion: 'nhc-20@10#close' });
    expect(m.nextSteps[0]).toMatchObject({ measure: 'home_isolation', startsOn: addDays(f.today, 5) });
    expect(await f.t.db.query('SELECT id FROM measures WHERE resident_id = $1', [f.people.钱一])).toEqual([{ id: measureId }]);

    const after = await followUps(measureId);
    const scheduled = after.filter((x) => x.status === 'scheduled');
    // Only the new times are scheduled ahead, each instant once; the old ones not yet due were cancelled. (An old
    // slot already due today — the test run after 07:00 Beijing time — stays owed, as any due follow-up does.)
    const ahead = scheduled.filter((x) => x.due_at.getTime() > Date.now());
    expect(new Set(ahead.map((x) => x.hhmm))).toEqual(new Set(m.followUpTimes));
    expect(new Set(scheduled.map((x) => x.due_at.getTime())).size).toBe(scheduled.length);
    expect(after.filter((x) => x.hhmm === '07:00' && x.due_at.getTime() > Date.now()).every((x) => x.status === 'cancelled')).toBe(true);
    expect(scheduled.length).toBeGreaterThan(0);

    const trail = await f.t.db.query<{ action: string; before: any; after: any }>(
      `SELECT action, before, after FROM audit_log WHERE entity = 'measure' AND entity_id = $1 ORDER BY id`,
      [String(measureId)],
    );
    expect(trail.map((x) => x.action)).toEqual(['propose', 'confirm', 'start', 'follow_ups', 'upgrade']);
    expect(trail[4]).toMatchObject({ before: { kind: 'home_isolation', state: 'active' }, after: { kind: 'central_isolation', state: 'active' } });
  });

  it('the same contact entered again keeps the upgraded measure: no second upgrade, no new follow-ups', async () => {
    const [{ id: measureId }] = await f.t.db.query<{ id: number }>('SELECT id FROM measures WHERE resident_id = $1', [f.people.钱一]);
    const before = await followUps(measureId);
    const res = await ok(f.cadre.post(`/api/tracing/cases/${caseId}/contacts`, { contacts: [close(f.people.钱一)] }));
    expect(res.items[0]).toMatchObject({ merged: true, measure: 'kept_stricter', contact: { measureId } });
    expect(await followUps(measureId)).toEqual(before);
  });

  it('a measure proposed but not started is upgraded without follow-ups; one awaiting release runs again and its release task closes', async () => {
    const { measure: proposed } = await ok(
      f.cadre.post('/api/measures', { residentId: f.people.钱二, situation: { originRiskLevel: 'high', arrivedOn: f.today } }),
      201,
    );
    const checking = await runningHomeIsolation(f.people.钱三);
    await ok(f.cadre.post(`/api/measures/${checking}/release-check`, {}));
    const [task] = await f.t.db.query<{ id: number }>(`SELECT id FROM tasks WHERE subject_kind = 'measure' AND subject_id = $1`, [checking]);
    expect(task).toBeDefined();

    const res = await ok(f.cadre.post(`/api/tracing/cases/${caseId}/contacts`, { contacts: [close(f.people.钱二), close(f.people.钱三)] }));
    expect(res.items.map((x: any) => x.measure)).toEqual(['upgraded', 'upgraded']);
    expect(await ok(f.cadre.get(`/api/measures/${proposed.id}`))).toMatchObject({ kind: 'central_isolation', state: 'proposed', startsOn: f.today });
    expect(await followUps(proposed.id)).toEqual([]);
    expect(await ok(f.cadre.get(`/api/measures/${checking}`))).toMatchObject({ kind: 'central_isolation', state: 'active' });
    const [t] = await f.t.db.query<{ status: string }>('SELECT status FROM tasks WHERE id = $1', [task.id]);
    expect(t.status).toBe('done');
  });
});
