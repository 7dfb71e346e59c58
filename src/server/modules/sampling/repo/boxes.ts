import type { Queryable } from '../../../db/engine';
import type { Scope } from '../../../platform/scope';
import { scopeClause } from '../../../platform/scope';
import { SqlParams } from '../../../platform/sql';
import { TUBE_COLUMNS, type TubeRow } from './desk';

/** SQL of transport boxes (箱绑管). */

// ——— boxes ———
export interface BoxRow {
  id: number;
  round_id: number;
  point_id: number;
  area_id: number;
  area_path: string;
  code: string;
  status: 'packing' | 'handed_over';
  tube_count: number;
  lab: string | null;
  handed_over_at: Date | null;
}
const BOX_COLUMNS = `x.id, x.round_id, x.point_id, x.area_id, x.area_path, x.code, x.status, x.tube_count, x.lab, x.handed_over_at`;

export async function insertBox(
  tx: Queryable,
  f: { roundId: number; pointId: number; areaId: number; areaPath: string; code: string; by: number },
): Promise<number | null> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO sampling_boxes (round_id, point_id, area_id, area_path, code, created_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (round_id, code) DO NOTHING RETURNING id`,
    [f.roundId, f.pointId, f.areaId, f.areaPath, f.code, f.by],
  );
  return row?.id ?? null;
}

export async function findBox(db: Queryable, scope: Scope, id: number, forUpdate = false): Promise<BoxRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<BoxRow>(
    `SELECT ${BOX_COLUMNS} FROM sampling_boxes x WHERE x.id = ${q.add(id)} AND ${scopeClause(scope, 'x.area_path', q)}${forUpdate ? ' FOR UPDATE' : ''}`,
    q.values,
  );
  return row ?? null;
}

export async function listBoxes(db: Queryable, scope: Scope, p: { roundId?: number; status?: string }): Promise<BoxRow[]> {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'x.area_path', q)];
  if (p.roundId) where.push(`x.round_id = ${q.add(p.roundId)}`);
  if (p.status) where.push(`x.status = ${q.add(p.status)}`);
  return db.query<BoxRow>(`SELECT ${BOX_COLUMNS} FROM sampling_boxes x WHERE ${where.join(' AND ')} ORDER BY x.id DESC LIMIT 500`, q.values);
}

export async function tubesByBarcodes(tx: Queryable, scope: Scope, roundId: number, barcodes: string[]): Promise<TubeRow[]> {
  const q = new SqlParams();
  return tx.query<TubeRow>(
    `SELECT ${TUBE_COLUMNS} FROM sampling_tubes t WHERE t.barcode = ANY(${q.add(barcodes)}::text[]) AND t.round_id = ${q.add(roundId)} AND ${scopeClause(scope, 't.area_path', q)} FOR UPDATE`,
    q.values,
  );
}

export async function boxTubes(tx: Queryable, boxId: number, tubeIds: number[]): Promise<number> {
  await tx.query(`UPDATE sampling_tubes SET status = 'boxed', box_id = $1 WHERE id = ANY($2::int[])`, [boxId, tubeIds]);
  const [{ n }] = await tx.query<{ n: number }>(
    `UPDATE sampling_boxes SET tube_count = (SELECT count(*) FROM sampling_tubes WHERE box_id = $1) WHERE id = $1 RETURNING tube_count AS n`,
    [boxId],
  );
  return n;
}

export async function barcodesInBox(tx: Queryable, boxId: number): Promise<string[]> {
  return (await tx.query<{ barcode: string }>(`SELECT barcode FROM sampling_tubes WHERE box_id = $1 ORDER BY barcode`, [boxId])).map((r) => r.barcode);
}

export async function handOver(tx: Queryable, boxId: number, lab: string, by: number) {
  await tx.query(`UPDATE sampling_boxes SET status = 'handed_over', lab = $2, handed_over_by = $3, handed_over_at = now() WHERE id = $1`, [boxId, lab, by]);
}
