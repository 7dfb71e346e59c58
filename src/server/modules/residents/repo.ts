import type { Queryable } from '../../db/engine';
import { areasAs } from '../areas/sql';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams, likeEscape } from '../../platform/sql';

/** SQL of the resident registry. Every read takes the caller's scope and builds the predicate itself. */
export interface HouseholdRow {
  id: number;
  area_id: number;
  area_path: string;
  area_name: string;
  address: string;
  unit: string | null;
  room: string | null;
  village_group: string | null;
  house_no: string | null;
  phone: string | null;
  head_resident_id: number | null;
  head_name: string | null;
  member_count: number;
  notes: string | null;
  created_at: Date;
}

export interface ResidentRow {
  id: number;
  area_id: number;
  area_path: string;
  area_name: string;
  household_id: number | null;
  household_address: string | null;
  relation: string | null;
  name: string;
  id_type: string;
  id_number: string | null;
  sex: 'M' | 'F' | null;
  birth_date: string | null;
  phone: string | null;
  phone2: string | null;
  registered_address: string | null;
  separated: boolean;
  groups: string[];
  pregnancy_due_date: string | null;
  care_schedule: string | null;
  status: string;
  away_where: string | null;
  away_since: string | null;
  notes: string | null;
  merged_into: number | null;
  created_at: Date;
  updated_at: Date;
}

const HOUSEHOLD_COLUMNS = `h.id, h.area_id, h.area_path, a.name AS area_name, h.address, h.unit, h.room, h.village_group, h.house_no,
  h.phone, h.head_resident_id, hr.name AS head_name, h.notes, h.created_at,
  (SELECT count(*)::int FROM residents m WHERE m.household_id = h.id AND m.merged_into IS NULL AND m.status IN ('present', 'away')) AS member_count`;
const HOUSEHOLD_FROM = `households h JOIN ${areasAs('a')} ON a.id = h.area_id LEFT JOIN residents hr ON hr.id = h.head_resident_id`;

// Dates as text so they survive JSON unchanged on both engines.
export const RESIDENT_COLUMNS = `r.id, r.area_id, r.area_path, a.name AS area_name, r.household_id, h.address AS household_address, r.relation,
  r.name, r.id_type, r.id_number, r.sex, to_char(r.birth_date, 'YYYY-MM-DD') AS birth_date, r.phone, r.phone2,
  r.registered_address, r.separated, r.groups, to_char(r.pregnancy_due_date, 'YYYY-MM-DD') AS pregnancy_due_date,
  r.care_schedule, r.status, r.away_where, to_char(r.away_since, 'YYYY-MM-DD') AS away_since, r.notes, r.merged_into,
  r.created_at, r.updated_at`;
export const RESIDENT_FROM = `residents r JOIN ${areasAs('a')} ON a.id = r.area_id LEFT JOIN households h ON h.id = r.household_id`;

export async function findHousehold(db: Queryable, scope: Scope, id: number): Promise<HouseholdRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<HouseholdRow>(
    `SELECT ${HOUSEHOLD_COLUMNS} FROM ${HOUSEHOLD_FROM} WHERE h.id = ${q.add(id)} AND ${scopeClause(scope, 'h.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

export async function listHouseholds(db: Queryable, scope: Scope, p: { underPath?: string; q?: string; page: number; pageSize: number }) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'h.area_path', q)];
  if (p.underPath) where.push(`h.area_path LIKE ${q.add(p.underPath + '%')}`);
  if (p.q) where.push(`h.address LIKE ${q.add(`%${likeEscape(p.q.trim())}%`)}`);
  const w = where.join(' AND ');
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM households h WHERE ${w}`, q.values);
  const rows = await db.query<HouseholdRow>(
    `SELECT ${HOUSEHOLD_COLUMNS} FROM ${HOUSEHOLD_FROM} WHERE ${w} ORDER BY h.area_path, h.address, h.id
      LIMIT ${q.add(p.pageSize)} OFFSET ${q.add((p.page - 1) * p.pageSize)}`,
    q.values,
  );
  return { rows, total };
}

export interface HouseholdFields {
  areaId: number;
  areaPath: string;
  address: string;
  unit: string | null;
  room: string | null;
  villageGroup: string | null;
  houseNo: string | null;
  phone: string | null;
  headResidentId: number | null;
  notes: string | null;
}

export async function insertHousehold(tx: Queryable, f: HouseholdFields): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO households (area_id, area_path, address, unit, room, village_group, house_no, phone, head_resident_id, notes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [f.areaId, f.areaPath, f.address, f.unit, f.room, f.villageGroup, f.houseNo, f.phone, f.headResidentId, f.notes],
  );
  return row.id;
}

export async function updateHousehold(tx: Queryable, id: number, f: HouseholdFields) {
  await tx.query(
    `UPDATE households SET area_id = $2, area_path = $3, address = $4, unit = $5, room = $6, village_group = $7, house_no = $8,
       phone = $9, head_resident_id = $10, notes = $11, updated_at = now() WHERE id = $1`,
    [id, f.areaId, f.areaPath, f.address, f.unit, f.room, f.villageGroup, f.houseNo, f.phone, f.headResidentId, f.notes],
  );
}

/** A household moved to another area takes its members (and their open stays) along. */
export async function moveHouseholdMembers(tx: Queryable, householdId: number, areaId: number, areaPath: string) {
  await tx.query('UPDATE residents SET area_id = $2, area_path = $3, updated_at = now() WHERE household_id = $1', [householdId, areaId, areaPath]);
  await tx.query('UPDATE resident_stays SET area_path = $2 WHERE household_id = $1 AND to_date IS NULL', [householdId, areaPath]);
}

