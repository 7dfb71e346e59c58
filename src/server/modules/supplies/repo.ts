import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';

/**
 * The catalogue, stores and stock reads. The catalogue and kits are deployment-wide (reference data); stores,
 * stock and movements are scoped by the store's area path.
 */
export interface ItemRow {
  id: number;
  name: string;
  category: 'protective' | 'living' | 'medicine';
  unit: string;
  pack_size: number;
}

export const listItems = (db: Queryable) => db.query<ItemRow>('SELECT id, name, category, unit, pack_size FROM supply_items ORDER BY category, name');

/**
 * Items by id. An item is never changed or removed once in the catalogue, so each process keeps those it has read
 * (per database): an issue at the peak costs no catalogue query.
 */
const itemCache = new WeakMap<Queryable, Map<number, ItemRow>>();
export async function itemsByIds(db: Queryable, ids: number[]): Promise<Map<number, ItemRow>> {
  const known = itemCache.get(db) ?? new Map<number, ItemRow>();
  itemCache.set(db, known);
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length) {
    const rows = await db.query<ItemRow>('SELECT id, name, category, unit, pack_size FROM supply_items WHERE id = ANY($1::int[])', [missing]);
    for (const r of rows) known.set(r.id, r);
  }
  return new Map(ids.filter((id) => known.has(id)).map((id) => [id, known.get(id)!]));
}

export async function insertItem(tx: Queryable, i: { name: string; category: string; unit: string; packSize: number }): Promise<ItemRow> {
  const [row] = await tx.query<ItemRow>(
    'INSERT INTO supply_items (name, category, unit, pack_size) VALUES ($1, $2, $3, $4) RETURNING id, name, category, unit, pack_size',
    [i.name, i.category, i.unit, i.packSize],
  );
  return row;
}

export interface KitRow {
  id: number;
  name: string;
  lines: { itemId: number; qty: number }[];
}
export const listKits = (db: Queryable) => db.query<KitRow>('SELECT id, name, lines FROM supply_kits ORDER BY name');
export async function findKit(db: Queryable, id: number): Promise<KitRow | null> {
  const [row] = await db.query<KitRow>('SELECT id, name, lines FROM supply_kits WHERE id = $1', [id]);
  return row ?? null;
}
export async function insertKit(tx: Queryable, k: { name: string; lines: { itemId: number; qty: number }[] }): Promise<number> {
  const [row] = await tx.query<{ id: number }>('INSERT INTO supply_kits (name, lines) VALUES ($1, $2::jsonb) RETURNING id', [k.name, JSON.stringify(k.lines)]);
  return row.id;
}

export async function policy(db: Queryable): Promise<{ useWindowDays: number; lowCoverDays: number }> {
  const [row] = await db.query<{ w: number; d: string }>('SELECT use_window_days AS w, low_cover_days::text AS d FROM supply_policy');
  return { useWindowDays: row.w, lowCoverDays: Number(row.d) };
}
export async function setPolicy(tx: Queryable, p: { useWindowDays: number; lowCoverDays: number }) {
  await tx.query('UPDATE supply_policy SET use_window_days = $1, low_cover_days = $2', [p.useWindowDays, p.lowCoverDays]);
}

// ——— stores ———
export interface StoreRow {
  id: number;
  name: string;
  level: 'county' | 'town' | 'village' | 'post' | 'site';
  area_id: number;
  area_path: string;
  area_name: string;
  post_id: number | null;
  site_id: number | null;
  qr_token: string;
  items: number;
  low_items: number;
}

const STORE_COLUMNS = `st.id, st.name, st.level, st.area_id, st.area_path, a.name AS area_name, st.post_id, st.site_id, st.qr_token,
  (SELECT count(DISTINCT k.item_id)::int FROM supply_stock k WHERE k.store_id = st.id AND k.qty > 0) AS items,
  (SELECT count(*)::int FROM supply_alerts al WHERE al.store_id = st.id AND al.cleared_at IS NULL) AS low_items`;
const STORE_FROM = `supply_stores st JOIN ${areasAs('a')} ON a.id = st.area_id`;

