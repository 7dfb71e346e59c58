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
