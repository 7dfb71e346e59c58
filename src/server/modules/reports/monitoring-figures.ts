import { followUpsAs, measuresAs } from '../monitoring/sql';
import { arrivalsAs } from '../screening/sql';

/**
 * The daily report's arrivals, measures and follow-ups: three parts of the report's one statement (repo.ts),
 * read from the counters kept as the records are written (migration 0056, 'counters': a few thousand rows for a
 * county's day) or from the records themselves ('records': what the counters must always equal — the tests
 * compare the two after inserts, status changes, moves, anonymisation and deletes).
 *
 * Each part names the statement's CTEs it relies on: `days` (day, t0, t1), `span` (d0, d1, t0, t1) and the
 * bound parameters passed in; each answers the same columns from either source.
 */
export type FiguresSource = 'counters' | 'records';

interface Part {
  /** The report's path prefix parameter ('$n'), the time zone's, and the gate of the part (a constant). */
  under: string;
  tz: string;
  read: string;
}

/**
 * Arrivals per (area_id, lvl, on_day, n): those before the first day together (on_day null), each day's own.
 * From the counters, "before the first day" is the all-time total less the days from the first day on.
 */
export function arrivalsByAreaSql(source: FiguresSource, p: Part): string {
  if (source === 'records')
    return `SELECT x.area_id, COALESCE(x.origin_risk_level, 'none') AS lvl, CASE WHEN x.arrived_on >= (SELECT min(day) FROM days) THEN x.arrived_on END AS on_day, count(*)::int AS n
      FROM ${arrivalsAs('x')}
     WHERE ${p.read} AND x.area_path LIKE ${p.under} AND x.arrived_on <= (SELECT max(day) FROM days)
     GROUP BY 1, 2, 3`;
  return `SELECT b.area_id, b.level AS lvl, NULL::date AS on_day, sum(b.n)::int AS n FROM (
        SELECT t.area_id, t.level, t.n FROM report_arrival_totals t WHERE ${p.read} AND t.area_path LIKE ${p.under}
        UNION ALL
        SELECT a.area_id, a.level, -a.n FROM report_arrival_days a WHERE ${p.read} AND a.area_path LIKE ${p.under} AND a.day >= (SELECT min(day) FROM days)) b
      GROUP BY 1, 2
    UNION ALL
    SELECT a.area_id, a.level, a.day, sum(a.n)::int FROM report_arrival_days a
     WHERE ${p.read} AND a.area_path LIKE ${p.under} AND a.day >= (SELECT min(day) FROM days) AND a.day <= (SELECT max(day) FROM days)
     GROUP BY 1, 2, 3`;
}

/**
 * The measures that touch the days at all, read once: (area_id, kind, starts_on, released_at, n), released_at
 * 'infinity' while running. From the records released_at is exact, from the counters cut to 15 minutes: both
 * compare the same against local midnights.
 */
export function measuresLiveSql(source: FiguresSource, p: Part): string {
  if (source === 'records')
    return `SELECT m.area_id, m.kind, m.starts_on, COALESCE(m.released_at, 'infinity') AS released_at, 1 AS n FROM ${measuresAs('m')}, span
     WHERE ${p.read} AND m.area_path LIKE ${p.under} AND m.state IN ('active', 'release_check', 'released')
       AND m.starts_on <= span.d1 AND (m.released_at IS NULL OR m.released_at >= span.t0)`;
  return `SELECT c.area_id, c.kind, c.starts_on, c.released_at, c.n FROM report_measure_counts c, span
     WHERE ${p.read} AND c.area_path LIKE ${p.under} AND c.starts_on <= span.d1 AND c.released_at >= span.t0 AND c.n <> 0`;
}

/** Follow-ups per (day, area_id): due (not cancelled), done, missed (scheduled, window over) — one range over the days. */
export function followUpsByAreaDaySql(source: FiguresSource, p: Part): string {
  const [from, n] = source === 'records' ? [followUpsAs('f'), '1'] : ['report_follow_up_counts f', 'f.n'];
  return `SELECT (f.due_at AT TIME ZONE ${p.tz}::text)::date AS day, f.area_id, sum(${n}) AS due, COALESCE(sum(${n}) FILTER (WHERE f.status = 'done'), 0) AS done,
             COALESCE(sum(${n}) FILTER (WHERE f.status = 'scheduled' AND f.window_ends_at < now()), 0) AS missed
        FROM ${from}, span
       WHERE ${p.read} AND f.due_at >= span.t0 AND f.due_at < span.t1 AND f.area_path LIKE ${p.under} AND f.status <> 'cancelled'
       GROUP BY 1, 2`;
}
