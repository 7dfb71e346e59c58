/**
 * npm run bench:sampling — mass testing (issue 6) at county scale.
 *
 *   postgres / pglite  bindings_per_s: 64 desks (BENCH_DESKS) binding residents over HTTP, each answer committed
 *                      before it is sent, the load generator in this process; bare_rps: a bare Fastify endpoint
 *                      under the same load in the same run; ratio = bindings_per_s / bare_rps; p99_ms of the
 *                      bindings. Medians of BENCH_ROUNDS (3) rounds of BENCH_SECONDS (10) — bench/sampling-load.ts.
 *                      Goal on PostgreSQL: ≥ 5,000 bindings/s, ratio ≥ 0.8, p99 ≤ 50 ms. On PostgreSQL also the CPU
 *                      milliseconds one binding costs the server, the database and the load generator (medians of
 *                      the rounds, from /proc — bench/cpu-share.ts) and `capacity_per_s`, the bindings/s the cores
 *                      could carry with the desks elsewhere: the figure with the generator's share removed.
 *   crash              SIGKILL of the PostgreSQL server mid-load, restarted while the desks retry; every
 *                      acknowledged binding present exactly once — bench/sampling-crash.ts. `crash_pglite`: the
 *                      same on PGlite's folder.
 *   coverage_p95_ms    the county's coverage table mid-round on BENCH_RESIDENTS (1,000,000) — bench/sampling-coverage.ts.
 *                      Goal ≤ 100 ms. `round_open_s`: opening the round over the county (its roster taken).
 *   lab_import_100k_s  a lab csv of BENCH_LAB_TUBES (100,000) tubes, 1% positive pools of 10, trace-back included —
 *                      bench/sampling-lab.ts. Goal ≤ 3 s (issue 19).
 *
 * Settings (environment):
 *   BENCH_DATABASE_URL      PostgreSQL database for the bench (required; wiped and seeded when it has fewer than
 *                           BENCH_RESIDENTS residents; its sampling tables are emptied on every run)
 *   BENCH_RESIDENTS         1000000   residents of the PostgreSQL county
 *   BENCH_PGLITE_RESIDENTS  60000     residents of the PGlite demo county (a fresh temporary folder)
 *   BENCH_DESKS             64        concurrent desks (each its own session)
 *   BENCH_ROUNDS, BENCH_SECONDS  3, 10  load rounds and their length
 *   BENCH_CRASH_BINDINGS    5000      bindings of the crash part; BENCH_CRASH_AFTER_MS 1500: when the kill comes
 *   BENCH_COVERAGE_REQUESTS 100       coverage reads of the county (and as many of towns)
 *   BENCH_LAB_TUBES         100000    tubes in the lab file
 *   BENCH_PORT              3931      the server; +1 the bare endpoint
 *   BENCH_PARTS             load,crash,coverage,lab,pglite   which parts run (a figure of a part not run is null)
 *   DATABASE_POOL_SIZE      the server's pool (its default when unset)
 * Progress goes to stderr; the last line on stdout is the JSON of figures.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDb } from '../src/server/db/engine';
import { migrate } from '../src/server/db/migrate';
import { cpuShare } from './cpu-share';
import { benchCoverage } from './sampling-coverage';
import { benchCrash, countAfterCrash } from './sampling-crash';
import { signIn } from './sampling-desks';
import { benchLab } from './sampling-lab';
import { benchLoad } from './sampling-load';
import { startProcess, stopProcess } from './server-process';

const url = process.env.BENCH_DATABASE_URL;
if (!url) {
  console.error('Set BENCH_DATABASE_URL to a PostgreSQL database for the bench (it may be wiped).');
  process.exit(2);
}
const num = (name: string, dflt: number) => Number(process.env[name] ?? dflt);
const TARGET = num('BENCH_RESIDENTS', 1_000_000);
const PGLITE_RESIDENTS = num('BENCH_PGLITE_RESIDENTS', 60_000);
const DESKS = num('BENCH_DESKS', 64);
const ROUNDS = num('BENCH_ROUNDS', 3);
const SECONDS = num('BENCH_SECONDS', 10);
const CRASH_BINDINGS = num('BENCH_CRASH_BINDINGS', 5000);
const CRASH_AFTER_MS = num('BENCH_CRASH_AFTER_MS', 1500);
const COVERAGE_REQUESTS = num('BENCH_COVERAGE_REQUESTS', 100);
const LAB_TUBES = num('BENCH_LAB_TUBES', 100_000);
const PORT = num('BENCH_PORT', 3931);
const PARTS = new Set((process.env.BENCH_PARTS ?? 'load,crash,coverage,lab,pglite').split(',').map((s) => s.trim()));
const root = path.resolve(import.meta.dirname, '..');
const base = `http://127.0.0.1:${PORT}`;
const bareBase = `http://127.0.0.1:${PORT + 1}`;
const log = (...a: unknown[]) => console.error('[bench:sampling]', ...a);
const tag = Date.now().toString(36).slice(-5).toUpperCase();

function runTool(cmd: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', ...cmd], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd.join(' ')} exited ${code}`))));
  });
}

const serverEnv = (extra: Record<string, string>) => ({
  PORT: String(PORT),
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  // 64 desks sign in from one address.
  LOGIN_MAX_FAILURES_PER_ADDRESS: '100000',
  ...extra,
});

async function api(method: string, p: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(`${base}${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await res.json();
  if (res.status >= 300) throw new Error(`${method} ${p} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/** A round over the whole county with one point of 100 desks, opened (its roster taken): answers the ids and the seconds the opening took. */
