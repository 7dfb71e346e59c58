import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/policy/rules';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import type { AreaRow } from '../areas';
import { runRetention } from './runs';

/**
 * The data lifecycle on a hand-made fixture of a past day D: records written straight into the owners' tables,
 * a retention run under a fake clock (D + 61 days, the default period being 60), and the daily report read before
 * and after. Exactly the expired, finished, unheld rows lose their person; the figures do not move.
 */
const D = '2025-03-10';
const at = (day: string, hm: string) => `${day}T${hm}:00+08:00`;
const CLOCK = new Date(at(addDays(D, 61), '12:00'));

let t: TestApp;
let town: AreaRow;
let v1: AreaRow;
let v2: AreaRow;
let admin: Agent;
let townCommand: Agent;
let cadre1: Agent;
let cadre2: Agent;
const res: Record<string, number> = {};
const ids: Record<string, number> = {};

const ok = async (r: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) => {
  const x = await r;
  expect(x.statusCode, x.body).toBe(status);
  return x.json();
};
const one = async (sql: string, params: unknown[] = []) => (await t.db.query<{ id: number }>(`${sql} RETURNING id`, params))[0].id;

async function arrival(resident: string, area: AreaRow, arrivedOn: string, level: string) {
  return one(
    `INSERT INTO arrivals (resident_id, area_id, area_path, origin_name, origin_risk_level, arrived_on, transport_no) VALUES ($1, $2, $3, '某市', $4, $5, 'G123')`,
    [res[resident], area.id, area.path, level, arrivedOn],
  );
}
async function measure(resident: string, area: AreaRow, state: string, startsOn: string, endsOn: string, releasedAt: string | null) {
  return one(
    `INSERT INTO measures (resident_id, area_id, area_path, kind, state, starts_on, ends_on, released_at, reason, follow_up_times)
     VALUES ($1, $2, $3, 'home_monitoring', $4, $5, $6, $7, '密接', ARRAY['08:00', '16:00'])`,
    [res[resident], area.id, area.path, state, startsOn, endsOn, releasedAt],
  );
}
async function followUp(measureId: number, resident: string, area: AreaRow, dueAt: string) {
  return one(
    `INSERT INTO follow_ups (measure_id, resident_id, area_id, area_path, due_at, window_ends_at, status, temperature, note)
     VALUES ($1, $2, $3, $4, $5::timestamptz, $5::timestamptz + interval '4 hours', 'done', 36.6, '咳嗽')`,
    [measureId, res[resident], area.id, area.path, dueAt],
  );
}
async function alert(resident: string, area: AreaRow, raisedAt: string, resolvedAt: string | null) {
  return one(
    `INSERT INTO fever_alerts (resident_id, area_id, area_path, temperature, raised_at, status, resolution, resolved_at) VALUES ($1, $2, $3, 38.0, $4, $5, $6, $7)`,
    [res[resident], area.id, area.path, raisedAt, resolvedAt ? 'resolved' : 'open', resolvedAt ? 'false_alarm' : null, resolvedAt],
  );
}

