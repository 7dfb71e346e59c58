import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../domain/vaccination/policy';
import { login, makeUser } from '../../testing/harness';
import type { AreaRow } from '../areas';
import { ok, type VaccinationFixture, vaccinationFixture } from './test-fixture';

/**
 * Editing the vaccination policy (issue 18 point 3: "age and doses as policy data"): each save a new audited version
 * in force at once, impossible values refused on their field in Chinese and English, from the top of the tree only.
 */
let f: VaccinationFixture;
beforeAll(async () => {
  f = await vaccinationFixture();
  await makeUser(f.t.db, 'vac_root_admin', ['admin'], f.t.root);
  // The town of 甲一: its parent.
  const [town] = await f.t.db.query<AreaRow>('SELECT * FROM areas WHERE id = (SELECT parent_id FROM areas WHERE id = $1)', [f.villages.甲一.id]);
  await makeUser(f.t.db, 'vac_town_admin', ['admin'], town);
});
afterAll(() => f.t.close());

const P = '/api/vaccination/policy';
const body = (over: Record<string, unknown> = {}) => ({ ...DEFAULT_POLICY, note: '按上级通知调整', ...over });
const onList = async () => (await ok(f.command.get('/api/vaccination/outreach?band=60plus'))).items.map((x: { residentId: number }) => x.residentId);

describe('the vaccination policy editor', () => {
  it('saves a new version, in force for the working list at once, audited with the one it replaced', async () => {
    const first = await ok(f.command.get(P));
    expect(first).toMatchObject({ ...DEFAULT_POLICY, version: 1, note: null });
    expect(await onList()).toContain(f.people.old65);

    const admin = await login(f.t.app, 'vac_root_admin');
    const bands = [
      { code: '80plus', minAge: 80 },
      { code: '60plus', minAge: 66 },
    ];
    const saved = await ok(admin.put(P, body({ bands, observationMinutes: 45 })));
    expect(saved).toMatchObject({ version: 2, note: '按上级通知调整', observationMinutes: 45 });
    // Stored youngest band first, whatever the order sent.
    expect(saved.bands).toEqual([bands[1], bands[0]]);
    expect((await ok(f.command.get(P))).version).toBe(2);
    // The 65-year-old is no longer in the 60+ band of 66 and over.
    const list = await onList();
    expect(list).not.toContain(f.people.old65);
    expect(list).toContain(f.people.old85);

    const versions = await f.t.db.query<{ version: number }>('SELECT version FROM vaccination_policy ORDER BY version');
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    const [audit] = await f.t.db.query<{ action: string; entity_id: string; before: { version: number }; after: { observationMinutes: number } }>(
      "SELECT action, entity_id, before, after FROM audit_log WHERE entity = 'vaccination_policy'",
    );
    expect(audit).toMatchObject({ action: 'publish', entity_id: '2', before: { version: 1 }, after: { observationMinutes: 45 } });
  });

  it('refuses values a working list cannot live with, on their field, in Chinese and English', async () => {
    const admin = await login(f.t.app, 'vac_root_admin');
    for (const [b, field] of [
      [body({ bands: [{ code: '60plus', minAge: 60 }] }), 'bands'],
      [
        body({
          bands: [
            { code: '60plus', minAge: 60 },
            { code: '60plus', minAge: 70 },
          ],
        }),
        'bands',
      ],
      [
        body({
          bands: [
            { code: '60plus', minAge: 70 },
            { code: '80plus', minAge: 70 },
          ],
        }),
        'bands.1.minAge',
      ],
      [
        body({
          bands: [
            { code: '60plus', minAge: 5 },
            { code: '80plus', minAge: 80 },
          ],
        }),
        'bands.0.minAge',
      ],
      [body({ primaryDoses: 0 }), 'primaryDoses'],
      [body({ doseIntervalDays: 3 }), 'doseIntervalDays'],
      [body({ boosterAfterMonths: 0 }), 'boosterAfterMonths'],
      [body({ observationMinutes: 5 }), 'observationMinutes'],
      [body({ rideTripMinutes: 1.5 }), 'rideTripMinutes'],
      [body({ note: '' }), 'note'],
    ] as const) {
      const res = await admin.put(P, b);
      expect(res.statusCode, JSON.stringify(b)).toBe(400);
      expect(Object.keys(res.json().error.fields ?? {})).toContain(field);
    }
    const order = await admin.put(
      P,
      body({
        bands: [
          { code: '60plus', minAge: 70 },
          { code: '80plus', minAge: 70 },
        ],
      }),
    );
    expect(order.json().error.fields['bands.1.minAge']).toBe('80 岁以上年龄段的起始年龄须高于 60 岁以上年龄段');
    const en = await admin.request({ method: 'PUT', url: P, payload: body({ doseIntervalDays: 3 }), headers: { 'accept-language': 'en' } });
    expect(en.json().error.fields.doseIntervalDays).toBe('doses must be at least 7 days apart');
    // One dose needs no interval.
    expect((await admin.put(P, body({ primaryDoses: 1, doseIntervalDays: 0 }))).statusCode).toBe(200);
  });

  it('is edited only with the policy permission, from the top of the tree', async () => {
    expect((await f.cadre.put(P, body())).statusCode).toBe(403);
    const townAdmin = await login(f.t.app, 'vac_town_admin');
    const res = await townAdmin.put(P, body());
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('POLICY_ROOT_ONLY');
  });
});
