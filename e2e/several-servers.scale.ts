import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchCrash, countAfterCrash } from '../bench/sampling-crash';
import { trustCertificate } from '../bench/sampling-desks';
import { listMigrations } from '../src/server/db/migrate';
import { multipartBody } from '../src/server/testing/sheets';
import { freshDatabase, nginxBinary, type ReverseProxy, startNginx, startServer, stopServer } from './cluster';

/**
 * Three identical server processes on one PostgreSQL behind nginx (deploy/nginx/wangge.conf), started at once
 * on an empty database: they migrate once and load the demo once; desks bind through all three with none lost
 * and none doubled while one process is killed and started again; a sign-in throttle counted in one process
 * holds in the others; a fever recorded through one reaches an overview stream open on another.
 *
 * Needs PostgreSQL (SCALE_DATABASE_URL or TEST_DATABASE_URL: a database on a server where this role may create
 * databases) and nginx (Debian's package); skipped, saying why, without either.
 */
const adminUrl = process.env.SCALE_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const missing = !adminUrl
  ? 'no SCALE_DATABASE_URL or TEST_DATABASE_URL (PostgreSQL)'
  : !nginxBinary()
    ? 'nginx is not installed (apt-get install nginx)'
    : null;
if (missing) console.warn(`several servers behind nginx: skipped — ${missing}`);

const PROXY_PORT = Number(process.env.SCALE_PORT ?? process.env.E2E_PORT ?? 5184);
const PORTS = (process.env.SCALE_SERVER_PORTS ?? '5191,5192,5193').split(',').map(Number);
const PASSWORD = 'Wangge@2026';

let proxy: ReverseProxy;
let db: { url: string; drop: () => Promise<void> };
let client: pg.Client;
let dataDir: string;
const servers: ChildProcess[] = [];
const env = () => ({ DATABASE_URL: db.url, DATA_DIR: dataDir, DEMO_SEED: 'true', DEMO_RESIDENTS: '20000', NODE_ENV: 'development' });

interface Answer {
  status: number;
  json: any;
  headers: http.IncomingHttpHeaders;
}

/** One request, over TLS through nginx (trusting the test's certificate) or straight to a process. */
function call(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: unknown; raw?: { payload: Buffer; headers: Record<string, string> } } = {},
): Promise<Answer> {
  if (opts.raw) return send(url, 'POST', { ...opts.headers, ...opts.raw.headers, 'content-length': String(opts.raw.payload.length) }, opts.raw.payload);
  const data = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body));
  return send(
    url,
    opts.method ?? (data ? 'POST' : 'GET'),
    { ...opts.headers, ...(data ? { 'content-type': 'application/json', 'content-length': String(data.length) } : {}) },
    data,
  );
}

