import type { Queryable } from '../../db/engine';

/**
 * The SQL of stock and movements. Every write here runs inside the caller's transaction; the services decide
 * what to write (earliest expiry first, refusals) after `lockStock` has locked the rows they will change.
 */
export interface LockedBatch {
  batchId: number;
  itemId: number;
  expiresOn: string | null;
  qty: number;
}

/**
 * Locks the stores' stock rows of these items, in one stable order (store, item, batch), so two issues touching the same
 * items never wait on each other in opposite orders (no deadlock), and a second issue reads the first's result
 * after it commits (READ COMMITTED re-reads a locked row once its lock is released).
 */
export async function lockStock(tx: Queryable, storeIds: number[], itemIds: number[]): Promise<(LockedBatch & { storeId: number })[]> {
  return tx.query<LockedBatch & { storeId: number }>(
    `SELECT store_id AS "storeId", batch_id AS "batchId", item_id AS "itemId", to_char(expires_on, 'YYYY-MM-DD') AS "expiresOn", qty
       FROM supply_stock WHERE store_id = ANY($1::int[]) AND item_id = ANY($2::int[])
      ORDER BY store_id, item_id, batch_id FOR UPDATE`,
    [storeIds, itemIds],
  );
}

export interface NewMovement {
  kind: 'receipt' | 'issue' | 'transfer' | 'count';
  source: string | null;
  storeId: number;
  areaPath: string;
  toStoreId?: number | null;
  toAreaPath?: string | null;
  targetId?: number | null;
  kitId?: number | null;
  kitCount?: number | null;
  donationId?: number | null;
  reason?: string | null;
  note?: string | null;
  occurredOn: string;
  clientId?: string | null;
  by: number;
}

/** Inserts the movement, claiming its client id: null when that id was already recorded (a resend). */
export async function insertMovement(tx: Queryable, m: NewMovement): Promise<number | null> {
  const rows = await tx.query<{ id: number }>(
    `INSERT INTO supply_movements (kind, source, store_id, area_path, to_store_id, to_area_path, target_id, kit_id, kit_count, donation_id, reason, note,
       occurred_on, client_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (client_id) DO NOTHING RETURNING id`,
    [
      m.kind,
      m.source,
      m.storeId,
      m.areaPath,
      m.toStoreId ?? null,
      m.toAreaPath ?? null,
      m.targetId ?? null,
      m.kitId ?? null,
      m.kitCount ?? null,
      m.donationId ?? null,
      m.reason ?? null,
      m.note ?? null,
      m.occurredOn,
      m.clientId ?? null,
      m.by,
    ],
  );
  return rows[0]?.id ?? null;
}

export async function movementIdOfClient(db: Queryable, clientId: string): Promise<{ id: number; area_path: string } | null> {
  const [row] = await db.query<{ id: number; area_path: string }>('SELECT id, area_path FROM supply_movements WHERE client_id = $1', [clientId]);
  return row ?? null;
}

/** New batches, one per receipt line, in the lines' order. */
export async function insertBatches(
  tx: Queryable,
  p: {
    movementId: number;
    donationId: number | null;
    receivedOn: string;
    areaPath: string;
    lines: { itemId: number; lot?: string | null; expiresOn?: string | null }[];
  },
): Promise<number[]> {
  const rows = await tx.query<{ id: number }>(
    `INSERT INTO supply_batches (item_id, lot, expires_on, received_on, movement_id, donation_id, area_path)
     SELECT u.item_id, u.lot, u.expires_on, $4, $5, $6, $7
       FROM unnest($1::int[], $2::text[], $3::date[]) WITH ORDINALITY AS u(item_id, lot, expires_on, n) ORDER BY u.n
     RETURNING id`,
    [
      p.lines.map((l) => l.itemId),
      p.lines.map((l) => l.lot ?? null),
      p.lines.map((l) => l.expiresOn ?? null),
      p.receivedOn,
      p.movementId,
      p.donationId,
      p.areaPath,
    ],
  );
  return rows.map((r) => r.id);
}

export interface LineChange {
  batchId: number;
  itemId: number;
  qty: number;
}

/**
 * Applies signed changes to one store's stock and writes them as the movement's lines. Taking out is an UPDATE of
 * rows the caller has locked; putting in creates the row (the batch's expiry copied from the batch) or adds to it.
 * The table's CHECK (qty >= 0) is the last guard behind the locks.
 */
