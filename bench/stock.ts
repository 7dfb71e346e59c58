/**
 * npm run bench:stock — concurrent stock issues (物资发放) from many clients over HTTP on PostgreSQL.
 *
 * Store keepers' phones issue from a few stores at once, each issue one or two items of 1–3 units, earliest
 * expiry first across several batches. Every answer is committed before it is sent; a refusal (409, not enough)
 * is counted, never retried. At the end the stock must be exactly right: each store × item's stock equals what
 * came in minus what the acknowledged issues took, the movement lines say the same, and no row is below zero.
 * Goal: ≥ 1,000 issues/s with the stock exact.
 *
 * Settings (environment):
 *   BENCH_DATABASE_URL  PostgreSQL database for the bench (required; its public schema is wiped)
 *   BENCH_CLIENTS       200   concurrent clients
 *   BENCH_STORES        20    stores they issue from (clients spread over them)
 *   BENCH_SECONDS       10    length of the load
 *   BENCH_PORT          3943  the server
 * Progress goes to stderr; the last line on stdout is the JSON of figures. `measureStockIssues` is exported so
 * another bench (bench:help) can run the same measure against its own server.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { cpuShare } from './cpu-share';
import { startProcess, stopProcess } from './server-process';
import { signIn } from './sign-in';

const log = (...a: unknown[]) => console.error('[bench:stock]', ...a);

export interface StockMeasure {
  stock_issues_per_s: number;
  stock_exact: boolean;
  stock_issues: number;
  stock_refused: number;
  stock_issue_p99_ms: number;
  stock_stores: number;
  /** CPU per issue by part, and the issues/s the cores could carry with the clients elsewhere (when the server's pid is known). */
  stock_server_cpu_ms_per_op?: number;
  stock_db_cpu_ms_per_op?: number;
  stock_capacity_per_s?: number;
}

/**
 * Runs the load against a running server as a signed-in user who may manage supplies in `areaId`: sets up its own
 * items, stores and stock through the API, issues from `clients` clients for `seconds`, and checks the stock in
 * the database (`db`, the server's own) against what was acknowledged.
 */
