import type { Queryable } from '../../db/engine';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { usersAs } from '../users/sql';

/**
 * SQL of the official risk-area list (deployment-wide reference data, appended so the history stays) and the
 * division code a place of this deployment lies in.
 */

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
    `SELECT ${RISK_COLUMNS} FROM risk_areas r LEFT JOIN ${usersAs('u')} ON u.id = r.created_by WHERE ${w}
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
    `SELECT ${RISK_COLUMNS} FROM risk_areas r LEFT JOIN ${usersAs('u')} ON u.id = r.created_by
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
    `SELECT a.id, a.name, a.path, a.division_code FROM ${areasAs('a')} WHERE a.name = ANY($1::text[]) AND NOT a.archived`,
    [names],
  );
}

/** The division code nearest above (or at) a place of this deployment, to tell local from other-province arrivals. */
export async function homeDivisionCode(db: Queryable, areaPath: string): Promise<string | null> {
  const ids = areaPath.split('/').filter(Boolean).map(Number);
  const [row] = await db.query<{ c: string }>(
    `SELECT a.division_code AS c FROM ${areasAs('a')} WHERE a.id = ANY($1::int[]) AND a.division_code IS NOT NULL ORDER BY a.level DESC LIMIT 1`,
    [ids],
  );
  return row?.c ?? null;
}
