/**
 * `npm run seed:residents -- --count 1000000` — the same as `npm run seed -- --residents 1000000` on a
 * database that already holds the demo county (run `npm run seed` first): adds synthetic residents to it.
 * For demos and benchmarks; uses the server's settings (DATA_DIR or DATABASE_URL).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/server/config';
import { openDb } from '../src/server/db/engine';
import { migrate } from '../src/server/db/migrate';
import { seedResidents } from '../src/server/modules/demo/synthetic-residents';

const { values } = parseArgs({ options: { count: { type: 'string', default: '10000' }, seed: { type: 'string' } } });
const config = loadConfig();
const db = await openDb({ dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL });
try {
  await migrate(db);
  const started = Date.now();
  const seed = values.seed === undefined ? config.DEMO_SEED_NUMBER : Number(values.seed);
  const r = await seedResidents(db, Number(values.count), seed, (step, ms) => console.error(`  ${step}: ${(ms / 1000).toFixed(1)} s`));
  console.log(JSON.stringify({ ...r, seconds: Number(((Date.now() - started) / 1000).toFixed(1)) }));
} finally {
  await db.close();
}
