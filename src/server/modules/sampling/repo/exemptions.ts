import type { Queryable } from '../../../db/engine';
import type { Scope } from '../../../platform/scope';
import { scopeClause } from '../../../platform/scope';
import { SqlParams } from '../../../platform/sql';
import { areasAs } from '../../areas/sql';
import { residentsAs } from '../../residents/sql';

/** SQL of exemptions (免检). */

// ——— exemptions ———
export async function insertExemption(
  tx: Queryable,
  f: { roundId: number; residentId: number; areaId: number; areaPath: string; kind: string; detail: string | null; by: number },
): Promise<number> {
  const [{ id }] = await tx.query<{ id: number }>(
    `INSERT INTO sampling_exemptions (round_id, resident_id, area_id, area_path, kind, detail, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [f.roundId, f.residentId, f.areaId, f.areaPath, f.kind, f.detail, f.by],
  );
  return id;
}

export async function revokeExemption(
  tx: Queryable,
  scope: Scope,
  id: number,
  by: number,
): Promise<{ id: number; area_path: string; revoked_at: Date } | null> {
  const q = new SqlParams();
  const [row] = await tx.query<{ id: number; area_path: string; revoked_at: Date }>(
    `UPDATE sampling_exemptions e SET revoked_at = now(), revoked_by = ${q.add(by)} WHERE e.id = ${q.add(id)} AND e.revoked_at IS NULL AND e.anonymised_at IS NULL AND ${scopeClause(scope, 'e.area_path', q)}
     RETURNING e.id, e.area_path, e.revoked_at`,
    q.values,
  );
  return row ?? null;
}

export async function listExemptions(db: Queryable, scope: Scope, p: { roundId: number; underPath?: string }) {
  const q = new SqlParams();
  const where = [`e.round_id = ${q.add(p.roundId)}`, `e.revoked_at IS NULL`, scopeClause(scope, 'e.area_path', q)];
  if (p.underPath) where.push(`e.area_path LIKE ${q.add(p.underPath + '%')}`);
  return db.query<{
    id: number;
    resident_id: number;
    name: string;
    id_number: string | null;
    area_id: number;
    area_name: string;
    kind: string;
    detail: string | null;
    recorded_at: Date;
  }>(
    `SELECT e.id, e.resident_id, r.name, r.id_number, e.area_id, a.name AS area_name, e.kind, e.detail, e.recorded_at
       FROM sampling_exemptions e JOIN ${residentsAs('r')} ON r.id = e.resident_id JOIN ${areasAs('a')} ON a.id = e.area_id
      WHERE ${where.join(' AND ')} ORDER BY a.name, r.name, e.id LIMIT 10000`,
    q.values,
  );
}
