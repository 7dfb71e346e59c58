import type { StoredSlot } from '../../../domain/sampling/slot-edits';
import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { usersAs } from '../users/sql';

/** SQL of stored slot plans (migration 0015): one row per point, its slots as jsonb. Reads take the caller's scope. */
export interface SlotPlanRow {
  id: number;
  round_id: number;
  point_id: number;
  area_path: string;
  sampling_on: string;
  target_wait_minutes: number;
  slots: StoredSlot[];
  version: number;
  saved_by_name: string | null;
  saved_at: Date;
  edited_by_name: string | null;
  edited_at: Date | null;
}

const COLUMNS = `sp.id, sp.round_id, sp.point_id, sp.area_path, to_char(sp.sampling_on, 'YYYY-MM-DD') AS sampling_on, sp.target_wait_minutes,
  sp.slots, sp.version, us.display_name AS saved_by_name, sp.saved_at, ue.display_name AS edited_by_name, sp.edited_at`;

export async function findPlan(db: Queryable, scope: Scope, pointId: number, forUpdate = false): Promise<SlotPlanRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<SlotPlanRow>(
    `SELECT ${COLUMNS} FROM sampling_slot_plans sp LEFT JOIN ${usersAs('us')} ON us.id = sp.saved_by LEFT JOIN ${usersAs('ue')} ON ue.id = sp.edited_by
      WHERE sp.point_id = ${q.add(pointId)} AND ${scopeClause(scope, 'sp.area_path', q)}${forUpdate ? ' FOR UPDATE OF sp' : ''}`,
    q.values,
  );
  return row ?? null;
}

/** Saves a computed plan for a point, replacing the stored one (version + 1, hand edits cleared). */
export async function upsertPlan(
  tx: Queryable,
  f: { roundId: number; pointId: number; areaId: number; areaPath: string; date: string; targetWaitMinutes: number; slots: StoredSlot[]; by: number },
): Promise<{ id: number; replaced: boolean }> {
  const [row] = await tx.query<{ id: number; replaced: boolean }>(
    `INSERT INTO sampling_slot_plans (round_id, point_id, area_id, area_path, sampling_on, target_wait_minutes, slots, saved_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (point_id) DO UPDATE SET sampling_on = EXCLUDED.sampling_on, target_wait_minutes = EXCLUDED.target_wait_minutes,
       slots = EXCLUDED.slots, version = sampling_slot_plans.version + 1, saved_by = EXCLUDED.saved_by, saved_at = now(), edited_by = NULL, edited_at = NULL
     RETURNING id, (version > 1) AS replaced`,
    [f.roundId, f.pointId, f.areaId, f.areaPath, f.date, f.targetWaitMinutes, JSON.stringify(f.slots), f.by],
  );
  return row;
}

export async function updateSlots(tx: Queryable, id: number, slots: StoredSlot[], by: number) {
  await tx.query(`UPDATE sampling_slot_plans SET slots = $2, version = version + 1, edited_by = $3, edited_at = now() WHERE id = $1`, [
    id,
    JSON.stringify(slots),
    by,
  ]);
}
