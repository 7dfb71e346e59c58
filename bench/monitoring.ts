/**
 * npm run bench:monitoring — classified control and health monitoring at county scale, on PostgreSQL.
 * Needs BENCH_DATABASE_URL. A database with fewer than BENCH_RESIDENTS (1,000,000) residents is wiped and
 * seeded first; the monitoring tables of the bench database are emptied on every run.
 *
 *   generate_100k_s   BENCH_MEASURES (100,000) residents under 14-day home monitoring, 2 follow-ups a day,
 *                     each measure on day 4: their follow-ups written up to the horizon
 *                     (FOLLOW_UP_HORIZON_DAYS, 2 = today and tomorrow) by the sweep's writer
 *                     (writeFollowUpsAhead: batches of 5,000 measures, two at once). Goal ≤ 5 s (issue 19).
 *   today_list_p95_ms one village doctor per village, each with the measures of their village; doctors
 *                     ask for today's list (GET /api/follow-ups/today) through HTTP, 4 clients at once,
 *                     BENCH_ROUNDS (3) rounds; the median of the rounds' p95. Goal ≤ 50 ms.
 *   visits_per_s …    see bench/monitoring-visits.ts (screening visits from 50 phones with retries).
 *   rollup_ms         the county's daily report over 60 days of records (see bench/monitoring-report.ts).
 *   generate_100k_db_cpu_s, rollup_db_cpu_ms: the database's CPU for the same work (read from /proc, this
 *                     database's backends), and load_average_1m: on a shared machine the wall-clock figures
 *                     measure the machine's load as much as the work.
 *
 * Last line: {"generate_100k_s":…,"today_list_p95_ms":…,"visits_per_s":…,"visit_p99_ms":…,"lost":…,
 * "duplicated":…,"rollup_ms":…}. A figure whose part could not run is null, with the reason on stderr.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDb } from '../src/server/db/engine';
import { migrate } from '../src/server/db/migrate';
import { writeFollowUpsAhead } from '../src/server/modules/monitoring/sweep';
import { cpuShare } from './cpu-share';
import { startProcess, stopProcess } from './server-process';
import { benchReport } from './monitoring-report';
import { benchVisits } from './monitoring-visits';
import { type Session, median, pct, signIn } from './monitoring-http';

const url = process.env.BENCH_DATABASE_URL;
if (!url) {
  console.error('Set BENCH_DATABASE_URL to a PostgreSQL database for the bench (it may be wiped).');
  process.exit(2);
}
const TARGET = Number(process.env.BENCH_RESIDENTS ?? 1_000_000);
const MEASURES = Number(process.env.BENCH_MEASURES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TZ = process.env.TIME_ZONE ?? 'Asia/Shanghai';
const HORIZON = Number(process.env.FOLLOW_UP_HORIZON_DAYS ?? 2);
const PORT = Number(process.env.BENCH_PORT ?? 3912);
const root = path.resolve(import.meta.dirname, '..');
const base = `http://127.0.0.1:${PORT}`;
const log = (...a: unknown[]) => console.error('[bench:monitoring]', ...a);

function run(cmd: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', ...cmd], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd.join(' ')} exited ${code}`))));
  });
}

/** Started as the other benches start it (bench/server-process.ts): the production heap cap, and BENCH_CPU_PROF. */
function startServer(): Promise<ChildProcess> {
  return startProcess({
    DATABASE_URL: url!,
    PORT: String(PORT),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DEMO_SEED: 'false',
    LOGIN_MAX_FAILURES_PER_ADDRESS: '100000',
  });
}

// ——— data ———
const client = new pg.Client(url);
await client.connect();
const count = async () => {
  try {
    return Number((await client.query('SELECT count(*) FROM residents')).rows[0].count);
  } catch {
    return 0;
  }
};
if ((await count()) < TARGET) {
  log(`seeding ${TARGET} residents…`);
  await run(['tools/seed.ts', '--reset', '--residents', String(TARGET)], { DATABASE_URL: url, LOG_LEVEL: 'warn' });
}
const db = await openDb({ databaseUrl: url, dataDir: '' });
await migrate(db);
const residents = await count();

log('resetting the monitoring tables…');
await client.query(
  `TRUNCATE follow_ups, follow_up_horizons, fever_alerts, measures, tasks, arrivals, screening_visits, screening_targets, screening_campaigns, daily_reports RESTART IDENTITY CASCADE;
   DELETE FROM client_writes WHERE table_name = 'screening_visits'`,
);
const today = (await client.query(`SELECT (now() AT TIME ZONE $1)::date::text AS d`, [TZ])).rows[0].d as string;

