/**
 * npm run bench:help — help requests on PostgreSQL (BENCH_DATABASE_URL, an empty database: it is reset).
 *  1. Intake under a rush: BENCH_CLIENTS (200) phones at once, each sending BENCH_PER_CLIENT (25) requests to
 *     one area's public page one after another, from its own address (X-Forwarded-For with TRUST_PROXY). Every
 *     BENCH_RETRY_EVERY-th (5th) answer is "lost" and the same submission sent again, as a phone does on a bad
 *     network; an error or a refused connection is retried too. Then the table is counted: each submission must
 *     be there once — `intake_lost` (missing) and `intake_duplicated` (more than once) must be 0.
 *  2. A triage board over BENCH_OPEN (50,000) open requests spread over kinds, steps and the county's villages:
 *     the board of one step read BENCH_READS (200) times by the county's administrator → p95.
 *  3. Concurrent stock issues from 200 clients against 20 stores (`measureStockIssues` of bench/stock.ts): the rate, and
 *     whether every store's stock ends exactly at what was received minus what was acknowledged as issued.
 * Last line: {"intake_per_s":…,"intake_lost":…,"intake_duplicated":…,"board_p95_ms":…,"stock_issues_per_s":…,"stock_exact":…, then the
 *   CPU per operation by part (server, database, generator) and the capacity the cores could carry with the phones elsewhere}
 * — goals ≥ 1,000/s, 0, 0, ≤ 100 ms, ≥ 1,000/s, true.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { cpuShare } from './cpu-share';
import { postJson } from './sampling-desks';
import { startProcess, stopProcess } from './server-process';
import { measureStockIssues } from './stock';

const URL_ = process.env.BENCH_DATABASE_URL;
if (!URL_) {
  console.error('Set BENCH_DATABASE_URL to an empty PostgreSQL database (it is wiped).');
  process.exit(2);
}
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const PER_CLIENT = Number(process.env.BENCH_PER_CLIENT ?? 25);
const RETRY_EVERY = Number(process.env.BENCH_RETRY_EVERY ?? 5);
const OPEN = Number(process.env.BENCH_OPEN ?? 50_000);
const READS = Number(process.env.BENCH_READS ?? 200);
const PORT = Number(process.env.BENCH_PORT ?? 3917);
const base = `http://127.0.0.1:${PORT}`;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

async function json(res: Response) {
  const body = await res.text();
  if (!res.ok) throw new Error(`${res.status} ${body}`);
  return JSON.parse(body);
}

/** Sends one submission until an answer comes (network errors and 5xx retried); `resend` sends it once more after. */
async function submit(token: string, address: string, body: object, resend: boolean): Promise<number> {
  let tries = 0;
  for (;;) {
    tries++;
    try {
      // node:http over kept-alive connections (sampling-desks.ts): fetch() costs the generator, which shares
      // the cores with the server, about twice the CPU per request.
      const res = await postJson(`${base}/api/help/intake/${token}`, { 'x-forwarded-for': address }, body);
      if (res.status >= 500 || res.status === 429) throw new Error(`${res.status}`);
      if (res.status >= 300) throw new Error(`refused ${res.status}`);
      if (resend) {
        resend = false;
        continue;
      }
      return tries;
    } catch (e) {
      if (String(e).includes('refused')) throw e;
      if (tries > 20) throw e;
      await new Promise((r) => setTimeout(r, 20 * tries));
    }
  }
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'wangge-bench-help-'));
const reset = new pg.Client(URL_);
await reset.connect();
await reset.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
await reset.query('DROP SCHEMA IF EXISTS pgboss CASCADE');
await reset.end();
const server = await startProcess({
  PORT: String(PORT),
  DATA_DIR: dataDir,
  DATABASE_URL: URL_,
  LOG_LEVEL: 'warn',
  NODE_ENV: 'development',
  TRUST_PROXY: '1',
  HELP_MAX_PER_ADDRESS: '100000',
});
const db = new pg.Client(URL_);
await db.connect();
try {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'Wangge@2026' }),
  });
  const { user, csrfToken } = await json(login);
  const headers = { cookie: login.headers.get('set-cookie')!.split(';')[0], 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  const { token } = await fetch(`${base}/api/help/links`, { method: 'POST', headers, body: JSON.stringify({ areaId: user.scope.id }) }).then(json);

  // ——— 1. intake ———
  const body = (c: number, i: number) => ({
    clientId: randomUUID(),
    kind: 'medicine',
    need: `退烧药 ${c}-${i}`,
    phone: `13${String(c).padStart(4, '0')}${String(i).padStart(5, '0')}`,
  });
  // Warm-up: code paths compiled, pool connections open, the statement prepared.
  await Promise.all(
    Array.from({ length: 20 }, (_, c) =>
      submit(token, `10.9.0.${c}`, { clientId: randomUUID(), kind: 'medicine', need: `预热 ${c}`, phone: `1590000${String(c).padStart(4, '0')}` }, false),
    ),
  );
  let sends = 0;
  const started = performance.now();
  const cpu = cpuShare(server.pid!);
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      const address = `10.${(c >> 8) & 255}.${c & 255}.1`;
      for (let i = 0; i < PER_CLIENT; i++) {
        const tries = await submit(token, address, body(c, i), (c * PER_CLIENT + i) % RETRY_EVERY === 0);
        sends += tries;
      }
    }),
  );
  const wallMs = performance.now() - started;
  const intakeCpu = cpu.end(CLIENTS * PER_CLIENT);
  const total = CLIENTS * PER_CLIENT;
  const resends = Math.floor((total - 1) / RETRY_EVERY) + 1;
  const [{ rows, distinct }] = (
    await db.query<{ rows: number; distinct: number }>(
      `SELECT count(*)::int AS rows, count(DISTINCT need)::int AS distinct FROM help_requests WHERE need LIKE '退烧药 %'`,
    )
  ).rows;
  const lost = total - distinct;
  const duplicated = rows - distinct;
  console.error(
    `intake: ${total} submissions (+${resends} resends, ${sends - total - resends} retries after errors) from ${CLIENTS} phones in ${wallMs.toFixed(0)} ms`,
  );

  // ——— 2. a board over many open requests ———
  const villages = (await db.query<{ id: number; path: string }>("SELECT id, path FROM areas WHERE kind = 'village' ORDER BY id LIMIT 200")).rows;
  const steps = [
    ['medicine', 'buyable'],
    ['medicine', 'source'],
    ['medicine', 'classify'],
    ['medicine', 'handoff'],
    ['daily_goods', 'assess'],
    ['child', 'assess'],
    ['pregnancy', 'assess'],
    ['other', 'dispatch'],
  ];
  await db.query(
    `INSERT INTO help_requests (code, area_id, area_path, channel, kind, need, phone, status, queue, step_since, policy_version, tier, due_at,
       escalate_after, handover_code, created_at)
     SELECT 'B' || lpad(to_hex(g), 7, '0'), v.id, v.path, 'phone', s.kind, '压测需求 ' || g, '138' || lpad(g::text, 8, '0'),
            CASE WHEN s.step = 'dispatch' THEN 'dispatch' ELSE 'triage' END, s.step, now() - (g % 5000) * interval '1 minute', 1, 'h24',
            now() + ((g % 48) - 24) * interval '1 hour', now() + interval '30 days', '0000', now() - (g % 5000) * interval '1 minute'
       FROM generate_series(1, $1::int) g
       JOIN LATERAL (SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(id int, path text) OFFSET (g % $3::int) LIMIT 1) v ON true
       JOIN LATERAL (SELECT * FROM jsonb_to_recordset($4::jsonb) AS y(kind text, step text) OFFSET (g % $5::int) LIMIT 1) s ON true`,
    [OPEN, JSON.stringify(villages), villages.length, JSON.stringify(steps.map(([kind, step]) => ({ kind, step }))), steps.length],
  );
  await db.query('VACUUM ANALYZE help_requests');
  const [{ open }] = (await db.query<{ open: number }>('SELECT count(*)::int AS open FROM help_requests WHERE queue IS NOT NULL')).rows;
  const read = async () => {
    const t0 = performance.now();
    const b = await fetch(`${base}/api/help/board?kind=medicine&step=buyable&limit=50`, { headers }).then(json);
    if (b.items.length !== 50) throw new Error(`board: ${b.items.length} items`);
    return performance.now() - t0;
  };
  for (let i = 0; i < 20; i++) await read();
  const latencies: number[] = [];
  for (let i = 0; i < READS; i++) latencies.push(await read());
  console.error(`board over ${open} open requests: p50 ${pct(latencies, 50).toFixed(1)} ms, p95 ${pct(latencies, 95).toFixed(1)} ms`);

  // ——— 3. concurrent stock issues (the supplies half of the issue; bench/stock.ts measures it alone too) ———
  const stock = await measureStockIssues({
    base,
    headers,
    areaId: user.scope.id,
    db,
    seconds: Number(process.env.BENCH_STOCK_SECONDS ?? 10),
    serverPid: server.pid,
  });

  console.log(
    JSON.stringify({
      intake_per_s: Math.round(total / (wallMs / 1000)),
      intake_lost: lost,
      intake_duplicated: duplicated,
      board_p95_ms: Number(pct(latencies, 95).toFixed(1)),
      stock_issues_per_s: stock.stock_issues_per_s,
      stock_exact: stock.stock_exact,
      // Where the time goes: CPU per submission (resends included in the work, counted per submission) by part, and
      // the submissions/s the cores could carry with the phones elsewhere; the same for the stock issues.
      intake_server_cpu_ms: intakeCpu.server_cpu_ms_per_op,
      intake_db_cpu_ms: intakeCpu.db_cpu_ms_per_op,
      intake_generator_cpu_ms: intakeCpu.generator_cpu_ms_per_op,
      intake_capacity_per_s: intakeCpu.capacity_per_s,
      stock_server_cpu_ms: stock.stock_server_cpu_ms_per_op,
      stock_db_cpu_ms: stock.stock_db_cpu_ms_per_op,
      stock_capacity_per_s: stock.stock_capacity_per_s,
      clients: CLIENTS,
      submissions: total,
      resends,
      open_requests: open,
      engine: 'postgres',
    }),
  );
} finally {
  await db.end();
  await stopProcess(server);
  rmSync(dataDir, { recursive: true, force: true });
}
