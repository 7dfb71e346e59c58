/**
 * SQL this module lends to the daily report (ARCHITECTURE.md, "Tables have owners"): the outreach per (day,
 * area_id) under a path — doses given on the day, and the calls and visits made during it with those that ended
 * agreed or refused. `d0`/`d1` bound the days (dates), `t0`/`t1` the same span as instants. Callers read the
 * columns day, area_id, doses, contacts, agreed, refused only.
 */
export function vaccinationByAreaDaySql(p: { under: string; d0: string; d1: string; t0: string; t1: string; timeZone: string }): string {
  return `(SELECT x.day, x.area_id, sum(x.doses)::int AS doses, sum(x.contacts)::int AS contacts, sum(x.agreed)::int AS agreed,
           sum(x.refused)::int AS refused FROM (
      SELECT vd.given_on AS day, vd.area_id, count(*) AS doses, 0 AS contacts, 0 AS agreed, 0 AS refused FROM vaccination_doses vd
       WHERE vd.area_path LIKE ${p.under} AND vd.given_on >= ${p.d0} AND vd.given_on <= ${p.d1}
       GROUP BY 1, 2
      UNION ALL
      SELECT (vc.created_at AT TIME ZONE ${p.timeZone}::text)::date, vc.area_id, 0, count(*), count(*) FILTER (WHERE vc.outcome = 'agreed'),
             count(*) FILTER (WHERE vc.outcome = 'refused')
        FROM vaccination_contacts vc
       WHERE vc.area_path LIKE ${p.under} AND vc.created_at >= ${p.t0} AND vc.created_at < ${p.t1}
       GROUP BY 1, 2) x
    GROUP BY 1, 2)`;
}