export async function findResident(db: Queryable, scope: Scope, id: number): Promise<ResidentRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<ResidentRow>(
    `SELECT ${RESIDENT_COLUMNS} FROM ${RESIDENT_FROM} WHERE r.id = ${q.add(id)} AND ${scopeClause(scope, 'r.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

/** Several people by id in one statement (a line list of contacts): those in scope, in no particular order. */
export async function findResidents(db: Queryable, scope: Scope, ids: readonly number[]): Promise<ResidentRow[]> {
  if (!ids.length) return [];
  const q = new SqlParams();
  return db.query<ResidentRow>(
    `SELECT ${RESIDENT_COLUMNS} FROM ${RESIDENT_FROM} WHERE r.id = ANY(${q.add([...ids])}::int[]) AND ${scopeClause(scope, 'r.area_path', q)}`,
    q.values,
  );
}

export async function householdMembers(db: Queryable, householdId: number): Promise<ResidentRow[]> {
  return db.query<ResidentRow>(
    `SELECT ${RESIDENT_COLUMNS} FROM ${RESIDENT_FROM} WHERE r.household_id = $1 AND r.merged_into IS NULL ORDER BY r.relation = 'head' DESC, r.birth_date NULLS LAST, r.id`,
    [householdId],
  );
}

/** Deployment-wide: one ID number, one person. Callers mask what lies outside the scope. */
export async function findByIdNumberUnscoped(db: Queryable, idNumber: string): Promise<{ id: number; area_path: string; area_name: string } | null> {
  const [row] = await db.query(
    `SELECT r.id, r.area_path, a.name AS area_name FROM residents r JOIN ${areasAs('a')} ON a.id = r.area_id
      WHERE r.id_number = $1 AND r.merged_into IS NULL`,
    [idNumber],
  );
  return (row as any) ?? null;
}

export interface ResidentFields {
  areaId: number;
  areaPath: string;
  householdId: number | null;
  relation: string | null;
  name: string;
  namePinyin: string;
  nameInitials: string;
  idType: string;
  idNumber: string | null;
  sex: string | null;
  birthDate: string | null;
  phone: string | null;
  phone2: string | null;
  registeredAddress: string | null;
  separated: boolean;
  groups: string[];
  pregnancyDueDate: string | null;
  careSchedule: string | null;
  status: string;
  awayWhere: string | null;
  awaySince: string | null;
  notes: string | null;
}

const FIELD_COLUMNS = [
  ['areaId', 'area_id'],
  ['areaPath', 'area_path'],
  ['householdId', 'household_id'],
  ['relation', 'relation'],
  ['name', 'name'],
  ['namePinyin', 'name_pinyin'],
  ['nameInitials', 'name_initials'],
  ['idType', 'id_type'],
  ['idNumber', 'id_number'],
  ['sex', 'sex'],
  ['birthDate', 'birth_date'],
  ['phone', 'phone'],
  ['phone2', 'phone2'],
  ['registeredAddress', 'registered_address'],
  ['separated', 'separated'],
  ['groups', 'groups'],
  ['pregnancyDueDate', 'pregnancy_due_date'],
  ['careSchedule', 'care_schedule'],
  ['status', 'status'],
  ['awayWhere', 'away_where'],
  ['awaySince', 'away_since'],
  ['notes', 'notes'],
] as const;

export async function insertResident(tx: Queryable, f: ResidentFields): Promise<number> {
  const cols = FIELD_COLUMNS.map(([, c]) => c).join(', ');
  const params = FIELD_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO residents (${cols}) VALUES (${params}) RETURNING id`,
    FIELD_COLUMNS.map(([k]) => f[k]),
  );
  return row.id;
}

export async function updateResident(tx: Queryable, id: number, f: ResidentFields) {
  const sets = FIELD_COLUMNS.map(([, c], i) => `${c} = $${i + 2}`).join(', ');
  await tx.query(`UPDATE residents SET ${sets}, updated_at = now() WHERE id = $1`, [id, ...FIELD_COLUMNS.map(([k]) => f[k])]);
}

export async function openStay(tx: Queryable, residentId: number, householdId: number | null, areaPath: string, from: string) {
  await tx.query('INSERT INTO resident_stays (resident_id, household_id, area_path, from_date) VALUES ($1, $2, $3, $4)', [
    residentId,
    householdId,
    areaPath,
    from,
  ]);
}

/** Ends the current stay on `on` (exclusive). A stay that would end before it began starts and ends that day. */
export async function closeStay(tx: Queryable, residentId: number, on: string) {
  await tx.query(`UPDATE resident_stays SET to_date = greatest(from_date, $2::date) WHERE resident_id = $1 AND to_date IS NULL`, [residentId, on]);
}

export async function currentStayStart(db: Queryable, residentId: number): Promise<string | null> {
  const [row] = await db.query<{ d: string }>(`SELECT to_char(from_date, 'YYYY-MM-DD') AS d FROM resident_stays WHERE resident_id = $1 AND to_date IS NULL`, [
    residentId,
  ]);
  return row?.d ?? null;
}

export async function staysOf(db: Queryable, residentId: number) {
  return db.query(
    `SELECT st.household_id AS "householdId", h.address, a.name AS "areaName",
            to_char(st.from_date, 'YYYY-MM-DD') AS "from", to_char(st.to_date, 'YYYY-MM-DD') AS "to"
       FROM resident_stays st LEFT JOIN households h ON h.id = st.household_id
       LEFT JOIN ${areasAs('a')} ON a.path = st.area_path
      WHERE st.resident_id = $1 ORDER BY st.from_date, st.id`,
    [residentId],
  );
}
