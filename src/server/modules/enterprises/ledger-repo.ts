import type { Queryable } from '../../db/engine';
import { usersAs } from '../users/sql';

/** Staff lists and daily ledgers. The caller has found the enterprise in its scope first. */
export interface Returnee {
  staffId: number;
  name: string;
  originCode: string;
  originName: string;
  level: string;
  returnedOn: string;
  flagged: boolean;
}

export interface LedgerRow {
  id: number;
  day: string;
  present: number;
  temperature_abnormal: number;
  returnees: Returnee[];
  flagged: number;
  note: string | null;
  submitted_at: Date;
  submitted_by_name: string | null;
}

const LEDGER = `l.id, to_char(l.day, 'YYYY-MM-DD') AS day, l.present, l.temperature_abnormal, l.returnees, l.flagged, l.note, l.submitted_at,
  u.display_name AS submitted_by_name FROM enterprise_ledgers l LEFT JOIN ${usersAs('u')} ON u.id = l.submitted_by`;

/** Replaces the day's ledger if one was sent already (a phone resending it); `created` tells which. */
export async function upsertLedger(
  tx: Queryable,
  l: { enterpriseId: number; areaPath: string; day: string; present: number; abnormal: number; returnees: Returnee[]; note: string | null; by: number },
): Promise<{ id: number; created: boolean }> {
  const flagged = l.returnees.filter((r) => r.flagged).length;
  const [row] = await tx.query<{ id: number; created: boolean }>(
    `INSERT INTO enterprise_ledgers (enterprise_id, area_path, day, present, temperature_abnormal, returnees, flagged, note, submitted_by)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9)
     ON CONFLICT (enterprise_id, day) DO UPDATE SET present = EXCLUDED.present, temperature_abnormal = EXCLUDED.temperature_abnormal,
       returnees = EXCLUDED.returnees, flagged = EXCLUDED.flagged, note = EXCLUDED.note, submitted_by = EXCLUDED.submitted_by, submitted_at = now()
     RETURNING id, (xmax = 0) AS created`,
    [l.enterpriseId, l.areaPath, l.day, l.present, l.abnormal, JSON.stringify(l.returnees), flagged, l.note, l.by],
  );
  return row;
}

export async function findLedger(db: Queryable, id: number): Promise<LedgerRow> {
  const [row] = await db.query<LedgerRow>(`SELECT ${LEDGER} WHERE l.id = $1`, [id]);
  return row;
}

export async function ledgersOf(db: Queryable, enterpriseId: number, p: { limit: number; offset: number }) {
  const [rows, [{ n }]] = await Promise.all([
    db.query<LedgerRow>(`SELECT ${LEDGER} WHERE l.enterprise_id = $1 ORDER BY l.day DESC LIMIT $2 OFFSET $3`, [enterpriseId, p.limit, p.offset]),
    db.query<{ n: number }>('SELECT count(*)::int AS n FROM enterprise_ledgers WHERE enterprise_id = $1', [enterpriseId]),
  ]);
  return { rows, total: n };
}

// ——— staff ———
export interface StaffRow {
  id: number;
  name: string;
  id_number: string;
  phone: string | null;
  post: string | null;
}

export async function staffOf(db: Queryable, enterpriseId: number, p: { limit: number; offset: number }) {
  const [rows, [{ n }]] = await Promise.all([
    db.query<StaffRow>('SELECT id, name, id_number, phone, post FROM enterprise_staff WHERE enterprise_id = $1 AND active ORDER BY id LIMIT $2 OFFSET $3', [
      enterpriseId,
      p.limit,
      p.offset,
    ]),
    db.query<{ n: number }>('SELECT count(*)::int AS n FROM enterprise_staff WHERE enterprise_id = $1 AND active', [enterpriseId]),
  ]);
  return { rows, total: n };
}

export async function staffByIds(db: Queryable, enterpriseId: number, ids: number[]): Promise<StaffRow[]> {
  return db.query<StaffRow>('SELECT id, name, id_number, phone, post FROM enterprise_staff WHERE enterprise_id = $1 AND active AND id = ANY($2::int[])', [
    enterpriseId,
    ids,
  ]);
}

export async function activeIdNumbers(db: Queryable, enterpriseId: number): Promise<string[]> {
  const rows = await db.query<{ id_number: string }>('SELECT id_number FROM enterprise_staff WHERE enterprise_id = $1 AND active', [enterpriseId]);
  return rows.map((r) => r.id_number);
}

/** The old list retired and the new one written, in the caller's transaction. */
export async function replaceStaff(
  tx: Queryable,
  enterpriseId: number,
  areaPath: string,
  people: { name: string; idNumber: string; phone: string | null; post: string | null }[],
): Promise<void> {
  await tx.query('UPDATE enterprise_staff SET active = false WHERE enterprise_id = $1 AND active', [enterpriseId]);
  if (!people.length) return;
  await tx.query(
    `INSERT INTO enterprise_staff (enterprise_id, area_path, name, id_number, phone, post)
     SELECT $1, $2, n, i, p, o FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) AS x(n, i, p, o)`,
    [enterpriseId, areaPath, people.map((x) => x.name), people.map((x) => x.idNumber), people.map((x) => x.phone), people.map((x) => x.post)],
  );
}

/** Enterprises at work (or applying) with active staff: the sweep's candidates. */
export async function enterprisesToSweep(db: Queryable): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `SELECT e.id FROM enterprises e WHERE e.status IN ('resumed', 'applying')
        AND EXISTS (SELECT 1 FROM enterprise_staff s WHERE s.enterprise_id = e.id AND s.active) ORDER BY e.id`,
  );
  return rows.map((r) => r.id);
}
