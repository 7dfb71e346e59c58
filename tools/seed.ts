/**
 * `npm run seed` — loads the demo county (太康县) into an empty database.
 *   npm run seed -- --reset            wipe the database first (PGlite folder, or the PostgreSQL schema)
 *   npm run seed -- --seed 42          another synthetic layout (default DEMO_SEED_NUMBER)
 *   npm run seed -- --residents 100000 also N synthetic residents in the demo county; on a database that
 *                                      already has data, adds N residents to it (nothing else changes)
 * Uses the same settings as the server (DATA_DIR, DATABASE_URL). Stop the server first on PGlite.
 * With --residents the last line is JSON: {"residents":…,"households":…,"seconds":…}.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/server/config';
import { openDb } from '../src/server/db/engine';
import { migrate } from '../src/server/db/migrate';
import { seedDemo } from '../src/server/modules/demo/demo';
import { seedDemoMonitoring } from '../src/server/modules/demo/demo-monitoring';
import { seedDemoParty } from '../src/server/modules/demo/demo-party';
import { seedResidents } from '../src/server/modules/demo/synthetic-residents';

const { values } = parseArgs({ options: { reset: { type: 'boolean', default: false }, seed: { type: 'string' }, residents: { type: 'string' } } });

try {
  const config = loadConfig();
  // The demo's accounts share a published password: never on a production server.
  if (config.NODE_ENV === 'production') throw new ConfigError(['NODE_ENV: the demo (with its published password) is not seeded with NODE_ENV=production']);
  const seed = values.seed === undefined ? config.DEMO_SEED_NUMBER : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new ConfigError(['--seed: must be a whole number ≥ 0']);
  const residents = values.residents === undefined ? 0 : Number(values.residents);
  if (!Number.isInteger(residents) || residents < 0) throw new ConfigError(['--residents: must be a whole number ≥ 0']);
  if (values.reset && !config.DATABASE_URL) rmSync(path.resolve(config.DATA_DIR, 'pglite'), { recursive: true, force: true });
  const db = await openDb({ dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL });
  try {
    if (values.reset && config.DATABASE_URL) await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    await migrate(db);
    const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    if (n > 0 && !residents) {
      console.error('The database already has data. Run `npm run seed -- --reset` to replace it with the demo.');
      process.exitCode = 1;
    } else {
      if (n === 0) {
        const started = Date.now();
        console.log(await seedDemo(db, seed));
        console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } else {
        console.error(`The database already has data: adding ${residents} residents to it.`);
      }
      // A new demo gets DEMO_RESIDENTS residents unless --residents says how many.
      const count = residents || (n === 0 ? config.DEMO_RESIDENTS : 0);
      let summary: Record<string, unknown> | null = null;
      if (count) {
        const started = Date.now();
        const r = await seedResidents(db, count, seed, (step, ms) => console.error(`  ${step}: ${(ms / 1000).toFixed(1)} s`));
        summary = { ...r, seconds: Number(((Date.now() - started) / 1000).toFixed(1)) };
      }
      if (n === 0) {
        const [{ password_hash: hash }] = await db.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE username = 'admin'");
        const party = await seedDemoParty(db, seed, hash, config.TIME_ZONE);
        if (party) console.log(party);
        const monitoring = await seedDemoMonitoring(db, config.TIME_ZONE);
        if (monitoring) console.log(monitoring);
      }
      if (summary) console.log(JSON.stringify(summary));
    }
  } finally {
    await db.close();
  }
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exitCode = 1;
}
