import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { measuresAs } from '../monitoring/sql';
import { residentsAs } from '../residents/sql';
import { tasksAs } from '../tasks/sql';
import type { ContactInput, TrajectoryRowInput } from '../../../domain/tracing/schemas';

/**
 * Contact tracing's SQL: cases, their trajectory rows and contacts. Every read is scoped by the case's area
 * path. Names and masked numbers come from read-only joins on the registry (`residentsAs`), a contact's measure
 * and task from the monitoring and task modules' lent tables (`measuresAs`, `tasksAs`) — their records are
 * written only through those modules' faces.
 */
export interface CaseRow {
  id: number;
  resident_id: number;
  name: string;
  id_number: string | null;
  area_id: number;
  area_path: string;
  area_name: string;
  classification: string;
  onset_on: string | null;
  tested_on: string | null;
  reported_on: string;
  found_by: string;
  isolated_at: string | null;
  isolated_on: string | null;
  sampling_result_id: number | null;
  note: string | null;
  created_at: Date;
  contacts: number;
  to_find: number;
}

const d = (col: string, as: string) => `to_char(${col}, 'YYYY-MM-DD') AS ${as}`;
const CASE_COLUMNS = `c.id, c.resident_id, r.name, r.id_number, c.area_id, c.area_path, a.name AS area_name, c.classification,
  ${d('c.onset_on', 'onset_on')}, ${d('c.tested_on', 'tested_on')}, ${d('c.reported_on', 'reported_on')}, c.found_by, c.isolated_at,
  ${d('c.isolated_on', 'isolated_on')}, c.sampling_result_id, c.note, c.created_at,
  (SELECT count(*)::int FROM tracing_contacts k WHERE k.case_id = c.id) AS contacts,
  (SELECT count(*)::int FROM tracing_contacts k WHERE k.case_id = c.id AND k.placement = 'to_find') AS to_find`;
const CASE_FROM = `tracing_cases c JOIN ${residentsAs('r')} ON r.id = c.resident_id JOIN ${areasAs('a')} ON a.id = c.area_id`;

