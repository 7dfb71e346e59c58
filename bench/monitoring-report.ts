/**
 * bench:monitoring, part 4 — the county's daily report over 60 days of records. History is written
 * straight into the tables (as 60 days of work would have left it): BENCH_HISTORY_ARRIVALS (200,000)
 * arrivals spread over the last 60 days, BENCH_HISTORY_MEASURES (50,000) measures that started and were
 * released in that time with two recorded follow-ups a day each, and a fever alert for one follow-up in a
 * hundred. The current measures, follow-ups and visits of the earlier parts stay. Then the command center
 * asks for the county's report of today (GET /api/daily-reports, one row per town), BENCH_ROUNDS × 5
 * times; `rollup_ms` is the median. The 14-day series is timed the same way.
 */
import pg from 'pg';
import { cpuShare } from './cpu-share';
import { type Session, median, signIn } from './monitoring-http';

const ARRIVALS = Number(process.env.BENCH_HISTORY_ARRIVALS ?? 200_000);
const MEASURES = Number(process.env.BENCH_HISTORY_MEASURES ?? 50_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

export async function benchReport(p: {
  base: string;
  url: string;
  log: (...a: unknown[]) => void;
  today: string;
  tz: string;
}): Promise<Record<string, number | null>> {
  const client = new pg.Client(p.url);
  await client.connect();
  try {
    const t0 = performance.now();
    await client.query(
      `INSERT INTO arrivals (resident_id, area_id, area_path, origin_code, origin_name, origin_scope, origin_risk_level, arrived_on, transport, reason)
       SELECT r.id, r.area_id, r.area_path, '420100', '武汉市', 'other_province', (ARRAY['high', 'medium', 'low', 'none'])[1 + abs(hashtext(r.id::text)) % 4],
              $2::date - (abs(hashtext(r.id::text || ':d')) % 60), '火车', '返乡'
         FROM (SELECT id, area_id, area_path FROM residents WHERE merged_into IS NULL ORDER BY hashtext(id::text || ':arr') LIMIT $1) r`,
      [ARRIVALS, p.today],
    );
    const { rows: history } = await client.query(
      `INSERT INTO measures (resident_id, area_id, area_path, kind, state, starts_on, ends_on, follow_ups_per_day, follow_up_times, released_at)
       SELECT r.id, r.area_id, r.area_path, (ARRAY['central_isolation', 'home_isolation', 'home_monitoring'])[1 + abs(hashtext(r.id::text)) % 3], 'released',
              s.starts_on, s.starts_on + 13, 2, '{08:00,16:00}', ((s.starts_on + 14)::timestamp AT TIME ZONE $3)
         FROM (SELECT id, area_id, area_path FROM residents WHERE merged_into IS NULL ORDER BY hashtext(id::text || ':hist') LIMIT $1) r
         CROSS JOIN LATERAL (SELECT $2::date - 60 + (abs(hashtext(r.id::text || ':s')) % 46) AS starts_on) s
       RETURNING id`,
      [MEASURES, p.today, p.tz],
    );
    const ids = history.map((r) => r.id as number);
    await client.query(
      `INSERT INTO follow_ups (measure_id, resident_id, area_id, area_path, due_at, window_ends_at, status, temperature, recorded_at)
       SELECT m.id, m.resident_id, m.area_id, m.area_path, x.at, x.at + interval '4 hours',
              CASE WHEN abs(hashtext(m.id::text || x.at::text)) % 20 = 0 THEN 'scheduled' ELSE 'done' END,
              CASE WHEN abs(hashtext(m.id::text || x.at::text)) % 20 = 0 THEN NULL WHEN abs(hashtext(x.at::text || m.id::text)) % 100 = 0 THEN 37.8 ELSE 36.5 END,
              CASE WHEN abs(hashtext(m.id::text || x.at::text)) % 20 = 0 THEN NULL ELSE x.at + interval '30 minutes' END
         FROM measures m
         CROSS JOIN LATERAL generate_series(m.starts_on, m.ends_on, interval '1 day') AS d(day)
         CROSS JOIN LATERAL unnest(m.follow_up_times) AS t(hhmm)
         CROSS JOIN LATERAL (SELECT ((d.day::date + t.hhmm::time)::timestamp AT TIME ZONE $2::text) AS at) x
        WHERE m.id = ANY($1::int[])`,
      [ids, p.tz],
    );
    await client.query(
      `INSERT INTO fever_alerts (follow_up_id, follow_up_due_at, measure_id, resident_id, area_id, area_path, temperature, raised_at, status, resolution, resolved_at)
       SELECT f.id, f.due_at, f.measure_id, f.resident_id, f.area_id, f.area_path, f.temperature, f.recorded_at, 'resolved', 'false_alarm', f.recorded_at + interval '2 hours'
         FROM follow_ups f WHERE f.measure_id = ANY($1::int[]) AND f.temperature >= 37.3`,
      [ids],
    );
    await client.query('ANALYZE');
    const [county] = (await client.query(`SELECT id FROM areas WHERE kind = 'county' ORDER BY level LIMIT 1`)).rows;
    const counts = (
      await client.query(`SELECT (SELECT count(*) FROM arrivals)::int AS arrivals, (SELECT count(*) FROM measures)::int AS measures, (SELECT count(*) FROM follow_ups)::int AS follow_ups,
        (SELECT count(*) FROM fever_alerts)::int AS alerts, (SELECT count(*) FROM screening_visits)::int AS visits`)
    ).rows[0];
    p.log(`history written in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);

    const command: Session = await signIn(p.base, 'command');
    const time = async (path: string) => {
      const t = performance.now();
      const res = await fetch(`${p.base}${path}`, { headers: command.headers });
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
      return performance.now() - t;
    };
    await time(`/api/daily-reports?areaId=${county.id}&day=${p.today}`); // warm
    const report: number[] = [];
    const series: number[] = [];
    // The database's CPU per report too: the wall-clock time on a shared machine says how busy it was as well.
    const dbName = new URL(p.url).pathname.slice(1);
    const reportCpu = cpuShare(process.pid, dbName);
    for (let i = 0; i < ROUNDS * 5; i++) report.push(await time(`/api/daily-reports?areaId=${county.id}&day=${p.today}`));
    const reportDbCpuMs = reportCpu.end(ROUNDS * 5).db_cpu_ms_per_op;
    for (let i = 0; i < ROUNDS * 5; i++) series.push(await time(`/api/daily-reports/series?areaId=${county.id}&days=14`));
    p.log(`county report: median ${median(report).toFixed(1)} ms; 14-day series: median ${median(series).toFixed(1)} ms`);
    return {
      history_rows: counts.follow_ups + counts.arrivals,
      rollup_ms: Number(median(report).toFixed(1)),
      rollup_db_cpu_ms: reportDbCpuMs,
      series_14d_ms: Number(median(series).toFixed(1)),
    };
  } finally {
    await client.end();
  }
}
