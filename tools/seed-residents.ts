/**
 * `npm run seed:residents -- --count 1000000` — adds synthetic residents to the demo county (run
 * `npm run seed` first). For demos and benchmarks; uses the server's settings (DATA_DIR or DATABASE_URL).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/server/config';
import { openDb } from '../src/server/db/engine';
import { migrate } from '../src/server/db/migrate';
import { generateResidents } from '../src/server/modules/demo/synthetic-residents';

const { values } = parseArgs({ options: { count: { type: 'string', default: '10000' }, seed: { type: 'string', default: '1' } } });
const config = loadConfig();
const db = await openDb({ dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL, guardTransactions: false });
try {
  await migrate(db);
  const [root] = await db.query<{ path: string; division_code: string | null }>('SELECT path, division_code FROM areas WHERE parent_id IS NULL ORDER BY id LIMIT 1');
  if (!root) throw new Error('No areas yet: run `npm run seed` (or start the server once) first.');
  const started = Date.now();
  const r = await generateResidents(db, {
    count: Number(values.count),
    seed: Number(values.seed),
    underPath: root.path,
    countyCode: (root.division_code ?? '411627').slice(0, 6),
  });
  console.log(JSON.stringify({ ...r, seconds: Number(((Date.now() - started) / 1000).toFixed(1)) }));
} finally {
  await db.close();
}
