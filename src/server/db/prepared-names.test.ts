import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../testing/harness';
import type { Db } from './engine';
import { preparedName } from './engine';

describe('statements prepared under a name', () => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('one name with two texts on one connection runs both (a filter present, then absent)', async () => {
    // In one transaction both statements go through the same PostgreSQL connection, where the same prepared
    // name for a second text used to be refused by node-postgres.
    const got = await db.tx(async (tx) => {
      const a = await tx.query<{ v: number }>('SELECT $1::int AS v', [1], 'test.shape');
      const b = await tx.query<{ v: number }>('SELECT $1::int + 1 AS v', [1], 'test.shape');
      const c = await tx.query<{ v: number }>('SELECT $1::int AS v', [5], 'test.shape');
      return [a[0].v, b[0].v, c[0].v];
    });
    expect(got).toEqual([1, 2, 5]);
  });

  it('names a text the same every time and two texts apart', () => {
    expect(preparedName('x', 'SELECT 1')).toBe(preparedName('x', 'SELECT 1'));
    expect(preparedName('x', 'SELECT 1')).not.toBe(preparedName('x', 'SELECT 2'));
    expect(preparedName('x', 'SELECT 1').startsWith('x:')).toBe(true);
  });
});
