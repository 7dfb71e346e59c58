import type { Queryable } from '../../../db/engine';
import type { Scope } from '../../../platform/scope';
import { scopeClause } from '../../../platform/scope';
import { SqlParams } from '../../../platform/sql';
import type { ExemptionRules, PoolRule } from '../../../../domain/sampling/rules';
import { areasAs } from '../../areas/sql';
import { frozenBindingsCount } from './round-figures';

/** SQL of rounds and their points. Rounds are seen from below as well (roundScope). */

// ——— rounds ———
export interface RoundRow {
  id: number;
  name: string;
  area_id: number;
  area_path: string;
  area_name: string;
  starts_on: string;
  ends_on: string;
  roster_date: string;
  pool_default: 1 | 5 | 10 | 20;
  pool_rules: PoolRule[];
  exemption_rules: ExemptionRules;
  status: 'planned' | 'open' | 'closed';
  created_at: Date;
  closed_at: Date | null;
  /** Its chart and counts read the frozen figures (migration 0065), its bindings' months may be gone. */
  figures_frozen: boolean;
}
const ROUND_COLUMNS = `r.id, r.name, r.area_id, r.area_path, a.name AS area_name, to_char(r.starts_on, 'YYYY-MM-DD') AS starts_on,
  to_char(r.ends_on, 'YYYY-MM-DD') AS ends_on, to_char(r.roster_date, 'YYYY-MM-DD') AS roster_date, r.pool_default, r.pool_rules,
  r.exemption_rules, r.status, r.created_at, r.closed_at, r.figures_frozen_at IS NOT NULL AS figures_frozen`;

/**
 * Rounds are seen from below as well: a county's round is the round of every grid worker and desk in it.
 * A round is visible when it lies in the caller's scope or its area contains the caller's scope area.
 */
function roundScope(scope: Scope, q: SqlParams): string {
  const p = q.add(scope.path);
  return `(r.area_path LIKE ${p} || '%' OR ${p} LIKE r.area_path || '%')`;
}

export async function insertRound(
  tx: Queryable,
  f: {
    name: string;
    areaId: number;
    areaPath: string;
    startsOn: string;
    endsOn: string;
    rosterDate: string;
    poolDefault: number;
    poolRules: PoolRule[];
    exemptionRules: ExemptionRules;
    by: number;
  },
): Promise<number> {
  const [{ id }] = await tx.query<{ id: number }>(
    `INSERT INTO sampling_rounds (name, area_id, area_path, starts_on, ends_on, roster_date, pool_default, pool_rules, exemption_rules, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [f.name, f.areaId, f.areaPath, f.startsOn, f.endsOn, f.rosterDate, f.poolDefault, JSON.stringify(f.poolRules), JSON.stringify(f.exemptionRules), f.by],
  );
  return id;
}

export async function findRound(db: Queryable, scope: Scope, id: number): Promise<RoundRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<RoundRow>(
    `SELECT ${ROUND_COLUMNS} FROM sampling_rounds r JOIN ${areasAs('a')} ON a.id = r.area_id WHERE r.id = ${q.add(id)} AND ${roundScope(scope, q)}`,
    q.values,
  );
  return row ?? null;
}

export async function listRounds(db: Queryable, scope: Scope, p: { underPath?: string; status?: string }): Promise<RoundRow[]> {
  const q = new SqlParams();
  const where = [roundScope(scope, q)];
  if (p.underPath) where.push(`r.area_path LIKE ${q.add(p.underPath + '%')}`);
  if (p.status) where.push(`r.status = ${q.add(p.status)}`);
  return db.query<RoundRow>(
    `SELECT ${ROUND_COLUMNS} FROM sampling_rounds r JOIN ${areasAs('a')} ON a.id = r.area_id WHERE ${where.join(' AND ')} ORDER BY r.starts_on DESC, r.id DESC`,
    q.values,
  );
}

/** The round's counts in scope; a round whose figures are frozen counts its bindings from them. */
export async function roundCounts(db: Queryable, scope: Scope, id: number, figuresFrozen: boolean) {
  const q = new SqlParams();
  const r = q.add(id);
  const bindings = figuresFrozen
    ? frozenBindingsCount(q, scope, r)
    : `(SELECT count(*)::int FROM sampling_bindings b WHERE b.round_id = ${r} AND b.removed_at IS NULL AND ${scopeClause(scope, 'b.area_path', q)})`;
  const [row] = await db.query<{ tubes: number; bindings: number; results: number; positives: number }>(
    `SELECT (SELECT count(*)::int FROM sampling_tubes t WHERE t.round_id = ${r} AND ${scopeClause(scope, 't.area_path', q)}) AS tubes,
            ${bindings} AS bindings,
            (SELECT count(*)::int FROM sampling_results s WHERE s.round_id = ${r} AND ${scopeClause(scope, 's.area_path', q)}) AS results,
            (SELECT count(*)::int FROM sampling_results s WHERE s.round_id = ${r} AND s.result = 'positive' AND ${scopeClause(scope, 's.area_path', q)}) AS positives`,
    q.values,
  );
  return row;
}

export async function setRoundStatus(tx: Queryable, id: number, from: string, to: string): Promise<boolean> {
  const n = await tx.execute(`UPDATE sampling_rounds SET status = $3, closed_at = CASE WHEN $3 = 'closed' THEN now() END WHERE id = $1 AND status = $2`, [
    id,
    from,
    to,
  ]);
  return n > 0;
}

// ——— points ———
export interface PointRow {
  id: number;
  round_id: number;
  name: string;
  address: string | null;
  area_id: number;
  area_path: string;
  area_name: string;
  kind: 'fixed' | 'mobile';
  serves_area_ids: number[];
  desks: number;
  opens_at: string;
  closes_at: string;
  per_desk_hour: number;
  staff: string | null;
}
const POINT_COLUMNS = `p.id, p.round_id, p.name, p.address, p.area_id, p.area_path, a.name AS area_name, p.kind, p.serves_area_ids, p.desks,
  to_char(p.opens_at, 'HH24:MI') AS opens_at, to_char(p.closes_at, 'HH24:MI') AS closes_at, p.per_desk_hour, p.staff`;

export async function insertPoint(
  tx: Queryable,
  f: {
    roundId: number;
    name: string;
    address: string | null;
    areaId: number;
    areaPath: string;
    kind: string;
    servesAreaIds: number[];
    desks: number;
    opensAt: string;
    closesAt: string;
    perDeskHour: number;
    staff: string | null;
  },
): Promise<number> {
  const [{ id }] = await tx.query<{ id: number }>(
    `INSERT INTO sampling_points (round_id, name, address, area_id, area_path, kind, serves_area_ids, desks, opens_at, closes_at, per_desk_hour, staff)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [f.roundId, f.name, f.address, f.areaId, f.areaPath, f.kind, f.servesAreaIds, f.desks, f.opensAt, f.closesAt, f.perDeskHour, f.staff],
  );
  return id;
}

