import type { Queryable } from '../../db/engine';
import { type Scope, scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';

/**
 * Who was bound at a sampling point in a window (contact tracing's exposure suggestions, issue 16 point 4): the
 * people sampled at the same point in the same hours as a case. Read through this module's face; the caller scopes
 * and masks. A tube is filled on the day it is opened, so only tubes opened in the window or up to 12 hours before
 * it, and not closed before it began, are looked at (the point's tubes by `sampling_tubes_point_opened_idx`, then
 * their bindings). Per window a lateral subquery, so each window's range is the index condition (a plain join let
 * the planner read every tube of the point and filter after).
 */
export interface PointWindow {
  key: number;
  pointId: number;
  from: Date;
  to: Date;
}

export interface BoundNear {
  key: number;
  resident_id: number;
  point_name: string;
  point_area_path: string;
  bound_at: Date;
}

export async function peopleBoundNear(db: Queryable, windows: PointWindow[]): Promise<BoundNear[]> {
  if (!windows.length) return [];
  return db.query<BoundNear>(
    `SELECT w.key, b.resident_id, p.name AS point_name, p.area_path AS point_area_path, b.bound_at
       FROM unnest($1::int[], $2::int[], $3::timestamptz[], $4::timestamptz[]) AS w(key, point_id, t0, t1)
       JOIN sampling_points p ON p.id = w.point_id
       CROSS JOIN LATERAL (SELECT t.id FROM sampling_tubes t
                            WHERE t.point_id = w.point_id AND t.opened_at >= w.t0 - interval '12 hours' AND t.opened_at < w.t1
                              AND (t.closed_at IS NULL OR t.closed_at >= w.t0) OFFSET 0) t
       JOIN sampling_bindings b ON b.tube_id = t.id AND b.removed_at IS NULL AND b.anonymised_at IS NULL
        AND b.bound_at >= w.t0 AND b.bound_at < w.t1`,
    [windows.map((w) => w.key), windows.map((w) => w.pointId), windows.map((w) => w.from), windows.map((w) => w.to)],
  );
}

/** Where and when a person was bound since a time: the case's own visits to sampling points. */
export async function bindingsOf(
  db: Queryable,
  residentId: number,
  since: Date,
): Promise<{ point_id: number; point_name: string; point_area_path: string; bound_at: Date }[]> {
  return db.query(
    `SELECT t.point_id, p.name AS point_name, p.area_path AS point_area_path, b.bound_at
       FROM sampling_bindings b JOIN sampling_tubes t ON t.id = b.tube_id JOIN sampling_points p ON p.id = t.point_id
      WHERE b.resident_id = $1 AND b.removed_at IS NULL AND b.bound_at >= $2
      ORDER BY b.bound_at LIMIT 50`,
    [residentId, since],
  );
}

/** Sampling points by id (a trajectory row naming one must name one that exists). */
export async function pointsByIds(db: Queryable, ids: number[]): Promise<{ id: number; name: string; area_path: string }[]> {
  if (!ids.length) return [];
  return db.query(`SELECT id, name, area_path FROM sampling_points WHERE id = ANY($1::int[])`, [ids]);
}

/**
 * The sampling points in scope a case's trajectory may name (its visit to one is then read by the exposure
 * suggestions): the newest rounds' first, by name, at most `limit`.
 */
export async function pointsInScope(
  db: Queryable,
  scope: Scope,
  limit: number,
): Promise<{ id: number; name: string; round_id: number; round_name: string; starts_on: string }[]> {
  const q = new SqlParams();
  return db.query(
    `SELECT p.id, p.name, r.id AS round_id, r.name AS round_name, to_char(r.starts_on, 'YYYY-MM-DD') AS starts_on
       FROM sampling_points p JOIN sampling_rounds r ON r.id = p.round_id
      WHERE ${scopeClause(scope, 'p.area_path', q)}
      ORDER BY r.starts_on DESC, r.id DESC, p.name, p.id LIMIT ${q.add(limit)}`,
    q.values,
  );
}
