import type { Db } from '../db/engine';

/**
 * PGlite has no autovacuum: a village's laptop that records a day of bindings, visits and follow-ups keeps every
 * dead row version and plans on statistics from the morning, so its writes and reads slow as the day goes on
 * (the desk's bindings were slower each round). This does autovacuum's work with autovacuum's own thresholds
 * (PostgreSQL's defaults: dead rows over 50 + 20 % of the live ones → VACUUM, changes since the last ANALYZE over
 * 50 + 10 % → ANALYZE), a few tables per turn, worst first, so one turn holds the single connection briefly.
 * On PostgreSQL the server's own autovacuum does it; this does nothing there.
 */
export async function vacuumWhereDue(db: Db, maxTables = 3): Promise<{ table: string; vacuumed: boolean }[]> {
  if (db.engine !== 'pglite') return [];
  const due = await db.query<{ relname: string; vacuum: boolean }>(
    `SELECT relname, n_dead_tup > 50 + 0.2 * n_live_tup AS vacuum FROM pg_stat_user_tables
      WHERE schemaname = current_schema() AND (n_dead_tup > 50 + 0.2 * n_live_tup OR n_mod_since_analyze > 50 + 0.1 * n_live_tup)
      ORDER BY n_dead_tup DESC, n_mod_since_analyze DESC LIMIT $1`,
    [maxTables],
  );
  const done: { table: string; vacuumed: boolean }[] = [];
  for (const t of due) {
    // The name comes from the catalogue; quoted as an identifier all the same.
    const name = `"${t.relname.replaceAll('"', '""')}"`;
    await db.exec(t.vacuum ? `VACUUM (ANALYZE) ${name}` : `ANALYZE ${name}`);
    done.push({ table: t.relname, vacuumed: t.vacuum });
  }
  return done;
}
