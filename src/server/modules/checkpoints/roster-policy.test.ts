import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/policy/rules';
import { login, makeUser } from '../../testing/harness';
import { type CheckpointFixture, checkpointFixture, newPost, ok } from './test-fixture';

/** Editing the roster rules and weights (issue 15, point 3: "all rules and weights are policy data"): versioned, validated, root only. */
let f: CheckpointFixture;
beforeAll(async () => {
  f = await checkpointFixture({ ROSTER_FILL_SECONDS: 0 });
  await makeUser(f.t.db, 'root_admin', ['admin'], f.t.root);
  await makeUser(f.t.db, 'town_admin', ['admin'], f.town);
});
afterAll(() => f.t.close());

const P = '/api/checkpoints/roster/policy';
const policy = (over: Record<string, unknown> = {}) => ({
  restHours: 12,
  weeklyHourCap: 48,
  maxShiftsPerDay: 1,
  banNightThenMorning: true,
  morningStartsBeforeHour: 12,
  freeNights: 2,
  freeWeekendShifts: 1,
  weights: { travelPerStep: 1, unfilled: 100, extraNight: 2, extraWeekendShift: 1 },
  note: '春节期间延长休息',
  ...over,
});

describe('roster policy editing', () => {
  it('saves a new version that the hand edits and the next fill use; the old one stays', async () => {
    const admin = await login(f.t.app, 'root_admin');
    expect((await ok(f.cadre.get(P))).version).toBe(1);
    const saved = await ok(admin.put(P, policy()));
    expect(saved).toMatchObject({ version: 2, restHours: 12, weeklyHourCap: 48, note: '春节期间延长休息' });
    expect(await ok(f.volunteer.get(P))).toMatchObject({ version: 2, restHours: 12 });
    const versions = await f.t.db.query<{ version: number }>('SELECT version FROM checkpoint_roster_policy ORDER BY version');
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    const audited = await f.t.db.query<{ action: string; entity_id: string }>(
      "SELECT action, entity_id FROM audit_log WHERE entity = 'checkpoint_roster_policy'",
    );
    expect(audited).toEqual([{ action: 'publish', entity_id: '2' }]);

    // A hand edit is checked against version 2: an evening then the next morning leaves 8 h, under its 12.
    const post = (await ok(f.cadre.post('/api/checkpoints/posts', newPost(f.village.id)), 201)).id;
    const day = addDays(f.today, 3);
    await ok(f.cadre.post('/api/checkpoints/assignments', { postId: post, day, shiftCode: 'B', userId: f.ids.worker, role: 'volunteer' }), 201);
    const next = await ok(
      f.cadre.post('/api/checkpoints/assignments', { postId: post, day: addDays(day, 1), shiftCode: 'A', userId: f.ids.worker, role: 'volunteer' }),
      201,
    );
    expect(next.warnings).toContainEqual({ kind: 'rest', params: { hours: 12 } });
    const fill = await ok(f.cadre.post('/api/checkpoints/roster/fill', { areaId: f.village.id, from: addDays(f.today, 20), days: 1 }), 202);
    expect(fill.policyVersion).toBe(2);
  });

  it('refuses values a roster cannot live with, naming the field', async () => {
    const admin = await login(f.t.app, 'root_admin');
    for (const [body, field] of [
      [policy({ restHours: 25 }), 'restHours'],
      [policy({ restHours: -1 }), 'restHours'],
      [policy({ weeklyHourCap: 7 }), 'weeklyHourCap'],
      [policy({ weeklyHourCap: 85 }), 'weeklyHourCap'],
      [policy({ weights: { travelPerStep: 1, unfilled: 0, extraNight: 2, extraWeekendShift: 1 } }), 'weights.unfilled'],
      [policy({ note: '' }), 'note'],
      [{ ...policy(), extra: 1 }, ''],
    ] as const) {
      const res = await admin.put(P, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      if (field) expect(Object.keys(res.json().error.fields ?? {})).toContain(field);
    }
    expect((await ok(admin.get(P))).version).toBe(2);
  });

  it('is edited only with the policy permission, from the top of the tree', async () => {
    expect((await f.cadre.put(P, policy())).statusCode).toBe(403);
    const townAdmin = await login(f.t.app, 'town_admin');
    const res = await townAdmin.put(P, policy());
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('POLICY_ROOT_ONLY');
  });
});
