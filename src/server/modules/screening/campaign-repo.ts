import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { householdsAs } from '../residents/sql';
import { tasksAs } from '../tasks/sql';
import { usersAs } from '../users/sql';
import { linkedMemberUserOf } from '../volunteers/sql';

/**
 * SQL of screening campaigns and their households (targets). Names of households, areas, users and the
 * assignee of a target's task come from read-only joins (a per-row call would cost the 不漏一户 list); the
 * household–member links are read in `householdsToScreen`, which belongs in volunteers/work-repo.ts once
 * that module offers it.
 */

export interface CampaignRow {
  id: number;
  name: string;
  area_id: number;
  area_path: string;
  area_name: string;
  starts_on: string;
  ends_on: string;
  lookback_days: number;
  target: string;
  status: string;
  closed_at: Date | null;
  coverage: unknown;
  created_at: Date;
  created_by_name: string | null;
  households: number;
  visited: number;
}

/**
 * A campaign is seen by callers whose scope lies under its area (counts are of their part) or who cover it
 * (a grid worker sees the village's campaign; targets and visits are still scoped to their grid).
 */
function campaignSeen(scope: Scope, q: SqlParams) {
  return `(${scopeClause(scope, 'c.area_path', q)} OR ${q.add(scope.path)} LIKE c.area_path || '%')`;
}

function campaignColumns(scope: Scope, q: SqlParams) {
  const s = scopeClause(scope, 'st.area_path', q);
  return `c.id, c.name, c.area_id, c.area_path, a.name AS area_name, to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on,
    to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on, c.lookback_days, c.target, c.status, c.closed_at, c.coverage, c.created_at,
    u.display_name AS created_by_name,
    (SELECT count(*)::int FROM screening_targets st WHERE st.campaign_id = c.id AND ${s}) AS households,
    (SELECT count(*)::int FROM screening_targets st WHERE st.campaign_id = c.id AND st.last_outcome = 'visited' AND ${s}) AS visited`;
}
const CAMPAIGN_FROM = `screening_campaigns c JOIN ${areasAs('a')} ON a.id = c.area_id LEFT JOIN ${usersAs('u')} ON u.id = c.created_by`;

export async function findCampaign(db: Queryable, scope: Scope, id: number): Promise<CampaignRow | null> {
  const q = new SqlParams();
  const cols = campaignColumns(scope, q);
  const [row] = await db.query<CampaignRow>(`SELECT ${cols} FROM ${CAMPAIGN_FROM} WHERE c.id = ${q.add(id)} AND ${campaignSeen(scope, q)}`, q.values);
  return row ?? null;
}

/** A campaign's name and status only: what a visit checks (findCampaign counts its households, too dear per visit). */
export async function campaignStatus(db: Queryable, id: number): Promise<{ name: string; status: string } | null> {
  const [row] = await db.query<{ name: string; status: string }>('SELECT name, status FROM screening_campaigns WHERE id = $1', [id]);
  return row ?? null;
}

export async function listCampaigns(db: Queryable, scope: Scope, p: { underPath?: string; status?: string }) {
  const q = new SqlParams();
  const cols = campaignColumns(scope, q);
  const where = [campaignSeen(scope, q)];
  if (p.underPath) where.push(`c.area_path LIKE ${q.add(p.underPath + '%')}`);
  if (p.status) where.push(`c.status = ${q.add(p.status)}`);
  return db.query<CampaignRow>(
    `SELECT ${cols} FROM ${CAMPAIGN_FROM} WHERE ${where.join(' AND ')} ORDER BY c.status = 'open' DESC, c.starts_on DESC, c.id DESC LIMIT 200`,
    q.values,
  );
}

export async function insertCampaign(
  tx: Queryable,
  c: { name: string; areaId: number; areaPath: string; startsOn: string; endsOn: string; lookbackDays: number; target: string; createdBy: number },
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO screening_campaigns (name, area_id, area_path, starts_on, ends_on, lookback_days, target, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [c.name, c.areaId, c.areaPath, c.startsOn, c.endsOn, c.lookbackDays, c.target, c.createdBy],
  );
  return row.id;
}

export interface HouseholdToScreen {
  id: number;
  area_id: number;
  area_path: string;
  address: string;
  member_user_id: number | null;
  grid_worker_id: number | null;
}

/**
 * The households a campaign covers (all under `path`, or the selection among them), each with who should
 * knock: the first linked member who has an account whose scope covers the household (else they could not open
 * it), and the grid worker of its grid (a user with the role grid_worker whose scope is the nearest grid above it).
 */
