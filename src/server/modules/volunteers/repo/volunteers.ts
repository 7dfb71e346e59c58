import { classifySearch } from '../../../../domain/search-text';
import type { Queryable } from '../../../db/engine';
import { areasAs } from '../../areas/sql';
import type { Scope } from '../../../platform/scope';
import { scopeClause } from '../../../platform/scope';
import { likeEscape, nameContains, SqlParams } from '../../../platform/sql';

/** SQL of volunteers. Every read takes the caller's scope; the lookups by ID number or account say Unscoped. */

export interface VolunteerRow {
  id: number;
  area_id: number;
  area_path: string;
  area_name: string;
  resident_id: number | null;
  name: string;
  id_type: string;
  id_number: string | null;
  sex: 'M' | 'F' | null;
  birth_date: string | null;
  phone: string | null;
  category: string;
  skills: string[];
  availability: unknown;
  health_status: string;
  emergency_name: string | null;
  emergency_phone: string | null;
  user_id: number | null;
  status: string;
  notes: string | null;
  created_at: Date;
}

export const VOLUNTEER_COLUMNS = `v.id, v.area_id, v.area_path, a.name AS area_name, v.resident_id, v.name, v.id_type, v.id_number, v.sex,
  to_char(v.birth_date, 'YYYY-MM-DD') AS birth_date, v.phone, v.category, v.skills, v.availability, v.health_status,
  v.emergency_name, v.emergency_phone, v.user_id, v.status, v.notes, v.created_at`;
export const VOLUNTEER_FROM = `volunteers v JOIN ${areasAs('a')} ON a.id = v.area_id`;

export async function findVolunteer(db: Queryable, scope: Scope, id: number): Promise<VolunteerRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<VolunteerRow>(
    `SELECT ${VOLUNTEER_COLUMNS} FROM ${VOLUNTEER_FROM} WHERE v.id = ${q.add(id)} AND ${scopeClause(scope, 'v.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

/** Several volunteers at once, all of which must be in scope: returns those found. */
export async function findVolunteers(db: Queryable, scope: Scope, ids: number[]): Promise<VolunteerRow[]> {
  const q = new SqlParams();
  return db.query<VolunteerRow>(
    `SELECT ${VOLUNTEER_COLUMNS} FROM ${VOLUNTEER_FROM} WHERE v.id = ANY(${q.add(ids)}::int[]) AND ${scopeClause(scope, 'v.area_path', q)}`,
    q.values,
  );
}

/** Deployment-wide: one ID number, one volunteer. Callers mask what lies outside the scope. */
export async function findVolunteerByIdNumberUnscoped(db: Queryable, idNumber: string): Promise<{ id: number; area_path: string; area_name: string } | null> {
  const [row] = await db.query<{ id: number; area_path: string; area_name: string }>(
    `SELECT v.id, v.area_path, a.name AS area_name FROM volunteers v JOIN ${areasAs('a')} ON a.id = v.area_id WHERE v.id_number = $1`,
    [idNumber],
  );
  return row ?? null;
}

/** The volunteer linked to a signed-in account: the account is the key, no area scope applies. */
export async function findVolunteerByUserUnscoped(db: Queryable, userId: number): Promise<VolunteerRow | null> {
  const [row] = await db.query<VolunteerRow>(`SELECT ${VOLUNTEER_COLUMNS} FROM ${VOLUNTEER_FROM} WHERE v.user_id = $1`, [userId]);
  return row ?? null;
}

export interface VolunteerSearch {
  q?: string;
  underPath?: string;
  category?: string;
  skill?: string;
  orgId?: number;
  teamId?: number;
  /** Digits may find the end of an ID number or phone: only for a caller who may reveal them (a masked match would confirm a guess). */
  byNumber?: boolean;
  page: number;
  pageSize: number;
}

export async function searchVolunteers(db: Queryable, scope: Scope, s: VolunteerSearch) {
  const q = new SqlParams();
  const w = searchWhere(scope, s, q);
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM volunteers v WHERE ${w}`, q.values);
  const rows = await db.query<VolunteerRow>(
    `SELECT ${VOLUNTEER_COLUMNS} FROM ${VOLUNTEER_FROM} WHERE ${w} ORDER BY v.area_path, v.name, v.id
      LIMIT ${q.add(s.pageSize)} OFFSET ${q.add((s.page - 1) * s.pageSize)}`,
    q.values,
  );
  return { rows, total };
}

