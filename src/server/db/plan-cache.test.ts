import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDb, freshDb } from '../testing/harness';
import { type Db, planForBulkWrite } from './engine';

/**
 * A table that starts nearly empty and then grows fast (a new deployment's first rush) must still be checked by
 * its index when rows referencing it come in. PostgreSQL keeps a generic plan of a foreign-key check per
 * connection, made from the sizes of its first runs; the engine makes every plan for the sizes of the moment
 * (engine.ts, PLAN_CACHE_MODE). One transaction keeps every statement on one connection, and its own statistics
 * (pg_stat_xact_user_tables) count the scans it made.
 */
describe('plans made for the table sizes of the moment', () => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(async () => {
    await dropDb(db);
  });

  it('checks a grown table by its index, not by reading it whole, after its first checks saw it tiny', async () => {
    const scans = await db.tx(async (tx) => {
      await tx.exec(`CREATE TABLE plan_parent (id int PRIMARY KEY, pad text);
        CREATE TABLE plan_child (id serial PRIMARY KEY, parent_id int NOT NULL REFERENCES plan_parent (id));
        INSERT INTO plan_parent VALUES (1, 'x');
        ANALYZE plan_parent;`);
      // More than the five runs after which a generic plan would be kept — made while the parent has one row.
      for (let i = 0; i < 8; i++) await tx.query('INSERT INTO plan_child (parent_id) VALUES (1)');
      await tx.exec(`INSERT INTO plan_parent SELECT g, repeat('x', 200) FROM generate_series(2, 20000) g`);
      const [before] = await tx.query<{ n: number }>(`SELECT seq_scan::int AS n FROM pg_stat_xact_user_tables WHERE relname = 'plan_parent'`);
      for (let i = 0; i < 10; i++) await tx.query('INSERT INTO plan_child (parent_id) VALUES ($1)', [19990 + i]);
      const [after] = await tx.query<{ n: number }>(`SELECT seq_scan::int AS n FROM pg_stat_xact_user_tables WHERE relname = 'plan_parent'`);
      return after.n - before.n;
    });
    expect(scans).toBe(0);
  });

  it('a bulk write keeps plans for one batch only: the next batch checks the grown table by its index', async () => {
    /** The parent's whole-table reads by the key checks of children written after it grew, with or without a new batch. */
    const scansAfterGrowth = async (newBatch: boolean) =>
      db.tx(async (tx) => {
        await tx.exec(`CREATE TEMP TABLE bulk_parent (id int PRIMARY KEY, pad text) ON COMMIT DROP;
          CREATE TEMP TABLE bulk_child (id serial PRIMARY KEY, parent_id int NOT NULL REFERENCES bulk_parent (id)) ON COMMIT DROP;
          INSERT INTO bulk_parent VALUES (1, 'x');
          ANALYZE bulk_parent;`);
        // The first batch: its children checked while the parent has one row, so the plan kept reads it whole.
        await planForBulkWrite(tx);
        await tx.query('INSERT INTO bulk_child (parent_id) SELECT 1 FROM generate_series(1, 20)');
        await tx.exec(`INSERT INTO bulk_parent SELECT g, repeat('x', 200) FROM generate_series(2, 20000) g`);
        if (newBatch) await planForBulkWrite(tx);
        const scans = async () => (await tx.query<{ n: number }>(`SELECT seq_scan::int AS n FROM pg_stat_xact_all_tables WHERE relname = 'bulk_parent'`))[0].n;
        const before = await scans();
        await tx.query('INSERT INTO bulk_child (parent_id) SELECT 19980 + g FROM generate_series(1, 20) g');
        return (await scans()) - before;
      });
    expect(await scansAfterGrowth(true)).toBe(0);
    // Kept past the growth (no new batch), the plan made for one row reads the grown parent whole for each child:
    // what discarding the plans at each batch prevents.
    expect(await scansAfterGrowth(false)).toBeGreaterThan(0);
  });

  it('compiles no statement just in time, however costly its estimate (PostgreSQL with LLVM would)', async () => {
    if (db.engine !== 'postgres') return; // PGlite has no JIT
    const jitOf = async (tx: Pick<Db, 'query'>) => {
      const [row] = await tx.query<{ 'QUERY PLAN': [Record<string, unknown>] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) SELECT count(*) FROM generate_series(1, 300) a, generate_series(1, 300) b, generate_series(1, 30) c`,
      );
      return 'JIT' in row['QUERY PLAN'][0];
    };
    const [{ available }] = await db.query<{ available: boolean }>('SELECT pg_jit_available() AS available');
    expect(await jitOf(db)).toBe(false);
    // The same statement with JIT switched back on: compiled, where the server can (so the check above can fail).
    const compiled = await db.tx(async (tx) => {
      await tx.exec('SET LOCAL jit = on');
      return jitOf(tx);
    });
    expect(compiled).toBe(available);
  });
});
