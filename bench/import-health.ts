/**
 * npm run bench:import-health — does a large import leave a PGlite server answering? (issue 14, point 13: "health
 * ≤ 1 s during a 50,000-row commit"). A real server process (src/server/main.ts, PGlite in a fresh folder, no
 * demo) takes a 50,000-row CSV of synthetic residents, validates it, and commits the valid rows; from this process
 * /api/health is asked one request after another (BENCH_HEALTH_GAP_MS apart, default 50) from the commit's start to
 * its end. PGlite runs the database on the server's one JavaScript thread, so a health answer waits for whatever
 * statement is running: the figures are how long the commit's batches hold that thread.
 * Last line: {"rows","commit_s","health_samples","health_median_ms","health_p95_ms","health_max_ms","idle_health_median_ms",
 * "over_1s"} —
 * goal: health_max_ms ≤ 1000.
 */
import { startProcess, stopProcess } from './server-process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROWS = Number(process.env.BENCH_ROWS ?? 50_000);
const GAP_MS = Number(process.env.BENCH_HEALTH_GAP_MS ?? 50);
const PASSWORD = 'Bench-Health-Pass-2026';
const dataDir = mkdtempSync(path.join(tmpdir(), 'wangge-bench-health-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const port = await new Promise<number>((resolve) => {
  const s = createServer().listen(0, () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});
const base = `http://127.0.0.1:${port}`;
const server = await startProcess({
  PORT: String(port),
  DATA_DIR: dataDir,
  DEMO_SEED: 'false',
  ADMIN_PASSWORD: PASSWORD,
  LOG_LEVEL: 'warn',
  NODE_ENV: 'production',
  DATABASE_URL: '',
});

try {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login: ${login.status}`);
  const { csrfToken, user } = await login.json();
  const headers = { cookie: login.headers.get('set-cookie')!.split(';')[0], 'x-csrf-token': csrfToken };
  const call = async (method: string, url: string, body?: unknown) => {
    const r = await fetch(`${base}${url}`, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, json: (await r.json()) as any };
  };
  const jobOf = async (id: number) => (await call('GET', `/api/residents/imports/${id}`)).json;

  const lines = Array.from({ length: ROWS }, (_, i) => `居民${i},13${String(800000000 + i).padStart(9, '0')},幸福小区${i % 500}号`);
  const form = new FormData();
  form.append('file', new Blob([`姓名,联系电话,现住址\n${lines.join('\n')}\n`]), '名单.csv');
  const up = await fetch(`${base}/api/residents/imports?areaId=${user.scope.id}`, { method: 'POST', headers, body: form });
  if (up.status !== 201) throw new Error(`upload: ${up.status} ${await up.text()}`);
  const { id, suggestedMapping } = await up.json();
  await call('POST', `/api/residents/imports/${id}/validate`, { mapping: suggestedMapping });
  while ((await jobOf(id)).status === 'validating') await sleep(200);

  // The same question of an idle server first: what a health answer costs on this machine without a commit.
  const idle: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await fetch(`${base}/api/health`);
    idle.push(performance.now() - t);
    await sleep(GAP_MS);
  }

  // The commit runs; health is asked back to back until the job is done (the job's own reads interleaved).
  const t0 = performance.now();
  const started = await call('POST', `/api/residents/imports/${id}/commit`, { mode: 'valid-only' });
  if (started.status !== 200) throw new Error(`commit: ${started.status} ${JSON.stringify(started.json)}`);
  const latencies: number[] = [];
  let job = await jobOf(id);
  for (let i = 0; job.status === 'committing'; i++) {
    const t = performance.now();
    const health = await fetch(`${base}/api/health`);
    latencies.push(performance.now() - t);
    if (!health.ok) throw new Error(`health: ${health.status}`);
    if (process.env.BENCH_TRACE && performance.now() - t > 500)
      console.error(`slow health: ${Math.round(performance.now() - t)} ms at ${((t - t0) / 1000).toFixed(1)} s, ${job.progress.rows} rows committed`);
    if (i % 10 === 9) job = await jobOf(id);
    await sleep(GAP_MS);
  }
  const commitS = (performance.now() - t0) / 1000;
  if (job.status !== 'done') throw new Error(JSON.stringify(job).slice(0, 500));

  const quantile = (xs: number[], q: number) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  };
  const at = (q: number) => quantile(latencies, q);
  console.log(
    JSON.stringify({
      rows: job.counts.created,
      commit_s: +commitS.toFixed(2),
      health_samples: latencies.length,
      health_median_ms: at(0.5),
      health_p95_ms: at(0.95),
      health_max_ms: at(1),
      idle_health_median_ms: quantile(idle, 0.5),
      over_1s: latencies.filter((l) => l > 1000).length,
    }),
  );
} finally {
  await stopProcess(server);
  rmSync(dataDir, { recursive: true, force: true });
}