export async function listCases(db: Queryable, scope: Scope, p: { underPath?: string; classification?: string; limit: number; offset: number }) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'c.area_path', q)];
  if (p.underPath) where.push(`c.area_path LIKE ${q.add(`${p.underPath}%`)}`);
  if (p.classification) where.push(`c.classification = ${q.add(p.classification)}`);
  const w = where.join(' AND ');
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM tracing_cases c WHERE ${w}`, q.values);
  const rows = await db.query<CaseRow>(
    `SELECT ${CASE_COLUMNS} FROM ${CASE_FROM} WHERE ${w} ORDER BY c.reported_on DESC, c.id DESC LIMIT ${q.add(p.limit)} OFFSET ${q.add(p.offset)}`,
    q.values,
  );
  return { rows, total: n };
}

export async function findCase(db: Queryable, scope: Scope, id: number): Promise<CaseRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<CaseRow>(
    `SELECT ${CASE_COLUMNS} FROM ${CASE_FROM} WHERE c.id = ${q.add(id)} AND ${scopeClause(scope, 'c.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

/** The case of a person or of a sampling result, whatever the scope: one case per person in a deployment. */
export async function caseIdOfUnscoped(db: Queryable, p: { residentId?: number; samplingResultId?: number }): Promise<number | null> {
  const [row] = await db.query<{ id: number }>(
    `SELECT id FROM tracing_cases WHERE resident_id = $1 OR sampling_result_id = $2 ORDER BY (sampling_result_id = $2) DESC NULLS LAST LIMIT 1`,
    [p.residentId ?? null, p.samplingResultId ?? null],
  );
  return row?.id ?? null;
}

export interface CaseFields {
  classification: string;
  onsetOn: string | null;
  testedOn: string | null;
  reportedOn: string;
  isolatedAt: string | null;
  isolatedOn: string | null;
  note: string | null;
}

export async function insertCase(
  tx: Queryable,
  f: CaseFields & { residentId: number; areaId: number; areaPath: string; foundBy: string; samplingResultId: number | null; by: number },
): Promise<number> {
  const [{ id }] = await tx.query<{ id: number }>(
    `INSERT INTO tracing_cases (resident_id, area_id, area_path, classification, onset_on, tested_on, reported_on, found_by, isolated_at, isolated_on,
       sampling_result_id, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [
      f.residentId,
      f.areaId,
      f.areaPath,
      f.classification,
      f.onsetOn,
      f.testedOn,
      f.reportedOn,
      f.foundBy,
      f.isolatedAt,
      f.isolatedOn,
      f.samplingResultId,
      f.note,
      f.by,
    ],
  );
  return id;
}

export async function updateCase(tx: Queryable, id: number, f: CaseFields) {
  await tx.query(
    `UPDATE tracing_cases SET classification = $2, onset_on = $3, tested_on = $4, reported_on = $5, isolated_at = $6, isolated_on = $7, note = $8,
            updated_at = now() WHERE id = $1`,
    [id, f.classification, f.onsetOn, f.testedOn, f.reportedOn, f.isolatedAt, f.isolatedOn, f.note],
  );
}

// ——— trajectory ———
export interface TrajectoryRow {
  id: number;
  case_id: number;
  area_path: string;
  kind: 'place' | 'transport';
  starts_at: Date;
  ends_at: Date | null;
  place: string | null;
  place_area_id: number | null;
  place_area_name: string | null;
  sampling_point_id: number | null;
  post_id: number | null;
  venue_id: number | null;
  transport_kind: string | null;
  transport_number: string | null;
  seat: string | null;
  note: string | null;
}

const TRAJECTORY_SELECT = `SELECT j.id, j.case_id, j.area_path, j.kind, j.starts_at, j.ends_at, j.place, j.place_area_id, pa.name AS place_area_name,
    j.sampling_point_id, j.post_id, j.venue_id, j.transport_kind, j.transport_number, j.seat, j.note
  FROM tracing_trajectory j LEFT JOIN ${areasAs('pa')} ON pa.id = j.place_area_id`;

export function trajectoryOf(db: Queryable, caseId: number): Promise<TrajectoryRow[]> {
  return db.query<TrajectoryRow>(`${TRAJECTORY_SELECT} WHERE j.case_id = $1 ORDER BY j.starts_at, j.id`, [caseId]);
}

/** A trajectory row whose case is in scope. */
export async function findTrajectoryRow(db: Queryable, scope: Scope, id: number): Promise<TrajectoryRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<TrajectoryRow>(`${TRAJECTORY_SELECT} WHERE j.id = ${q.add(id)} AND ${scopeClause(scope, 'j.area_path', q)}`, q.values);
  return row ?? null;
}

/** All rows of a line list in one statement. */
export async function insertTrajectory(tx: Queryable, c: { id: number; area_path: string }, rows: TrajectoryRowInput[], by: number): Promise<number[]> {
  const col = <T>(f: (r: TrajectoryRowInput) => T) => rows.map(f);
  const out = await tx.query<{ id: number }>(
    `INSERT INTO tracing_trajectory (case_id, area_path, kind, starts_at, ends_at, place, place_area_id, transport_kind, transport_number, seat, note, created_by,
       sampling_point_id, post_id, venue_id)
     SELECT $1, $2, v.kind, v.starts_at, v.ends_at, v.place, v.area_id, v.transport_kind, v.transport_number, v.seat, v.note, $3, v.point_id, v.post_id, v.venue_id
       FROM unnest($4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::int[], $9::text[], $10::text[], $11::text[], $12::text[], $13::int[], $14::int[],
         $15::int[]) WITH ORDINALITY AS v(kind, starts_at, ends_at, place, area_id, transport_kind, transport_number, seat, note, point_id, post_id, venue_id, n)
      ORDER BY v.n RETURNING id`,
    [
      c.id,
      c.area_path,
      by,
      col((r) => r.kind),
      col((r) => r.startsAt),
      col((r) => r.endsAt ?? null),
      col((r) => r.place ?? null),
      col((r) => r.areaId ?? null),
      col((r) => (r.kind === 'transport' ? (r.transportKind ?? null) : null)),
      col((r) => (r.kind === 'transport' ? (r.transportNumber ?? null) : null)),
      col((r) => (r.kind === 'transport' ? (r.seat ?? null) : null)),
      col((r) => r.note ?? null),
      col((r) => (r.kind === 'place' ? (r.samplingPointId ?? null) : null)),
      col((r) => (r.kind === 'place' ? (r.postId ?? null) : null)),
      col((r) => (r.kind === 'place' ? (r.venueId ?? null) : null)),
    ],
  );
  return out.map((r) => r.id);
}

export async function deleteTrajectoryRow(tx: Queryable, id: number) {
  await tx.query(`DELETE FROM tracing_trajectory WHERE id = $1`, [id]);
}

// ——— contacts ———
export interface ContactRow {
  id: number;
  case_id: number;
  case_area_path: string;
  case_isolated_on: string | null;
  via_contact_id: number | null;
  resident_id: number;
  name: string;
  id_number: string | null;
  phone: string | null;
  area_id: number;
  area_path: string;
  area_name: string;
  level: 'close' | 'secondary' | 'general';
  last_exposure_on: string;
  place: string | null;
  exposure_kind: string;
  certainty: 'low' | 'medium' | 'high';
  placement: 'to_find' | 'placed' | 'not_found' | 'elsewhere';
  placement_note: string | null;
  placed_at: Date | null;
  measure_id: number | null;
  measure_kind: string | null;
  measure_state: string | null;
  measure_ends_on: string | null;
  task_id: number | null;
  task_due_at: Date | null;
  task_status: string | null;
  rule_version: string | null;
}

export const CONTACT_SELECT = `SELECT k.id, k.case_id, c.area_path AS case_area_path, ${d('c.isolated_on', 'case_isolated_on')}, k.via_contact_id, k.resident_id,
    r.name, r.id_number, r.phone, k.area_id, k.area_path, a.name AS area_name, k.level, ${d('k.last_exposure_on', 'last_exposure_on')}, k.place,
    k.exposure_kind, k.certainty, k.placement, k.placement_note, k.placed_at, k.measure_id, m.kind AS measure_kind, m.state AS measure_state,
    ${d('m.ends_on', 'measure_ends_on')}, k.task_id, t.due_at AS task_due_at, t.status AS task_status, k.rule_version
  FROM tracing_contacts k JOIN tracing_cases c ON c.id = k.case_id JOIN ${residentsAs('r')} ON r.id = k.resident_id
  JOIN ${areasAs('a')} ON a.id = k.area_id LEFT JOIN ${measuresAs('m')} ON m.id = k.measure_id LEFT JOIN ${tasksAs('t')} ON t.id = k.task_id`;

export function contactsOf(db: Queryable, caseId: number): Promise<ContactRow[]> {
  return db.query<ContactRow>(`${CONTACT_SELECT} WHERE k.case_id = $1 ORDER BY k.id`, [caseId]);
}

/** Contacts by id, in id order (the rows a line list has just written, read back for its answer). */
export function contactsByIds(db: Queryable, ids: readonly number[]): Promise<ContactRow[]> {
  if (!ids.length) return Promise.resolve([]);
  return db.query<ContactRow>(`${CONTACT_SELECT} WHERE k.id = ANY($1::int[]) ORDER BY k.id`, [[...ids]]);
}

/** Which of these contact ids are contacts of the case (a secondary contact's "via" must be one). */
export async function contactIdsOnCase(db: Queryable, caseId: number, ids: readonly number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db.query<{ id: number }>('SELECT id FROM tracing_contacts WHERE case_id = $1 AND id = ANY($2::int[])', [caseId, [...ids]]);
  return new Set(rows.map((r) => r.id));
}

/** A contact whose case is in scope. */
export async function findContact(db: Queryable, scope: Scope, id: number): Promise<ContactRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<ContactRow>(`${CONTACT_SELECT} WHERE k.id = ${q.add(id)} AND ${scopeClause(scope, 'c.area_path', q)}`, q.values);
  return row ?? null;
}

/** The contact row of a person on a case (locked for the merge when `lock`). */
export async function setPlacement(tx: Queryable, id: number, state: string, note: string | null) {
  await tx.query(
    `UPDATE tracing_contacts SET placement = $2, placement_note = $3, placed_at = CASE WHEN $2 = 'placed' THEN now() ELSE placed_at END, updated_at = now()
      WHERE id = $1`,
    [id, state, note],
  );
}

/** The residents of a case's contacts (the task inbox's person of a contact task). */
export async function residentsOfContacts(db: Queryable, ids: number[]): Promise<Map<number, number>> {
  const rows = await db.query<{ id: number; resident_id: number }>(`SELECT id, resident_id FROM tracing_contacts WHERE id = ANY($1::int[])`, [ids]);
  return new Map(rows.map((r) => [r.id, r.resident_id]));
}
