import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDITIONS } from '../../../domain/policy/editions';
import { addDays } from '../../../domain/policy/rules';
import { ruleSchema } from '../../../domain/policy/schemas';
import { todayIn } from '../../platform/dates';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';

/** The policy editor: a draft copied from a set, its rules replaced, published from a day; root scope only. */
let t: TestApp;
let root: Agent;
let countyAdmin: Agent;
let cadre: Agent;
let today: string;

const ok = async (r: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) => {
  const x = await r;
  expect(x.statusCode, x.body).toBe(status);
  return x.json();
};

beforeAll(async () => {
  t = await testApp();
  today = todayIn(t.app.timeZone);
  const county = await makeArea(t.db, t.root, '太康县', 'county');
  await makeUser(t.db, 'root_admin', ['admin'], t.root);
  await makeUser(t.db, 'county_admin', ['admin'], county);
  await makeUser(t.db, 'cadre', ['cadre'], t.root);
  [root, countyAdmin, cadre] = await Promise.all(['root_admin', 'county_admin', 'cadre'].map((u) => login(t.app, u)));
});
afterAll(() => t.close());

const rule = (code: string, when: object, days: number) => ({
  code,
  name: { zh: `规则${code}`, en: `Rule ${code}` },
  when,
  then: {
    steps: days ? [{ measure: 'home_isolation', days }] : [],
    countFrom: 'exposure',
    testDays: [1],
    followUpsPerDay: days ? 2 : 0,
    followUpTimes: days ? ['08:00', '16:00'] : [],
  },
});

