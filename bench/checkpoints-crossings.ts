/**
 * npm run bench:checkpoints:crossings — crossings (登记) from 200 concurrent phones over HTTP on PostgreSQL.
 *
 * Each phone records crossings one after another (a vehicle with two people and a plate); a fifth of them are
 * sent again with the same client id (a retry whose answer was lost), and a request that fails on the network
 * is retried. Every answer is committed before it is sent. At the end every acknowledged crossing must be in
 * the database exactly once. Goals: ≥ 2,000 crossings/s, p99 ≤ 100 ms, lost 0, duplicated 0.
 *
 * Settings (environment):
 *   BENCH_DATABASE_URL  PostgreSQL database for the bench (required; its public schema is wiped)
 *   BENCH_PHONES        200   concurrent phones
 *   BENCH_SECONDS       10    length of the measured load
 *   BENCH_WARMUP_S      2     load before it, not measured (the server's code is compiled as it first runs);
 *                             its crossings are still checked for lost and duplicated
 *   BENCH_RATE          0     crossings a second the phones offer together, each phone at its own steady pace
 *                             (0: each phone sends its next crossing as soon as the last is answered — the
 *                             capacity, at which the latency is the phones' queue: 200 phones ÷ the rate)
 *   BENCH_PORT          3941  the server
 * Progress goes to stderr; the last line on stdout is the JSON of figures.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { cpuShare } from './cpu-share';
import { startProcess, stopProcess } from './server-process';
import { signIn } from './sign-in';

const url = process.env.BENCH_DATABASE_URL;
if (!url) {
  console.error('Set BENCH_DATABASE_URL to a PostgreSQL database for the bench (it is wiped).');
  process.exit(2);
}
const PHONES = Number(process.env.BENCH_PHONES ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3941);
const RATE = Number(process.env.BENCH_RATE ?? 0);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 2);
const base = `http://127.0.0.1:${PORT}`;
const log = (...a: unknown[]) => console.error('[bench:checkpoints]', ...a);

const c = new pg.Client(url);
await c.connect();
await c.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS pgboss CASCADE;');
const env = {
  PORT: String(PORT),
  DATABASE_URL: url,
  DATA_DIR: mkdtempSync(path.join(tmpdir(), 'wangge-bench-cp-')),
  LOG_LEVEL: 'warn',
  LOGIN_MAX_FAILURES_PER_ADDRESS: '100000',
  // The roster optimiser's threads load for the first seconds after a start (then wait idle): not in this measure.
  ROSTER_WARM_THREADS: '0',
};
// The demo (its checkpoints and the volunteer on duty there) is loaded by a development start; the measured
// server then runs as in production on that data.
log('loading the demo county');
await stopProcess(await startProcess({ ...env, NODE_ENV: 'development' }));
// A county's database has been vacuumed long before a roadside rush. Without this, autovacuum works through the
// freshly loaded demo during the measured seconds, on the same two cores, in some runs and not others: the cost
// per crossing then varied sevenfold between runs.
await c.query('VACUUM ANALYZE');
const server = await startProcess({ ...env, NODE_ENV: 'production', DEMO_SEED: 'false' });
try {
  const { headers } = await signIn(base, 'volunteer');
  const posts = (await (await fetch(`${base}/api/checkpoints/posts`, { headers })).json()) as { items: { id: number; open: boolean }[] };
  const postId = posts.items.find((p) => p.open)!.id;
  const [{ n: before }] = (await c.query('SELECT count(*)::int AS n FROM checkpoint_crossings')).rows;

  const acked = new Set<string>();
  const sent = new Set<string>();
  const latencies: number[] = [];
  /** Crossings first sent during the measured load and acknowledged. */
  const measuredAcks = new Set<string>();
  let measuring = false;
  let answers = 0;
  const until = Date.now() + (WARMUP_S + SECONDS) * 1000;
  // The phones' requests go through node:http on kept-alive connections, one a phone: fetch costs the generator
  // about twice the CPU per request, which on a small machine is taken from the server it measures.
  const agent = new http.Agent({ keepAlive: true, maxSockets: PHONES });
  const post = (body: string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${base}/api/checkpoints/crossings`,
        { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const send = async (body: string): Promise<number> => {
    for (;;) {
      const t = performance.now();
      const measured = measuring;
      try {
        const status = await post(body);
        if (measured) latencies.push(performance.now() - t);
        if (status < 500) return status;
      } catch {
        // the network: the phone tries again
      }
    }
  };
  const paceMs = RATE > 0 ? (PHONES * 1000) / RATE : 0;
  const phone = async (i: number) => {
    let k = 0;
    // Paced phones start spread over one interval, so that they do not all send at the same moment.
    const start = Date.now() + (paceMs * i) / PHONES;
    while (Date.now() < until) {
      if (paceMs) {
        const wait = start + k * paceMs - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (Date.now() >= until) break;
      }
      const clientId = randomUUID();
      const body = JSON.stringify({
        clientId,
        postId,
        direction: 'in',
        plate: `豫P${String((i * 1000 + ++k) % 100000).padStart(5, '0')}`,
        vehicleType: 'private',
        people: [{ temperature: 36.5, codeColour: 'green' }, { temperature: 36.6 }],
        checks: ['scan', 'look', 'check'],
      });
      sent.add(clientId);
      const measured = measuring;
      const status = await send(body);
      if (status === 201 || status === 200) {
        acked.add(clientId);
        if (measured) measuredAcks.add(clientId);
      }
      answers++;
      // A fifth are sent again, as a retry whose answer was lost would be.
      if (k % 5 === 0 && status < 300) await send(body);
    }
  };
  log(`${PHONES} phones for ${SECONDS} s${RATE ? ` offering ${RATE} crossings/s` : ''}`);
  const commits = async () => Number((await c.query('SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()')).rows[0].xact_commit);
  let commitsBefore = 0;
  let t0 = 0;
  let cpu: ReturnType<typeof cpuShare> | null = null;
  const measure = setTimeout(async () => {
    cpu = cpuShare(server.pid!, new URL(url).pathname.slice(1));
    t0 = performance.now();
    measuring = true;
    commitsBefore = await commits();
  }, WARMUP_S * 1000);
  await Promise.all(Array.from({ length: PHONES }, (_, i) => phone(i)));
  clearTimeout(measure);
  if (!cpu) throw new Error('the load ended before its measured part began');
  const seconds = (performance.now() - t0) / 1000;
  const share = (cpu as ReturnType<typeof cpuShare>).end(latencies.length);
  agent.destroy();
  // The statistics reach the view within a second or so of the last commit.
  await new Promise((r) => setTimeout(r, 1500));
  const committed = (await commits()) - commitsBefore;
  const rows = (await c.query('SELECT client_id::text AS id FROM checkpoint_crossings')).rows as { id: string }[];
  const inDb = new Set(rows.map((r) => r.id));
  const lost = [...acked].filter((id) => !inDb.has(id)).length;
  const duplicated = rows.length - before - new Set(rows.map((r) => r.id).filter((id) => sent.has(id))).size;
  latencies.sort((a, b) => a - b);
  const p99 = latencies[Math.floor(latencies.length * 0.99)] ?? 0;
  console.log(
    JSON.stringify({
      crossings_per_s: Math.round(measuredAcks.size / seconds),
      crossing_p99_ms: Math.round(p99 * 10) / 10,
      crossing_p50_ms: Math.round((latencies[Math.floor(latencies.length / 2)] ?? 0) * 10) / 10,
      lost,
      duplicated,
      requests: latencies.length,
      answers,
      // Transactions per request (each statement outside a transaction is one): how well the writes are grouped.
      db_commits_per_op: Math.round((committed / Math.max(1, latencies.length)) * 1000) / 1000,
      // CPU per request by part, and the requests/s the cores could carry with the phones elsewhere.
      ...share,
    }),
  );
} finally {
  await stopProcess(server);
  await c.end();
}
