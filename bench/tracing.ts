/**
 * npm run bench:tracing — contact tracing at a county's scale on PostgreSQL: 1,000,000 residents, 5,000 cases and
 * 20,000 contacts (a tenth of the cases once contacts of another case, so chains meet).
 *
 *   recompute_ms           the snapshot job: every case and contact joined into chains and written
 *   chain_ms / p95         one chain drawn through the API, narrowed to a 14-day window (the 20 largest chains);
 *                          goal ≤ 1,000 ms
 *   contacts_placed_per_s  1,000 contacts entered as 20 line lists of 50 through the API, each proposed its
 *                          measure (confirmed at once: MEASURES_AUTO_CONFIRM, as in an outbreak) and given its grid
 *                          worker's task, then each list found and placed from the board (its measures started and
 *                          their follow-ups written); goal 1,000 in ≤ 10 s. follow_ups_written counts those follow-ups:
 *                          a measure's follow-ups are written when it starts, so they need the placing step.
 *   exposure_ms            exposure suggestions of one case with 10 places (5 sampling points, 5 posts, an hour each)
 *                          against 5,000,000 desk bindings and 5,000,000 crossings (bench/exposure-records.ts,
 *                          written once and kept), median of 7 calls through the API; goal ≤ 2,000 ms
 *
 * Settings (environment):
 *   BENCH_DATABASE_URL  PostgreSQL database holding the demo county and its residents
 *                       (`DATABASE_URL=… npm run seed -- --residents 1000000`); its tracing records are replaced
 *   BENCH_CASES 5000, BENCH_CONTACTS 20000, BENCH_CLUSTER 250 (cases per outbreak), BENCH_PORT 3951
 * Progress goes to stderr; the last line on stdout is the JSON of figures.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startProcess, stopProcess } from './server-process';
import { ensureExposureRecords, tenPlaces } from './exposure-records';
import { signIn } from './sign-in';

const url = process.env.BENCH_DATABASE_URL;
if (!url) {
  console.error('Set BENCH_DATABASE_URL to a PostgreSQL database seeded with the demo county and its residents.');
  process.exit(2);
}
const CASES = Number(process.env.BENCH_CASES ?? 5000);
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 20000);
const PORT = Number(process.env.BENCH_PORT ?? 3951);
const CLUSTER = Number(process.env.BENCH_CLUSTER ?? 250);
const base = `http://127.0.0.1:${PORT}`;
const log = (...a: unknown[]) => console.error('[bench:tracing]', ...a);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

const c = new pg.Client(url);
await c.connect();
const [{ residents }] = (await c.query('SELECT count(*)::int AS residents FROM residents')).rows;
if (residents < CASES + CONTACTS + 2000) {
  console.error(`The database holds ${residents} residents; seed it first: DATABASE_URL=… npm run seed -- --residents 1000000`);
  process.exit(2);
}

// ——— the records: written set-based (the bench measures reading and placing, not typing in 25,000 people) ———
log('replacing the tracing records:', CASES, 'cases,', CONTACTS, 'contacts');
await c.query('DELETE FROM tracing_chain_snapshots; DELETE FROM tracing_contacts; DELETE FROM tracing_trajectory; DELETE FROM tracing_cases');
await c.query(
  `CREATE TEMP TABLE picked AS
     SELECT id, area_id, area_path, row_number() OVER ()::int AS n FROM (
       SELECT id, area_id, area_path FROM residents
        WHERE merged_into IS NULL AND NOT EXISTS (SELECT 1 FROM measures m WHERE m.resident_id = residents.id)
        ORDER BY md5(id::text || $1) LIMIT $2) s`,
  [String(Date.now()), CASES + CONTACTS + 1000],
);
await c.query(
  `INSERT INTO tracing_cases (resident_id, area_id, area_path, classification, reported_on, onset_on, found_by)
   SELECT id, area_id, area_path, 'confirmed', current_date - (n % 60), current_date - (n % 60) - 1, 'other' FROM picked WHERE n <= $1 ORDER BY n`,
  [CASES],
);
// Contacts: four per case on average, from the people after the cases; one in four is the person of another case
// of the same cluster (CLUSTER cases in a row), so chains meet the way they do when contacts fall ill, and an
// outbreak's chain grows to hundreds of cases and a thousand people.
await c.query('CREATE INDEX ON picked (n); ANALYZE picked');
await c.query('CREATE TEMP TABLE numbered AS SELECT id, resident_id, reported_on, row_number() OVER (ORDER BY id)::int AS n FROM tracing_cases');
await c.query(
  `INSERT INTO tracing_contacts (case_id, resident_id, area_id, area_path, level, last_exposure_on, exposure_kind, certainty)
   SELECT tc.id, p.id, p.area_id, p.area_path, CASE WHEN k.i % 3 = 0 THEN 'general' ELSE 'close' END, tc.reported_on - (k.i % 3), 'meal', 'high'
     FROM generate_series(1, $2::int) AS k(i)
     JOIN numbered tc ON tc.n = ((hashint4(k.i) & 2147483647) % $1) + 1
     JOIN numbered other ON other.n = tc.n - ((tc.n - 1) % $3) + ((hashint4(k.i + $2) & 2147483647) % $3)
     JOIN picked p ON p.n = CASE WHEN k.i % 4 = 0 THEN other.n ELSE $1 + k.i END
    WHERE p.id <> tc.resident_id
   ON CONFLICT (case_id, resident_id) DO NOTHING`,
  [CASES, CONTACTS, CLUSTER],
);
const [{ contacts }] = (await c.query('SELECT count(*)::int AS contacts FROM tracing_contacts')).rows;
await c.query('ANALYZE tracing_cases; ANALYZE tracing_contacts');

const exposureIds = await ensureExposureRecords(c, residents, log);
log('exposure records:', exposureIds.bindings, 'bindings,', exposureIds.crossings, 'crossings');

const env = { PORT: String(PORT), DATABASE_URL: url, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'wangge-bench-tracing-')), LOG_LEVEL: 'warn' };
const server = await startProcess({ ...env, NODE_ENV: 'production', DEMO_SEED: 'false', MEASURES_AUTO_CONFIRM: 'true' });
try {
  const { headers } = await signIn(base, 'command');
  const call = async (method: string, p: string, body?: unknown) => {
    const started = performance.now();
    const res = await fetch(`${base}${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
    return { ms: performance.now() - started, json };
  };

  // ——— the chains ———
  const recompute = await call('POST', '/api/tracing/chains/recompute', {});
  log('chains computed in', Math.round(recompute.ms), 'ms');
  const largest = (
    await c.query(
      `SELECT chain_id, to_char(last_on - 13, 'YYYY-MM-DD') AS from_on, to_char(last_on, 'YYYY-MM-DD') AS to_on, cases + contacts AS people
         FROM tracing_chains WHERE snapshot_id = (SELECT max(id) FROM tracing_chain_snapshots) ORDER BY cases + contacts DESC LIMIT 20`,
    )
  ).rows as { chain_id: number; from_on: string; to_on: string; people: number }[];
  const chainMs: number[] = [];
  const drawn: number[] = [];
  for (const ch of largest) {
    const r = await call('GET', `/api/tracing/chains/${ch.chain_id}?from=${ch.from_on}&to=${ch.to_on}`);
    chainMs.push(r.ms);
    drawn.push(r.json.nodes.length);
  }
  const list = await call('GET', '/api/tracing/chains?active=true');
  log('largest chain', largest[0]?.people, 'people; median drawn', median(drawn));

  // ——— placing 1,000 contacts: 20 line lists of 50 on 20 cases ———
  const fresh = (await c.query('SELECT id FROM picked WHERE n > $1 ORDER BY n LIMIT 1000', [CASES + CONTACTS])).rows.map((r) => r.id as number);
  const someCases = (await c.query('SELECT id FROM tracing_cases ORDER BY reported_on DESC, id LIMIT 20')).rows.map((r) => r.id as number);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const placeStarted = performance.now();
  let placed = 0;
  for (const [i, caseId] of someCases.entries()) {
    const people = fresh.slice(i * 50, i * 50 + 50);
    const r = await call('POST', `/api/tracing/cases/${caseId}/contacts`, {
      contacts: people.map((residentId) => ({ residentId, level: 'close', lastExposureOn: yesterday, exposureKind: 'meal', certainty: 'high' })),
    });
    const listed = r.json.items as { measure: string; contact: { id: number } }[];
    const placedNow = await call('POST', '/api/tracing/contacts/bulk', { action: 'placed', contactIds: listed.map((x) => x.contact.id) });
    placed += placedNow.json.measuresStarted;
  }
  const placeSeconds = (performance.now() - placeStarted) / 1000;

  // ——— exposure suggestions: a case with 10 places ———
  const [exposed] = (await c.query('SELECT id FROM tracing_cases ORDER BY id LIMIT 1')).rows;
  await call('POST', `/api/tracing/cases/${exposed.id}/trajectory`, { rows: tenPlaces(exposureIds) });
  const exposureMs: number[] = [];
  let suggested = 0;
  for (let i = 0; i < 7; i++) {
    const r = await call('GET', `/api/tracing/cases/${exposed.id}/exposures`);
    exposureMs.push(r.ms);
    suggested = r.json.items.length;
  }
  log('exposure suggestions:', suggested, 'people; runs', exposureMs.map(Math.round).join(', '), 'ms');
  const [{ followUps }] = (
    await c.query('SELECT count(*)::int AS "followUps" FROM follow_ups f JOIN measures m ON m.id = f.measure_id WHERE m.resident_id = ANY($1::int[])', [fresh])
  ).rows;

  console.log(
    JSON.stringify({
      engine: 'postgres',
      residents,
      cases: CASES,
      contacts,
      chains: recompute.json ? (await c.query('SELECT chains FROM tracing_chain_snapshots ORDER BY id DESC LIMIT 1')).rows[0].chains : null,
      recompute_ms: Math.round(recompute.ms),
      chain_ms: Math.round(median(chainMs)),
      chain_p95_ms: Math.round(p95(chainMs)),
      chain_nodes_median: median(drawn),
      largest_chain_people: largest[0]?.people ?? 0,
      list_ms: Math.round(list.ms),
      exposure_ms: Math.round(median(exposureMs)),
      exposure_p95_ms: Math.round(p95(exposureMs)),
      exposure_suggested: suggested,
      exposure_records: exposureIds.bindings + exposureIds.crossings,
      contacts_placed: placed,
      follow_ups_written: followUps,
      contacts_placed_s: Number(placeSeconds.toFixed(2)),
      contacts_placed_per_s: Math.round(placed / placeSeconds),
    }),
  );
} finally {
  await stopProcess(server);
  await c.end();
}
