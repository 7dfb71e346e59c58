import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { usersAs } from '../users/sql';

/**
 * Movements as answered: a movement is seen by whoever reaches either of its stores (a transfer from the
 * county's store shows in the village that received it), with its lines named.
 */
const COLUMNS = `m.id, m.kind, m.source, m.store_id AS "storeId", s.name AS "storeName", m.to_store_id AS "toStoreId", ts.name AS "toStoreName",
  m.target_id AS "targetId", m.kit_id AS "kitId", m.kit_count AS "kitCount", m.donation_id AS "donationId", m.reason, m.note,
  to_char(m.occurred_on, 'YYYY-MM-DD') AS "occurredOn", m.created_at AS "createdAt", u.display_name AS "createdByName",
  COALESCE((SELECT json_agg(json_build_object('storeId', l.store_id, 'itemId', l.item_id, 'itemName', i.name, 'unit', i.unit, 'batchId', l.batch_id,
      'lot', b.lot, 'expiresOn', to_char(b.expires_on, 'YYYY-MM-DD'), 'qty', l.qty) ORDER BY l.id)
    FROM supply_movement_lines l JOIN supply_items i ON i.id = l.item_id JOIN supply_batches b ON b.id = l.batch_id WHERE l.movement_id = m.id), '[]') AS lines`;
const FROM = `supply_movements m JOIN supply_stores s ON s.id = m.store_id LEFT JOIN supply_stores ts ON ts.id = m.to_store_id
  LEFT JOIN ${usersAs('u')} ON u.id = m.created_by`;

export type MovementView = Record<string, unknown> & { id: number };

function inScope(scope: Scope, q: SqlParams) {
  return `(${scopeClause(scope, 'm.area_path', q)} OR ${scopeClause(scope, 'm.to_area_path', q)})`;
}

export async function movementById(db: Queryable, scope: Scope, id: number): Promise<MovementView | null> {
  const q = new SqlParams();
  const [row] = await db.query<MovementView>(`SELECT ${COLUMNS} FROM ${FROM} WHERE m.id = ${q.add(id)} AND ${inScope(scope, q)}`, q.values);
  return row ?? null;
}

export async function listMovements(db: Queryable, scope: Scope, p: { storeId?: number; kind?: string; limit: number; offset: number }) {
  const q = new SqlParams();
  const where = [inScope(scope, q)];
  if (p.storeId) {
    const s = q.add(p.storeId);
    where.push(`(m.store_id = ${s} OR m.to_store_id = ${s})`);
  }
  if (p.kind) where.push(`m.kind = ${q.add(p.kind)}`);
  const w = where.join(' AND ');
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM supply_movements m WHERE ${w}`, q.values);
  const items = await db.query<MovementView>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE ${w} ORDER BY m.id DESC LIMIT ${q.add(p.limit)} OFFSET ${q.add(p.offset)}`,
    q.values,
  );
  return { items, total: n };
}
