/**
 * SQL this module lends to the daily report (ARCHITECTURE.md, "Tables have owners"): the disinfection jobs done per
 * (local day, area_id) — jobs and square metres — under a path, for the report's one statement to join its villages.
 * Callers read the columns day, area_id, jobs, area_m2 only.
 */
export function disinfectionByAreaDaySql(p: { under: string; t0: string; t1: string; timeZone: string }): string {
  return `(SELECT (j.done_at AT TIME ZONE ${p.timeZone}::text)::date AS day, j.area_id, count(*)::int AS jobs, round(sum(j.area_m2))::int AS area_m2
       FROM disinfection_jobs j
      WHERE j.status = 'done' AND j.area_path LIKE ${p.under} AND j.done_at >= ${p.t0} AND j.done_at < ${p.t1}
      GROUP BY 1, 2)`;
}

/**
 * Publicity per (day, area_id) under a path, for the daily report: items placed on the day (the sum of their counts,
 * a banner of 10 is 10) and households a campaign first reached during the day. `d0`/`d1` bound the days (dates),
 * `t0`/`t1` the same span as instants. Callers read the columns day, area_id, items, households only.
 */
export function publicityByAreaDaySql(p: { under: string; d0: string; d1: string; t0: string; t1: string; timeZone: string }): string {
  return `(SELECT x.day, x.area_id, sum(x.items)::int AS items, sum(x.households)::int AS households FROM (
      SELECT pi.placed_on AS day, pi.area_id, sum(pi.count) AS items, 0 AS households FROM publicity_items pi
       WHERE pi.area_path LIKE ${p.under} AND pi.placed_on >= ${p.d0} AND pi.placed_on <= ${p.d1}
       GROUP BY 1, 2
      UNION ALL
      SELECT (ph.first_at AT TIME ZONE ${p.timeZone}::text)::date, ph.area_id, 0, count(*) FROM publicity_campaign_households ph
       WHERE ph.area_path LIKE ${p.under} AND ph.first_at >= ${p.t0} AND ph.first_at < ${p.t1}
       GROUP BY 1, 2) x
    GROUP BY 1, 2)`;
}
