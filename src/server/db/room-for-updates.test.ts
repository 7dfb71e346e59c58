import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './engine';
import { dropDb, freshDb } from '../testing/harness';

/**
 * Migration 0068: the tables a peak updates row by row, in columns no index holds, keep room on their pages so each
 * update stays beside its row and writes no index entry (a heap-only update).
 */
let db: Db;
beforeAll(async () => {
  db = await freshDb();
}, 120_000);
afterAll(() => dropDb(db));

describe('room for updates in place', () => {
  it('a round roster written whole takes each binding’s count on the same page, touching no index', async () => {
    // In one transaction: its own statistics (pg_stat_xact_*) count exactly these statements' updates.
    const counts = await db.tx(async (tx) => {
      // A roster written at once, as a round opening writes it: pages as full as the table lets them be.
      await tx.query(`INSERT INTO sampling_roster (round_id, resident_id, area_path, rostered) SELECT -1, g, '1.', true FROM generate_series(1, 2000) g`);
      // One person in ten bound, each raising their own row's count as sampling_bindings_added does.
      await tx.query(`UPDATE sampling_roster SET sampled = sampled + 1 WHERE round_id = -1 AND resident_id % 10 = 0`);
      const [c] = await tx.query<{ updated: number; in_place: number }>(
        `SELECT n_tup_upd::int AS updated, n_tup_hot_upd::int AS in_place FROM pg_stat_xact_user_tables WHERE relid = 'sampling_roster'::regclass`,
      );
      return c;
    });
    expect(counts).toEqual({ updated: 200, in_place: 200 });
  });

  it('the roster and a campaign’s targets keep a fifth of each page free', async () => {
    const rows = await db.query<{ relname: string; options: string[] }>(
      // By the names as this database resolves them (the tests on PostgreSQL each have a schema of their own).
      `SELECT relname, reloptions AS options FROM pg_class WHERE oid IN ('sampling_roster'::regclass, 'screening_targets'::regclass) ORDER BY relname`,
    );
    expect(rows).toEqual([
      { relname: 'sampling_roster', options: ['fillfactor=80'] },
      { relname: 'screening_targets', options: ['fillfactor=80'] },
    ]);
  });
});
