import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { householdsAs, residentsAs } from '../residents/sql';
import { usersAs } from '../users/sql';

/**
 * SQL of fever alerts, raised by a follow-up reading or a door-to-door visit and resolved with who and when.
 * Every read takes the caller's scope. A visit's alert may name only its household: the name is then the address.
 */
export interface AlertRow {
  id: number;
  follow_up_id: number | null;
  measure_id: number | null;
  visit_id: number | null;
  household_id: number | null;
  resident_id: number | null;
  resident_name: string;
  area_id: number;
  area_path: string;
  area_name: string;
  temperature: string | null;
  symptoms: string[];
  raised_at: Date;
  status: string;
  resolution: string | null;
  note: string | null;
  resolved_at: Date | null;
  resolved_by_name: string | null;
}
const ALERT_COLUMNS = `fa.id, fa.follow_up_id, fa.measure_id, fa.visit_id, fa.household_id, fa.resident_id, COALESCE(r.name, h.address) AS resident_name, fa.area_id, fa.area_path, a.name AS area_name,
  fa.temperature::text AS temperature, fa.symptoms, fa.raised_at, fa.status, fa.resolution, fa.note, fa.resolved_at, u.display_name AS resolved_by_name`;
const ALERT_FROM = `fever_alerts fa LEFT JOIN ${residentsAs('r')} ON r.id = fa.resident_id LEFT JOIN ${householdsAs('h')} ON h.id = fa.household_id JOIN ${areasAs('a')} ON a.id = fa.area_id LEFT JOIN ${usersAs('u')} ON u.id = fa.resolved_by`;

export async function insertAlert(
  tx: Queryable,
  a: {
    followUp: { id: number; dueAt: string } | null;
    measureId: number | null;
    visit: { id: number; at: string } | null;
    householdId: number | null;
    residentId: number | null;
    areaId: number;
    areaPath: string;
    temperature: number | null;
    symptoms: string[];
  },
): Promise<number> {
  const [{ id }] = await tx.query<{ id: number }>(
    `INSERT INTO fever_alerts (follow_up_id, follow_up_due_at, measure_id, visit_id, visit_at, household_id, resident_id, area_id, area_path, temperature,
       symptoms)
     VALUES ($1, $10::timestamptz, $2, $3, $11::timestamptz, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      a.followUp?.id ?? null,
      a.measureId,
      a.visit?.id ?? null,
      a.householdId,
      a.residentId,
      a.areaId,
      a.areaPath,
      a.temperature,
      a.symptoms,
      a.followUp?.dueAt ?? null,
      a.visit?.at ?? null,
    ],
  );
  return id;
}

export async function findAlert(db: Queryable, scope: Scope, id: number): Promise<AlertRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<AlertRow>(
    `SELECT ${ALERT_COLUMNS} FROM ${ALERT_FROM} WHERE fa.id = ${q.add(id)} AND ${scopeClause(scope, 'fa.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

export async function listAlerts(db: Queryable, scope: Scope, p: { status?: string; underPath?: string }): Promise<AlertRow[]> {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'fa.area_path', q)];
  if (p.status) where.push(`fa.status = ${q.add(p.status)}`);
  if (p.underPath) where.push(`fa.area_path LIKE ${q.add(p.underPath + '%')}`);
  return db.query<AlertRow>(
    `SELECT ${ALERT_COLUMNS} FROM ${ALERT_FROM} WHERE ${where.join(' AND ')} ORDER BY fa.status = 'open' DESC, fa.raised_at DESC LIMIT 500`,
    q.values,
  );
}

export async function resolveAlert(tx: Queryable, id: number, f: { resolution: string; note: string | null; by: number }): Promise<boolean> {
  const n = await tx.execute(
    `UPDATE fever_alerts SET status = 'resolved', resolution = $2, note = $3, resolved_at = now(), resolved_by = $4 WHERE id = $1 AND status = 'open'`,
    [id, f.resolution, f.note, f.by],
  );
  return n === 1;
}