export async function applyLines(tx: Queryable, p: { movementId: number; storeId: number; areaPath: string; changes: LineChange[] }) {
  if (!p.changes.length) return;
  const batches = p.changes.map((c) => c.batchId);
  const items = p.changes.map((c) => c.itemId);
  const qtys = p.changes.map((c) => c.qty);
  const out = p.changes.filter((c) => c.qty < 0);
  const into = p.changes.filter((c) => c.qty > 0);
  await tx.query(
    `INSERT INTO supply_movement_lines (movement_id, store_id, area_path, item_id, batch_id, qty)
     SELECT $1, $2, $3, u.item_id, u.batch_id, u.qty FROM unnest($4::int[], $5::int[], $6::int[]) AS u(batch_id, item_id, qty)`,
    [p.movementId, p.storeId, p.areaPath, batches, items, qtys],
  );
  if (out.length) {
    await tx.query(
      `UPDATE supply_stock s SET qty = s.qty + c.qty
         FROM (SELECT batch_id, sum(qty)::int AS qty FROM unnest($2::int[], $3::int[]) AS u(batch_id, qty) GROUP BY 1) c
        WHERE s.store_id = $1 AND s.batch_id = c.batch_id`,
      [p.storeId, out.map((c) => c.batchId), out.map((c) => c.qty)],
    );
  }
  if (into.length) {
    await tx.query(
      `INSERT INTO supply_stock (store_id, batch_id, item_id, expires_on, area_path, qty)
       SELECT $1, c.batch_id, b.item_id, b.expires_on, $2, c.qty
         FROM (SELECT batch_id, sum(qty)::int AS qty FROM unnest($3::int[], $4::int[]) AS u(batch_id, qty) GROUP BY 1) c
         JOIN supply_batches b ON b.id = c.batch_id
       ON CONFLICT (store_id, batch_id) DO UPDATE SET qty = supply_stock.qty + EXCLUDED.qty`,
      [p.storeId, p.areaPath, into.map((c) => c.batchId), into.map((c) => c.qty)],
    );
  }
}

/** Adds the day's issued quantities per item (for days of cover). */
export async function addDailyUse(tx: Queryable, p: { storeId: number; areaPath: string; day: string; byItem: Map<number, number> }) {
  if (!p.byItem.size) return;
  await tx.query(
    `INSERT INTO supply_daily_use (store_id, item_id, day, area_path, qty)
     SELECT $1, u.item_id, $2, $3, u.qty FROM unnest($4::int[], $5::int[]) AS u(item_id, qty)
     ON CONFLICT (store_id, item_id, day) DO UPDATE SET qty = supply_daily_use.qty + EXCLUDED.qty`,
    [p.storeId, p.day, p.areaPath, [...p.byItem.keys()], [...p.byItem.values()]],
  );
}

/** On hand and used in the window, per item of a store (for the alert check inside a movement's transaction). */
/** The same for many store × item pairs at once (a group-committed batch of issues touches many stores). */
export async function coverInputsMany(tx: Queryable, pairs: { storeId: number; itemId: number; since: string }[]) {
  return tx.query<{ store_id: number; item_id: number; on_hand: number; used: number }>(
    `SELECT p.store_id, p.item_id,
            COALESCE((SELECT sum(qty) FROM supply_stock s WHERE s.store_id = p.store_id AND s.item_id = p.item_id), 0)::int AS on_hand,
            COALESCE((SELECT sum(qty) FROM supply_daily_use d WHERE d.store_id = p.store_id AND d.item_id = p.item_id AND d.day > p.since), 0)::int AS used
       FROM unnest($1::int[], $2::int[], $3::date[]) AS p(store_id, item_id, since)`,
    [pairs.map((x) => x.storeId), pairs.map((x) => x.itemId), pairs.map((x) => x.since)],
  );
}

export async function coverInputs(tx: Queryable, p: { storeId: number; itemIds: number[]; since: string }) {
  return tx.query<{ item_id: number; on_hand: number; used: number }>(
    `SELECT i.item_id,
            COALESCE((SELECT sum(qty) FROM supply_stock s WHERE s.store_id = $1 AND s.item_id = i.item_id), 0)::int AS on_hand,
            COALESCE((SELECT sum(qty) FROM supply_daily_use d WHERE d.store_id = $1 AND d.item_id = i.item_id AND d.day > $3::date), 0)::int AS used
       FROM unnest($2::int[]) AS i(item_id)`,
    [p.storeId, p.itemIds, p.since],
  );
}
