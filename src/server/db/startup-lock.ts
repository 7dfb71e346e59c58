import pg from 'pg';

/**
 * Several server processes starting at once on one PostgreSQL (behind one address) take their turn at the
 * start-up work — migrations, the owner's grants, the first run's data — so it is done once: the first does it,
 * the others wait, then find it done. A session-level advisory lock on a connection of its own, released when
 * the work ends or the process dies. The migrations' own per-file lock (migrate.ts) is another key, so a
 * process holding this one never waits for itself. PGlite (one process per folder) needs none.
 */
const STARTUP_LOCK = 20220330;

export async function inStartupTurn<T>(databaseUrl: string | undefined, work: () => Promise<T>): Promise<T> {
  if (!databaseUrl) return work();
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK]);
    return await work();
  } finally {
    await client.end().catch(() => {});
  }
}
