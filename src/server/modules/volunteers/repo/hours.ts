import type { Queryable } from '../../../db/engine';
import type { Scope } from '../../../platform/scope';
import { scopeClause } from '../../../platform/scope';
import { SqlParams } from '../../../platform/sql';
import { ASSIGNMENTS } from './deployments';
import { areasAs } from '../../areas/sql';
import { usersAs } from '../../users/sql';

/** SQL of service hours, the figures a town shows, and recorded work with liaison notes. */

// ——— hours and figures ———

export interface HoursRow {
  volunteer_id: number;
  name: string;
  on: string;
  hours: number;
  sources: string[];
}

/** Hours per person per day: each day of a live deployment (its hours per day) plus recorded work; at most 24 a day. */
export async function hoursPerDay(db: Queryable, scope: Scope, p: { from: string; to: string; underPath?: string; volunteerId?: number }): Promise<HoursRow[]> {
  const q = new SqlParams();
  const from = q.add(p.from);
  const to = q.add(p.to);
  const who = [scopeClause(scope, 'v.area_path', q)];
  if (p.underPath) who.push(`v.area_path LIKE ${q.add(p.underPath + '%')}`);
  if (p.volunteerId) who.push(`v.id = ${q.add(p.volunteerId)}`);
  return db.query<HoursRow>(
    `WITH work AS (
       SELECT s.volunteer_id, gs::date AS on_date, s.hours_per_day AS hours, 'deployment' AS source
         FROM ${ASSIGNMENTS} s
         CROSS JOIN LATERAL generate_series(GREATEST(s.starts_on, ${from}::date), LEAST(s.ends_on, ${to}::date), interval '1 day') gs
        WHERE s.starts_on <= ${to}::date AND s.ends_on >= ${from}::date
       UNION ALL
       SELECT r.volunteer_id, r.on_date, r.hours, 'record' FROM service_records r WHERE r.on_date BETWEEN ${from}::date AND ${to}::date
     )
     SELECT w.volunteer_id, v.name, to_char(w.on_date, 'YYYY-MM-DD') AS on, LEAST(24, sum(w.hours))::float8 AS hours,
            array_agg(DISTINCT w.source ORDER BY w.source) AS sources
       FROM work w JOIN volunteers v ON v.id = w.volunteer_id
      WHERE ${who.join(' AND ')}
      GROUP BY w.volunteer_id, v.name, w.on_date ORDER BY w.on_date, v.name, w.volunteer_id LIMIT 50000`,
    q.values,
  );
}

export async function hoursTotals(
  db: Queryable,
  scope: Scope,
  p: { from: string; to: string; underPath?: string; by: 'branch' | 'team' | 'category' | 'person' },
): Promise<Array<{ key: string; name: string; people: number; hours: number }>> {
  const q = new SqlParams();
  const from = q.add(p.from);
  const to = q.add(p.to);
  const who = [scopeClause(scope, 'v.area_path', q)];
  if (p.underPath) who.push(`v.area_path LIKE ${q.add(p.underPath + '%')}`);
  const daily = `SELECT volunteer_id, on_date, LEAST(24, sum(hours)) AS hours FROM (
       SELECT s.volunteer_id, gs::date AS on_date, s.hours_per_day AS hours
         FROM ${ASSIGNMENTS} s
         CROSS JOIN LATERAL generate_series(GREATEST(s.starts_on, ${from}::date), LEAST(s.ends_on, ${to}::date), interval '1 day') gs
        WHERE s.starts_on <= ${to}::date AND s.ends_on >= ${from}::date
       UNION ALL
       SELECT r.volunteer_id, r.on_date, r.hours FROM service_records r WHERE r.on_date BETWEEN ${from}::date AND ${to}::date
     ) w GROUP BY volunteer_id, on_date`;
  const dims = {
    category: { join: '', key: 'v.category', name: 'v.category' },
    person: { join: '', key: 'v.id::text', name: 'v.name' },
    branch: {
      join: `LEFT JOIN party_memberships m ON m.volunteer_id = v.id AND m.kind = 'home' AND m.left_on IS NULL LEFT JOIN party_orgs o ON o.id = m.org_id`,
      key: "coalesce(o.id::text, '')",
      name: "coalesce(o.name, '')",
    },
    team: { join: 'JOIN team_members tm ON tm.volunteer_id = v.id JOIN teams t ON t.id = tm.team_id', key: 't.id::text', name: 't.name' },
  }[p.by];
  return db.query(
    `WITH daily AS (${daily})
     SELECT ${dims.key} AS key, ${dims.name} AS name, count(DISTINCT v.id)::int AS people, sum(d.hours)::float8 AS hours
       FROM daily d JOIN volunteers v ON v.id = d.volunteer_id ${dims.join}
      WHERE ${who.join(' AND ')}
      GROUP BY 1, 2 ORDER BY hours DESC, name LIMIT 1000`,
    q.values,
  );
}

export interface FigureRow {
  key: string;
  name: string | null;
  enlisted: number;
  pending: number;
  approved: number;
  refused: number;
  volunteers: number;
  on_duty: number;
}

/** Open branches (and temporary branches) under an area, and how many of them have had enlistments. */
export async function branchCounts(db: Queryable, scope: Scope, underPath: string): Promise<{ branches: number; reporting: number }> {
  const q = new SqlParams();
  const [row] = await db.query<{ branches: number; reporting: number }>(
    `SELECT count(*)::int AS branches, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM enlistments e WHERE e.org_id = o.id))::int AS reporting
       FROM party_orgs o WHERE o.kind <> 'committee' AND o.closed_at IS NULL AND o.area_path LIKE ${q.add(underPath + '%')} AND ${scopeClause(scope, 'o.area_path', q)}`,
    q.values,
  );
  return row;
}

