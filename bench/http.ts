/**
 * npm run bench:http — what our platform costs per request. Measures, in one run and under the same
 * load, an authenticated, area-scoped list endpoint (GET /api/areas/:id/children of a town in the demo
 * county: session → permission → scoped SQL → JSON) against a bare Fastify endpoint serving the same
 * body. Each server runs in its own process; rounds alternate which side goes first, and medians are
 * reported (the ratio is the median of the rounds' paired ratios).
 * On PGlite always; on PostgreSQL too when BENCH_DATABASE_URL is set (an empty database, it is reset).
 * Last line: {"bare_rps","scoped_rps","ratio","scoped_p99_ms", ...} — goal: ratio ≥ 0.7.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startProcess, stopProcess } from './server-process';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);

function run(url: string, headers: Record<string, string>): Promise<autocannon.Result> {
  return new Promise((resolve, reject) =>
    autocannon({ url, headers, connections: CONNECTIONS, duration: SECONDS }, (err, res) => (err ? reject(err) : resolve(res))),
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(engine: 'pglite' | 'postgres', port: number, barePort: number) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wangge-bench-'));
  const env: Record<string, string> = { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development', DATABASE_URL: '' };
  if (engine === 'postgres') {
    const { default: pg } = await import('pg');
    const c = new pg.Client(process.env.BENCH_DATABASE_URL);
    await c.connect();
    await c.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    await c.end();
    env.DATABASE_URL = process.env.BENCH_DATABASE_URL!;
  }
  // The demo (published password) is refused in production, so it is loaded by a development start first;
  // the server measured then runs as in production on that data (transaction guard off, demo not asked for).
  await stopProcess(await startProcess(env, { script: 'src/server/main.ts' }));
  const server = await startProcess({ ...env, NODE_ENV: 'production', DEMO_SEED: 'false' }, { script: 'src/server/main.ts' });
  try {
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'command', password: 'Wangge@2026' }),
    });
    const { user } = await login.json();
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const towns = await (await fetch(`${base}/api/areas/${user.scope.id}/children`, { headers: { cookie } })).json();
    const town = towns.items.sort((a: any, b: any) => b.childCount - a.childCount)[0];
    const scopedUrl = `${base}/api/areas/${town.id}/children`;
    const body = await (await fetch(scopedUrl, { headers: { cookie } })).text();
    const bare = await startProcess({ PORT: String(barePort), BARE_BODY: body }, { script: 'bench/bare-server.ts' });
    try {
      const bareRps: number[] = [];
      const scopedRps: number[] = [];
      const scopedP99: number[] = [];
      const ratios: number[] = [];
      await run(scopedUrl, { cookie }); // warm-up
      await run(`http://127.0.0.1:${barePort}/bare`, {});
      for (let i = 0; i < ROUNDS; i++) {
        // Alternate which goes first, so drift in the machine's load does not favour one side.
        const runBare = () => run(`http://127.0.0.1:${barePort}/bare`, {});
        const runScoped = () => run(scopedUrl, { cookie });
        let b: autocannon.Result;
        let s: autocannon.Result;
        if (i % 2 === 0) {
          b = await runBare();
          s = await runScoped();
        } else {
          s = await runScoped();
          b = await runBare();
        }
        if (s.non2xx || b.non2xx) throw new Error(`non-2xx answers: scoped ${s.non2xx}, bare ${b.non2xx}`);
        bareRps.push(b.requests.average);
        scopedRps.push(s.requests.average);
        scopedP99.push(s.latency.p99);
        ratios.push(s.requests.average / b.requests.average);
        console.error(
          `[${engine}] round ${i + 1}: bare ${b.requests.average.toFixed(0)} rps, scoped ${s.requests.average.toFixed(0)} rps, p99 ${s.latency.p99} ms`,
        );
      }
      const items = JSON.parse(body).items.length;
      return { bare_rps: median(bareRps), scoped_rps: median(scopedRps), ratio: median(ratios), scoped_p99_ms: median(scopedP99), items };
    } finally {
      await stopProcess(bare);
    }
  } finally {
    await stopProcess(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const pglite = await measure('pglite', 3901, 3902);
const result: Record<string, number | string> = {
  bare_rps: Math.round(pglite.bare_rps),
  scoped_rps: Math.round(pglite.scoped_rps),
  // The median of the rounds' paired ratios: each pair ran back to back under the same conditions.
  ratio: Number(pglite.ratio.toFixed(3)),
  scoped_p99_ms: pglite.scoped_p99_ms,
  engine: 'pglite',
  items_per_response: pglite.items,
  connections: CONNECTIONS,
  seconds_per_round: SECONDS,
  rounds: ROUNDS,
};
if (process.env.BENCH_DATABASE_URL) {
  const pg = await measure('postgres', 3903, 3904);
  Object.assign(result, {
    pg_bare_rps: Math.round(pg.bare_rps),
    pg_scoped_rps: Math.round(pg.scoped_rps),
    pg_ratio: Number(pg.ratio.toFixed(3)),
    pg_scoped_p99_ms: pg.scoped_p99_ms,
  });
}
console.log(JSON.stringify(result));