export async function householdsToScreen(tx: Queryable, path: string, ids: number[] | null): Promise<HouseholdToScreen[]> {
  // Grid workers are found once per grid (users has no index on area_id: one pass, not one per household).
  return tx.query<HouseholdToScreen>(
    `WITH hh AS (
       SELECT h.id, h.area_id, h.area_path, h.address,
              (SELECT g.id FROM ${areasAs('g')} WHERE g.id = ANY(string_to_array(trim(both '/' from h.area_path), '/')::int[]) AND g.kind = 'grid'
                ORDER BY g.level DESC LIMIT 1) AS grid_id
         FROM ${householdsAs('h')}
        WHERE h.area_path LIKE $1 ${ids ? 'AND h.id = ANY($2::int[])' : ''}
     ), gw AS (
       SELECT DISTINCT ON (u.area_id) u.area_id, u.id FROM ${usersAs('u')}
        WHERE u.area_id IN (SELECT grid_id FROM hh WHERE grid_id IS NOT NULL) AND 'grid_worker' = ANY(u.roles) AND NOT u.disabled
        ORDER BY u.area_id, u.id
     )
     SELECT hh.id, hh.area_id, hh.area_path, hh.address,
            ${linkedMemberUserOf('hh.id', 'hh.area_path')} AS member_user_id,
            gw.id AS grid_worker_id
       FROM hh LEFT JOIN gw ON gw.area_id = hh.grid_id
      ORDER BY hh.area_path, hh.address, hh.id`,
    ids ? [path + '%', ids] : [path + '%'],
  );
}

export async function insertTargets(tx: Queryable, campaignId: number, hs: HouseholdToScreen[]): Promise<{ id: number; household_id: number }[]> {
  if (!hs.length) return [];
  return tx.query(
    `INSERT INTO screening_targets (campaign_id, household_id, area_id, area_path)
     SELECT $1, h, a, p FROM unnest($2::int[], $3::int[], $4::text[]) AS x(h, a, p) RETURNING id, household_id`,
    [campaignId, hs.map((h) => h.id), hs.map((h) => h.area_id), hs.map((h) => h.area_path)],
  );
}

export interface TargetRow {
  id: number;
  campaign_id: number;
  household_id: number;
  area_id: number;
  area_path: string;
  area_name: string;
  address: string;
  task_id: number | null;
  visited_at: Date | null;
  attempts: number;
  last_outcome: string | null;
  last_visit_at: Date | null;
  assignee_user_id: number | null;
  assignee_name: string | null;
  assignee_role: string | null;
  grid_id: number | null;
  grid_name: string | null;
}

function targetColumns() {
  return `st.id, st.campaign_id, st.household_id, st.area_id, st.area_path, a.name AS area_name, h.address, t.id AS task_id, st.visited_at,
    st.attempts, st.last_outcome, st.last_visit_at, t.assignee_user_id, tu.display_name AS assignee_name, t.assignee_role,
    g.id AS grid_id, g.name AS grid_name`;
}
const TARGET_FROM = `screening_targets st JOIN ${householdsAs('h')} ON h.id = st.household_id JOIN ${areasAs('a')} ON a.id = st.area_id
  LEFT JOIN LATERAL (SELECT t.id, t.assignee_user_id, t.assignee_role FROM ${tasksAs('t')} WHERE t.subject_kind = 'screening_target' AND t.subject_id = st.id
    ORDER BY t.id DESC LIMIT 1) t ON true
  LEFT JOIN ${usersAs('tu')} ON tu.id = t.assignee_user_id
  LEFT JOIN LATERAL (SELECT g.id, g.name FROM ${areasAs('g')} WHERE g.id = ANY(string_to_array(trim(both '/' from st.area_path), '/')::int[]) AND g.kind = 'grid'
    ORDER BY g.level DESC LIMIT 1) g ON true`;

export async function findTarget(db: Queryable, scope: Scope, where: { id: number } | { campaignId: number; householdId: number }): Promise<TargetRow | null> {
  const q = new SqlParams();
  const w = 'id' in where ? `st.id = ${q.add(where.id)}` : `st.campaign_id = ${q.add(where.campaignId)} AND st.household_id = ${q.add(where.householdId)}`;
  const [row] = await db.query<TargetRow>(`SELECT ${targetColumns()} FROM ${TARGET_FROM} WHERE ${w} AND ${scopeClause(scope, 'st.area_path', q)}`, q.values);
  return row ?? null;
}

