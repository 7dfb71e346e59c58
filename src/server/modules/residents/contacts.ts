import type { Queryable } from '../../db/engine';
import { areasAs } from '../areas/sql';

/**
 * How to reach people another module's work is about (a home-sampling or retest task's person): their name,
 * phone and household address, by id, within an area. The caller masks the phone before it leaves the server
 * and audits any full number it hands out.
 */
export interface ContactRow {
  id: number;
  name: string;
  phone: string | null;
  address: string | null;
  area_path: string;
  area_name: string;
}

export async function contactsOf(db: Queryable, ids: number[]): Promise<Map<number, ContactRow>> {
  if (!ids.length) return new Map();
  const rows = await db.query<ContactRow>(
    `SELECT r.id, r.name, COALESCE(r.phone, h.phone) AS phone, h.address, r.area_path, a.name AS area_name
       FROM residents r JOIN ${areasAs('a')} ON a.id = r.area_id LEFT JOIN households h ON h.id = r.household_id
      WHERE r.id = ANY($1::int[])`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id, r]));
}
