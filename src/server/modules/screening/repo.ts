import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';

/**
 * SQL of the risk-area list, arrivals and door-to-door screening. Names of households, residents, areas,
 * users and the assignee of a target's task come from read-only joins (a per-row call would cost the
 * 不漏一户 list); the household–member links are read in `householdsToScreen`, which belongs in
 * volunteers/work-repo.ts once that module offers it.
 */

// ——— the risk-area list ———

export interface RiskAreaRow {
  id: number;
  division_code: string | null;
  name: string;
  area_id: number | null;
  level: string;
  from_on: string;
  to_on: string | null;
  import_batch: string | null;
  created_at: Date;
  created_by_name: string | null;
}

const RISK_COLUMNS = `r.id, r.division_code, r.name, r.area_id, r.level, to_char(r.from_on, 'YYYY-MM-DD') AS from_on,
  to_char(r.to_on, 'YYYY-MM-DD') AS to_on, r.import_batch, r.created_at, u.display_name AS created_by_name`;

export interface NewRiskArea {
  divisionCode: string | null;
  name: string;
  areaId: number | null;
  areaPath: string | null;
  level: string;
  fromOn: string;
  toOn: string | null;
}

/** Appends rows (the list keeps its history: nothing is overwritten). */
export async function insertRiskAreas(tx: Queryable, rows: NewRiskArea[], batch: string, by: number): Promise<number> {
  return tx.execute(
    `INSERT INTO risk_areas (division_code, name, area_id, area_path, level, from_on, to_on, import_batch, created_by)
     SELECT d, n, a, p, l, f, t, $8, $9 FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::date[], $7::date[]) AS x(d, n, a, p, l, f, t)`,
    [
      rows.map((r) => r.divisionCode),
      rows.map((r) => r.name),
      rows.map((r) => r.areaId),
      rows.map((r) => r.areaPath),
      rows.map((r) => r.level),
      rows.map((r) => r.fromOn),
      rows.map((r) => r.toOn),
      batch,
      by,
    ],
  );
}