beforeAll(async () => {
  t = await testApp();
  town = await makeArea(t.db, t.root, '毛庄镇', 'town');
  v1 = await makeArea(t.db, town, '王隆集村', 'village');
  v2 = await makeArea(t.db, town, '李庄村', 'village');
  await makeUser(t.db, 'lc_admin', ['admin'], t.root);
  await makeUser(t.db, 'lc_town', ['command'], town);
  await makeUser(t.db, 'lc_cadre1', ['cadre'], v1);
  await makeUser(t.db, 'lc_cadre2', ['cadre'], v2);
  [admin, townCommand, cadre1, cadre2] = await Promise.all(['lc_admin', 'lc_town', 'lc_cadre1', 'lc_cadre2'].map((u) => login(t.app, u)));
  for (const [area, names] of [
    [v1, ['a1', 'a2', 'a3']],
    [v2, ['b1']],
  ] as const) {
    const h = (await ok(admin.post('/api/households', { areaId: area.id, address: `${area.name} 1 号` }), 201)).id;
    ids[`hh_${area.name}`] = h;
    for (const n of names)
      res[n] = (await ok(admin.post('/api/residents', { householdId: h, name: `居民${n}`, idType: 'none', movedInOn: '2024-01-01' }), 201)).id;
  }
  // Village 1: an arrival on D (expired at the clock) and one on D+5 (not yet).
  ids.arrOld = await arrival('a1', v1, D, 'high');
  ids.arrNew = await arrival('a2', v1, addDays(D, 5), 'medium');
  // A measure released on D (expired) with its two follow-ups; an active one (never purged); one released on D+5.
  ids.mOld = await measure('a1', v1, 'released', addDays(D, -5), D, at(D, '10:00'));
  ids.mActive = await measure('a2', v1, 'active', D, addDays(D, 90), null);
  ids.mNew = await measure('a3', v1, 'released', addDays(D, 1), addDays(D, 5), at(addDays(D, 5), '10:00'));
  ids.fOld1 = await followUp(ids.mOld, 'a1', v1, at(addDays(D, -1), '08:00'));
  ids.fOld2 = await followUp(ids.mOld, 'a1', v1, at(D, '08:00'));
  ids.fActive = await followUp(ids.mActive, 'a2', v1, at(D, '16:00'));
  ids.alOld = await alert('a1', v1, at(addDays(D, -2), '09:00'), at(addDays(D, -1), '09:00'));
  ids.alOpen = await alert('a2', v1, at(D, '09:00'), null);
  const campaign = await one(`INSERT INTO screening_campaigns (name, area_id, area_path, starts_on, ends_on) VALUES ('敲门行动', $1, $2, $3, $4)`, [
    t.root.id,
    t.root.path,
    addDays(D, -3),
    addDays(D, 30),
  ]);
  const visit = (area: AreaRow, visitedAt: string) =>
    one(
      `INSERT INTO screening_visits (client_id, campaign_id, household_id, area_id, area_path, outcome, visited_at, temperature, symptoms)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, 'visited', $5, 36.8, ARRAY['cough'])`,
      [campaign, ids[`hh_${area.name}`], area.id, area.path, visitedAt],
    );
  ids.vOld = await visit(v1, at(D, '09:00'));
  ids.vNew = await visit(v1, at(addDays(D, 5), '09:00'));
  // Village 2 (under a legal hold below): an expired arrival and a measure released on D.
  ids.arrHeld = await arrival('b1', v2, D, 'low');
  ids.mHeld = await measure('b1', v2, 'released', addDays(D, -5), D, at(D, '11:00'));
  // A refused enlistment decided on D-40 (expired: its period is 90 days) and a pending one (waits for its secretary whatever its age).
  const org = await one(`INSERT INTO party_orgs (kind, name, area_id, area_path, enlist_token) VALUES ('branch', '一支部', $1, $2, 'tok-lc')`, [
    v1.id,
    v1.path,
  ]);
  const enlist = (status: string, decidedAt: string | null) =>
    one(
      `INSERT INTO enlistments (org_id, area_path, status, name, id_type, id_number, phone, category, submitted_at, decided_at)
       VALUES ($1, $2, $3, '报名人', 'resident_id', '110101199003074514', '13800138000', 'member', $4, $5)`,
      [org, v1.path, status, at(addDays(D, -41), '09:00'), decidedAt],
    );
  ids.enRefused = await enlist('refused', at(addDays(D, -40), '09:00'));
  ids.enPending = await enlist('pending', null);
});
afterAll(() => t.close());

const report = async (areaId: number, day: string) => (await ok(admin.get(`/api/daily-reports?areaId=${areaId}&day=${day}`))).rows;
const personOf = async (table: string, id: number) =>
  (await t.db.query<{ resident_id: number | null; anonymised_at: Date | null }>(`SELECT resident_id, anonymised_at FROM ${table} WHERE id = $1`, [id]))[0];

