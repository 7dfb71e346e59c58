import type { Queryable } from '../../db/engine';
import { type Scope, scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { measuresAs } from '../monitoring/sql';
import { householdsAs, residentsAs } from '../residents/sql';
import { usersAs } from '../users/sql';
import { linkedMemberUserOf } from '../volunteers/sql';

/** The SQL of proactive care calls (主动关怀): the lists as data, a day's calls, their outcomes. */
export interface OutreachListRow {
  code: string;
  name_zh: string;
  name_en: string;
  groups: string[];
  min_age: number | null;
  home_measure: boolean;
  health: boolean;
  every_days: number;
}

export async function activeLists(db: Queryable, withHealth: boolean): Promise<OutreachListRow[]> {
  return db.query<OutreachListRow>(
    `SELECT code, name_zh, name_en, groups, min_age, home_measure, health, every_days FROM help_outreach_lists
      WHERE active AND ($1 OR NOT health) ORDER BY position, code`,
    [withHealth],
  );
}

const HOME_STATES = `('confirmed', 'active', 'release_check')`;

export interface NewCall {
  id: number;
  resident_id: number;
  area_id: number;
  area_path: string;
  name: string;
  lists: string[];
  member_user_id: number | null;
  grid_worker_id: number | null;
}

/**
 * Makes `day`'s calls under `path` for everyone on a list and not called within the list's interval; one
 * statement, idempotent (a person has one call a day). Returns the new calls with who should make them: the
 * household's linked party member first, else the grid's worker (as screening's visits are addressed).
 */
export async function insertDayCalls(tx: Queryable, p: { path: string; day: string; lists: OutreachListRow[] }): Promise<NewCall[]> {
  if (!p.lists.length) return [];
  const q = new SqlParams();
  const day = `${q.add(p.day)}::date`;
  const path = q.add(`${p.path}%`);
  const codes = q.add(p.lists.map((l) => l.code));
  const anyGroups = [...new Set(p.lists.flatMap((l) => l.groups))];
  const byGroup = anyGroups.length
    ? `SELECT r.id FROM ${residentsAs('r')} WHERE r.groups && ${q.add(anyGroups)}::text[] AND r.area_path LIKE ${path}
         AND r.merged_into IS NULL AND r.status = 'present'`
    : null;
  const byMeasure = p.lists.some((l) => l.home_measure)
    ? `SELECT m.resident_id FROM ${measuresAs('m')} WHERE m.area_path LIKE ${path} AND m.place = 'home' AND m.state IN ${HOME_STATES}`
    : null;
  const candidates = [byGroup, byMeasure].filter(Boolean).join(' UNION ');
  return tx.query<NewCall>(
    `WITH l AS (SELECT * FROM help_outreach_lists WHERE code = ANY(${codes}::text[])),
     tagged AS (
       SELECT r.id, r.area_id, r.area_path, r.household_id, r.name,
              ARRAY(SELECT l.code FROM l
                     WHERE (cardinality(l.groups) > 0 AND r.groups && l.groups
                            AND (l.min_age IS NULL OR r.birth_date <= (${day} - make_interval(years => l.min_age))::date))
                        OR (l.home_measure AND EXISTS (SELECT 1 FROM ${measuresAs('m')} WHERE m.resident_id = r.id AND m.place = 'home' AND m.state IN ${HOME_STATES}))
                     ORDER BY l.position, l.code) AS lists
         FROM (${candidates}) c JOIN ${residentsAs('r')} ON r.id = c.id
        WHERE r.merged_into IS NULL AND r.status = 'present' AND r.area_path LIKE ${path}
     ),
     due AS (
       SELECT t.* FROM tagged t
        WHERE cardinality(t.lists) > 0
          -- A list called every n days skips a person called on one of the n - 1 days before.
          -- Only a call that reached them counts: one never made, or not reached, is made again.
          AND NOT EXISTS (SELECT 1 FROM help_outreach_calls c
                           WHERE c.resident_id = t.id AND c.day < ${day} AND c.outcome IN ('well', 'need', 'declined')
                             AND c.day > ${day} - (SELECT min(l.every_days) FROM l WHERE l.code = ANY(t.lists)))
     ),
     made AS (
       INSERT INTO help_outreach_calls (day, resident_id, area_id, area_path, lists)
       SELECT ${day}, id, area_id, area_path, lists FROM due
       ON CONFLICT (day, resident_id) DO NOTHING
       RETURNING id, resident_id, area_id, area_path, lists
     ),
     grid AS (
       SELECT made.id, (SELECT g.id FROM ${areasAs('g')} WHERE g.id = ANY(string_to_array(trim(both '/' from made.area_path), '/')::int[]) AND g.kind = 'grid'
                         ORDER BY g.level DESC LIMIT 1) AS grid_id
         FROM made
     ),
     gw AS (
       SELECT DISTINCT ON (u.area_id) u.area_id, u.id FROM ${usersAs('u')}
        WHERE u.area_id IN (SELECT grid_id FROM grid WHERE grid_id IS NOT NULL) AND 'grid_worker' = ANY(u.roles) AND NOT u.disabled
        ORDER BY u.area_id, u.id
     )
     SELECT made.id, made.resident_id, made.area_id, made.area_path, made.lists, due.name,
            ${linkedMemberUserOf('due.household_id', 'h.area_path')} AS member_user_id, gw.id AS grid_worker_id
       FROM made JOIN due ON due.id = made.resident_id
       LEFT JOIN ${householdsAs('h')} ON h.id = due.household_id
       JOIN grid ON grid.id = made.id LEFT JOIN gw ON gw.area_id = grid.grid_id
      ORDER BY made.area_path, made.id`,
    q.values,
  );
}

export async function setTasks(tx: Queryable, callIds: number[], taskIds: number[]): Promise<void> {
  if (!callIds.length) return;
  await tx.execute('UPDATE help_outreach_calls c SET task_id = x.t FROM unnest($1::bigint[], $2::bigint[]) AS x(c, t) WHERE c.id = x.c', [callIds, taskIds]);
}

/** The tasks of calls of days before `day` (the deployment's today) under `path` still open: today's call replaces them. */
export async function earlierOpenTaskIds(tx: Queryable, path: string, day: string): Promise<number[]> {
  const rows = await tx.query<{ task_id: number }>(
    `SELECT task_id FROM help_outreach_calls WHERE day < $1::date AND area_path LIKE $2 AND task_id IS NOT NULL
        AND (outcome IS NULL OR outcome = 'unreachable') AND day > $1::date - 14`,
    [day, `${path}%`],
  );
  return rows.map((r) => r.task_id);
}

export interface CallRow {
  id: number;
  day: string;
  resident_id: number;
  name: string;
  phone: string | null;
  birth_date: string | null;
  lists: string[];
  area_id: number;
  area_path: string;
  area_name: string;
  outcome: string | null;
  attempts: number;
  note: string | null;
  task_id: number | null;
  request_id: number | null;
  request_code: string | null;
  called_at: Date | null;
  called_by: string | null;
}

const CALL_SELECT = `SELECT c.id, to_char(c.day, 'YYYY-MM-DD') AS day, c.resident_id, r.name, r.phone, to_char(r.birth_date, 'YYYY-MM-DD') AS birth_date,
       c.lists, c.area_id, c.area_path, a.name AS area_name, c.outcome, c.attempts, c.note, c.task_id, c.request_id, hr.code AS request_code,
       c.called_at, cu.display_name AS called_by
  FROM help_outreach_calls c JOIN ${residentsAs('r')} ON r.id = c.resident_id JOIN ${areasAs('a')} ON a.id = c.area_id
  LEFT JOIN help_requests hr ON hr.id = c.request_id LEFT JOIN ${usersAs('cu')} ON cu.id = c.called_by`;

/** A filter on the lists the reader may see: a call is shown when one of its lists is. */
export async function listCalls(
  db: Queryable,
  scope: Scope,
  p: { underPath: string; day: string; visible: string[]; list?: string; state?: string; limit: number; offset: number },
): Promise<{ rows: CallRow[]; total: number }> {
  const q = new SqlParams();
  const where = [
    `c.day = ${q.add(p.day)}::date`,
    `c.area_path LIKE ${q.add(`${p.underPath}%`)}`,
    scopeClause(scope, 'c.area_path', q),
    `c.lists && ${q.add(p.visible)}::text[]`,
  ];
  if (p.list) where.push(`${q.add(p.list)} = ANY(c.lists)`);
  if (p.state === 'pending') where.push('c.outcome IS NULL');
  else if (p.state) where.push(`c.outcome = ${q.add(p.state)}`);
  const w = where.join(' AND ');
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM help_outreach_calls c WHERE ${w}`, q.values);
  // The not yet called first, then the not reached (to try again), then the done; within each, by place.
  const rows = await db.query<CallRow>(
    `${CALL_SELECT} WHERE ${w}
      ORDER BY CASE WHEN c.outcome IS NULL THEN 0 WHEN c.outcome = 'unreachable' THEN 1 ELSE 2 END, c.area_path, c.id
      LIMIT ${q.add(p.limit)} OFFSET ${q.add(p.offset)}`,
    q.values,
  );
  return { rows, total };
}

export async function findCall(db: Queryable, scope: Scope, id: number, lock = false): Promise<CallRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<CallRow>(
    `${CALL_SELECT} WHERE c.id = ${q.add(id)} AND ${scopeClause(scope, 'c.area_path', q)}${lock ? ' FOR UPDATE OF c' : ''}`,
    q.values,
  );
  return row ?? null;
}

export async function saveOutcome(tx: Queryable, id: number, v: { outcome: string; note: string | null; requestId: number | null; by: number }): Promise<void> {
  await tx.execute(
    `UPDATE help_outreach_calls SET outcome = $2, note = $3, request_id = coalesce($4, request_id), called_by = $5, called_at = now(),
            attempts = attempts + 1 WHERE id = $1`,
    [id, v.outcome, v.note, v.requestId, v.by],
  );
}

/** Per list: the day's people, calls made, needs found, under `path` in scope. */
export async function listFigures(db: Queryable, scope: Scope, p: { underPath: string; day: string }) {
  const q = new SqlParams();
  return db.query<{ code: string; people: number; called: number; needs: number }>(
    `SELECT x.code, count(*)::int AS people, count(*) FILTER (WHERE c.outcome IS NOT NULL)::int AS called,
            count(*) FILTER (WHERE c.outcome = 'need')::int AS needs
       FROM help_outreach_calls c CROSS JOIN LATERAL unnest(c.lists) AS x(code)
      WHERE c.day = ${q.add(p.day)}::date AND c.area_path LIKE ${q.add(`${p.underPath}%`)} AND ${scopeClause(scope, 'c.area_path', q)}
      GROUP BY x.code`,
    q.values,
  );
}

/** The day's calls under `path` in scope, each person once: how many, called, needs found. */
export async function dayTotals(db: Queryable, scope: Scope, p: { underPath: string; day: string }) {
  const q = new SqlParams();
  const [row] = await db.query<{ people: number; called: number; needs: number }>(
    `SELECT count(*)::int AS people, count(*) FILTER (WHERE c.outcome IS NOT NULL)::int AS called, count(*) FILTER (WHERE c.outcome = 'need')::int AS needs
       FROM help_outreach_calls c
      WHERE c.day = ${q.add(p.day)}::date AND c.area_path LIKE ${q.add(`${p.underPath}%`)} AND ${scopeClause(scope, 'c.area_path', q)}`,
    q.values,
  );
  return row;
}

/** Every area under which today's calls should be made: the roots of the deployment (the job covers all). */
export async function rootAreas(db: Queryable): Promise<{ id: number; path: string }[]> {
  return db.query(`SELECT id, path FROM ${areasAs('a')} WHERE a.parent_id IS NULL AND NOT a.archived`);
}
