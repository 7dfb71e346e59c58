import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDb } from '../db/engine';
import { freshDb } from '../testing/harness';
import { SharedAddressWindow } from './shared-throttles';

/**
 * The public forms' per-address window shared through PostgreSQL (PGlite keeps it in memory: login-limiter.ts).
 * Attempts arriving together are counted in one batch; these tests hold the batch to the rules of one attempt
 * at a time: no more than the limit counted, in order of arrival, the rest told how long to wait, and two
 * processes (two connection pools on one database) meeting one count.
 */
const url = process.env.TEST_DATABASE_URL;
const MIN = 60_000;
let db: Db;
let other: Db;

describe.skipIf(!url)('a public form’s window per address, shared by processes (PostgreSQL)', () => {
  beforeAll(async () => {
    db = await freshDb();
    const [{ s }] = await db.query<{ s: string }>('SELECT current_schema() AS s');
    other = await openDb({ databaseUrl: url!, schema: s, poolSize: 4 });
  });
  afterAll(async () => {
    await other?.close();
    await db?.close();
  });

  it('attempts arriving together: the first ones up to the limit pass, the rest wait for the oldest to leave the window', async () => {
    const w = new SharedAddressWindow(db, 'form_a', 3, 10 * MIN);
    const t0 = Date.parse('2030-03-01T08:00:00Z');
    const waits = await Promise.all(Array.from({ length: 5 }, () => w.check('', '10.0.0.1', t0)));
    expect(waits).toEqual([0, 0, 0, 10, 10]);
    // Another address has its own count, in the same batch or not.
    expect(await Promise.all([w.check('', '10.0.0.2', t0), w.check('', '10.0.0.1', t0)])).toEqual([0, 10]);
  });

  it('one at a time: the wait is counted from the oldest attempt, and room comes back as attempts age out', async () => {
    const w = new SharedAddressWindow(db, 'form_b', 3, 10 * MIN);
    const t0 = Date.parse('2030-03-01T08:00:00Z');
    expect(await w.check('', '10.0.1.1', t0)).toBe(0);
    expect(await w.check('', '10.0.1.1', t0 + MIN)).toBe(0);
    expect(await w.check('', '10.0.1.1', t0 + 2 * MIN)).toBe(0);
    expect(await w.check('', '10.0.1.1', t0 + 3 * MIN)).toBe(7);
    // A refused attempt is not counted: once the first has aged out there is room for exactly one.
    expect(await w.check('', '10.0.1.1', t0 + 10 * MIN + 1)).toBe(0);
    expect(await w.check('', '10.0.1.1', t0 + 10 * MIN + 2)).toBe(1);
    const [row] = await db.query<{ n: number }>("SELECT cardinality(hits) AS n FROM throttle_state WHERE key = 'form_b:a:10.0.1.1'");
    expect(row.n).toBe(3);
  });

  it('two processes racing on one address count together: exactly the limit passes', async () => {
    const a = new SharedAddressWindow(db, 'form_c', 5, 10 * MIN);
    const b = new SharedAddressWindow(other, 'form_c', 5, 10 * MIN);
    const t0 = Date.parse('2030-03-01T08:00:00Z');
    const waits = await Promise.all(Array.from({ length: 24 }, (_, i) => (i % 2 ? a : b).check('', '10.0.2.1', t0 + (i % 3))));
    expect(waits.filter((x) => x === 0)).toHaveLength(5);
    expect(waits.filter((x) => x > 0).every((x) => x === 10)).toBe(true);
  });

  it('a limit of nothing refuses every attempt and still records the address', async () => {
    const w = new SharedAddressWindow(db, 'form_d', 0, 10 * MIN);
    expect(await w.check('', '10.0.3.1', Date.parse('2030-03-01T08:00:00Z'))).toBe(10);
    const [row] = await db.query<{ n: number }>("SELECT cardinality(hits) AS n FROM throttle_state WHERE key = 'form_d:a:10.0.3.1'");
    expect(row.n).toBe(0);
  });
});