/** Deployment-wide reference data: the rows in force on `on` (or all, newest first). */
export async function listRiskAreas(db: Queryable, p: { on?: string; level?: string; q?: string; page: number; pageSize: number }) {
  const q = new SqlParams();
  const where = ['true'];
  if (p.on) where.push(`r.from_on <= ${q.add(p.on)}::date AND (r.to_on IS NULL OR r.to_on >= ${q.add(p.on)}::date)`);
  if (p.level) where.push(`r.level = ${q.add(p.level)}`);
  if (p.q)
    where.push(`(r.name LIKE ${q.add('%' + p.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%')} OR r.division_code LIKE ${q.add(p.q.replace(/\D/g, '') + '%')})`);
  const w = where.join(' AND ');
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM risk_areas r WHERE ${w}`, q.values);
  const rows = await db.query<RiskAreaRow>(
    `SELECT ${RISK_COLUMNS} FROM risk_areas r LEFT JOIN users u ON u.id = r.created_by WHERE ${w}
      ORDER BY r.created_at DESC, r.id DESC LIMIT ${q.add(p.pageSize)} OFFSET ${q.add((p.page - 1) * p.pageSize)}`,
    q.values,
  );
  return { rows, total: n };
}

/**
 * The listed row that gives a place its level on a day: among the rows in force that day whose code is a
 * prefix of the place's (county, town, village), the longest code wins, then the newest import.
 */
export async function riskAreaFor(db: Queryable, code12: string, on: string): Promise<RiskAreaRow | null> {
  const prefixes = [2, 4, 6, 9, 12].map((n) => code12.slice(0, n));
  const [row] = await db.query<RiskAreaRow>(
    `SELECT ${RISK_COLUMNS} FROM risk_areas r LEFT JOIN users u ON u.id = r.created_by
      WHERE r.division_code = ANY($1::text[]) AND r.from_on <= $2::date AND (r.to_on IS NULL OR r.to_on >= $2::date)
      ORDER BY length(r.division_code) DESC, r.created_at DESC, r.id DESC LIMIT 1`,
    [prefixes, on],
  );
  return row ?? null;
}

/** Areas of the deployment named exactly so (a name-only row of the list: an estate declared at risk). */
export async function areasNamedUnscoped(db: Queryable, names: string[]) {
  if (!names.length) return [];
  return db.query<{ id: number; name: string; path: string; division_code: string | null }>(
    'SELECT id, name, path, division_code FROM areas WHERE name = ANY($1::text[]) AND NOT archived',
    [names],
  );
}

/** The division code nearest above (or at) a place of this deployment, to tell local from other-province arrivals. */
export async function homeDivisionCode(db: Queryable, areaPath: string): Promise<string | null> {
  const ids = areaPath.split('/').filter(Boolean).map(Number);
  const [row] = await db.query<{ c: string }>(
    'SELECT division_code AS c FROM areas WHERE id = ANY($1::int[]) AND division_code IS NOT NULL ORDER BY level DESC LIMIT 1',
    [ids],
  );
  return row?.c ?? null;
}

// ——— arrivals ———

export interface ArrivalRow {
  id: number;
  resident_id: number;
  resident_name: string;
  area_id: number;
  area_path: string;
  area_name: string;
  origin_code: string | null;
  origin_name: string;
  origin_scope: string | null;
  origin_risk_level: string | null;
  risk_area_id: number | null;
  arrived_on: string;
  transport: string | null;
  transport_no: string | null;
  reason: string | null;
  code_colour: string | null;
  symptoms: string[];
  contact_type: string | null;
  exposed_on: string | null;
  visit_id: number | null;
  created_at: Date;
  created_by_name: string | null;
}

const ARRIVAL_COLUMNS = `x.id, x.resident_id, r.name AS resident_name, x.area_id, x.area_path, a.name AS area_name, x.origin_code, x.origin_name,
  x.origin_scope, x.origin_risk_level, x.risk_area_id, to_char(x.arrived_on, 'YYYY-MM-DD') AS arrived_on, x.transport, x.transport_no,
  x.reason, x.code_colour, x.symptoms, x.contact_type, to_char(x.exposed_on, 'YYYY-MM-DD') AS exposed_on, x.visit_id, x.created_at,
  u.display_name AS created_by_name`;
const ARRIVAL_FROM = `arrivals x JOIN residents r ON r.id = x.resident_id JOIN areas a ON a.id = x.area_id LEFT JOIN users u ON u.id = x.created_by`;

export interface NewArrival {
  residentId: number;
  areaId: number;
  areaPath: string;
  originCode: string | null;
  originName: string;
  originScope: string | null;
  originRiskLevel: string;
  riskAreaId: number | null;
  arrivedOn: string;
  transport: string | null;
  transportNo: string | null;
  reason: string | null;
  codeColour: string | null;
  symptoms: string[];
  contactType: string | null;
  exposedOn: string | null;
  visitId: number | null;
  createdBy: number;
}

export async function insertArrival(tx: Queryable, a: NewArrival): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO arrivals (resident_id, area_id, area_path, origin_code, origin_name, origin_scope, origin_risk_level, risk_area_id, arrived_on,
       transport, transport_no, reason, code_colour, symptoms, contact_type, exposed_on, visit_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
    [
      a.residentId,
      a.areaId,
      a.areaPath,
      a.originCode,
      a.originName,
      a.originScope,
      a.originRiskLevel,
      a.riskAreaId,
      a.arrivedOn,
      a.transport,
      a.transportNo,
      a.reason,
      a.codeColour,
      a.symptoms,
      a.contactType,
      a.exposedOn,
      a.visitId,
      a.createdBy,
    ],
  );
  return row.id;
}

export async function findArrival(db: Queryable, scope: Scope, id: number): Promise<ArrivalRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<ArrivalRow>(
    `SELECT ${ARRIVAL_COLUMNS} FROM ${ARRIVAL_FROM} WHERE x.id = ${q.add(id)} AND ${scopeClause(scope, 'x.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

export async function listArrivals(
  db: Queryable,
  scope: Scope,
  p: { underPath?: string; residentId?: number; from?: string; to?: string; level?: string; visitId?: number; page: number; pageSize: number },
) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'x.area_path', q)];
  if (p.underPath) where.push(`x.area_path LIKE ${q.add(p.underPath + '%')}`);
  if (p.residentId) where.push(`x.resident_id = ${q.add(p.residentId)}`);
  if (p.from) where.push(`x.arrived_on >= ${q.add(p.from)}::date`);
  if (p.to) where.push(`x.arrived_on <= ${q.add(p.to)}::date`);
  if (p.level) where.push(`x.origin_risk_level = ${q.add(p.level)}`);
  if (p.visitId) where.push(`x.visit_id = ${q.add(p.visitId)}`);
  const w = where.join(' AND ');
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM arrivals x WHERE ${w}`, q.values);
  const rows = await db.query<ArrivalRow>(
    `SELECT ${ARRIVAL_COLUMNS} FROM ${ARRIVAL_FROM} WHERE ${w} ORDER BY x.arrived_on DESC, x.id DESC LIMIT ${q.add(p.pageSize)} OFFSET ${q.add((p.page - 1) * p.pageSize)}`,
    q.values,
  );
  return { rows, total: n };
}

// ——— campaigns ———

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
const CAMPAIGN_FROM = `screening_campaigns c JOIN areas a ON a.id = c.area_id LEFT JOIN users u ON u.id = c.created_by`;

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
              (SELECT g.id FROM areas g WHERE g.id = ANY(string_to_array(trim(both '/' from h.area_path), '/')::int[]) AND g.kind = 'grid'
                ORDER BY g.level DESC LIMIT 1) AS grid_id
         FROM households h
        WHERE h.area_path LIKE $1 ${ids ? 'AND h.id = ANY($2::int[])' : ''}
     ), gw AS (
       SELECT DISTINCT ON (u.area_id) u.area_id, u.id FROM users u
        WHERE u.area_id IN (SELECT grid_id FROM hh WHERE grid_id IS NOT NULL) AND 'grid_worker' = ANY(u.roles) AND NOT u.disabled
        ORDER BY u.area_id, u.id
     )
     SELECT hh.id, hh.area_id, hh.area_path, hh.address,
            (SELECT v.user_id FROM household_links l JOIN volunteers v ON v.id = l.volunteer_id JOIN users mu ON mu.id = v.user_id
              WHERE l.household_id = hh.id AND NOT mu.disabled AND hh.area_path LIKE mu.area_path || '%'
              ORDER BY l.created_at, v.id LIMIT 1) AS member_user_id,
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
const TARGET_FROM = `screening_targets st JOIN households h ON h.id = st.household_id JOIN areas a ON a.id = st.area_id
  LEFT JOIN LATERAL (SELECT t.id, t.assignee_user_id, t.assignee_role FROM tasks t WHERE t.subject_kind = 'screening_target' AND t.subject_id = st.id
    ORDER BY t.id DESC LIMIT 1) t ON true
  LEFT JOIN users tu ON tu.id = t.assignee_user_id
  LEFT JOIN LATERAL (SELECT g.id, g.name FROM areas g WHERE g.id = ANY(string_to_array(trim(both '/' from st.area_path), '/')::int[]) AND g.kind = 'grid'
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
       LEFT JOIN LATERAL (SELECT g.id, g.name, g.path FROM areas g WHERE g.id = ANY(string_to_array(trim(both '/' from st.area_path), '/')::int[]) AND g.kind = 'grid'
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
            (SELECT count(*)::int FROM arrivals x JOIN screening_visits v2 ON v2.id = x.visit_id WHERE v2.campaign_id = $1) AS arrivals,
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
    `SELECT t.id FROM screening_targets st JOIN tasks t ON t.subject_kind = 'screening_target' AND t.subject_id = st.id
      WHERE st.campaign_id = $1 AND t.status IN ('open', 'in_progress')`,
    [campaignId],
  );
  return rows.map((r) => r.id);
}

// ——— visits ———

export interface VisitRow {
  id: number;
  client_id: string;
  campaign_id: number;
  household_id: number;
  address: string;
  area_id: number;
  area_path: string;
  area_name: string;
  outcome: string;
  code_colour: string | null;
  symptoms: string[];
  temperature: string | number | null;
  test_proof: string | null;
  needs: string[];
  data: Record<string, unknown> | null;
  revisit_on: string | null;
  visited_by: number | null;
  visited_by_name: string | null;
  visited_at: Date;
}

const VISIT_COLUMNS = `v.id, v.client_id, v.campaign_id, v.household_id, h.address, v.area_id, v.area_path, a.name AS area_name, v.outcome, v.code_colour,
  v.symptoms, v.temperature, v.test_proof, v.needs, v.data, to_char(v.revisit_on, 'YYYY-MM-DD') AS revisit_on, v.visited_by,
  u.display_name AS visited_by_name, v.visited_at`;
const VISIT_FROM = `screening_visits v JOIN households h ON h.id = v.household_id JOIN areas a ON a.id = v.area_id LEFT JOIN users u ON u.id = v.visited_by`;

/** By the phone's id, whatever the scope: the idempotency check (the caller then checks the scope itself). */
export async function visitByClientIdUnscoped(db: Queryable, clientId: string): Promise<VisitRow | null> {
  const [row] = await db.query<VisitRow>(`SELECT ${VISIT_COLUMNS} FROM ${VISIT_FROM} WHERE v.client_id = $1`, [clientId]);
  return row ?? null;
}

export async function listVisits(db: Queryable, scope: Scope, p: { campaignId?: number; householdId?: number; page: number; pageSize: number }) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'v.area_path', q)];
  if (p.campaignId) where.push(`v.campaign_id = ${q.add(p.campaignId)}`);
  if (p.householdId) where.push(`v.household_id = ${q.add(p.householdId)}`);
  const w = where.join(' AND ');
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM screening_visits v WHERE ${w}`, q.values);
  const rows = await db.query<VisitRow>(
    `SELECT ${VISIT_COLUMNS} FROM ${VISIT_FROM} WHERE ${w} ORDER BY v.visited_at DESC, v.id DESC LIMIT ${q.add(p.pageSize)} OFFSET ${q.add((p.page - 1) * p.pageSize)}`,
    q.values,
  );
  return { rows, total: n };
}

/**
 * Claims the phone's id: the visit row, or nothing when this clientId was recorded already. Under
 * concurrent retries PostgreSQL makes the second insert wait for the first transaction and then skip.
 */
export async function claimVisit(
  tx: Queryable,
  v: {
    clientId: string;
    campaignId: number;
    householdId: number;
    areaId: number;
    areaPath: string;
    outcome: string;
    codeColour: string | null;
    symptoms: string[];
    temperature: number | null;
    testProof: string | null;
    needs: string[];
    revisitOn: string | null;
    visitedBy: number;
  },
): Promise<number | null> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO screening_visits (client_id, campaign_id, household_id, area_id, area_path, outcome, code_colour, symptoms, temperature, test_proof, needs, revisit_on, visited_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (client_id) DO NOTHING RETURNING id`,
    [
      v.clientId,
      v.campaignId,
      v.householdId,
      v.areaId,
      v.areaPath,
      v.outcome,
      v.codeColour,
      v.symptoms,
      v.temperature,
      v.testProof,
      v.needs,
      v.revisitOn,
      v.visitedBy,
    ],
  );
  return row?.id ?? null;
}

export async function setVisitData(tx: Queryable, id: number, data: unknown) {
  await tx.query('UPDATE screening_visits SET data = $2 WHERE id = $1', [id, JSON.stringify(data)]);
}

/** One more attempt at a household; a visit marks it visited (the first time counts for coverage). */
export async function recordAttempt(tx: Queryable, targetId: number, outcome: string, taskId: number | null) {
  await tx.query(
    `UPDATE screening_targets SET attempts = attempts + 1, last_outcome = $2, last_visit_at = now(),
            visited_at = CASE WHEN $2 = 'visited' THEN COALESCE(visited_at, now()) ELSE visited_at END,
            task_id = COALESCE($3, task_id)
      WHERE id = $1`,
    [targetId, outcome, taskId],
  );
}
