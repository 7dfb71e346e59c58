import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';

/**
 * SQL of the village daily report (日报). The figures are computed from the records of the monitoring
 * tables (arrivals, measures, follow-ups, fever alerts, screening visits — read-only here: a report is a
 * reading of them) in ONE statement for any number of villages and days:
 *   1. each table is grouped by (day, area_path) with FILTERed counts — set-based, no per-village loop;
 *   2. the groups are unpivoted into (day, area_path, key, n), zero counts dropped;
 *   3. each distinct area_path is mapped to its village by its ids (`/1/5/23/77/` → the one id that is a
 *      village: villages never contain villages), a hash join, so a county costs what its rows cost;
 *   4. a village whose day was submitted takes its stored figures instead of the live ones.
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
       FROM areas a LEFT JOIN areas p ON p.id = a.parent_id
      WHERE a.path LIKE ${q.add(path + '%')} AND ${scopeClause(scope, 'a.path', q)} AND a.kind = ANY(${q.add(VILLAGE_KINDS)}::text[]) AND NOT a.archived
      ORDER BY p.division_code NULLS LAST, p.path, a.division_code NULLS LAST, a.name, a.id`,
    q.values,
  );
}

/** The live figures, long form: one (day, area_path, key, n) row per group and figure; zero counts left out. */
const RAW = (under: string, days: string) => `
  days AS (
    SELECT d AS day, (d::timestamp AT TIME ZONE $TZ::text) AS t0, ((d + 1)::timestamp AT TIME ZONE $TZ::text) AS t1
      FROM unnest(${days}::date[]) AS d
  ),
  arr AS (
    SELECT area_path, arrived_on, COALESCE(origin_risk_level, 'none') AS lvl, count(*)::int AS n
      FROM arrivals WHERE area_path LIKE ${under} AND arrived_on <= (SELECT max(day) FROM days) GROUP BY 1, 2, 3
  ),
  raw AS (
    SELECT d.day, a.area_path, k.key, k.n FROM days d JOIN arr a ON a.arrived_on <= d.day
     CROSS JOIN LATERAL (VALUES ('arrivals.total', a.n), ('arrivals.' || a.lvl || '.total', a.n),
       ('arrivals.today', CASE WHEN a.arrived_on = d.day THEN a.n ELSE 0 END),
       ('arrivals.' || a.lvl || '.today', CASE WHEN a.arrived_on = d.day THEN a.n ELSE 0 END)) AS k(key, n)
    UNION ALL
    SELECT g.day, g.area_path, k.key, k.n FROM (
      SELECT d.day, m.area_path, m.kind,
             count(*) FILTER (WHERE m.released_at IS NULL OR m.released_at >= d.t1)::int AS under,
             count(*) FILTER (WHERE m.starts_on = d.day)::int AS started,
             count(*) FILTER (WHERE m.released_at >= d.t0 AND m.released_at < d.t1)::int AS released
        FROM days d JOIN measures m ON m.starts_on <= d.day AND (m.released_at IS NULL OR m.released_at >= d.t0)
       WHERE m.area_path LIKE ${under} AND m.state IN ('active', 'release_check', 'released')
       GROUP BY 1, 2, 3) g
     CROSS JOIN LATERAL (VALUES ('measures.' || g.kind, g.under), ('measures.total', g.under), ('measures.startedToday', g.started), ('measures.releasedToday', g.released)) AS k(key, n)
    UNION ALL
    SELECT g.day, g.area_path, k.key, k.n FROM (
      SELECT d.day, f.area_path, count(*)::int AS due, count(*) FILTER (WHERE f.status = 'done')::int AS done,
             count(*) FILTER (WHERE f.status = 'scheduled' AND f.window_ends_at < now())::int AS missed
        FROM days d JOIN follow_ups f ON f.due_at >= d.t0 AND f.due_at < d.t1
       WHERE f.area_path LIKE ${under} AND f.status <> 'cancelled'
       GROUP BY 1, 2) g
     CROSS JOIN LATERAL (VALUES ('followUps.due', g.due), ('followUps.done', g.done), ('followUps.missed', g.missed)) AS k(key, n)
    UNION ALL
    SELECT g.day, g.area_path, k.key, k.n FROM (
      SELECT d.day, fa.area_path, count(*) FILTER (WHERE fa.raised_at >= d.t0)::int AS raised,
             count(*) FILTER (WHERE fa.resolved_at IS NULL OR fa.resolved_at >= d.t1)::int AS open
        FROM days d JOIN fever_alerts fa ON fa.raised_at < d.t1 AND (fa.resolved_at IS NULL OR fa.resolved_at >= d.t0)
       WHERE fa.area_path LIKE ${under}
       GROUP BY 1, 2) g
     CROSS JOIN LATERAL (VALUES ('alerts.raised', g.raised), ('alerts.open', g.open)) AS k(key, n)
    UNION ALL
    SELECT d.day, s.area_path, 'visits.households', count(DISTINCT s.household_id)::int
      FROM days d JOIN screening_visits s ON s.visited_at >= d.t0 AND s.visited_at < d.t1
     WHERE s.area_path LIKE ${under} AND s.outcome = 'visited'
     GROUP BY 1, 2
  ),
  paths AS (SELECT DISTINCT area_path FROM raw WHERE n <> 0),
  pmap AS (
    SELECT p.area_path, s.id AS village_id FROM paths p
     CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from p.area_path), '/')::int[]) AS s(id)
     JOIN v ON v.id = s.id
  ),
  live AS (
    SELECT r.day, pm.village_id, r.key, sum(r.n)::int AS n FROM raw r JOIN pmap pm ON pm.area_path = r.area_path
     WHERE r.n <> 0 GROUP BY 1, 2, 3
  )`;

