import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';

/** The donations ledger's SQL, scoped by the area the donation was received for. */
export interface DonationRow {
  id: number;
  receipt_no: string;
  kind: 'money' | 'goods';
  donor_kind: 'person' | 'firm' | 'branch' | 'party_members';
  donor_name: string;
  donor_id_number: string | null;
  donor_phone: string | null;
  contributors: { name: string; amount: number }[];
  amount: string | null;
  restricted_use: string | null;
  disclose_name: boolean;
  received_on: string;
  area_id: number;
  area_path: string;
  area_name: string;
  store_id: number | null;
  store_name: string | null;
  movement_id: number | null;
  note: string | null;
  created_at: Date;
  goods: { itemId: number; itemName: string; unit: string; qty: number }[];
}

const COLUMNS = `d.id, d.receipt_no, d.kind, d.donor_kind, d.donor_name, d.donor_id_number, d.donor_phone, d.contributors, d.amount::text AS amount,
  d.restricted_use, d.disclose_name, to_char(d.received_on, 'YYYY-MM-DD') AS received_on, d.area_id, d.area_path, a.name AS area_name,
  d.store_id, st.name AS store_name, d.movement_id, d.note, d.created_at,
  COALESCE((SELECT json_agg(json_build_object('itemId', l.item_id, 'itemName', i.name, 'unit', i.unit, 'qty', l.qty) ORDER BY l.id)
    FROM supply_movement_lines l JOIN supply_items i ON i.id = l.item_id WHERE l.movement_id = d.movement_id), '[]') AS goods`;
const FROM = `supply_donations d JOIN ${areasAs('a')} ON a.id = d.area_id LEFT JOIN supply_stores st ON st.id = d.store_id`;

export async function listDonations(db: Queryable, scope: Scope, p: { underPath?: string; from?: string; to?: string; limit: number; offset: number }) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'd.area_path', q)];
  if (p.underPath) where.push(`d.area_path LIKE ${q.add(`${p.underPath}%`)}`);
  if (p.from) where.push(`d.received_on >= ${q.add(p.from)}::date`);
  if (p.to) where.push(`d.received_on <= ${q.add(p.to)}::date`);
  const w = where.join(' AND ');
  const [{ n, money }] = await db.query<{ n: number; money: string }>(
    `SELECT count(*)::int AS n, COALESCE(sum(d.amount) FILTER (WHERE d.kind = 'money'), 0)::text AS money FROM supply_donations d WHERE ${w}`,
    q.values,
  );
  const rows = await db.query<DonationRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE ${w} ORDER BY d.received_on DESC, d.id DESC LIMIT ${q.add(p.limit)} OFFSET ${q.add(p.offset)}`,
    q.values,
  );
  return { rows, total: n, moneyTotal: Number(money) };
}

export async function findDonation(db: Queryable, scope: Scope, id: number): Promise<DonationRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<DonationRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE d.id = ${q.add(id)} AND ${scopeClause(scope, 'd.area_path', q)}`, q.values);
  return row ?? null;
}

export async function donationOfClient(db: Queryable, clientId: string): Promise<number | null> {
  const [row] = await db.query<{ id: number }>('SELECT id FROM supply_donations WHERE client_id = $1', [clientId]);
  return row?.id ?? null;
}

export async function nextDonationId(tx: Queryable): Promise<number> {
  const [row] = await tx.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('supply_donations', 'id'))::int AS id`);
  return row.id;
}

export async function insertDonation(tx: Queryable, d: Record<string, unknown>) {
  const cols = Object.keys(d);
  await tx.query(
    `INSERT INTO supply_donations (${cols.join(', ')}) VALUES (${cols.map((c, i) => (c === 'contributors' ? `$${i + 1}::jsonb` : `$${i + 1}`)).join(', ')})`,
    Object.values(d),
  );
}

export async function setDonationMovement(tx: Queryable, id: number, movementId: number) {
  await tx.query('UPDATE supply_donations SET movement_id = $2 WHERE id = $1', [id, movementId]);
}

/** Every movement line of the donation's batches after they came in (issues, transfers, counts), oldest first. */
export async function traceOf(db: Queryable, donationId: number) {
  return db.query<{
    item_id: number;
    movement_id: number;
    kind: 'receipt' | 'issue' | 'transfer' | 'count';
    source: string | null;
    occurred_on: string;
    store_name: string;
    to_store_name: string | null;
    target_id: number | null;
    store_id: number;
    from_store_id: number;
    qty: number;
  }>(
    `SELECT l.item_id, m.id AS movement_id, m.kind, m.source, to_char(m.occurred_on, 'YYYY-MM-DD') AS occurred_on, s.name AS store_name, ts.name AS to_store_name,
            m.target_id, l.store_id, m.store_id AS from_store_id, l.qty
       FROM supply_batches b JOIN supply_movement_lines l ON l.batch_id = b.id JOIN supply_movements m ON m.id = l.movement_id
       JOIN supply_stores s ON s.id = m.store_id LEFT JOIN supply_stores ts ON ts.id = m.to_store_id
      WHERE b.donation_id = $1 ORDER BY m.id, l.id`,
    [donationId],
  );
}

/** On hand now of the donation's batches, per item. */
export async function onHandOf(db: Queryable, donationId: number): Promise<Map<number, number>> {
  const rows = await db.query<{ item_id: number; n: number }>(
    'SELECT b.item_id, COALESCE(sum(k.qty), 0)::int AS n FROM supply_batches b LEFT JOIN supply_stock k ON k.batch_id = b.id WHERE b.donation_id = $1 GROUP BY 1',
    [donationId],
  );
  return new Map(rows.map((r) => [r.item_id, r.n]));
}