function send(url: string, method: string, headers: Record<string, string>, data: Buffer | undefined): Promise<Answer> {
  const tls = url.startsWith('https:');
  return new Promise((resolve, reject) => {
    const req = (tls ? https : http).request(url, { method, headers, ...(tls ? { ca: proxy.ca } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        resolve({
          status: res.statusCode ?? 0,
          json: text && /json/.test(String(res.headers['content-type'])) ? JSON.parse(text) : text,
          headers: res.headers,
        });
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

async function signIn(base: string, username: string, password = PASSWORD, address?: string) {
  const res = await call(`${base}/api/auth/login`, { body: { username, password }, headers: address ? { 'x-forwarded-for': address } : {} });
  const headers: Record<string, string> =
    res.status === 200 ? { cookie: String(res.headers['set-cookie']).split(';')[0], 'x-csrf-token': res.json.csrfToken } : {};
  return { res, headers };
}

const direct = (i: number) => `http://127.0.0.1:${PORTS[i]}`;

describe.skipIf(missing)('several servers behind nginx on PostgreSQL', () => {
  beforeAll(async () => {
    db = await freshDatabase(adminUrl!, 'wangge_scale');
    client = new pg.Client(db.url);
    await client.connect();
    dataDir = mkdtempSync(path.join(tmpdir(), 'wangge-scale-'));
    proxy = await startNginx(PROXY_PORT, PORTS);
    trustCertificate(proxy.ca);
    // All three at once on the empty database: migrations and the first run's data are done by one of them.
    servers.push(...(await Promise.all(PORTS.map((p) => startServer(p, env())))));
  }, 300_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => stopServer(s)));
    await proxy?.stop();
    await client?.end();
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('three processes started at once migrated once and loaded the demo once', async () => {
    const [m] = (await client.query('SELECT count(*)::int AS n, max(version) AS v FROM schema_migrations')).rows;
    expect(m.n).toBe(listMigrations().length);
    const [roots] = (await client.query('SELECT count(*)::int AS n FROM areas WHERE parent_id IS NULL')).rows;
    expect(roots.n).toBe(1);
    for (const i of PORTS.keys()) expect((await call(`${direct(i)}/api/health`)).status).toBe(200);
    const health = await call(`${proxy.base}/api/health`);
    expect(health.status).toBe(200);
    expect(health.headers['strict-transport-security']).toContain('max-age');
  });

  it('desks bind through all three while one is killed and started again: none lost, none doubled', async () => {
    const { headers } = await signIn(proxy.base, 'command');
    const me = await call(`${proxy.base}/api/auth/me`, { headers });
    const countyId = me.json.user.scope.id as number;
    const villages = (await call(`${proxy.base}/api/areas/${countyId}/children`, { headers })).json.items as { id: number }[];
    const today = new Date().toISOString().slice(0, 10);
    const round = await call(`${proxy.base}/api/sampling/rounds`, {
      headers,
      body: { name: `多进程 ${Date.now()}`, areaId: countyId, startsOn: today, endsOn: today, rosterDate: today },
    });
    expect(round.status, JSON.stringify(round.json)).toBe(201);
    const point = await call(`${proxy.base}/api/sampling/rounds/${round.json.id}/points`, {
      headers,
      body: { name: '多进程采样点', areaId: villages[0].id, desks: 20 },
    });
    expect(point.status, JSON.stringify(point.json)).toBe(201);
    expect((await call(`${proxy.base}/api/sampling/rounds/${round.json.id}/status`, { headers, body: { status: 'open' } })).status).toBe(200);
    const residents = (await client.query('SELECT id FROM residents WHERE merged_into IS NULL ORDER BY id LIMIT 1500')).rows.map((r) => r.id as number);

    const victim = 1;
    const result = await benchCrash({
      base: proxy.base,
      roundId: round.json.id,
      pointId: point.json.id,
      residents,
      desks: 12,
      afterMs: 1500,
      tag: `S${Date.now().toString(36).slice(-5).toUpperCase()}`,
      signIn: async () => (await signIn(proxy.base, 'command')).headers,
      kill: () => stopServer(servers[victim], 'SIGKILL'),
      restart: async () => {
        servers[victim] = await startServer(PORTS[victim], env());
      },
      count: (ids, people) => countAfterCrash(async (sql, params) => (await client.query(sql, params)).rows, round.json.id, ids, people),
      log: (...a) => console.log('[several servers]', ...a),
    });
    expect(result.acknowledged).toBe(residents.length);
    expect(result.present).toBe(result.acknowledged);
    expect(result.duplicated).toBe(0);
    expect(result.refused).toBe(0);
    const upstreams = new Set(proxy.upstreamsOf('/api/sampling/bindings').filter((u) => u.startsWith('127.0.0.1')));
    expect([...upstreams].sort()).toEqual(PORTS.map((p) => `127.0.0.1:${p}`).sort());
  }, 120_000);

  it('a sign-in throttle counted in one process holds in the others and through nginx', async () => {
    const address = '198.51.100.7';
    // The demo's sixth failure makes the account wait (LOGIN_FAILURES_BEFORE_DELAY = 5): all sent to process 1.
    for (let i = 0; i < 6; i++) expect((await signIn(direct(0), 'grid', 'wrong-password', address)).res.status).toBe(401);
    for (const i of [1, 2]) {
      const { res } = await signIn(direct(i), 'grid', PASSWORD, `203.0.113.${i}`);
      expect(res.status, `process ${i + 1}`).toBe(429);
      expect(res.json.error.code).toBe('LOGIN_WAIT');
    }
    expect((await signIn(proxy.base, 'grid')).res.status).toBe(429);
  });

  it('a fever recorded through one process reaches an overview stream open on another', async () => {
    const command = (await signIn(direct(2), 'command')).headers;
    const events: string[] = [];
    let ready!: () => void;
    const opened = new Promise<void>((r) => (ready = r));
    const stream = http.get(`${direct(2)}/api/overview/changes?seconds=30`, { headers: command }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        for (const m of chunk.matchAll(/event: (\w+)/g)) events.push(m[1]);
        if (events.includes('ready')) ready();
      });
    });
    try {
      await opened;
      // Let the desks' last changes pass (signals are folded into one per 500 ms), then start counting.
      await new Promise((r) => setTimeout(r, 1500));
      events.length = 0;
      const nurse = (await signIn(direct(0), 'doctor')).headers;
      const scheduled = await call(`${direct(0)}/api/follow-ups?status=scheduled&pageSize=1`, { headers: nurse });
      const due = scheduled.json.items[0];
      expect(due, 'the demo has a follow-up to record').toBeTruthy();
      const recorded = await call(`${direct(0)}/api/follow-ups/${due.id}/record`, { headers: nurse, body: { temperature: 38.6, symptoms: [] } });
      expect(recorded.status, JSON.stringify(recorded.json)).toBe(200);
      await expect.poll(() => events.includes('change'), { timeout: 5000, interval: 100 }).toBe(true);
      const overview = await call(`${direct(2)}/api/overview`, { headers: command });
      expect(JSON.stringify(overview.json)).toContain('38.6');
    } finally {
      stream.destroy();
    }
  });

  it('an import accepted by a process killed while it commits is finished by another', async () => {
    process.env.BENCH_ROWS = '20000';
    const { makeSheet } = await import('../bench/import-sheet');
    const file = path.join(dataDir, 'sheet.xlsx');
    await makeSheet(file);
    const accepting = 0;
    const base = direct(accepting);
    const admin = (await signIn(base, 'command')).headers;
    const me = await call(`${base}/api/auth/me`, { headers: admin });
    const villages = (await call(`${base}/api/areas/${me.json.user.scope.id}/children`, { headers: admin })).json.items as { id: number }[];
    const up = await call(`${base}/api/residents/imports?areaId=${villages[1].id}`, { headers: admin, raw: multipartBody('台账.xlsx', readFileSync(file)) });
    expect(up.status, JSON.stringify(up.json)).toBe(201);
    const id = up.json.id as number;
    const state = async (at = proxy.base) => (await call(`${at}/api/residents/imports/${id}`, { headers: admin })).json;
    expect((await call(`${base}/api/residents/imports/${id}/validate`, { headers: admin, body: { mapping: up.json.suggestedMapping } })).status).toBe(200);
    await expect.poll(async () => (await state()).status, { timeout: 90_000, interval: 500 }).toBe('validated');
    const [{ n: before }] = (await client.query('SELECT count(*)::int AS n FROM residents')).rows;
    expect((await call(`${base}/api/residents/imports/${id}/commit`, { headers: admin, body: { mode: 'valid-only' } })).status).toBe(200);
    // Killed mid-commit: a batch or more written, the job still marked running in the queue.
    await expect.poll(async () => (await state(base)).progress.rows, { timeout: 60_000, interval: 200 }).toBeGreaterThan(0);
    await stopServer(servers[accepting], 'SIGKILL');
    await expect.poll(async () => (await state()).status, { timeout: 90_000, interval: 500 }).toBe('done');
    const done = await state();
    const [{ n: after }] = (await client.query('SELECT count(*)::int AS n FROM residents')).rows;
    // Every row once: the batches written before the kill are not written again by the process that carried on.
    expect(done.counts.created).toBeGreaterThan(19_000);
    expect(after - before).toBe(done.counts.created);
    servers[accepting] = await startServer(PORTS[accepting], env());
  }, 240_000);
});