export async function listStores(db: Queryable, scope: Scope, underPath?: string): Promise<StoreRow[]> {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'st.area_path', q)];
  if (underPath) where.push(`st.area_path LIKE ${q.add(`${underPath}%`)}`);
  return db.query<StoreRow>(`SELECT ${STORE_COLUMNS} FROM ${STORE_FROM} WHERE ${where.join(' AND ')} ORDER BY st.area_path, st.name LIMIT 1000`, q.values);
}

export async function findStore(db: Queryable, scope: Scope, id: number): Promise<StoreRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<StoreRow>(
    `SELECT ${STORE_COLUMNS} FROM ${STORE_FROM} WHERE st.id = ${q.add(id)} AND ${scopeClause(scope, 'st.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

/** What a write needs of a store (no counts): the issue path's one read before its batch. */
export interface StoreRef {
  id: number;
  name: string;
  level: StoreRow['level'];
  area_id: number;
  area_path: string;
}
export async function findStoreRef(db: Queryable, scope: Scope, id: number): Promise<StoreRef | null> {
  const q = new SqlParams();
  const [row] = await db.query<StoreRef>(
    `SELECT id, name, level, area_id, area_path FROM supply_stores WHERE id = ${q.add(id)} AND ${scopeClause(scope, 'area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

export async function insertStore(
  tx: Queryable,
  s: { name: string; level: string; areaId: number; areaPath: string; postId: number | null; siteId: number | null; qrToken: string; by: number },
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO supply_stores (name, level, area_id, area_path, post_id, site_id, qr_token, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [s.name, s.level, s.areaId, s.areaPath, s.postId, s.siteId, s.qrToken, s.by],
  );
  return row.id;
}

// ——— stock ———
export interface StockRow {
  store_id: number;
  store_name: string;
  item_id: number;
  item_name: string;
  category: ItemRow['category'];
  unit: string;
  pack_size: number;
  on_hand: number;
  used: number;
  alert_open: boolean;
  batches: { batchId: number; lot: string | null; expiresOn: string | null; qty: number }[];
}

/**
 * Stock per store × item in scope: on hand, issued over the window (since `since`, exclusive), an open alert,
 * and the batches in issue order. Items a store once held and now has none of stay listed while in use.
 */
export async function stockLines(db: Queryable, scope: Scope, p: { storeId?: number; underPath?: string; since: string }): Promise<StockRow[]> {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'st.area_path', q)];
  if (p.storeId) where.push(`st.id = ${q.add(p.storeId)}`);
  if (p.underPath) where.push(`st.area_path LIKE ${q.add(`${p.underPath}%`)}`);
  const since = q.add(p.since);
  return db.query<StockRow>(
    `WITH pairs AS (
       SELECT DISTINCT k.store_id, k.item_id FROM supply_stock k JOIN supply_stores st ON st.id = k.store_id WHERE ${where.join(' AND ')}
       UNION SELECT d.store_id, d.item_id FROM supply_daily_use d JOIN supply_stores st ON st.id = d.store_id WHERE ${where.join(' AND ')} AND d.day > ${since}::date)
     SELECT p.store_id, st.name AS store_name, p.item_id, i.name AS item_name, i.category, i.unit, i.pack_size,
       COALESCE((SELECT sum(k.qty) FROM supply_stock k WHERE k.store_id = p.store_id AND k.item_id = p.item_id), 0)::int AS on_hand,
       COALESCE((SELECT sum(d.qty) FROM supply_daily_use d WHERE d.store_id = p.store_id AND d.item_id = p.item_id AND d.day > ${since}::date), 0)::int AS used,
       EXISTS (SELECT 1 FROM supply_alerts al WHERE al.store_id = p.store_id AND al.item_id = p.item_id AND al.cleared_at IS NULL) AS alert_open,
       COALESCE((SELECT json_agg(json_build_object('batchId', b.id, 'lot', b.lot, 'expiresOn', to_char(b.expires_on, 'YYYY-MM-DD'), 'qty', k.qty)
                   ORDER BY k.expires_on NULLS LAST, k.batch_id)
                   FROM supply_stock k JOIN supply_batches b ON b.id = k.batch_id WHERE k.store_id = p.store_id AND k.item_id = p.item_id AND k.qty > 0), '[]') AS batches
       FROM pairs p JOIN supply_stores st ON st.id = p.store_id JOIN supply_items i ON i.id = p.item_id
      ORDER BY st.name, i.category, i.name LIMIT 2000`,
    q.values,
  );
}