/**
 * The figures per village (and day) under `path`, as (day, village_id, key, n). With `stored`, villages
 * whose day was submitted answer their stored figures.
 */
function figuresSql(scope: Scope, p: { path: string; days: string[]; timeZone: string; stored: boolean }): { q: SqlParams; cte: string } {
  const q = new SqlParams();
  const under = q.add(p.path + '%');
  const days = q.add(p.days);
  const tz = q.add(p.timeZone);
  const kinds = q.add(VILLAGE_KINDS);
  const v = `v AS (SELECT id FROM areas WHERE path LIKE ${under} AND ${scopeClause(scope, 'path', q)} AND kind = ANY(${kinds}::text[]) AND NOT archived)`;
  const raw = RAW(under, days).replaceAll('$TZ', tz);
  const final = p.stored
    ? `sub AS (
         SELECT r.area_id, r.day, r.figures FROM daily_reports r
          WHERE r.area_path LIKE ${under} AND r.day = ANY(${days}::date[]) AND r.status = 'submitted' AND r.area_id IN (SELECT id FROM v)
       ),
       final AS (
         SELECT l.day, l.village_id, l.key, l.n FROM live l WHERE NOT EXISTS (SELECT 1 FROM sub WHERE sub.area_id = l.village_id AND sub.day = l.day)
         UNION ALL
         SELECT s.day, s.area_id, e.key, e.value::int FROM sub s CROSS JOIN LATERAL jsonb_each_text(s.figures) AS e(key, value)
       )`
    : `final AS (SELECT day, village_id, key, n FROM live)`;
  return { q, cte: `WITH ${v}, ${raw}, ${final}` };
}

/** Figures of each village under `path` on one day: (village_id, key, n). */
export async function figuresByVillage(db: Queryable, scope: Scope, p: { path: string; day: string; timeZone: string; stored: boolean }) {
  const { q, cte } = figuresSql(scope, { ...p, days: [p.day] });
  return db.query<{ village_id: number; key: string; n: number }>(`${cte} SELECT village_id, key, sum(n)::int AS n FROM final GROUP BY 1, 2`, q.values);
}

/** Figures summed over the villages under `path`, per day: (day, key, n). */
export async function figuresByDay(db: Queryable, scope: Scope, p: { path: string; days: string[]; timeZone: string }) {
  const { q, cte } = figuresSql(scope, { ...p, stored: true });
  return db.query<{ day: string; key: string; n: number }>(`${cte} SELECT to_char(day, 'YYYY-MM-DD') AS day, key, sum(n)::int AS n FROM final GROUP BY 1, 2`, q.values);
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
const REPORT_FROM = `daily_reports r LEFT JOIN users su ON su.id = r.submitted_by LEFT JOIN users ru ON ru.id = r.reopened_by`;

/** The stored reports of a day at or under a path (in scope). */
export async function reportsOfDay(db: Queryable, scope: Scope, path: string, day: string): Promise<ReportRow[]> {
  const q = new SqlParams();
  return db.query<ReportRow>(
    `SELECT ${REPORT_COLUMNS} FROM ${REPORT_FROM} WHERE r.area_path LIKE ${q.add(path + '%')} AND ${scopeClause(scope, 'r.area_path', q)} AND r.day = ${q.add(day)}`,
    q.values,
  );
}

/** Submits (locks) a village's day with its figures; null when it is already submitted (also under a race). */
export async function submit(tx: Queryable, r: { areaId: number; areaPath: string; day: string; figures: Record<string, number>; notes: string | null; by: number }): Promise<number | null> {
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