export async function measureStockIssues(p: {
  base: string;
  headers: Record<string, string>;
  areaId: number;
  db: pg.Client;
  clients?: number;
  stores?: number;
  seconds?: number;
  serverPid?: number;
}): Promise<StockMeasure> {
  const clients = p.clients ?? 200;
  const storeCount = p.stores ?? 20;
  const seconds = p.seconds ?? 10;
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${p.base}${url}`, { method, headers: p.headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  };
  const must = async (method: string, url: string, body?: unknown) => {
    const r = await call(method, url, body);
    if (r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json;
  };
  const tag = Date.now().toString(36);
  const items: number[] = [];
  for (const [name, unit] of [
    ['口罩', '只'],
    ['手套', '副'],
  ]) {
    items.push((await must('POST', '/api/supplies/items', { name: `压测${name}${tag}`, category: 'protective', unit })).id);
  }
  const today = new Date().toISOString().slice(0, 10);
  const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const stores: number[] = [];
  const perBatch = 2000;
  for (let s = 0; s < storeCount; s++) {
    const id = (await must('POST', '/api/supplies/stores', { name: `压测仓库${tag}-${s}`, level: 'village', areaId: p.areaId })).id as number;
    // Three batches per item, expiring at different times: each issue walks the earliest-expiry order.
    const lines = items.flatMap((itemId) => [30, 10, 90].map((d) => ({ itemId, qty: perBatch, expiresOn: later(d) })));
    await must('POST', `/api/supplies/stores/${id}/receipts`, { source: 'purchase', occurredOn: today, lines });
    stores.push(id);
  }
  const received = perBatch * 3;
  const taken = new Map<string, number>();
  const latencies: number[] = [];
  let refused = 0;
  let acked = 0;
  log(`${clients} clients over ${storeCount} stores for ${seconds} s`);
  const until = Date.now() + seconds * 1000;
  const client = async (i: number) => {
    const storeId = stores[i % stores.length];
    let k = 0;
    while (Date.now() < until) {
      k++;
      const lines = (k % 3 === 0 ? items : [items[k % 2]]).map((itemId) => ({ itemId, qty: 1 + ((i + k) % 3) }));
      const t = performance.now();
      const r = await call('POST', `/api/supplies/stores/${storeId}/issues`, { target: 'household', targetId: 1 + (k % 500), lines });
      latencies.push(performance.now() - t);
      if (r.status === 201) {
        acked++;
        for (const l of lines) taken.set(`${storeId}:${l.itemId}`, (taken.get(`${storeId}:${l.itemId}`) ?? 0) + l.qty);
      } else if (r.status === 409) refused++;
      else throw new Error(`issue: ${r.status} ${JSON.stringify(r.json)}`);
    }
  };
  const t0 = performance.now();
  const cpu = p.serverPid ? cpuShare(p.serverPid) : null;
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  const elapsed = (performance.now() - t0) / 1000;
  const share = cpu?.end(latencies.length);
  const { rows } = await p.db.query<{ store_id: number; item_id: number; on_hand: number; issued: number; negative: number }>(
    `SELECT k.store_id, k.item_id, sum(k.qty)::int AS on_hand, bool_or(k.qty < 0)::int AS negative,
            COALESCE((SELECT -sum(l.qty) FROM supply_movement_lines l JOIN supply_movements m ON m.id = l.movement_id
                       WHERE m.kind = 'issue' AND l.store_id = k.store_id AND l.item_id = k.item_id), 0)::int AS issued
       FROM supply_stock k WHERE k.store_id = ANY($1::int[]) GROUP BY 1, 2`,
    [stores],
  );
  const exact =
    rows.length === stores.length * items.length &&
    rows.every((r) => {
      const t = taken.get(`${r.store_id}:${r.item_id}`) ?? 0;
      return !r.negative && r.issued === t && r.on_hand === received - t;
    });
  latencies.sort((a, b) => a - b);
  return {
    stock_issues_per_s: Math.round(acked / elapsed),
    stock_exact: exact,
    stock_issues: acked,
    stock_refused: refused,
    stock_issue_p99_ms: Math.round((latencies[Math.floor(latencies.length * 0.99)] ?? 0) * 10) / 10,
    stock_stores: storeCount,
    ...(share && {
      stock_server_cpu_ms_per_op: share.server_cpu_ms_per_op,
      stock_db_cpu_ms_per_op: share.db_cpu_ms_per_op,
      stock_capacity_per_s: share.capacity_per_s,
    }),
  };
}

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    console.error('Set BENCH_DATABASE_URL to a PostgreSQL database for the bench (it is wiped).');
    process.exit(2);
  }
  const PORT = Number(process.env.BENCH_PORT ?? 3943);
  const base = `http://127.0.0.1:${PORT}`;
  const c = new pg.Client(url);
  await c.connect();
  await c.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS pgboss CASCADE;');
  const env = {
    PORT: String(PORT),
    DATABASE_URL: url,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'wangge-bench-stock-')),
    LOG_LEVEL: 'warn',
    LOGIN_MAX_FAILURES_PER_ADDRESS: '100000',
  };
  log('loading the demo county');
  await stopProcess(await startProcess({ ...env, NODE_ENV: 'development' }));
  const server = await startProcess({ ...env, NODE_ENV: 'production', DEMO_SEED: 'false' });
  try {
    const { headers, user } = await signIn(base, 'command');
    const figures = await measureStockIssues({
      base,
      headers,
      areaId: user.scope.id,
      db: c,
      serverPid: server.pid,
      clients: Number(process.env.BENCH_CLIENTS ?? 200),
      stores: Number(process.env.BENCH_STORES ?? 20),
      seconds: Number(process.env.BENCH_SECONDS ?? 10),
    });
    console.log(JSON.stringify(figures));
  } finally {
    await stopProcess(server);
    await c.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