/** The list's filters as one predicate on `volunteers v`, scope first (the list and its export share it). */
export function searchWhere(scope: Scope, s: Omit<VolunteerSearch, 'page' | 'pageSize'>, q: SqlParams): string {
  const where = [scopeClause(scope, 'v.area_path', q)];
  if (s.underPath) where.push(`v.area_path LIKE ${q.add(s.underPath + '%')}`);
  if (s.category) where.push(`v.category = ${q.add(s.category)}`);
  if (s.skill) where.push(`v.skills @> ARRAY[${q.add(s.skill)}]::text[]`);
  if (s.orgId) where.push(`EXISTS (SELECT 1 FROM party_memberships m WHERE m.volunteer_id = v.id AND m.org_id = ${q.add(s.orgId)} AND m.left_on IS NULL)`);
  if (s.teamId) where.push(`EXISTS (SELECT 1 FROM team_members tm WHERE tm.volunteer_id = v.id AND tm.team_id = ${q.add(s.teamId)})`);
  const text = s.q?.trim();
  if (text) {
    // The registry's rule (`classifySearch`): numbers for those who may reveal them, anything else part of a
    // name — volunteers have no address to search — compared by its key (spaces and dots typed or not).
    const kind = classifySearch(text, 'name');
    if (kind === 'id_number' || kind === 'digits') {
      if (!s.byNumber) return [...where, 'false'].join(' AND ');
      const tail = q.add(likeEscape(text.replace(/\s+/g, '').toUpperCase().split('').reverse().join('')) + '%');
      where.push(`(reverse(v.id_number) LIKE ${tail} OR reverse(v.phone) LIKE ${tail})`);
    } else {
      where.push(nameContains('v.name', text, q));
    }
  }
  return where.join(' AND ');
}

export interface VolunteerFields {
  areaId: number;
  areaPath: string;
  residentId: number | null;
  name: string;
  idType: string;
  idNumber: string | null;
  sex: 'M' | 'F' | null;
  birthDate: string | null;
  phone: string | null;
  category: string;
  skills: string[];
  availability: unknown;
  healthStatus: string;
  emergencyName: string | null;
  emergencyPhone: string | null;
  status: string;
  notes: string | null;
}

function volunteerValues(f: VolunteerFields) {
  return [
    f.areaId,
    f.areaPath,
    f.residentId,
    f.name,
    f.idType,
    f.idNumber,
    f.sex,
    f.birthDate,
    f.phone,
    f.category,
    f.skills,
    f.availability === null || f.availability === undefined ? null : JSON.stringify(f.availability),
    f.healthStatus,
    f.emergencyName,
    f.emergencyPhone,
    f.status,
    f.notes,
  ];
}

export async function insertVolunteer(tx: Queryable, f: VolunteerFields): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO volunteers (area_id, area_path, resident_id, name, id_type, id_number, sex, birth_date, phone, category, skills,
       availability, health_status, emergency_name, emergency_phone, status, notes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14, $15, $16, $17) RETURNING id`,
    volunteerValues(f),
  );
  return row.id;
}

export async function updateVolunteer(tx: Queryable, id: number, f: VolunteerFields) {
  await tx.query(
    `UPDATE volunteers SET area_id = $2, area_path = $3, resident_id = $4, name = $5, id_type = $6, id_number = $7, sex = $8,
       birth_date = $9, phone = $10, category = $11, skills = $12, availability = $13::jsonb, health_status = $14,
       emergency_name = $15, emergency_phone = $16, status = $17, notes = $18, updated_at = now()
     WHERE id = $1`,
    [id, ...volunteerValues(f)],
  );
}

export async function setVolunteerUser(tx: Queryable, id: number, userId: number) {
  await tx.query('UPDATE volunteers SET user_id = $2, updated_at = now() WHERE id = $1', [id, userId]);
}

/** The stored fields of a row, named as in VolunteerFields, so before/after in the trail line up. */
export function volunteerFields(r: VolunteerRow): VolunteerFields {
  return {
    areaId: r.area_id,
    areaPath: r.area_path,
    residentId: r.resident_id,
    name: r.name,
    idType: r.id_type,
    idNumber: r.id_number,
    sex: r.sex,
    birthDate: r.birth_date,
    phone: r.phone,
    category: r.category,
    skills: r.skills,
    availability: r.availability,
    healthStatus: r.health_status,
    emergencyName: r.emergency_name,
    emergencyPhone: r.emergency_phone,
    status: r.status,
    notes: r.notes,
  };
}
