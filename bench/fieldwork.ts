/**
 * npm run bench:fieldwork — field work's figures on PostgreSQL (issue 18): `outreach_list_ms`, the 60+ outreach list
 * of a county with states among 1,000,000 residents (fieldwork-outreach.ts; goal ≤ 2,000 ms), and `league_table_ms`,
 * a town's league table (红黑榜) over a quarter's inspections, through the module's own `league()` (the statement
 * behind GET /api/inspections/league). Goal ≤ 300 ms.
 *
 * The volume: a county of BENCH_TOWNS towns (20) of BENCH_VILLAGES villages (34, as in the source town), each
 * village inspected BENCH_PER_WEEK times a week (4) over two quarters, with its six item results; about 3 % fail
 * a critical item. The table is read for one town over the last quarter, and for the whole county besides.
 *
 * Settings: BENCH_DATABASE_URL (required; the schemas `bench_fieldwork` and `bench_fieldwork_outreach` in it are
 * replaced; the outreach list reads the registry seeded in its public schema), BENCH_RUNS (20).
 * Progress goes to stderr; the last line on stdout is the JSON of figures.
 */
import { openDb } from '../src/server/db/engine';
import { migrate } from '../src/server/db/migrate';
import { league } from '../src/server/modules/inspections/league';
import { benchOutreach } from './fieldwork-outreach';

const url = process.env.BENCH_DATABASE_URL;
if (!url) {
  console.error('Set BENCH_DATABASE_URL to a PostgreSQL database for the bench (its schema bench_fieldwork is replaced).');
  process.exit(2);
}
const TOWNS = Number(process.env.BENCH_TOWNS ?? 20);
const VILLAGES = Number(process.env.BENCH_VILLAGES ?? 34);
const PER_WEEK = Number(process.env.BENCH_PER_WEEK ?? 4);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const log = (...a: unknown[]) => console.error('[bench:fieldwork]', ...a);

const SCHEMA = 'bench_fieldwork';
const setup = await openDb({ databaseUrl: url, poolSize: 1 });
await setup.exec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; DROP SCHEMA IF EXISTS ${SCHEMA}_jobs CASCADE;`);
await setup.close();
const db = await openDb({ databaseUrl: url, schema: SCHEMA, poolSize: 4 });
await migrate(db);

log(`generating ${TOWNS} towns × ${VILLAGES} villages, ${PER_WEEK} inspections a week each over 26 weeks`);
const t0 = performance.now();
await db.exec(`
  INSERT INTO areas (id, parent_id, name, kind, path, level) OVERRIDING SYSTEM VALUE VALUES (1, NULL, '基准县', 'county', '/1/', 1);
  INSERT INTO areas (id, parent_id, name, kind, path, level) OVERRIDING SYSTEM VALUE
    SELECT 1 + t, 1, '第' || t || '镇', 'town', '/1/' || (1 + t) || '/', 2 FROM generate_series(1, ${TOWNS}) t;
  INSERT INTO areas (id, parent_id, name, kind, path, level) OVERRIDING SYSTEM VALUE
    SELECT 1000 + t * 100 + v, 1 + t, '第' || t || '镇' || v || '村', 'village', '/1/' || (1 + t) || '/' || (1000 + t * 100 + v) || '/', 3
      FROM generate_series(1, ${TOWNS}) t, generate_series(1, ${VILLAGES}) v;
  SELECT setval(pg_get_serial_sequence('areas', 'id'), 100000);
  INSERT INTO users (username, display_name, password_hash, roles, area_id, area_path) VALUES ('bench', '基准督导员', 'x', '{command}', 1, '/1/');
  INSERT INTO inspection_targets (kind, name, area_id, area_path) SELECT 'village', name, id, path FROM areas WHERE kind = 'village';
`);
const [{ checklist }] = await db.query<{ checklist: number }>(
  `SELECT id AS checklist FROM inspection_checklists WHERE target_kind = 'village' AND version = 1`,
);
// Two quarters back from today, PER_WEEK a week per village at office hours; scores from the checklist's weights.
await db.query(
  `INSERT INTO inspections (mode, target_id, area_id, area_path, checklist_id, inspector_id, inspected_at, raw_score, score, vetoed, passed)
   SELECT 'unannounced', t.id, t.area_id, t.area_path, $1, (SELECT id FROM users WHERE username = 'bench'),
          now() - (w * 7 + k * (7.0 / $2)) * interval '1 day' - (t.id % 8) * interval '1 hour',
          s.raw, CASE WHEN s.vetoed THEN 0 ELSE s.raw END, s.vetoed, NOT s.vetoed AND s.raw >= 80
     FROM inspection_targets t, generate_series(0, 25) w, generate_series(0, $2 - 1) k,
          LATERAL (SELECT (100 - 10 * ((t.id * 7 + w * 3 + k) % 4))::numeric AS raw, ((t.id * 31 + w * 17 + k) % 33 = 0) AS vetoed) s`,
  [checklist, PER_WEEK],
);
await db.query(
  `INSERT INTO inspection_items (inspection_id, area_path, code, passed)
   SELECT i.id, i.area_path, c.code, NOT (i.vetoed AND c.code = 'duty') AND NOT (i.raw_score < 100 AND c.code = 'publicity')
     FROM inspections i, unnest(ARRAY['duty', 'roster', 'checkpoint', 'publicity', 'disinfection', 'gathering']) AS c(code)`,
);
await db.exec('ANALYZE');
const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM inspections');
log(`${n} inspections written in ${Math.round(performance.now() - t0)} ms`);

const ctx = {
  db,
  actor: {
    userId: 1,
    username: 'bench',
    displayName: '基准督导员',
    roles: ['command'],
    permissions: new Set(['inspections.read']),
    scope: { areaId: 1, path: '/1/' },
    sessionId: 'bench',
    csrfToken: 'bench',
    mustChangePassword: false,
  },
  requestId: 'bench',
  clientIp: '127.0.0.1',
  lang: 'zh' as const,
  today: new Date().toISOString().slice(0, 10),
  timeZone: 'Asia/Shanghai',
};
const day = (d: Date) => d.toISOString().slice(0, 10);
const to = new Date();
const from = new Date(to.getTime() - 90 * 86_400_000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time(p: { under: number; level: 'village' | 'town' }) {
  const runs: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS + 2; i++) {
    const t = performance.now();
    const r = await league(ctx, { ...p, from: day(from), to: day(to) });
    if (i >= 2) runs.push(performance.now() - t);
    rows = r.rows.length;
  }
  return { ms: Math.round(median(runs) * 10) / 10, rows };
}

const town = await time({ under: 2, level: 'village' });
log(`a town's league table: ${town.rows} villages ranked, median ${town.ms} ms over ${RUNS} runs`);
const county = await time({ under: 1, level: 'village' });
log(`the county's league table: ${county.rows} villages ranked, median ${county.ms} ms`);
const towns = await time({ under: 1, level: 'town' });
log(`the county's towns: ${towns.rows} towns ranked, median ${towns.ms} ms`);
await db.exec(`DROP SCHEMA ${SCHEMA} CASCADE`);
await db.close();
const vaccination = await benchOutreach(url, RUNS);
console.log(
  JSON.stringify({ ...vaccination, league_table_ms: town.ms, league_county_villages_ms: county.ms, league_county_towns_ms: towns.ms, inspections: n }),
);
