/**
 * npm run bench:enlist — the enlistment form under a rush: BENCH_SUBMITS (200) submissions sent at once
 * to one branch's public form on PostgreSQL (BENCH_DATABASE_URL, an empty database: it is reset), each
 * from its own phone (its own client address, through X-Forwarded-For with TRUST_PROXY) and ID number,
 * BENCH_ROUNDS (3) times; then re-submits of the same people (each a new application beside the first: an
 * anonymous submission never overwrites one already made). It also times the
 * bulk link of the member–household editor: BENCH_HOUSEHOLDS (10,000) households of one building split
 * evenly among BENCH_MEMBERS (1,500) members through POST /api/household-links/split.
 * Last line: {"submits_per_s":…,"p95_ms":…, …} — goals: p95 ≤ 100 ms; the split ≤ 2,000 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { getText, postJson } from './sampling-desks';
import { startProcess, stopProcess } from './server-process';

const URL_ = process.env.BENCH_DATABASE_URL;
if (!URL_) {
  console.error('Set BENCH_DATABASE_URL to an empty PostgreSQL database (it is wiped).');
  process.exit(2);
}
const SUBMITS = Number(process.env.BENCH_SUBMITS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 10_000);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1_500);
const PORT = Number(process.env.BENCH_PORT ?? 3911);
const base = `http://127.0.0.1:${PORT}`;

/** Valid 18-digit resident IDs (GB 11643 check digit), distinct for distinct n. */
function idNumber(n: number): string {
  const day = String(1 + (n % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(n / 28) % 12)).padStart(2, '0');
  const year = 1950 + (Math.floor(n / 336) % 50);
  const body = `411627${year}${month}${day}${String(Math.floor(n / 16800) % 1000).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const median = (xs: number[]) => pct(xs, 50);

async function json(res: Response) {
  const body = await res.text();
  if (!res.ok) throw new Error(`${res.status} ${body}`);
  return JSON.parse(body);
}

function form(n: number) {
  return JSON.stringify({
    name: `志愿者${n}`,
    idNumber: idNumber(n),
    phone: `139${String(n).padStart(8, '0')}`,
    category: n % 3 ? 'party_retired' : 'volunteer',
    skills: ['driver'],
    availability: { days: ['sat', 'sun'], from: '08:00', to: '12:00' },
    emergencyContact: { name: '家属', phone: '13800001111' },
    pledge: '疫情不退，我不退',
  });
}

/**
 * One wave: `count` requests sent at once. Each submission comes from its own phone: its own ID number
 * and client address. Returns each request's latency and the wave's wall time.
 */
async function wave(path: string, first: number, count: number, body = true): Promise<{ latencies: number[]; wallMs: number }> {
  const started = performance.now();
  const latencies = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const n = first + i;
      const t0 = performance.now();
      // node:http, not fetch: fetch costs the generator about twice the CPU on the same two cores (see bench:help).
      const res = body
        ? await postJson(`${base}${path}`, { 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` }, JSON.parse(form(n)))
        : await getText(`${base}${path}`);
      if (res.status >= 300) throw new Error(`${path} (${n}): ${res.status} ${res.text}`);
      return performance.now() - t0;
    }),
  );
  return { latencies, wallMs: performance.now() - started };
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'wangge-bench-enlist-'));
const reset = new pg.Client(URL_);
await reset.connect();
await reset.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
await reset.end();
const server = await startProcess({ PORT: String(PORT), DATA_DIR: dataDir, DATABASE_URL: URL_, LOG_LEVEL: 'warn', NODE_ENV: 'development', TRUST_PROXY: '1' });
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
  const post = (url: string, body: unknown) => fetch(`${base}${url}`, { method: 'POST', headers, body: JSON.stringify(body) }).then(json);
  const org = await post('/api/party/orgs', { kind: 'branch', name: '压测党支部', areaId: user.scope.id });

  // Warm-up: code paths compiled, pool connections open.
  await wave(`/api/enlist/${org.enlistToken}`, 1_000_000, 20);
  // The floor of this machine: the same burst against the health endpoint (no form, one small query).
  const floor: number[] = [];
  for (let r = 0; r < ROUNDS; r++) floor.push(pct((await wave('/api/health', 0, SUBMITS, false)).latencies, 95));
  console.error(`health endpoint, ${SUBMITS} at once: p95 ${median(floor).toFixed(1)} ms`);
  const rates: number[] = [];
  const p95s: number[] = [];
  const all: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const { latencies, wallMs } = await wave(`/api/enlist/${org.enlistToken}`, r * SUBMITS, SUBMITS);
    rates.push(SUBMITS / (wallMs / 1000));
    p95s.push(pct(latencies, 95));
    all.push(...latencies);
    console.error(
      `round ${r + 1}: ${SUBMITS} new submissions in ${wallMs.toFixed(0)} ms, p50 ${median(latencies).toFixed(1)} ms, p95 ${pct(latencies, 95).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`,
    );
  }
  const again = await wave(`/api/enlist/${org.enlistToken}`, 0, SUBMITS);
  console.error(`re-submits: ${SUBMITS} in ${again.wallMs.toFixed(0)} ms, p95 ${pct(again.latencies, 95).toFixed(1)} ms`);
  const [{ n: pending }] = (await db.query("SELECT count(*)::int AS n FROM enlistments WHERE status = 'pending' AND org_id = $1", [org.id])).rows;
  // The warm-up's 20, each round's, and the re-submits beside the first applications.
  const expected = 20 + ROUNDS * SUBMITS + SUBMITS;
  if (pending !== expected) throw new Error(`expected ${expected} pending applications, found ${pending}`);

  // The bulk link: one building's households shared among members.
  const building = await post('/api/areas', { parentId: user.scope.id, name: '压测楼', kind: 'building' }).catch(async () => {
    const grid = await post('/api/areas', { parentId: user.scope.id, name: '压测网格', kind: 'grid' });
    return post('/api/areas', { parentId: grid.id, name: '压测楼', kind: 'building' });
  });
  await db.query(
    `INSERT INTO households (area_id, area_path, address) SELECT $1, $2, '压测楼 ' || lpad(g::text, 5, '0') || '室' FROM generate_series(1, $3::int) g`,
    [building.id, building.path, HOUSEHOLDS],
  );
  const vols = await db.query<{ id: number }>(
    `INSERT INTO volunteers (area_id, area_path, name, id_type, category) SELECT $1, $2, '党员' || g, 'none', 'party_rural' FROM generate_series(1, $3::int) g RETURNING id`,
    [building.id, building.path, MEMBERS],
  );
  await db.query('ANALYZE households; ANALYZE volunteers; ANALYZE household_links');
  const volunteerIds = vols.rows.map((r) => r.id);
  const splitMs: number[] = [];
  let last: any;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    last = await post('/api/household-links/split', { areaId: building.id, volunteerIds, replace: true });
    splitMs.push(performance.now() - t0);
    console.error(
      `split round ${r + 1}: ${last.linked} links for ${last.members} members (${last.perMember.min}–${last.perMember.max} each) in ${splitMs[r].toFixed(0)} ms (server ${last.ms} ms)`,
    );
  }
  if (last.linked !== HOUSEHOLDS || last.perMember.max - last.perMember.min > 1) throw new Error(`uneven split: ${JSON.stringify(last)}`);

  console.log(
    JSON.stringify({
      submits_per_s: Math.round(median(rates)),
      p95_ms: Number(median(p95s).toFixed(1)),
      p95_all_rounds_ms: Number(pct(all, 95).toFixed(1)),
      resubmit_p95_ms: Number(pct(again.latencies, 95).toFixed(1)),
      health_burst_p95_ms: Number(median(floor).toFixed(1)),
      concurrent: SUBMITS,
      rounds: ROUNDS,
      split_households: HOUSEHOLDS,
      split_members: MEMBERS,
      split_ms: Math.round(median(splitMs)),
      engine: 'postgres',
    }),
  );
} finally {
  await db.end();
  await stopProcess(server);
  rmSync(dataDir, { recursive: true, force: true });
}
