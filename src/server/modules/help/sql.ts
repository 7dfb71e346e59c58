/**
 * Help requests lent to the daily report's one statement (reports/repo.ts), as a subquery per (day, area_id):
 * requests received during the local day, requests closed during it (done, or impossible with the reason given)
 * and of those the ones within their deadline, care calls made during it and the needs they found. `t0`/`t1`
 * bound the days as instants, `tz` names the deployment's time zone (all SQL expressions of the caller).
 */
export function helpByAreaDaySql(p: { under: string; t0: string; t1: string; d0: string; d1: string; tz: string }): string {
  return `(SELECT day, area_id, sum(received)::int AS received, sum(closed)::int AS closed, sum(closed_in_time)::int AS closed_in_time,
            sum(calls)::int AS calls, sum(needs)::int AS needs FROM (
       SELECT (h.created_at AT TIME ZONE ${p.tz}::text)::date AS day, h.area_id, count(*) AS received, 0 AS closed, 0 AS closed_in_time, 0 AS calls, 0 AS needs
         FROM help_requests h WHERE h.area_path LIKE ${p.under} AND h.created_at >= ${p.t0} AND h.created_at < ${p.t1} GROUP BY 1, 2
       UNION ALL
       SELECT (h.closed_at AT TIME ZONE ${p.tz}::text)::date, h.area_id, 0, count(*), count(*) FILTER (WHERE h.closed_within), 0, 0
         FROM help_requests h WHERE h.area_path LIKE ${p.under} AND h.closed_at >= ${p.t0} AND h.closed_at < ${p.t1} GROUP BY 1, 2
       UNION ALL
       SELECT c.day, c.area_id, 0, 0, 0, count(*) FILTER (WHERE c.outcome IS NOT NULL), count(*) FILTER (WHERE c.outcome = 'need')
         FROM help_outreach_calls c WHERE c.area_path LIKE ${p.under} AND c.day >= ${p.d0}::date AND c.day <= ${p.d1}::date GROUP BY 1, 2
     ) x GROUP BY 1, 2)`;
}
