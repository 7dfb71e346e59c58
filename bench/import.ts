/**
 * npm run bench:import — a 100,000-row .xlsx of synthetic residents (valid ID numbers, ~2.8 a
 * household, Chinese headers as the template has them) uploaded, validated and committed
 * (all-or-nothing) through the API, on PGlite and — when BENCH_DATABASE_URL names an empty database,
 * which is reset — on PostgreSQL. Each engine runs in its own process; BENCH_ROUNDS rounds (default 3),
 * medians reported. rows_per_s counts validation and commit together.
 * Last line: {"postgres":{"rows_per_s","peak_rss_mb",…},"pglite":{…}} — goal ≥ 10,000 / ≥ 5,000 rows/s, ≤ 400 MB.
 * baseline_rss_mb is the process before the upload (PGlite's engine alone holds ~850 MB), import_rss_mb
 * what the import added on top of it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeSheet } from './import-sheet';
import { serverHeapFlag } from './server-process';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const root = path.resolve(import.meta.dirname, '..');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(path.join(tmpdir(), 'wangge-bench-sheet-'));
const file = process.env.BENCH_SHEET ?? path.join(dir, 'residents.xlsx');
if (!process.env.BENCH_SHEET) await makeSheet(file);
const engines: Array<'pglite' | 'postgres'> = process.env.BENCH_DATABASE_URL ? ['postgres', 'pglite'] : ['pglite'];
const results: Record<string, Record<string, number>> = {};
for (const engine of engines) {
  const runs: Array<Record<string, number>> = [];
  for (let r = 0; r < ROUNDS; r++) {
    const out = execFileSync(process.execPath, [serverHeapFlag(), '--import', 'tsx', 'bench/import-worker.ts', engine, file], {
      cwd: root,
      env: process.env,
      encoding: 'utf8',
    });
    const line = JSON.parse(out.trim().split('\n').pop()!);
    console.log(engine, `round ${r + 1}`, JSON.stringify(line));
    runs.push(line);
  }
  results[engine] = Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(runs.map((x) => x[k]))]));
}
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify(results));
