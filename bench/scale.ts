/**
 * npm run bench:scale — desk bindings/s with 1, 2 and 3 identical server processes on one PostgreSQL (issue 19,
 * "several servers"). The same 64 desks (BENCH_DESKS) of bench:sampling bind residents over HTTP, each answer
 * committed before it is sent; with N processes the desks are dealt out among them (desk i to process i mod N),
 * as a reverse proxy would spread them — the proxy itself is left out so the figure is the servers' and the
 * database's, not nginx's (e2e/several-servers.scale.ts runs them behind nginx). The processes are added one at
 * a time to the same database and the same open round: 1, then 2, then 3.
 *
 * Settings (environment):
 *   BENCH_DATABASE_URL   PostgreSQL database for the bench (required; seeded when it has fewer than
 *                        BENCH_RESIDENTS residents; its sampling tables are emptied on every run)
 *   BENCH_RESIDENTS      200000   residents of the county
 *   BENCH_DESKS          64       desks, each its own session
 *   BENCH_ROUNDS, BENCH_SECONDS  2, 10   measured rounds per process count, and their length (the median counts)
 *   BENCH_PORT           3941     the first process; the others the ports after it
 *   DATABASE_POOL_SIZE   each process's pool (its default when unset)
 * Progress goes to stderr; the last line on stdout is {"bindings_per_s_1":…,"bindings_per_s_2":…,"bindings_per_s_3":…, …}.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDb } from '../src/server/db/engine';
import { migrate } from '../src/server/db/migrate';
import { type Desk, type DeskRun, runDesk, signIn } from './sampling-desks';
import { startProcess, stopProcess } from './server-process';

const url = process.env.BENCH_DATABASE_URL;
if (!url) {
  console.error('Set BENCH_DATABASE_URL to a PostgreSQL database for the bench (it may be wiped).');
  process.exit(2);
}
const num = (name: string, dflt: number) => Number(process.env[name] ?? dflt);
const TARGET = num('BENCH_RESIDENTS', 200_000);
const DESKS = num('BENCH_DESKS', 64);
const ROUNDS = num('BENCH_ROUNDS', 2);
const SECONDS = num('BENCH_SECONDS', 10);
const PORT = num('BENCH_PORT', 3941);
const PROCESSES = 3;
const root = path.resolve(import.meta.dirname, '..');
const log = (...a: unknown[]) => console.error('[bench:scale]', ...a);
const tag = Date.now().toString(36).slice(-4).toUpperCase();
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))];

function runTool(cmd: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', ...cmd], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd.join(' ')} exited ${code}`))));
  });
}

const baseOf = (i: number) => `http://127.0.0.1:${PORT + i}`;
const dataDir = mkdtempSync(path.join(tmpdir(), 'wangge-bench-scale-'));
const serverEnv = (i: number) => ({
  PORT: String(PORT + i),
  HOST: '127.0.0.1',
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  DATABASE_URL: url,
  DEMO_SEED: 'false',
  // Every process reads uploads from one folder, as behind a proxy.
  DATA_DIR: dataDir,
  LOGIN_MAX_FAILURES_PER_ADDRESS: '100000',
});

async function api(method: string, p: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(`${baseOf(0)}${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await res.json();
  if (res.status >= 300) throw new Error(`${method} ${p} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

// ——— the database: seeded once, its sampling emptied ———
const client = new pg.Client(url);
await client.connect();
const residentCount = async () => {
  try {
    return Number((await client.query('SELECT count(*) FROM residents')).rows[0].count);
  } catch {
    return 0;
  }
};
if ((await residentCount()) < TARGET) {
  log(`seeding ${TARGET} residents…`);
  await runTool(['tools/seed.ts', '--reset', '--residents', String(TARGET)], { DATABASE_URL: url, LOG_LEVEL: 'warn' });
}
{
  const db = await openDb({ databaseUrl: url, dataDir: '' });
  await migrate(db);
  await db.close();
}
await client.query(
  `TRUNCATE sampling_flags, sampling_results, sampling_exemptions, sampling_bindings, sampling_tubes, sampling_boxes, sampling_points, sampling_roster, sampling_coverage, sampling_rounds RESTART IDENTITY CASCADE`,
);
const residents = (await client.query(`SELECT id FROM residents WHERE merged_into IS NULL ORDER BY hashtext(id::text || ':scale')`)).rows.map(
  (r) => r.id as number,
);
log(`${residents.length} residents`);

const servers: ChildProcess[] = [];
const result: Record<string, unknown> = {};
try {
  servers.push(await startProcess(serverEnv(0), { ready: /is running on/ }));
  const commander = await signIn(baseOf(0), 'command');
  const me = (await (await fetch(`${baseOf(0)}/api/auth/me`, { headers: commander })).json()) as { user: { scope: { id: number } } };
  const countyId = me.user.scope.id;
  const villages = (await api('GET', `/api/areas/${countyId}/children`, commander)).items as { id: number }[];
  const today = new Date().toISOString().slice(0, 10);
  const round = await api('POST', '/api/sampling/rounds', commander, {
    name: `多进程压测 ${tag}`,
    areaId: countyId,
    startsOn: today,
    endsOn: today,
    rosterDate: today,
  });
  const point = await api('POST', `/api/sampling/rounds/${round.id}/points`, commander, { name: '压测采样点', areaId: villages[0].id, desks: 100 });
  await api('POST', `/api/sampling/rounds/${round.id}/status`, commander, { status: 'open' });
  await client.query('VACUUM ANALYZE sampling_roster, sampling_coverage, sampling_rounds');

  let next = 0;
  /** One measured stretch: every desk binds at its own process until the time is up. */
  const measure = async (processes: number, sessions: Record<string, string>[], seconds: number, label: string) => {
    const desks: Desk[] = sessions.map((headers, i) => ({ headers, desk: i + 1, tubeId: null, tubes: 0 }));
    const run: DeskRun = { acknowledged: new Map(), bindTimes: [], refused: 0, errors: 0 };
    const end = performance.now() + seconds * 1000;
    const started = performance.now();
    await Promise.all(
      desks.map((d, i) =>
        runDesk(
          {
            base: () => baseOf(i % processes),
            roundId: round.id,
            pointId: point.id,
            tag: `${tag}${processes}${label}`,
            next: () => residents[next++],
            until: () => performance.now() < end,
            retry: false,
          },
          d,
          run,
        ),
      ),
    );
    const took = (performance.now() - started) / 1000;
    if (run.refused || run.errors) log(`${processes} process(es) ${label}: ${run.refused} refused, ${run.errors} without answer`);
    return { rps: run.acknowledged.size / took, p99: pct(run.bindTimes, 99) };
  };

  for (let n = 1; n <= PROCESSES; n++) {
    if (n > 1) servers.push(await startProcess(serverEnv(n - 1), { ready: /is running on/ }));
    // Each desk signs in once per process count, at the process it is dealt to.
    const sessions: Record<string, string>[] = [];
    for (let i = 0; i < DESKS; i++) sessions.push(await signIn(baseOf(i % n), 'command'));
    await measure(n, sessions, 2, 'W'); // warm-up: each process's first statements, the desks' tubes
    const rounds: Array<{ rps: number; p99: number }> = [];
    for (let r = 1; r <= ROUNDS; r++) {
      const m = await measure(n, sessions, SECONDS, `R${r}`);
      log(`${n} process(es), round ${r}: ${m.rps.toFixed(0)} bindings/s, p99 ${m.p99.toFixed(1)} ms`);
      rounds.push(m);
    }
    result[`p99_ms_${n}`] = Number(
      pct(
        rounds.map((x) => x.p99),
        50,
      ).toFixed(1),
    );
    result[`bindings_per_s_${n}`] = Math.round(
      pct(
        rounds.map((x) => x.rps),
        50,
      ),
    );
    if (next > residents.length * 0.9) throw new Error('too few residents left: raise BENCH_RESIDENTS');
  }
} finally {
  for (const s of servers) await stopProcess(s);
  await client.end();
  rmSync(dataDir, { recursive: true, force: true });
}

result.desks = DESKS;
result.seconds_per_round = SECONDS;
result.rounds = ROUNDS;
result.load_average_1m = Number(loadavg()[0].toFixed(2));
const { bindings_per_s_1, bindings_per_s_2, bindings_per_s_3, ...rest } = result;
console.log(JSON.stringify({ ...rest }));
console.log(JSON.stringify({ bindings_per_s_1, bindings_per_s_2, bindings_per_s_3 }));