/** Households not yet visited (nobody home, refused or not tried), in scope: the 不漏一户 list. */
export async function unvisited(db: Queryable, scope: Scope, campaignId: number, p: { underPath?: string; page: number; pageSize: number }) {
  const q = new SqlParams();
  const where = [`st.campaign_id = ${q.add(campaignId)}`, `st.last_outcome IS DISTINCT FROM 'visited'`, scopeClause(scope, 'st.area_path', q)];
  if (p.underPath) where.push(`st.area_path LIKE ${q.add(p.underPath + '%')}`);
  const w = where.join(' AND ');
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM screening_targets st WHERE ${w}`, q.values);
  const rows = await db.query<TargetRow>(
    `SELECT ${targetColumns()} FROM ${TARGET_FROM} WHERE ${w} ORDER BY st.area_path, h.address, st.id LIMIT ${q.add(p.pageSize)} OFFSET ${q.add((p.page - 1) * p.pageSize)}`,
    q.values,
  );
  return { rows, total: n };
}

export interface ProgressRow {
  key: number | null;
  name: string | null;
  households: number;
  visited: number;
  nobody_home: number;
  refused: number;
  not_tried: number;
}

/** Households visited of total per grid (the nearest grid above each household), within the scope. */
export async function progressByGrid(db: Queryable, scope: Scope | null, campaignId: number): Promise<ProgressRow[]> {
  const q = new SqlParams();
  const where = [`st.campaign_id = ${q.add(campaignId)}`];
  if (scope) where.push(scopeClause(scope, 'st.area_path', q));
  return db.query<ProgressRow>(
    `SELECT g.id AS key, g.name, count(*)::int AS households,
            count(*) FILTER (WHERE st.last_outcome = 'visited')::int AS visited,
            count(*) FILTER (WHERE st.last_outcome = 'nobody_home')::int AS nobody_home,
            count(*) FILTER (WHERE st.last_outcome = 'refused')::int AS refused,
            count(*) FILTER (WHERE st.attempts = 0)::int AS not_tried
       FROM screening_targets st
       LEFT JOIN LATERAL (SELECT g.id, g.name, g.path FROM ${areasAs('g')} WHERE g.id = ANY(string_to_array(trim(both '/' from st.area_path), '/')::int[]) AND g.kind = 'grid'
         ORDER BY g.level DESC LIMIT 1) g ON true
      WHERE ${where.join(' AND ')}
      GROUP BY g.id, g.name, g.path ORDER BY g.path NULLS LAST`,
    q.values,
  );
}

/** What the visits of a campaign found (for its coverage report). */
export async function findings(db: Queryable, campaignId: number, feverThreshold: number) {
  const [row] = await db.query<{
    visits: number;
    arrivals: number;
    with_symptoms: number;
    fever: number;
    with_needs: number;
    added: number;
    moved_out: number;
  }>(
    `SELECT count(*)::int AS visits,
            (SELECT count(*)::int FROM arrivals x JOIN screening_visits v2 ON v2.id = x.visit_id AND v2.visited_at = x.visit_at WHERE v2.campaign_id = $1) AS arrivals,
            count(*) FILTER (WHERE cardinality(v.symptoms) > 0)::int AS with_symptoms,
            count(*) FILTER (WHERE v.temperature >= $2)::int AS fever,
            count(*) FILTER (WHERE cardinality(v.needs) > 0)::int AS with_needs,
            COALESCE(sum(jsonb_array_length(COALESCE(v.data -> 'added', '[]'::jsonb))), 0)::int AS added,
            COALESCE(sum(jsonb_array_length(COALESCE(v.data -> 'movedOut', '[]'::jsonb))), 0)::int AS moved_out
       FROM screening_visits v WHERE v.campaign_id = $1`,
    [campaignId, feverThreshold],
  );
  return row;
}

export async function closeCampaign(tx: Queryable, id: number, coverage: unknown): Promise<boolean> {
  const n = await tx.execute(`UPDATE screening_campaigns SET status = 'closed', closed_at = now(), coverage = $2 WHERE id = $1 AND status = 'open'`, [
    id,
    JSON.stringify(coverage),
  ]);
  return n > 0;
}

/** Open visit and revisit tasks of a campaign's targets (ended when it closes). */
export async function openTaskIdsOfCampaign(db: Queryable, campaignId: number): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `SELECT t.id FROM screening_targets st JOIN ${tasksAs('t')} ON t.subject_kind = 'screening_target' AND t.subject_id = st.id
      WHERE st.campaign_id = $1 AND t.status IN ('open', 'in_progress')`,
    [campaignId],
  );
  return rows.map((r) => r.id);
}
