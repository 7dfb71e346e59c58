import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { Db } from './engine';

/**
 * Forward-only migrations: `migrations/NNNN_name.sql`, applied in order at start, each in its own
 * transaction together with its row in `schema_migrations`. An applied file that has since been
 * edited stops the start: history is changed by a new migration, never by rewriting an old one.
 */
const migrationsDir = new URL('./migrations/', import.meta.url);

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(): Migration[] {
  return readdirSync(migrationsDir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(new URL(file, migrationsDir), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.slice(5, -4),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

/** The advisory lock several servers starting at once on one PostgreSQL take in turn: the first migrates. */
export const MIGRATION_LOCK = 20220329;

/** `below`: apply only the migrations numbered under it (a test of one migration on the schema before it). */
export async function migrate(db: Db, opts: { below?: number } = {}): Promise<{ applied: number[]; level: number }> {
  // Under the lock too: two CREATE TABLE IF NOT EXISTS at once can both see no table, and one then fails.
  await db.tx(async (tx) => {
    if (db.engine === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  });
  const applied: number[] = [];
  for (const m of listMigrations().filter((x) => opts.below === undefined || x.version < opts.below)) {
    const done = await db.tx(async (tx) => {
      // Several servers starting at once on one PostgreSQL: the first migrates, the rest wait.
      if (db.engine === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const [row] = await tx.query<{ checksum: string }>('SELECT checksum FROM schema_migrations WHERE version = $1', [m.version]);
      if (row) {
        if (row.checksum !== m.checksum) {
          throw new Error(`Migration ${m.version}_${m.name} was changed after it was applied. Add a new migration instead.`);
        }
        return false;
      }
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return { applied, level: await migrationLevel(db) };
}

export async function migrationLevel(db: Db): Promise<number> {
  const [row] = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return row?.v ?? 0;
}