describe('the policy editor', () => {
  it("every seeded edition passes the editor's rule schema", () => {
    for (const e of EDITIONS) for (const r of e.rules) expect(ruleSchema.safeParse(r).success, `${e.code}#${r.code}`).toBe(true);
  });

  it('draft → replace rules → publish: the previous set ends the day before, the new one decides from then on', async () => {
    const sets = (await ok(root.get('/api/policy/sets'))).items;
    const nhc20 = sets.find((s: any) => s.code === 'nhc-20');
    const draft = await ok(root.post('/api/policy/sets', { copyOf: nhc20.id, name: { zh: '二十条（本县细化）', en: 'The 20 measures (county detail)' } }), 201);
    expect(draft).toMatchObject({ code: 'nhc-20', version: 11, status: 'draft', effectiveTo: null, name: { zh: '二十条（本县细化）' } });
    expect(draft.rules.map((r: any) => r.code)).toEqual(nhc20.rules.map((r: any) => r.code));
    // Drafts are the editor's: listed for policy.manage, never for a reader, never in force.
    expect((await ok(cadre.get('/api/policy/sets'))).items.map((s: any) => s.id)).not.toContain(draft.id);
    expect((await cadre.get(`/api/policy/sets/${draft.id}`)).statusCode).toBe(404);
    expect((await ok(root.get('/api/policy/sets'))).items[0]).toMatchObject({ id: draft.id, inForce: false });

    const rules = [rule('close', { contactTypes: ['close'] }, 10), rule('default', {}, 0)];
    const replaced = await ok(root.put(`/api/policy/sets/${draft.id}`, { rules, feverThreshold: 37.5 }));
    expect(replaced.rules.map((r: any) => r.code)).toEqual(['close', 'default']);
    expect(replaced.feverThreshold).toBe(37.5);
    // "Try it" on the draft, before publishing.
    const tried = await ok(root.post('/api/policy/evaluate', { setId: draft.id, situation: { contactType: 'close', exposedOn: today } }));
    expect(tried).toMatchObject({ ruleVersion: 'nhc-20@11#close', measure: 'home_isolation', endsOn: addDays(today, 10) });
    expect((await ok(cadre.post('/api/policy/evaluate', { situation: { contactType: 'close', exposedOn: today } }))).ruleVersion).toBe('nhc-20@10#close');

    // Validation: the domain schema (times ≠ follow-ups a day, unknown measure), duplicate codes, an empty list.
    const bad = [
      { rules: [{ ...rules[0], then: { ...rules[0].then, followUpTimes: ['08:00'] } }] },
      { rules: [{ ...rules[0], then: { ...rules[0].then, steps: [{ measure: 'quarantine_hotel', days: 7 }] } }] },
      { rules: [rules[1], rules[1]] },
      { rules: [] },
      { rules, extra: true },
    ];
    for (const body of bad) {
      const res = await root.put(`/api/policy/sets/${draft.id}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await root.put(`/api/policy/sets/${draft.id}`, bad[2])).json().error.code).toBe('POLICY_RULE_CODES');

    // Publishing cannot date back, nor before the set in force began.
    const past = await root.post(`/api/policy/sets/${draft.id}/publish`, { effectiveFrom: addDays(today, -1) });
    expect(past.statusCode).toBe(422);
    expect(past.json().error.code).toBe('POLICY_DATES');
    const published = await ok(root.post(`/api/policy/sets/${draft.id}/publish`, { effectiveFrom: today }));
    expect(published).toMatchObject({ status: 'published', effectiveFrom: today, effectiveTo: null });
    const after = (await ok(cadre.get('/api/policy/sets'))).items;
    expect(after.find((s: any) => s.id === nhc20.id)).toMatchObject({ effectiveTo: addDays(today, -1), inForce: false });
    expect(after.find((s: any) => s.id === draft.id)).toMatchObject({ inForce: true });
    const d = await ok(cadre.post('/api/policy/evaluate', { situation: { contactType: 'close', exposedOn: today } }));
    expect(d).toMatchObject({ ruleVersion: 'nhc-20@11#close', feverThreshold: 37.5 });
    // Yesterday is still decided by the old set.
    expect(
      (await ok(cadre.post('/api/policy/evaluate', { situation: { contactType: 'close', exposedOn: addDays(today, -1) }, on: addDays(today, -1) })))
        .ruleVersion,
    ).toBe('nhc-20@10#close');

    // Published sets are immutable.
    expect((await root.put(`/api/policy/sets/${draft.id}`, { rules })).json().error.code).toBe('POLICY_PUBLISHED');
    expect((await root.put(`/api/policy/sets/${nhc20.id}`, { rules })).statusCode).toBe(409);
    expect((await root.post(`/api/policy/sets/${draft.id}/publish`, { effectiveFrom: addDays(today, 1) })).statusCode).toBe(409);

    const trail = await t.db.query<{ action: string }>("SELECT action FROM audit_log WHERE entity = 'policy_set' AND entity_id = $1 ORDER BY id", [
      String(draft.id),
    ]);
    expect(trail.map((r) => r.action)).toEqual(['create', 'update', 'publish']);
  });

  it('only a root-scoped user with policy.manage edits: a county administrator and a cadre are refused', async () => {
    const [{ id }] = await t.db.query<{ id: number }>('SELECT min(id) AS id FROM policy_sets');
    const county = await countyAdmin.request({ method: 'POST', url: '/api/policy/sets', payload: { copyOf: id }, headers: { 'accept-language': 'en' } });
    expect(county.statusCode).toBe(403);
    expect(county.json().error).toMatchObject({ code: 'POLICY_ROOT_ONLY', message: expect.stringMatching(/deployment-wide/) });
    expect((await cadre.post('/api/policy/sets', { copyOf: id })).statusCode).toBe(403);
    const copy = await ok(root.post('/api/policy/sets', { copyOf: id, code: 'county-2026' }), 201);
    expect(copy).toMatchObject({ code: 'county-2026', version: 1, status: 'draft' });
    expect((await countyAdmin.post(`/api/policy/sets/${copy.id}/publish`, { effectiveFrom: today })).statusCode).toBe(403);
    expect((await root.post('/api/policy/sets', { copyOf: 99999 })).statusCode).toBe(404);
  });

  it('impossible days, ids past the column and oversized text are a 400, never a 500 or a new set', async () => {
    const [{ n }] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM policy_sets');
    expect((await root.post('/api/policy/sets', { copyOf: 2_147_483_648 })).statusCode).toBe(400);
    expect((await root.post('/api/policy/sets', { copyOf: 1, name: { zh: '名'.repeat(101), en: 'x' } })).statusCode).toBe(400);
    expect((await root.get('/api/policy/sets/2147483648')).statusCode).toBe(400);
    expect((await root.post('/api/policy/sets/1/publish', { effectiveFrom: '2026-02-30' })).statusCode).toBe(400);
    expect((await cadre.post('/api/policy/evaluate', { situation: {}, on: '0000-01-01' })).statusCode).toBe(400);
    expect((await cadre.post('/api/policy/evaluate', { situation: { exposedOn: '2026-02-30' } })).statusCode).toBe(400);
    expect((await cadre.post('/api/policy/evaluate', { situation: {}, setId: 2_147_483_648 })).statusCode).toBe(400);
    expect(await t.db.query('SELECT count(*)::int AS n FROM policy_sets')).toEqual([{ n }]);
  });

  it('the thresholds form: a new version with the same rules, the threshold 37.0–39.0 °C and the alert time 5–1440 minutes, each step audited', async () => {
    const inForce = (await ok(root.get('/api/policy/sets'))).items.find((s: any) => s.code === 'nhc-20' && s.status === 'published' && !s.effectiveTo);
    const draft = await ok(root.post('/api/policy/sets', { copyOf: inForce.id }), 201);
    const put = (b: object) => root.put(`/api/policy/sets/${draft.id}`, { rules: draft.rules, ...b });
    for (const [field, value] of [
      ['feverThreshold', 36.9],
      ['feverThreshold', 39.1],
      ['feverThreshold', 37.25],
      ['alertDueMinutes', 4],
      ['alertDueMinutes', 1441],
    ] as const) {
      const res = await put({ [field]: value });
      expect(res.statusCode, `${field}=${value}`).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual([field]);
    }
    expect(await ok(put({ feverThreshold: 38.0, alertDueMinutes: 60 }))).toMatchObject({ feverThreshold: 38, alertDueMinutes: 60 });
    const from = addDays(today, 10);
    const published = await ok(root.post(`/api/policy/sets/${draft.id}/publish`, { effectiveFrom: from }));
    expect(published).toMatchObject({ status: 'published', effectiveFrom: from, feverThreshold: 38, alertDueMinutes: 60, version: inForce.version + 1 });
    expect(published.rules).toEqual(inForce.rules);
    const trail = await t.db.query<{ action: string; after: any }>(
      "SELECT action, after FROM audit_log WHERE entity = 'policy_set' AND entity_id = $1 ORDER BY id",
      [String(draft.id)],
    );
    expect(trail.map((r) => r.action)).toEqual(['create', 'update', 'publish']);
    expect(trail[1].after).toMatchObject({ feverThreshold: 38, alertDueMinutes: 60 });
  });
});
