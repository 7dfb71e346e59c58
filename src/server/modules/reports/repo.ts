import type { Db, Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { crossingsByAreaDaySql, postsOpenByAreaDaySql } from '../checkpoints/sql';
import { helpByAreaDaySql } from '../help/sql';
import { ledgersByAreaDaySql } from '../enterprises/sql';
import { disinfectionByAreaDaySql, publicityByAreaDaySql } from '../fieldwork/sql';
import { feverAlertsAs } from '../monitoring/sql';
import { screeningVisitsAs } from '../screening/sql';
import { type FiguresSource, arrivalsByAreaSql, followUpsByAreaDaySql, measuresLiveSql } from './monitoring-figures';
import { usersAs } from '../users/sql';
import { vaccinationByAreaDaySql } from '../vaccination/sql';

/**
 * SQL of the village daily report (日报). The figures are computed from the records of the monitoring
 * tables (arrivals, measures, follow-ups, fever alerts, screening visits — read-only here: a report is a
 * reading of them), the checkpoints' posts and crossings, the help requests and care calls, the field work's
 * disinfection jobs and publicity, the vaccination outreach and the enterprises' health ledgers (through the
 * subqueries those modules lend) in ONE statement for any number of villages and days. Arrivals, measures and
 * follow-ups are read from the report's counters, kept by triggers as those records are written (migration 0056,
 * monitoring-figures.ts; the records themselves with `source: 'records'`, which the tests compare them with):
 *   1. every area under the report's area is mapped to its village (`am`, an index range per village;
 *      villages never contain villages), and each table's rows join it by area_id — a hash join;
 *   2. each table is grouped by (day, village) — or by day alone for a series — with FILTERed counts:
 *      set-based, no per-village loop, so a county costs what its rows of those days cost;
 *   3. arrivals "in total" are those before the first day counted once plus each day's own, cumulated;
 *   4. a village whose day was submitted answers its stored figures instead of the live ones;
 *   5. the groups are unpivoted into (day, village, key, n), zero counts dropped.
 * Days are local days of the deployment's time zone: [day 00:00, day+1 00:00) converted in SQL.
 */
export const VILLAGE_KINDS = ['village', 'community'];

export interface VillageRow {
  id: number;
  name: string;
  kind: string;
  path: string;
  parent_id: number | null;
  parent_name: string | null;
}

/** The villages (and communities) at or under a path, in scope, in the order of the table. */
export async function villagesUnder(db: Queryable, scope: Scope, path: string): Promise<VillageRow[]> {
  const q = new SqlParams();
  return db.query<VillageRow>(
    `SELECT a.id, a.name, a.kind, a.path, a.parent_id, p.name AS parent_name
       FROM ${areasAs('a')} LEFT JOIN ${areasAs('p')} ON p.id = a.parent_id
      WHERE a.path LIKE ${q.add(path + '%')} AND ${scopeClause(scope, 'a.path', q)} AND a.kind = ANY(${q.add(VILLAGE_KINDS)}::text[]) AND NOT a.archived
      ORDER BY p.division_code NULLS LAST, p.path, a.division_code NULLS LAST, a.name, a.id`,
    q.values,
  );
}

/**
 * The figures as (day, village_id, key, n) rows — village_id 0 when `by` is 'day' (summed over the villages).
 * `stored`: a village whose day is submitted answers its stored figures instead of the live ones.
 */
function figuresSql(
  scope: Scope,
  p: { path: string; days: string[]; timeZone: string; stored: boolean; by: 'village' | 'day'; keys?: string[]; source?: FiguresSource },
): { q: SqlParams; sql: string } {
  const source = p.source ?? 'counters';
  const q = new SqlParams();
  const under = q.add(p.path + '%');
  const days = q.add(p.days);
  const tz = q.add(p.timeZone);
  const kinds = q.add(VILLAGE_KINDS);
  // The grouping of every table's counts: per village, or all villages together.
  const G = p.by === 'village' ? 'am.village_id' : '0';
  const G2 = p.by === 'village' ? 'village_id' : '0';
  // Only the tables the asked keys come from are read (a constant false prunes a scan at planning).
  const read = (table: string) => (!p.keys || p.keys.some((k) => k.startsWith(`${table}.`)) ? 'true' : 'false');
  const keys = p.keys ? q.add(p.keys) : null;
  // Not a submitted (village, day): those answer their stored figures.
  const live = (alias: string, day: string) => `NOT EXISTS (SELECT 1 FROM sub WHERE sub.village_id = ${alias}.village_id AND sub.day = ${day})`;
  const sql = `
  WITH days AS (
    SELECT d AS day, (d::timestamp AT TIME ZONE ${tz}::text) AS t0, ((d + 1)::timestamp AT TIME ZONE ${tz}::text) AS t1
      FROM unnest(${days}::date[]) AS d
  ),
  v AS (SELECT v0.id, v0.path FROM ${areasAs('v0')} WHERE v0.path LIKE ${under} AND ${scopeClause(scope, 'v0.path', q)} AND v0.kind = ANY(${kinds}::text[]) AND NOT v0.archived),
  -- Every area at or under a village → that village (villages never nest): an index range per village.
  am AS (SELECT a.id AS area_id, v.id AS village_id FROM v JOIN ${areasAs('a')} ON a.path ~>=~ v.path AND a.path ~<~ (v.path || '~')),
  sub AS (
    SELECT r.area_id AS village_id, r.day, r.figures FROM daily_reports r
     WHERE ${p.stored ? 'true' : 'false'} AND r.area_path LIKE ${under} AND r.day = ANY(${days}::date[]) AND r.status = 'submitted' AND r.area_id IN (SELECT id FROM v)
  ),
  -- Arrivals up to each day: those before the first day once (on_day null), plus each day's own, cumulated.
  -- Every table is grouped by its rows' area first (an integer key), then the few groups join their village.
  arr0 AS (${arrivalsByAreaSql(source, { under, tz, read: read('arrivals') })}),
  arrg AS (
    SELECT am.village_id, g.lvl, g.on_day AS arrived_on, sum(g.n)::int AS n FROM arr0 g JOIN am ON am.area_id = g.area_id GROUP BY 1, 2, 3
  ),
  arr AS (
    SELECT d.day, b.village_id, b.lvl, 0 AS today, b.n AS total
      FROM days d CROSS JOIN (SELECT village_id, lvl, n FROM arrg WHERE arrived_on IS NULL) b
    UNION ALL
    SELECT d.day, g.village_id, g.lvl, CASE WHEN g.arrived_on = d.day THEN g.n ELSE 0 END, g.n
      FROM days d JOIN arrg g ON g.arrived_on <= d.day
  ),
  arr2 AS (SELECT day, ${G2} AS village_id, lvl, sum(today)::int AS today, sum(total)::int AS total FROM arr WHERE ${live('arr', 'arr.day')} GROUP BY 1, 2, 3),
  span AS (SELECT min(day) AS d0, max(day) AS d1, min(t0) AS t0, max(t1) AS t1 FROM days),
  -- The measures that touch the days at all, read once (not once per day); released_at 'infinity' while running.
  mlive AS MATERIALIZED (${measuresLiveSql(source, { under, tz, read: read('measures') })}),
  mea AS (
    SELECT g.day, ${G} AS village_id, g.kind, sum(g.under)::int AS under, sum(g.started)::int AS started, sum(g.released)::int AS released FROM (
      SELECT d.day, m.area_id, m.kind,
             COALESCE(sum(m.n) FILTER (WHERE m.released_at >= d.t1), 0) AS under,
             COALESCE(sum(m.n) FILTER (WHERE m.starts_on = d.day), 0) AS started,
             COALESCE(sum(m.n) FILTER (WHERE m.released_at >= d.t0 AND m.released_at < d.t1), 0) AS released
        FROM days d JOIN mlive m ON m.starts_on <= d.day AND m.released_at >= d.t0
       GROUP BY 1, 2, 3) g
      JOIN am ON am.area_id = g.area_id
     WHERE ${live('am', 'g.day')}
     GROUP BY 1, 2, 3
  ),
  fu AS (
    SELECT g.day, ${G} AS village_id, sum(g.due)::int AS due, sum(g.done)::int AS done, sum(g.missed)::int AS missed FROM (
      -- One range scan over the days (they are consecutive), grouped by the local day of each row.
      ${followUpsByAreaDaySql(source, { under, tz, read: read('followUps') })}) g
      JOIN am ON am.area_id = g.area_id
     WHERE ${live('am', 'g.day')}
     GROUP BY 1, 2
  ),
  al AS (
    SELECT g.day, ${G} AS village_id, sum(g.raised)::int AS raised, sum(g.open)::int AS open FROM (
      SELECT d.day, fa.area_id, count(*) FILTER (WHERE fa.raised_at >= d.t0) AS raised,
             count(*) FILTER (WHERE fa.resolved_at IS NULL OR fa.resolved_at >= d.t1) AS open
        FROM days d JOIN ${feverAlertsAs('fa')} ON fa.raised_at < d.t1 AND (fa.resolved_at IS NULL OR fa.resolved_at >= d.t0)
       WHERE ${read('alerts')} AND fa.area_path LIKE ${under}
       GROUP BY 1, 2) g
      JOIN am ON am.area_id = g.area_id
     WHERE ${live('am', 'g.day')}
     GROUP BY 1, 2
  ),
  -- A household lives in one area: distinct per area is distinct per (day, village) summed.
  vis AS (
    SELECT g.day, ${G} AS village_id, sum(g.n)::int AS n FROM (
      SELECT (s.visited_at AT TIME ZONE ${tz}::text)::date AS day, s.area_id, count(DISTINCT s.household_id) AS n
        FROM ${screeningVisitsAs('s')}, span
       WHERE ${read('visits')} AND s.visited_at >= span.t0 AND s.visited_at < span.t1 AND s.area_path LIKE ${under} AND s.outcome = 'visited'
       GROUP BY 1, 2) g
      JOIN am ON am.area_id = g.area_id
     WHERE ${live('am', 'g.day')}
     GROUP BY 1, 2
  ),
  -- Checkpoints: posts open on the day, and the day's crossings (people checked, turned back; vehicles turned back).
  cpp AS (
    SELECT g.day, ${G} AS village_id, sum(g.posts)::int AS posts FROM ${postsOpenByAreaDaySql({ under, days: 'days' })} g
      JOIN am ON am.area_id = g.area_id
     WHERE ${read('checkpoints')} AND ${live('am', 'g.day')}
     GROUP BY 1, 2
  ),
  cpc AS (
    SELECT g.day, ${G} AS village_id, sum(g.checked)::int AS checked, sum(g.turned_back)::int AS turned_back,
           sum(g.vehicles_turned_back)::int AS vehicles_turned_back
      FROM ${crossingsByAreaDaySql({ under, d0: '(SELECT d0 FROM span)', d1: '(SELECT d1 FROM span)' })} g
      JOIN am ON am.area_id = g.area_id
     WHERE ${read('checkpoints')} AND ${live('am', 'g.day')}
     GROUP BY 1, 2
  ),
  -- Help requests received, closed (and closed in time) during the day; care calls made and needs found.
  hlp AS (
    SELECT g.day, ${G} AS village_id, sum(g.received)::int AS received, sum(g.closed)::int AS closed, sum(g.closed_in_time)::int AS closed_in_time,
           sum(g.calls)::int AS calls, sum(g.needs)::int AS needs
      FROM ${helpByAreaDaySql({ under, t0: '(SELECT t0 FROM span)', t1: '(SELECT t1 FROM span)', d0: '(SELECT d0 FROM span)', d1: '(SELECT d1 FROM span)', tz })} g
      JOIN am ON am.area_id = g.area_id
     WHERE ${read('help')} AND ${live('am', 'g.day')}
     GROUP BY 1, 2
  ),
  -- Disinfection: jobs recorded done during the day and their square metres (the field work module's lent SQL).
  dis AS (
    SELECT g.day, ${G} AS village_id, sum(g.jobs)::int AS jobs, sum(g.area_m2)::int AS area_m2
      FROM ${disinfectionByAreaDaySql({ under, t0: '(SELECT t0 FROM span)', t1: '(SELECT t1 FROM span)', timeZone: tz })} g
      JOIN am ON am.area_id = g.area_id
     WHERE ${read('disinfection')} AND ${live('am', 'g.day')}
     GROUP BY 1, 2
  ),
  -- Publicity (宣传): items placed on the day, households a campaign first reached during it.
  pub AS (
    SELECT g.day, ${G} AS village_id, sum(g.items)::int AS items, sum(g.households)::int AS households
      FROM ${publicityByAreaDaySql({ under, d0: '(SELECT d0 FROM span)', d1: '(SELECT d1 FROM span)', t0: '(SELECT t0 FROM span)', t1: '(SELECT t1 FROM span)', timeZone: tz })} g
      JOIN am ON am.area_id = g.area_id
     WHERE ${read('publicity')} AND ${live('am', 'g.day')}
     GROUP BY 1, 2
  ),
  -- Vaccination outreach (疫苗接种动员): doses given on the day; calls and visits made, agreed and refused.
  vac AS (
    SELECT g.day, ${G} AS village_id, sum(g.doses)::int AS doses, sum(g.contacts)::int AS contacts, sum(g.agreed)::int AS agreed,
           sum(g.refused)::int AS refused
      FROM ${vaccinationByAreaDaySql({ under, d0: '(SELECT d0 FROM span)', d1: '(SELECT d1 FROM span)', t0: '(SELECT t0 FROM span)', t1: '(SELECT t1 FROM span)', timeZone: tz })} g
      JOIN am ON am.area_id = g.area_id
     WHERE ${read('vaccination')} AND ${live('am', 'g.day')}
     GROUP BY 1, 2
  ),
  -- Enterprises (复工复产): the day's health ledgers, staff present, abnormal temperatures, returnees flagged.
  ent AS (
    SELECT g.day, ${G} AS village_id, sum(g.ledgers)::int AS ledgers, sum(g.present)::int AS present, sum(g.abnormal)::int AS abnormal,
           sum(g.flagged)::int AS flagged
      FROM ${ledgersByAreaDaySql({ under, d0: '(SELECT d0 FROM span)', d1: '(SELECT d1 FROM span)' })} g
      JOIN am ON am.area_id = g.area_id
     WHERE ${read('enterprises')} AND ${live('am', 'g.day')}
     GROUP BY 1, 2
  ),
  long (day, village_id, key, n) AS (
    SELECT a.day, a.village_id, k.key, k.n FROM arr2 a
     CROSS JOIN LATERAL (VALUES ('arrivals.total', a.total), ('arrivals.' || a.lvl || '.total', a.total), ('arrivals.today', a.today), ('arrivals.' || a.lvl || '.today', a.today)) AS k(key, n)
    UNION ALL
    SELECT g.day, g.village_id, k.key, k.n FROM mea g
     CROSS JOIN LATERAL (VALUES ('measures.' || g.kind, g.under), ('measures.total', g.under), ('measures.startedToday', g.started), ('measures.releasedToday', g.released)) AS k(key, n)
    UNION ALL
    SELECT g.day, g.village_id, k.key, k.n FROM fu g CROSS JOIN LATERAL (VALUES ('followUps.due', g.due), ('followUps.done', g.done), ('followUps.missed', g.missed)) AS k(key, n)
    UNION ALL
    SELECT g.day, g.village_id, k.key, k.n FROM al g CROSS JOIN LATERAL (VALUES ('alerts.raised', g.raised), ('alerts.open', g.open)) AS k(key, n)
    UNION ALL
    SELECT day, village_id, 'visits.households', n FROM vis
    UNION ALL
    SELECT day, village_id, 'checkpoints.posts', posts FROM cpp
    UNION ALL
    SELECT g.day, g.village_id, k.key, k.n FROM cpc g
     CROSS JOIN LATERAL (VALUES ('checkpoints.checked', g.checked), ('checkpoints.turnedBack', g.turned_back), ('checkpoints.vehiclesTurnedBack', g.vehicles_turned_back)) AS k(key, n)
    UNION ALL
    SELECT g.day, g.village_id, k.key, k.n FROM hlp g
     CROSS JOIN LATERAL (VALUES ('help.received', g.received), ('help.closed', g.closed), ('help.closedInTime', g.closed_in_time), ('help.careCalls', g.calls),
       ('help.careNeeds', g.needs)) AS k(key, n)
    UNION ALL
    SELECT g.day, g.village_id, k.key, k.n FROM dis g CROSS JOIN LATERAL (VALUES ('disinfection.jobs', g.jobs), ('disinfection.areaM2', g.area_m2)) AS k(key, n)
    UNION ALL
    SELECT g.day, g.village_id, k.key, k.n FROM pub g CROSS JOIN LATERAL (VALUES ('publicity.items', g.items), ('publicity.households', g.households)) AS k(key, n)
    UNION ALL
    SELECT g.day, g.village_id, k.key, k.n FROM vac g
     CROSS JOIN LATERAL (VALUES ('vaccination.doses', g.doses), ('vaccination.contacts', g.contacts), ('vaccination.agreed', g.agreed),
       ('vaccination.refused', g.refused)) AS k(key, n)
    UNION ALL
    SELECT g.day, g.village_id, k.key, k.n FROM ent g
     CROSS JOIN LATERAL (VALUES ('enterprises.ledgers', g.ledgers), ('enterprises.present', g.present), ('enterprises.abnormal', g.abnormal),
       ('enterprises.flagged', g.flagged)) AS k(key, n)
    UNION ALL
    SELECT s.day, ${p.by === 'village' ? 's.village_id' : '0'}, e.key, e.value::int FROM sub s CROSS JOIN LATERAL jsonb_each_text(s.figures) AS e(key, value)
  )
  SELECT to_char(day, 'YYYY-MM-DD') AS day, village_id, key, sum(n)::int AS n FROM long WHERE n <> 0 ${keys ? `AND key = ANY(${keys}::text[])` : ''} GROUP BY 1, 2, 3`;
  return { q, sql };
}

/** Figures of each village under `path` on one day: (village_id, key, n). */
export async function figuresByVillage(db: Db, scope: Scope, p: { path: string; day: string; timeZone: string; stored: boolean; source?: FiguresSource }) {
  const { q, sql } = figuresSql(scope, { ...p, days: [p.day], by: 'village' });
  return noJit(db, (tx) => tx.query<{ village_id: number; key: string; n: number }>(sql, q.values));
}

/** Figures summed over the villages under `path`, per day: (day, key, n). `days` are consecutive. */
export async function figuresByDay(db: Db, scope: Scope, p: { path: string; days: string[]; timeZone: string; keys?: string[]; source?: FiguresSource }) {
  const { q, sql } = figuresSql(scope, { ...p, stored: true, by: 'day' });
  return noJit(db, (tx) => tx.query<{ day: string; key: string; n: number }>(sql, q.values));
}

/**
 * The statement is cheap but its estimates are large (a day's rows of several tables), which makes PostgreSQL
 * compile it with JIT: 5 s of compiling for 0.3 s of work at county scale. Off for this transaction only.
 */
async function noJit<T>(db: Db, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  if (db.engine !== 'postgres') return fn(db);
  return db.tx(async (tx) => {
    await tx.query('SET LOCAL jit = off');
    return fn(tx);
  });
}

// ——— stored reports ———
export interface ReportRow {
  id: number;
  area_id: number;
  area_path: string;
  day: string;
  status: string;
  figures: Record<string, number> | null;
  notes: string | null;
  submitted_at: Date | null;
  submitted_by_name: string | null;
  reopened_at: Date | null;
  reopened_by_name: string | null;
  reopen_reason: string | null;
}

const REPORT_COLUMNS = `r.id, r.area_id, r.area_path, to_char(r.day, 'YYYY-MM-DD') AS day, r.status, r.figures, r.notes, r.submitted_at,
  su.display_name AS submitted_by_name, r.reopened_at, ru.display_name AS reopened_by_name, r.reopen_reason`;
const REPORT_FROM = `daily_reports r LEFT JOIN ${usersAs('su')} ON su.id = r.submitted_by LEFT JOIN ${usersAs('ru')} ON ru.id = r.reopened_by`;

/** The stored reports of a day at or under a path (in scope). */
export async function reportsOfDay(db: Queryable, scope: Scope, path: string, day: string): Promise<ReportRow[]> {
  const q = new SqlParams();
  return db.query<ReportRow>(
    `SELECT ${REPORT_COLUMNS} FROM ${REPORT_FROM} WHERE r.area_path LIKE ${q.add(path + '%')} AND ${scopeClause(scope, 'r.area_path', q)} AND r.day = ${q.add(day)}`,
    q.values,
  );
}

/** Submits (locks) a village's day with its figures; null when it is already submitted (also under a race). */
export async function submit(
  tx: Queryable,
  r: { areaId: number; areaPath: string; day: string; figures: Record<string, number>; notes: string | null; by: number },
): Promise<number | null> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO daily_reports (area_id, area_path, day, status, figures, notes, submitted_by, submitted_at)
     VALUES ($1, $2, $3, 'submitted', $4, $5, $6, now())
     ON CONFLICT (area_id, day) DO UPDATE SET status = 'submitted', figures = EXCLUDED.figures, notes = EXCLUDED.notes,
       submitted_by = EXCLUDED.submitted_by, submitted_at = EXCLUDED.submitted_at
       WHERE daily_reports.status <> 'submitted'
     RETURNING id`,
    [r.areaId, r.areaPath, r.day, JSON.stringify(r.figures), r.notes, r.by],
  );
  return row?.id ?? null;
}

/** Reopens a submitted day (the stored figures stay, for the record); false when it was not submitted. */
export async function reopen(tx: Queryable, id: number, r: { reason: string; by: number }): Promise<boolean> {
  const n = await tx.execute(
    `UPDATE daily_reports SET status = 'reopened', reopened_by = $2, reopened_at = now(), reopen_reason = $3 WHERE id = $1 AND status = 'submitted'`,
    [id, r.by, r.reason],
  );
  return n === 1;
}