// One village doctor per village, with the demo doctor's password (kept from run to run: the audit
// trail refers to them).
await client.query(
  `INSERT INTO users (username, display_name, password_hash, roles, area_id, area_path)
   SELECT 'bench_doc_' || a.id, a.name || '村医', (SELECT password_hash FROM users WHERE username = 'doctor'), '{doctor}', a.id, a.path
     FROM areas a WHERE a.kind IN ('village', 'community') AND NOT a.archived
      AND NOT EXISTS (SELECT 1 FROM users u WHERE u.username = 'bench_doc_' || a.id)`,
);
// The measures: residents picked by a hash of their id, each under its village's doctor, on day 4 of 14. Their two
// follow-ups a day are late in the evening, so that whenever the bench runs both of today's are still open (a slot
// whose 4-hour window is over is not written): every run writes today's and tomorrow's, four a person, and the
// doctors have a list today. With 08:00 and 16:00 a run in the evening wrote half as many and found no list.
await client.query(
  `INSERT INTO measures (resident_id, area_id, area_path, kind, state, starts_on, ends_on, doctor_id, follow_ups_per_day, follow_up_times)
   SELECT r.id, r.area_id, r.area_path, 'home_monitoring', 'active', $2::date - 3, $2::date + 10, d.id, 2, '{22:00,23:00}'
     FROM (SELECT id, area_id, area_path FROM residents WHERE merged_into IS NULL ORDER BY hashtext(id::text || ':mon') LIMIT $1) r
     JOIN LATERAL (SELECT u.id FROM users u WHERE u.username LIKE 'bench\\_doc\\_%' AND r.area_path LIKE u.area_path || '%' LIMIT 1) d ON true`,
  [MEASURES, today],
);
const measureIds = (await client.query('SELECT id FROM measures ORDER BY id')).rows.map((r) => r.id as number);
log(`${measureIds.length} measures; generating follow-ups…`);
// Vacuumed as well as analysed, as autovacuum would have left measures made over days: freshly inserted rows have their
// visibility settled by the first statements that read them, here the writer's (its FOR UPDATE of each batch).
await client.query('VACUUM ANALYZE measures');

// ——— generate ———
const t0 = performance.now();
// The database's CPU seconds for it too: on a machine shared with other work the wall-clock time says how busy the
// machine was as much as what the writing costs.
const dbName = new URL(url).pathname.slice(1);
const generateCpu = cpuShare(process.pid, dbName);
// Written as far as the horizon (FOLLOW_UP_HORIZON_DAYS, 2: today and tomorrow), as the sweep does (two batches at once).
const until = (await client.query(`SELECT ($1::date + $2::int - 1)::text AS d`, [today, HORIZON])).rows[0].d as string;
const created = await writeFollowUpsAhead(db, { today, until, timeZone: TZ });
const generateSeconds = (performance.now() - t0) / 1000;
const generateDbCpuSeconds = generateCpu.end(1000).db_cpu_ms_per_op;
log(`generated ${created} follow-ups in ${generateSeconds.toFixed(2)} s`);
await client.query('ANALYZE follow_ups');
await db.close();

// ——— today's list ———
const doctors = (
  await client.query(
    `SELECT u.username, count(f.id)::int AS n FROM users u JOIN follow_ups f ON f.doctor_id = u.id
      WHERE u.username LIKE 'bench\\_doc\\_%' AND f.due_at >= ($1::date::timestamp AT TIME ZONE $2) AND f.due_at < (($1::date + 1)::timestamp AT TIME ZONE $2)
      GROUP BY u.username ORDER BY hashtext(u.username) LIMIT 40`,
    [today, TZ],
  )
).rows as { username: string; n: number }[];
await client.end();

const server = await startServer();
const results: Record<string, number | null> = {
  residents,
  measures: measureIds.length,
  follow_ups: created,
  generate_100k_s: Number(((generateSeconds * 100_000) / Math.max(1, measureIds.length)).toFixed(2)),
  generate_100k_db_cpu_s: Number(((generateDbCpuSeconds * 100_000) / Math.max(1, measureIds.length)).toFixed(2)),
  today_list_p95_ms: null,
  today_list_rows_median: doctors.length ? median(doctors.map((d) => d.n)) : null,
  visits_per_s: null,
  visit_p99_ms: null,
  lost: null,
  duplicated: null,
  rollup_ms: null,
};
try {
  const sessions: Session[] = [];
  for (const d of doctors) sessions.push(await signIn(base, d.username));
  const roundP95: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const times: number[] = [];
    let next = 0;
    const total = 400;
    const worker = async () => {
      while (next < total) {
        const s = sessions[next++ % sessions.length];
        const t = performance.now();
        const res = await fetch(`${base}/api/follow-ups/today`, { headers: s.headers });
        if (res.status !== 200) throw new Error(`today list answered ${res.status}`);
        await res.arrayBuffer();
        times.push(performance.now() - t);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    roundP95.push(pct(times, 95));
    log(`today list round ${round + 1}: p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms`);
  }
  results.today_list_p95_ms = Number(median(roundP95).toFixed(1));

  Object.assign(results, await benchVisits({ base, url, serverPid: server.pid!, log }));
  Object.assign(results, await benchReport({ base, url, log, today, tz: TZ }));
} finally {
  await stopProcess(server);
}
results.load_average_1m = Number(loadavg()[0].toFixed(2));
console.log(JSON.stringify(results));