export async function findPoint(db: Queryable, scope: Scope, id: number): Promise<PointRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<PointRow>(
    `SELECT ${POINT_COLUMNS} FROM sampling_points p JOIN ${areasAs('a')} ON a.id = p.area_id WHERE p.id = ${q.add(id)} AND ${scopeClause(scope, 'p.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

export async function listPoints(db: Queryable, scope: Scope, roundId: number): Promise<PointRow[]> {
  const q = new SqlParams();
  return db.query<PointRow>(
    `SELECT ${POINT_COLUMNS} FROM sampling_points p JOIN ${areasAs('a')} ON a.id = p.area_id WHERE p.round_id = ${q.add(roundId)} AND ${scopeClause(scope, 'p.area_path', q)} ORDER BY p.name, p.id`,
    q.values,
  );
}

/** What opening a tube needs of its round and point: the round when in scope, its point when in scope too. */
export interface TubePlace {
  round_id: number;
  status: RoundRow['status'];
  pool_default: RoundRow['pool_default'];
  pool_rules: PoolRule[];
  point_id: number | null;
  point_round_id: number | null;
  desks: number | null;
  area_id: number | null;
  area_path: string | null;
}

/**
 * The round and the point of a tube being opened, in one statement: a desk opens a tube every ten scans or so, and
 * on PGlite's one connection the two lookups cost a third of the opening (findRound and findPoint, same scopes).
 */
export async function findTubePlace(db: Queryable, scope: Scope, roundId: number, pointId: number): Promise<TubePlace | null> {
  const q = new SqlParams();
  const [row] = await db.query<TubePlace>(
    `SELECT r.id AS round_id, r.status, r.pool_default, r.pool_rules, p.id AS point_id, p.round_id AS point_round_id, p.desks, p.area_id, p.area_path
       FROM sampling_rounds r LEFT JOIN sampling_points p ON p.id = ${q.add(pointId)} AND ${scopeClause(scope, 'p.area_path', q)}
      WHERE r.id = ${q.add(roundId)} AND ${roundScope(scope, q)}`,
    q.values,
  );
  return row ?? null;
}
