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
