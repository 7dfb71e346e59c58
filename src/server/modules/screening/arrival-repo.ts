import type { Queryable } from '../../db/engine';
import type { VisitKey } from './visit-repo';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { residentsAs } from '../residents/sql';
import { usersAs } from '../users/sql';

/** SQL of arrivals (返乡人员); the resident's and the area's names come from read-only joins. */

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
const ARRIVAL_FROM = `arrivals x JOIN ${residentsAs('r')} ON r.id = x.resident_id JOIN ${areasAs('a')} ON a.id = x.area_id LEFT JOIN ${usersAs('u')} ON u.id = x.created_by`;

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
  /** The visit that found them: its id and time (migration 0061: the key finds the visit's month). */
  visit: VisitKey | null;
  createdBy: number;
}

export async function insertArrival(tx: Queryable, a: NewArrival): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO arrivals (resident_id, area_id, area_path, origin_code, origin_name, origin_scope, origin_risk_level, risk_area_id, arrived_on,
       transport, transport_no, reason, code_colour, symptoms, contact_type, exposed_on, visit_id, visit_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18::timestamptz, $19) RETURNING id`,
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
      a.visit?.id ?? null,
      a.visit?.at ?? null,
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
