/**
 * bench:sampling, part 3 — coverage of the county mid-round (PostgreSQL). About half of the round's rostered people
 * are bound in bulk SQL (tubes of 10, closed; not over HTTP — the desks part measures that path; the bindings'
 * statement triggers keep the counters as they would for the desks), then the county's commander asks for
 * GET /api/sampling/rounds/:id/coverage — the county's table, summed over every grid's counters — BENCH_COVERAGE_REQUESTS
 * (100) times in a row, and each town's table once per cycle. Figures: p95 of the county's table, p95 of the towns'.
 */
import type pg from 'pg';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))];

/** Binds `people` (resident ids) into new closed tubes of 10 at the point, in bulk; answers the tubes made. */
export async function bulkBind(client: pg.Client, p: { roundId: number; pointId: number; people: number[]; prefix: string; status: string }) {
  const [{ n }] = (
    await client.query(
      `WITH v AS (SELECT r.id, r.area_id, r.area_path, (o - 1) AS k FROM unnest($3::int[]) WITH ORDINALITY AS u(id, o) JOIN residents r ON r.id = u.id),
       pt AS (SELECT id, area_id, area_path FROM sampling_points WHERE id = $2),
       t AS (
         INSERT INTO sampling_tubes (round_id, point_id, desk, area_id, area_path, barcode, capacity, bound, status, closed_at, close_reason)
         SELECT $1, pt.id, 1, pt.area_id, pt.area_path, $4 || lpad(g::text, 8, '0'), 10, least(10, $5::int - g * 10), $6, now(), 'full'
           FROM pt, generate_series(0, (($5::int + 9) / 10) - 1) g
         RETURNING id, barcode
       ), b AS (
         INSERT INTO sampling_bindings (client_id, round_id, tube_id, resident_id, seq, area_id, area_path, bound_by, bound_at)
         SELECT gen_random_uuid()::text, $1, t.id, v.id, (v.k % 10) + 1, v.area_id, v.area_path, NULL, now() - ((v.k % 8) || ' hours')::interval
           FROM v JOIN t ON t.barcode = $4 || lpad((v.k / 10)::text, 8, '0')
         RETURNING 1
       )
       SELECT (SELECT count(*)::int FROM t) AS n, (SELECT count(*) FROM b) AS bound`,
      [p.roundId, p.pointId, p.people, p.prefix, p.people.length, p.status],
    )
  ).rows;
  return n as number;
}

export async function benchCoverage(p: {
  client: pg.Client;
  base: string;
  headers: Record<string, string>;
  roundId: number;
  pointId: number;
  countyId: number;
  requests: number;
  log: (...a: unknown[]) => void;
}) {
  // Half the roster sampled: the rostered people not bound yet, as many as make it half.
  const { rows } = await p.client.query(
    `SELECT resident_id FROM sampling_roster WHERE round_id = $1 AND rostered AND sampled = 0 ORDER BY hashtext(resident_id::text)
      LIMIT greatest(0, (SELECT count(*) FILTER (WHERE rostered) / 2 - count(*) FILTER (WHERE rostered AND sampled > 0) FROM sampling_roster WHERE round_id = $1))`,
    [p.roundId],
  );
  const t0 = performance.now();
  const tubes = await bulkBind(p.client, {
    roundId: p.roundId,
    pointId: p.pointId,
    people: rows.map((r) => r.resident_id),
    prefix: 'COVBULK',
    status: 'closed',
  });
  p.log(`bulk: ${rows.length} people bound in ${tubes} tubes in ${((performance.now() - t0) / 1000).toFixed(1)} s (the counters kept by the triggers)`);
  await p.client.query('ANALYZE sampling_bindings; ANALYZE sampling_tubes; ANALYZE sampling_roster');
  const towns = (await p.client.query(`SELECT id FROM areas WHERE parent_id = $1 AND NOT archived ORDER BY id`, [p.countyId])).rows.map((r) => r.id as number);
  const get = async (under?: number) => {
    const t = performance.now();
    const res = await fetch(`${p.base}/api/sampling/rounds/${p.roundId}/coverage${under ? `?under=${under}` : ''}`, { headers: p.headers });
    const body = (await res.json()) as { total: { roster: number; sampled: number; rate: number }; items: unknown[] };
    if (res.status !== 200) throw new Error(`coverage answered ${res.status}: ${JSON.stringify(body)}`);
    return { ms: performance.now() - t, body };
  };
  const first = await get();
  p.log(
    `coverage of the county: roster ${first.body.total.roster}, sampled ${first.body.total.sampled} (rate ${first.body.total.rate}), ${first.body.items.length} towns; first read ${first.ms.toFixed(1)} ms`,
  );
  const county: number[] = [];
  const town: number[] = [];
  for (let i = 0; i < p.requests; i++) {
    county.push((await get()).ms);
    town.push((await get(towns[i % towns.length])).ms);
  }
  return {
    coverage_p95_ms: Number(pct(county, 95).toFixed(1)),
    coverage_p50_ms: Number(pct(county, 50).toFixed(1)),
    coverage_town_p95_ms: Number(pct(town, 95).toFixed(1)),
    coverage_roster: first.body.total.roster,
    coverage_sampled: first.body.total.sampled,
  };
}
