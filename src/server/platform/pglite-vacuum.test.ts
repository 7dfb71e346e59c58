import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/engine';
import { freshDb } from '../testing/harness';
import { vacuumWhereDue } from './pglite-vacuum';

let db: Db;
beforeAll(async () => {
  db = await freshDb();
});
afterAll(() => db?.close());

const stats = async () =>
  (
    await db.query<{ dead: number; changed: number }>(
      `SELECT n_dead_tup::int AS dead, n_mod_since_analyze::int AS changed FROM pg_stat_user_tables WHERE relname = 'vacuum_probe' AND schemaname = current_schema()`,
    )
  )[0];

describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('PGlite’s stand-in for autovacuum', () => {
  it('vacuums a table whose rows were rewritten, and then leaves it alone', async () => {
    await db.exec('CREATE TABLE vacuum_probe (id int PRIMARY KEY, v text)');
    await db.query('INSERT INTO vacuum_probe SELECT g, md5(g::text) FROM generate_series(1, 5000) g');
    await db.query("UPDATE vacuum_probe SET v = v || 'x'");
    await db.query('DELETE FROM vacuum_probe WHERE id % 2 = 0');
    // Statistics reach the views at the end of a transaction, once the engine flushes them.
    await new Promise((r) => setTimeout(r, 1200));
    await db.query('SELECT 1');
    expect((await stats()).dead).toBeGreaterThan(5000);
    const done = await vacuumWhereDue(db, 50);
    expect(done).toContainEqual({ table: 'vacuum_probe', vacuumed: true });
    await new Promise((r) => setTimeout(r, 1200));
    await db.query('SELECT 1');
    expect(await stats()).toEqual({ dead: 0, changed: 0 });
    expect((await vacuumWhereDue(db, 50)).map((d) => d.table)).not.toContain('vacuum_probe');
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('on PostgreSQL', () => {
  it('leaves the work to the server’s own autovacuum', async () => {
    expect(await vacuumWhereDue(db)).toEqual([]);
  });
});
