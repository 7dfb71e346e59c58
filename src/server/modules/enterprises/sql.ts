/**
 * SQL this module lends to the daily report (ARCHITECTURE.md, "Tables have owners"): the enterprises' daily health
 * ledgers per (day, area_id of the enterprise) under a path — ledgers submitted for the day, staff present, staff
 * with an abnormal temperature and returnees flagged against the risk areas. `d0`/`d1` bound the days (dates).
 * Callers read the columns day, area_id, ledgers, present, abnormal, flagged only.
 */
export function ledgersByAreaDaySql(p: { under: string; d0: string; d1: string }): string {
  return `(SELECT el.day, en.area_id, count(*)::int AS ledgers, sum(el.present)::int AS present, sum(el.temperature_abnormal)::int AS abnormal,
           sum(el.flagged)::int AS flagged
      FROM enterprise_ledgers el JOIN enterprises en ON en.id = el.enterprise_id
     WHERE el.area_path LIKE ${p.under} AND el.day >= ${p.d0} AND el.day <= ${p.d1}
     GROUP BY 1, 2)`;
}