async function openRound(headers: Record<string, string>, name: string, open = true) {
  const me = (await (await fetch(`${base}/api/auth/me`, { headers })).json()) as { user: { scope: { id: number } } };
  const countyId = me.user.scope.id;
  const villages = (await api('GET', `/api/areas/${countyId}/children`, headers)).items as { id: number }[];
  const today = new Date().toISOString().slice(0, 10);
  const round = await api('POST', '/api/sampling/rounds', headers, {
    name: `${name} ${tag}`,
    areaId: countyId,
    startsOn: today,
    endsOn: today,
    rosterDate: today,
  });
  const point = await api('POST', `/api/sampling/rounds/${round.id}/points`, headers, { name: '压测采样点', areaId: villages[0].id, desks: 100 });
  const t = performance.now();
  if (open) await api('POST', `/api/sampling/rounds/${round.id}/status`, headers, { status: 'open' });
  return { roundId: round.id as number, pointId: point.id as number, countyId, openSeconds: (performance.now() - t) / 1000 };
}

const result: Record<string, unknown> = {
  postgres: null,
  pglite: null,
  crash: null,
  coverage_p95_ms: null,
  lab_import_100k_s: null,
};

// ——— PostgreSQL ———
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
  await runTool(['tools/seed.ts', '--reset', '--residents', String(TARGET)], { DATABASE_URL: url, LOG_LEVEL: 'warn' });
}
{
  const db = await openDb({ databaseUrl: url, dataDir: '' });
  await migrate(db);
  await db.close();
}
log('emptying the sampling tables…');
await client.query(
  `TRUNCATE sampling_flags, sampling_results, sampling_exemptions, sampling_bindings, sampling_tubes, sampling_boxes, sampling_points, sampling_roster, sampling_coverage, sampling_rounds RESTART IDENTITY CASCADE`,
);
await client.query(`DELETE FROM tasks WHERE type IN ('sampling_retest', 'home_sampling')`);
await client.query('VACUUM ANALYZE sampling_rounds');
const residentIds = (await client.query(`SELECT id FROM residents WHERE merged_into IS NULL ORDER BY hashtext(id::text || ':sampling')`)).rows.map(
  (r) => r.id as number,
);
log(`${residentIds.length} residents`);

