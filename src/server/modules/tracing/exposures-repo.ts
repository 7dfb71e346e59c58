import type { Queryable } from '../../db/engine';
import { areasAs } from '../areas/sql';
import { householdsAs, residentsAs } from '../residents/sql';

/** The registry's side of exposure suggestions, read through the lent tables of the residents module. */
export interface Neighbour {
  resident_id: number;
  same_household: boolean;
  address: string;
}

/** The case's household and the other households of its building (same area, same address), at most 500 people. */
export function householdAndBuilding(db: Queryable, residentId: number): Promise<Neighbour[]> {
  return db.query<Neighbour>(
    `WITH me AS (SELECT r.household_id, h.area_id, h.address FROM ${residentsAs('r')} JOIN ${householdsAs('h')} ON h.id = r.household_id WHERE r.id = $1)
     SELECT r.id AS resident_id, r.household_id = me.household_id AS same_household, h.address
       FROM me JOIN ${householdsAs('h')} ON h.area_id = me.area_id AND h.address = me.address
       JOIN ${residentsAs('r')} ON r.household_id = h.id AND r.merged_into IS NULL AND r.id <> $1 AND r.status <> 'deceased'
      ORDER BY r.household_id = me.household_id DESC, r.id
      LIMIT 500`,
    [residentId],
  );
}

export interface PersonRow {
  id: number;
  name: string;
  phone: string | null;
  area_path: string;
  area_name: string;
}

export function people(db: Queryable, ids: number[]): Promise<PersonRow[]> {
  if (!ids.length) return Promise.resolve([]);
  return db.query<PersonRow>(
    `SELECT r.id, r.name, r.phone, r.area_path, a.name AS area_name FROM ${residentsAs('r')} JOIN ${areasAs('a')} ON a.id = r.area_id
      WHERE r.id = ANY($1::int[])`,
    [ids],
  );
}