describe('retention run under a fake clock', () => {
  it('removes exactly the expired, finished, unheld rows and keeps the daily figures', async () => {
    await ok(admin.post('/api/lifecycle/holds', { areaId: v2.id, reason: '行政复议，保留证据' }), 201);
    const days = [addDays(D, -1), D, addDays(D, 5)];
    const before = await Promise.all(days.map((d) => report(town.id, d)));
    expect(JSON.stringify(before)).toContain('measures');

    // A dry run finds and changes nothing.
    const dry = await t.db.tx((tx) => runRetention(tx, { now: CLOCK, kind: 'scheduled', dryRun: true }));
    const counts = Object.fromEntries(dry.items.map((i) => [i.dataClass, i.count]));
    expect(counts).toEqual({
      arrivals: 1,
      visits: 1,
      measures: 1,
      follow_ups: 2,
      fever_alerts: 1,
      enlistments: 1,
      import_errors: 0,
      sampling: 0,
      crossings: 0,
    });
    expect((await personOf('arrivals', ids.arrOld)).resident_id).toBe(res.a1);

    const run = await t.db.tx((tx) => runRetention(tx, { now: CLOCK, kind: 'scheduled', dryRun: false }));
    expect(run.total).toBe(7);
    expect(run.items.map((i) => [i.dataClass, i.count])).toEqual(dry.items.map((i) => [i.dataClass, i.count]));

    // Gone: the person of every expired row.
    for (const [table, id] of [
      ['arrivals', ids.arrOld],
      ['measures', ids.mOld],
      ['follow_ups', ids.fOld1],
      ['follow_ups', ids.fOld2],
      ['fever_alerts', ids.alOld],
    ] as const) {
      const row = await personOf(table, id);
      expect(row.resident_id, `${table} ${id}`).toBeNull();
      expect(row.anonymised_at).not.toBeNull();
    }
    const [arr] = await t.db.query<{ transport_no: string | null; arrived_on: string; origin_risk_level: string }>(
      `SELECT transport_no, to_char(arrived_on, 'YYYY-MM-DD') AS arrived_on, origin_risk_level FROM arrivals WHERE id = $1`,
      [ids.arrOld],
    );
    expect(arr).toEqual({ transport_no: null, arrived_on: D, origin_risk_level: 'high' });
    const [vis] = await t.db.query<{ temperature: string | null; symptoms: string[]; anonymised_at: Date | null }>(
      `SELECT temperature, symptoms, anonymised_at FROM screening_visits WHERE id = $1`,
      [ids.vOld],
    );
    expect(vis.temperature).toBeNull();
    expect(vis.symptoms).toEqual([]);
    expect((await t.db.query(`SELECT id FROM enlistments WHERE id = ANY($1::int[])`, [[ids.enRefused, ids.enPending]])).map((r: any) => r.id)).toEqual([
      ids.enPending,
    ]);
    // Kept: recent rows, active measures and their follow-ups, open alerts, and everything under the hold.
    for (const [table, id] of [
      ['arrivals', ids.arrNew],
      ['arrivals', ids.arrHeld],
      ['measures', ids.mActive],
      ['measures', ids.mNew],
      ['measures', ids.mHeld],
      ['follow_ups', ids.fActive],
      ['fever_alerts', ids.alOpen],
    ] as const)
      expect((await personOf(table, id)).resident_id, `${table} ${id}`).not.toBeNull();
    expect((await t.db.query(`SELECT anonymised_at FROM screening_visits WHERE id = $1`, [ids.vNew]))[0]).toEqual({ anonymised_at: null });

    // The figures of every day stay what they were.
    const after = await Promise.all(days.map((d) => report(town.id, d)));
    expect(after).toEqual(before);

    // A second run under the same clock finds nothing left to do.
    const again = await t.db.tx((tx) => runRetention(tx, { now: CLOCK, kind: 'scheduled', dryRun: false }));
    expect(again.total).toBe(0);

    // The destruction records: per class the action, the count and a digest of the ids.
    const runs = await ok(admin.get('/api/lifecycle/runs'));
    expect(runs.total).toBe(2);
    const first = runs.items.find((r: any) => r.total === 7);
    expect(first.kind).toBe('scheduled');
    expect(first.items.find((i: any) => i.dataClass === 'follow_ups')).toMatchObject({
      action: 'anonymise',
      count: 2,
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(first.items.find((i: any) => i.dataClass === 'enlistments')).toMatchObject({ action: 'delete', count: 1 });
    const [trail] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'retention_run' AND action = 'run'`);
    expect(trail.n).toBe(2);
  });

  it('"emergency ended": a preview, a refusal when the count changed, then the purge; a released hold lets it through', async () => {
    const preview = await ok(admin.post('/api/lifecycle/emergency-ended/preview'));
    const counts = Object.fromEntries(preview.items.map((i: any) => [i.dataClass, i.count]));
    // Finished by now: the arrival of D+5, the measure released on D+5, the visit of D+5. The hold still keeps village 2.
    expect(counts).toMatchObject({ arrivals: 1, measures: 1, visits: 1, follow_ups: 0, fever_alerts: 0 });
    const wrong = await admin.post('/api/lifecycle/emergency-ended', { confirmTotal: preview.total + 1 });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.code).toBe('RETENTION_PREVIEW_CHANGED');
    expect((await personOf('arrivals', ids.arrNew)).resident_id).not.toBeNull();
    const done = await ok(admin.post('/api/lifecycle/emergency-ended', { confirmTotal: preview.total }));
    expect(done).toMatchObject({ kind: 'emergency_ended', total: preview.total, actorName: 'lc_admin 显示名' });
    expect((await personOf('arrivals', ids.arrNew)).resident_id).toBeNull();
    expect((await personOf('measures', ids.mActive)).resident_id).not.toBeNull();

    const holds = (await ok(admin.get('/api/lifecycle/holds'))).items;
    expect(holds).toHaveLength(1);
    await ok(admin.post(`/api/lifecycle/holds/${holds[0].id}/release`));
    expect((await admin.post(`/api/lifecycle/holds/${holds[0].id}/release`)).statusCode).toBe(409);
    const next = await ok(admin.post('/api/lifecycle/emergency-ended/preview'));
    expect(Object.fromEntries(next.items.map((i: any) => [i.dataClass, i.count]))).toMatchObject({ arrivals: 1, measures: 1 });
    await ok(admin.post('/api/lifecycle/emergency-ended', { confirmTotal: next.total }));
    expect((await personOf('measures', ids.mHeld)).resident_id).toBeNull();
  });

  it('the daily job is on the queue and leaves a destruction record', async () => {
    const before = (await ok(admin.get('/api/lifecycle/runs'))).total;
    await t.app.jobs.send('lifecycle.retention', {});
    await expect.poll(async () => (await ok(admin.get('/api/lifecycle/runs'))).total, { timeout: 20_000, interval: 250 }).toBe(before + 1);
    expect((await ok(admin.get('/api/lifecycle/runs?limit=1'))).items[0]).toMatchObject({ kind: 'scheduled', actorName: null });
  });
});

describe('retention policy and holds: who may', () => {
  it('the periods are policy data a root administrator changes, audited; nobody below the root', async () => {
    const list = (await ok(admin.get('/api/lifecycle/retention'))).items;
    expect(list.find((r: any) => r.dataClass === 'measures')).toMatchObject({ periodDays: 60, action: 'anonymise' });
    expect(await ok(admin.put('/api/lifecycle/retention/measures', { periodDays: 30 }))).toMatchObject({ periodDays: 30, updatedByName: 'lc_admin 显示名' });
    const refused = await townCommand.put('/api/lifecycle/retention/measures', { periodDays: 10 });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('LIFECYCLE_ROOT_ONLY');
    expect((await townCommand.post('/api/lifecycle/emergency-ended/preview')).statusCode).toBe(403);
    expect((await admin.put('/api/lifecycle/retention/measures', { periodDays: 0 })).statusCode).toBe(400);
    const [trail] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'retention_policy'`);
    expect(trail.n).toBe(1);
  });

  it('a hold is placed in scope only; a cadre has no hold permission', async () => {
    expect((await townCommand.post('/api/lifecycle/holds', { areaId: t.root.id, reason: '越权' })).statusCode).toBe(404);
    expect((await ok(townCommand.post('/api/lifecycle/holds', { areaId: v1.id, dataClasses: ['measures'], reason: '投诉调查' }), 201)).dataClasses).toEqual([
      'measures',
    ]);
    expect((await cadre1.get('/api/lifecycle/holds')).statusCode).toBe(403);
  });
});

describe('data requests: recorded and answered in a cadre queue', () => {
  it('a request is seen in its area only and answered once', async () => {
    const made = await ok(
      cadre1.post('/api/lifecycle/requests', {
        areaId: v1.id,
        kind: 'correction',
        requesterName: '居民a1',
        details: '手机号登记错误，应为 139…',
        requesterContact: '13900000000',
      }),
      201,
    );
    expect(made).toMatchObject({ status: 'open', kind: 'correction', areaName: '王隆集村' });
    expect((await cadre2.post('/api/lifecycle/requests', { areaId: v1.id, kind: 'access', requesterName: 'x', details: 'y' })).statusCode).toBe(404);
    expect((await ok(cadre2.get('/api/lifecycle/requests'))).total).toBe(0);
    expect((await cadre2.post(`/api/lifecycle/requests/${made.id}/answer`, { answer: '已更正' })).statusCode).toBe(404);
    const open = await ok(cadre1.get('/api/lifecycle/requests?status=open'));
    expect(open.items.map((r: any) => r.id)).toEqual([made.id]);
    const answered = await ok(cadre1.post(`/api/lifecycle/requests/${made.id}/answer`, { answer: '已核对身份并更正手机号' }));
    expect(answered).toMatchObject({ status: 'answered', answer: '已核对身份并更正手机号', answeredByName: 'lc_cadre1 显示名' });
    expect((await cadre1.post(`/api/lifecycle/requests/${made.id}/answer`, { answer: '再次' })).statusCode).toBe(409);
    expect((await cadre1.post('/api/lifecycle/requests', { areaId: v1.id, kind: 'access', requesterName: ' ', details: 'y' })).statusCode).toBe(400);
    // The trail knows a request came and was answered, not the person's words.
    const rows = await t.db.query<{ after: unknown }>(`SELECT after FROM audit_log WHERE entity = 'data_request' ORDER BY seq`);
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows)).not.toContain('手机号');
  });
});
