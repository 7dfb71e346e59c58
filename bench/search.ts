/**
 * npm run bench:search — resident search through the HTTP API at county scale, on PostgreSQL
 * (BENCH_DATABASE_URL) or, without it, on PGlite (a data folder kept between runs: BENCH_DATA_DIR, by
 * default in the system's temporary folder). If that database holds fewer than BENCH_RESIDENTS residents
 * (default 1,000,000) it is wiped and seeded (demo county + synthetic residents) and the seeding time is
 * reported. Then, signed in as the county command center, it searches by name, by the part of a name after
 * its first character (given names: found inside names), pinyin initials, the last 6 digits of an ID and
 * the last 4 of a phone, for residents sampled from the data by a hash of their id (so tails and names vary
 * like real ones), with 4 concurrent clients, BENCH_ROUNDS times (default 3).
 * Last line: {"engine":…,"residents":…,"p50_ms":…,"p95_ms":…, …} over all rounds. Goal: p95 ≤ 25 ms (issue 19).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDb } from '../src/server/db/engine';
import { startProcess, stopProcess } from './server-process';

const url = process.env.BENCH_DATABASE_URL;
const dataDir = process.env.BENCH_DATA_DIR ?? path.join(tmpdir(), 'wangge-bench-search-pglite');
const engine = url ? 'postgres' : 'pglite';
const dbEnv: Record<string, string> = url ? { DATABASE_URL: url } : { DATA_DIR: dataDir };
const TARGET = Number(process.env.BENCH_RESIDENTS ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = 4;
const PORT = 3911;
const root = path.resolve(import.meta.dirname, '..');

function run(cmd: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', ...cmd], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd.join(' ')} exited ${code}`))));
  });
}

/** Runs one statement on the benchmarked database (PGlite is opened and closed again: the server takes its folder). */
async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  if (url) {
    const client = new pg.Client(url);
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  }
  const db = await openDb({ dataDir });
  try {
    return await db.query<T>(text, params);
  } finally {
    await db.close();
  }
}

const count = async () => {
  try {
    return Number((await sql<{ count: number }>('SELECT count(*) FROM residents'))[0].count);
  } catch {
    return 0;
  }
};
let seedSeconds: number | null = null;
if ((await count()) < TARGET) {
  console.error(`seeding ${TARGET} residents on ${engine}…`);
  const out = await run(['tools/seed.ts', '--reset', '--residents', String(TARGET)], { ...dbEnv, LOG_LEVEL: 'warn' });
  seedSeconds = JSON.parse(out.trim().split('\n').at(-1)!).seconds;
}
const residents = await count();
// Real residents picked by a hash of their id: `id % N` would pick ids whose synthetic phones all end
// in the same digits.
const sample = await sql<{ name: string; name_initials: string; id6: string; ph4: string }>(
  `SELECT name, name_initials, right(id_number, 6) AS id6, right(phone, 4) AS ph4 FROM residents
    WHERE merged_into IS NULL AND id_number IS NOT NULL AND phone IS NOT NULL ORDER BY hashtext(id::text || ':bench'), id LIMIT $1`,
  [SAMPLES],
);

// Started as the other benches start it (bench/server-process.ts): the production heap cap, and BENCH_CPU_PROF.
const server: ChildProcess = await startProcess({ ...dbEnv, PORT: String(PORT), NODE_ENV: 'production', LOG_LEVEL: 'warn', DEMO_SEED: 'false' });
try {
  const base = `http://127.0.0.1:${PORT}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'command', password: 'Wangge@2026' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const queries = sample.flatMap((s) => [
    ['name', s.name],
    // A given name of two characters is found inside the names that hold it.
    ...([...s.name].length >= 3 ? [['name_part', [...s.name].slice(1).join('')]] : []),
    ['initials', s.name_initials],
    ['id_tail', s.id6],
    ['phone_tail', s.ph4],
  ]);
  // Warm-up, then the measured pass.
  for (const [, q] of queries.slice(0, 20)) await fetch(`${base}/api/residents?q=${encodeURIComponent(q)}`, { headers: { cookie } });
  const pct = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return Number(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))].toFixed(1));
  };
  const times: Record<string, number[]> = {};
  const roundP95: number[] = [];
  let misses = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const roundTimes: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < queries.length) {
          const [kind, q] = queries[next++];
          const t0 = performance.now();
          const res = await fetch(`${base}/api/residents?q=${encodeURIComponent(q)}`, { headers: { cookie } });
          const body = await res.json();
          const ms = performance.now() - t0;
          if (res.status !== 200 || body.items.length === 0) misses++;
          (times[kind] ??= []).push(ms);
          roundTimes.push(ms);
        }
      }),
    );
    roundP95.push(pct(roundTimes, 95));
    console.error(`round ${round + 1}: p95 ${roundP95.at(-1)} ms`);
  }
  const all = Object.values(times).flat();
  const byKind = Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, { p50_ms: pct(xs, 50), p95_ms: pct(xs, 95) }]));
  console.error(JSON.stringify(byKind));
  console.log(
    JSON.stringify({
      engine,
      residents,
      p50_ms: pct(all, 50),
      p95_ms: pct(all, 95),
      searches: all.length,
      not_found: misses,
      rounds_p95_ms: roundP95,
      seed_seconds: seedSeconds,
      by_kind: byKind,
    }),
  );
} finally {
  await stopProcess(server);
}