const pgEnv = serverEnv({ DATABASE_URL: url, DEMO_SEED: 'false', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'wangge-bench-sampling-')) });
let server = await startProcess(pgEnv, { script: 'src/server/main.ts', ready: /is running on/ });
const bare = await startProcess({ PORT: String(PORT + 1) }, { script: 'bench/sampling-bare.ts', ready: /ready/ });
try {
  const commander = await signIn(base, 'command');
  const r = await openRound(commander, '压测全员核酸');
  result.round_open_s = Number(r.openSeconds.toFixed(2));
  log(`round over the county opened (roster taken) in ${r.openSeconds.toFixed(2)} s`);
  // A round opens the evening before its peak; its million fresh roster rows are vacuumed by then. Without this the
  // first seconds of load pay for autovacuum and for the first write to each fresh page (its hint bits, WAL images).
  await client.query('VACUUM ANALYZE sampling_roster, sampling_coverage, sampling_rounds');
  let used = 0;
  if (PARTS.has('load')) {
    log(`PostgreSQL: ${DESKS} desks, ${ROUNDS} rounds of ${SECONDS} s…`);
    const load = await benchLoad({
      base,
      bareBase,
      roundId: r.roundId,
      pointId: r.pointId,
      residents: residentIds,
      desks: DESKS,
      rounds: ROUNDS,
      seconds: SECONDS,
      tag: `${tag}P`,
      log,
      cpu: () => cpuShare(server.pid!, new URL(url).pathname.slice(1)),
    });
    used = load.residents_used;
    const { residents_used: _u, ...figures } = load;
    result.postgres = figures;
  }
  if (PARTS.has('crash')) {
    log(`crash: ${CRASH_BINDINGS} bindings, SIGKILL after ${CRASH_AFTER_MS} ms…`);
    const people = residentIds.slice(used, used + CRASH_BINDINGS);
    used += people.length;
    result.crash = await benchCrash({
      base,
      roundId: r.roundId,
      pointId: r.pointId,
      residents: people,
      desks: DESKS,
      afterMs: CRASH_AFTER_MS,
      tag: `${tag}C`,
      kill: () => stopProcess(server, 'SIGKILL'),
      restart: async () => {
        server = await startProcess(pgEnv, { script: 'src/server/main.ts', ready: /is running on/ });
      },
      count: (ids, residents) => countAfterCrash(async (sql, params) => (await client.query(sql, params)).rows, r.roundId, ids, residents),
      log,
    });
  }
  if (PARTS.has('coverage')) {
    Object.assign(
      result,
      await benchCoverage({ client, base, headers: commander, roundId: r.roundId, pointId: r.pointId, countyId: r.countyId, requests: COVERAGE_REQUESTS, log }),
    );
  }
  if (PARTS.has('lab')) {
    const labRound = await openRound(commander, '压测检测结果', false);
    Object.assign(result, await benchLab({ client, base, headers: commander, roundId: labRound.roundId, pointId: labRound.pointId, tubes: LAB_TUBES, log }));
  }
} finally {
  await stopProcess(server);
  await stopProcess(bare);
  await client.end();
}

// ——— PGlite ———
if (PARTS.has('pglite')) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wangge-bench-sampling-pglite-'));
  try {
    log(`PGlite: the demo county with ${PGLITE_RESIDENTS} residents…`);
    await runTool(['tools/seed.ts', '--residents', String(PGLITE_RESIDENTS)], { DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' });
    const db = await openDb({ dataDir, databaseUrl: undefined });
    const ids = (await db.query<{ id: number }>(`SELECT id FROM residents WHERE merged_into IS NULL ORDER BY hashtext(id::text || ':sampling')`)).map(
      (x) => x.id,
    );
    await db.close();
    const liteEnv = serverEnv({ DATABASE_URL: '', DATA_DIR: dataDir, DEMO_SEED: 'false' });
    let lite = await startProcess(liteEnv, { script: 'src/server/main.ts', ready: /is running on/ });
    const bare2 = await startProcess({ PORT: String(PORT + 1) }, { script: 'bench/sampling-bare.ts', ready: /ready/ });
    try {
      const commander = await signIn(base, 'command');
      const r = await openRound(commander, '压测全员核酸');
      log(`PGlite: round opened in ${r.openSeconds.toFixed(2)} s; ${DESKS} desks, ${ROUNDS} rounds of ${SECONDS} s…`);
      const load = await benchLoad({
        base,
        bareBase,
        roundId: r.roundId,
        pointId: r.pointId,
        residents: ids,
        desks: DESKS,
        rounds: ROUNDS,
        seconds: SECONDS,
        tag: `${tag}L`,
        log,
      });
      const { residents_used: used, ...figures } = load;
      result.pglite = figures;
      const people = ids.slice(used, used + Math.min(CRASH_BINDINGS, ids.length - used));
      if (people.length < 100) log('PGlite crash part skipped: too few residents left');
      else {
        log(`PGlite crash: ${people.length} bindings, SIGKILL after ${CRASH_AFTER_MS} ms…`);
        result.crash_pglite = await benchCrash({
          base,
          roundId: r.roundId,
          pointId: r.pointId,
          residents: people,
          desks: DESKS,
          afterMs: CRASH_AFTER_MS,
          tag: `${tag}K`,
          kill: () => stopProcess(lite, 'SIGKILL'),
          restart: async () => {
            lite = await startProcess(liteEnv, { script: 'src/server/main.ts', ready: /is running on/ });
          },
          count: async (clientIds, residents) => {
            await stopProcess(lite);
            const d = await openDb({ dataDir, databaseUrl: undefined });
            try {
              return await countAfterCrash((sql, params) => d.query(sql, params), r.roundId, clientIds, residents);
            } finally {
              await d.close();
            }
          },
          log,
        });
      }
    } finally {
      await stopProcess(lite);
      await stopProcess(bare2);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

result.desks = DESKS;
result.rounds = ROUNDS;
result.seconds_per_round = SECONDS;
result.load_average_1m = Number(loadavg()[0].toFixed(2));
console.log(JSON.stringify(result));
