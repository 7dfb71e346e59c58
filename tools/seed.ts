/**
 * `npm run seed` — loads the demo county (太康县) into an empty database.
 *   npm run seed -- --reset          wipe the database first (PGlite folder, or the PostgreSQL schema)
 *   npm run seed -- --seed 42        another synthetic layout (default DEMO_SEED_NUMBER)
 * Uses the same settings as the server (DATA_DIR, DATABASE_URL). Stop the server first on PGlite.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/server/config';
import { openDb } from '../src/server/db/engine';
import { migrate } from '../src/server/db/migrate';
import { seedDemo } from '../src/server/modules/demo/demo';

const { values } = parseArgs({ options: { reset: { type: 'boolean', default: false }, seed: { type: 'string' } } });

try {
  const config = loadConfig();
  const seed = values.seed === undefined ? config.DEMO_SEED_NUMBER : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new ConfigError(['--seed: must be a whole number ≥ 0']);
  if (values.reset && !config.DATABASE_URL) rmSync(path.resolve(config.DATA_DIR, 'pglite'), { recursive: true, force: true });
  const db = await openDb({ dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL });
  try {
    if (values.reset && config.DATABASE_URL) await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    await migrate(db);
    const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    if (n > 0) {
      console.error('The database already has data. Run `npm run seed -- --reset` to replace it with the demo.');
      process.exitCode = 1;
    } else {
      const started = Date.now();
      console.log(await seedDemo(db, seed));
      console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
  } finally {
    await db.close();
  }
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exitCode = 1;
}