/**
 * Enlisted / approved / serving / on duty on a day, grouped by category, home branch or the child
 * area of `underPath` that holds the row. One pass over enlistments and one over volunteers.
 */
export async function figures(
  db: Queryable,
  scope: Scope,
  p: { underPath: string; on: string; by: 'category' | 'branch' | 'area' | 'total' },
): Promise<FigureRow[]> {
  const q = new SqlParams();
  const under = q.add(p.underPath + '%');
  const on = q.add(p.on);
  const depth = p.underPath.split('/').filter(Boolean).length;
  const areaKey = (col: string) => `coalesce(nullif(split_part(${col}, '/', ${depth + 2}), ''), split_part(${col}, '/', ${depth + 1}))`;
  const key = {
    category: { e: 'e.category', v: 'v.category' },
    branch: { e: 'e.org_id::text', v: "coalesce(vh.org_id::text, '')" },
    area: { e: areaKey('e.area_path'), v: areaKey('v.area_path') },
    total: { e: "'all'", v: "'all'" },
  }[p.by];
  const name = {
    category: 's.key',
    branch: '(SELECT o.name FROM party_orgs o WHERE o.id::text = s.key)',
    area: `(SELECT a.name FROM ${areasAs('a')} WHERE a.id::text = s.key)`,
    total: 's.key',
  }[p.by];
  const inScopeE = scopeClause(scope, 'e.area_path', q);
  const inScopeV = scopeClause(scope, 'v.area_path', q);
  return db.query<FigureRow>(
    `WITH src AS (
       SELECT ${key.e} AS key, 1 AS enlisted, (e.status = 'pending')::int AS pending, (e.status = 'approved')::int AS approved,
              (e.status = 'refused')::int AS refused, 0 AS volunteers, 0 AS on_duty
         FROM enlistments e WHERE e.area_path LIKE ${under} AND ${inScopeE}
       UNION ALL
       SELECT ${key.v}, 0, 0, 0, 0, 1,
              (EXISTS (SELECT 1 FROM deployments d WHERE d.cancelled_at IS NULL AND d.starts_on <= ${on}::date AND d.ends_on >= ${on}::date
                 AND (d.volunteer_id = v.id OR d.team_id IN (SELECT tm.team_id FROM team_members tm WHERE tm.volunteer_id = v.id))))::int
         FROM volunteers v
         LEFT JOIN LATERAL (SELECT m.org_id FROM party_memberships m WHERE m.volunteer_id = v.id AND m.left_on IS NULL ORDER BY m.kind = 'home' DESC, m.id LIMIT 1) vh ON true
        WHERE v.status = 'active' AND v.area_path LIKE ${under} AND ${inScopeV}
     )
     SELECT s.key, ${name} AS name, sum(s.enlisted)::int AS enlisted, sum(s.pending)::int AS pending, sum(s.approved)::int AS approved,
            sum(s.refused)::int AS refused, sum(s.volunteers)::int AS volunteers, sum(s.on_duty)::int AS on_duty
       FROM src s
      GROUP BY s.key ORDER BY enlisted DESC, volunteers DESC, s.key`,
    q.values,
  );
}

// ——— service records and liaison notes ———

export interface ServiceRecordRow {
  id: number;
  volunteer_id: number;
  volunteer_name: string;
  area_name: string;
  on: string;
  hours: number;
  work: string | null;
  note: string | null;
  liaison_group: string | null;
  recorded_by_name: string | null;
  created_at: Date;
}

/** Recorded work and liaison notes, newest first; scoped by where the person is now (as their hours are). */
export async function listServiceRecords(
  db: Queryable,
  scope: Scope,
  p: { id?: number; volunteerId?: number; underPath?: string; from?: string; to?: string; notesOnly?: boolean; page: number; pageSize: number },
) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'v.area_path', q)];
  if (p.id) where.push(`r.id = ${q.add(p.id)}`);
  if (p.volunteerId) where.push(`r.volunteer_id = ${q.add(p.volunteerId)}`);
  if (p.underPath) where.push(`v.area_path LIKE ${q.add(p.underPath + '%')}`);
  if (p.from) where.push(`r.on_date >= ${q.add(p.from)}::date`);
  if (p.to) where.push(`r.on_date <= ${q.add(p.to)}::date`);
  if (p.notesOnly) where.push('r.note IS NOT NULL');
  const w = where.join(' AND ');
  const from = 'service_records r JOIN volunteers v ON v.id = r.volunteer_id';
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM ${from} WHERE ${w}`, q.values);
  const rows = await db.query<ServiceRecordRow>(
    `SELECT r.id, r.volunteer_id, v.name AS volunteer_name, a.name AS area_name, to_char(r.on_date, 'YYYY-MM-DD') AS on, r.hours::float8 AS hours,
            r.work, r.note, r.liaison_group, u.display_name AS recorded_by_name, r.created_at
       FROM ${from} JOIN ${areasAs('a')} ON a.id = v.area_id LEFT JOIN ${usersAs('u')} ON u.id = r.recorded_by
      WHERE ${w} ORDER BY r.on_date DESC, r.id DESC LIMIT ${q.add(p.pageSize)} OFFSET ${q.add((p.page - 1) * p.pageSize)}`,
    q.values,
  );
  return { rows, total };
}
