/**
 * One engine's run of bench:import (spawned by bench/import.ts so each engine's peak memory is its own):
 * a fresh database with one county, village and administrator; the sheet uploaded, validated and
 * committed through the HTTP API (app.inject). Prints one JSON line.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/server/app';
import { testConfig } from '../src/server/config';
import { openDb } from '../src/server/db/engine';
import { migrate } from '../src/server/db/migrate';
import { login, makeArea, makeUser } from '../src/server/testing/harness';
import * as areas from '../src/server/modules/areas/repo';
import { pinyinKeys } from '../src/server/platform/pinyin';
import { multipartBody } from '../src/server/testing/sheets';
import { TICK_S, ticksOf } from './cpu-share';

const [engine, file] = process.argv.slice(2) as ['pglite' | 'postgres', string];
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);

const dataDir = mkdtempSync(path.join(tmpdir(), 'wangge-bench-import-'));
const db = engine === 'postgres' ? await openDb({ databaseUrl: process.env.BENCH_DATABASE_URL!, poolSize: 4 }) : await openDb({ dataDir });
if (engine === 'postgres') await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
await migrate(db);
const app = await buildApp({ config: testConfig({ DATA_DIR: dataDir, IMPORT_MAX_MB: 200, NODE_ENV: 'production' }), db });
await app.ready();
const root = await db.tx((tx) => {
  const py = pinyinKeys('太康县');
  return areas.insertRootUnscoped(tx, { name: '太康县', kind: 'county', divisionCode: '411627000000', pinyin: py.full, pinyinInitials: py.initials });
});
const town = await makeArea(db, root, '城关回族镇', 'town', '411627100000');
const village = await makeArea(db, town, '东关村', 'village', '411627100201');
await makeUser(db, 'bench_admin', ['admin'], root);
const admin = await login(app, 'bench_admin');

async function settle(id: number) {
  for (;;) {
    const job = (await admin.get(`/api/residents/imports/${id}`)).json();
    if (job.status !== 'validating' && job.status !== 'committing') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * CPU seconds, so that where the time goes is measured apart from how busy the machine is: this process (the
 * server and its sheet-reading thread; on PGlite the database too) and, on PostgreSQL, the backends of the bench
 * database, sampled while they live (one that started during the import counts from zero).
 */
const backends = new Map<number, { first: number; last: number }>();
let sampling = false;
async function sampleBackends(fromZero: boolean) {
  if (engine !== 'postgres' || sampling) return;
  sampling = true;
  try {
    for (const { pid } of await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')) {
      const t = ticksOf(pid);
      const b = backends.get(pid);
      if (b) b.last = Math.max(b.last, t);
      else backends.set(pid, { first: fromZero ? 0 : t, last: t });
    }
  } finally {
    sampling = false;
  }
}
const cpuNow = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};
const dbCpu = () => [...backends.values()].reduce((s, b) => s + b.last - b.first, 0) * TICK_S;

// What the process holds before the import: the app, and on PGlite the database engine itself.
const baselineRss = process.memoryUsage().rss;
if (process.env.BENCH_TRACE) console.error('rss after setup', Math.round(baselineRss / 1048576));
const body = multipartBody('台账.xlsx', readFileSync(file));
const up = await admin.request({ method: 'POST', url: `/api/residents/imports?areaId=${village.id}`, payload: body.payload, headers: body.headers });
if (up.statusCode !== 201) throw new Error(up.body);
const { id, suggestedMapping } = up.json();

await sampleBackends(false);
const backendSampler = setInterval(() => void sampleBackends(true), 200);
let cpu0 = cpuNow();
let t = performance.now();
await admin.post(`/api/residents/imports/${id}/validate`, { mapping: suggestedMapping });
const validated = await settle(id);
const validateS = (performance.now() - t) / 1000;
await sampleBackends(true);
const validateCpu = cpuNow() - cpu0;
const validateDbCpu = dbCpu();
if (process.env.BENCH_TRACE) console.error('rss after validate', Math.round(process.memoryUsage().rss / 1048576), 'peak', Math.round(peak / 1048576));
if (validated.status !== 'validated' || validated.counts.errors)
  throw new Error(JSON.stringify({ counts: validated.counts, errors: validated.errors.slice(0, 5), failure: validated.failure }));

cpu0 = cpuNow();
t = performance.now();
await admin.post(`/api/residents/imports/${id}/commit`, { mode: 'all-or-nothing' });
const done = await settle(id);
const commitS = (performance.now() - t) / 1000;
await sampleBackends(true);
clearInterval(backendSampler);
const commitCpu = cpuNow() - cpu0;
const commitDbCpu = dbCpu() - validateDbCpu;
if (done.status !== 'done') throw new Error(JSON.stringify(done).slice(0, 500));

const rows = done.progress.rows as number;
const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM residents');
clearInterval(sampler);
await app.close();
await db.close();
rmSync(dataDir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    rows,
    residents: n,
    created: done.counts.created,
    validate_s: +validateS.toFixed(2),
    commit_s: +commitS.toFixed(2),
    validate_rows_per_s: Math.round(rows / validateS),
    commit_rows_per_s: Math.round(rows / commitS),
    rows_per_s: Math.round(rows / (validateS + commitS)),
    validate_cpu_s: +validateCpu.toFixed(2),
    commit_cpu_s: +commitCpu.toFixed(2),
    validate_db_cpu_s: +validateDbCpu.toFixed(2),
    commit_db_cpu_s: +commitDbCpu.toFixed(2),
    peak_rss_mb: Math.round(peak / 1048576),
    baseline_rss_mb: Math.round(baselineRss / 1048576),
    import_rss_mb: Math.round((peak - baselineRss) / 1048576),
  }),
);
process.exit(0);
