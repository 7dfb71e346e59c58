import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDITIONS } from '../../../domain/policy/editions';
import { type TestApp, testApp } from '../../testing/harness';
import * as repo from './repo';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('policy seed', () => {
  it('migration 0009 stores exactly the editions of src/domain/policy/editions.ts', async () => {
    const stored = await repo.publishedSets(t.db);
    const plain = stored.map(({ id: _id, status: _status, ...s }) => s).reverse();
    expect(plain).toEqual(EDITIONS);
  });
});

describe('the alert rules in force', () => {
  it('alertRulesOn picks, for any day, the set publishedSets puts first among those covering it', async () => {
    const sets = await repo.publishedSets(t.db);
    const days = ['2019-12-31', ...sets.flatMap((s) => [s.effectiveFrom, s.effectiveTo].filter((d): d is string => !!d)), '2030-01-01'];
    let covered = 0;
    for (const day of days) {
      const inForce = sets.find((s) => s.effectiveFrom <= day && (!s.effectiveTo || day <= s.effectiveTo));
      const rules = await repo.alertRulesOn(t.db, day);
      if (inForce) covered++;
      expect(rules, day).toEqual(
        inForce ? { feverThreshold: inForce.feverThreshold, alertSymptoms: inForce.alertSymptoms, alertDueMinutes: inForce.alertDueMinutes } : null,
      );
    }
    // The editions differ in their rules, so a wrong pick shows.
    expect(covered).toBeGreaterThan(2);
    expect(new Set(sets.map((s) => JSON.stringify(s.alertSymptoms))).size).toBeGreaterThan(1);
  });
});
