import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { residentsAs } from '../residents/sql';
import { CONTACT_SELECT, type ContactRow } from './repo';

/**
 * The contacts board and assist requests' SQL. A contact's board state: elsewhere when handed on; to find while
 * not yet found (a "not found" keeps looking); under measure while its measure is proposed or runs; else placed.
 */
const BOARD_STATE = `CASE WHEN x.placement = 'elsewhere' THEN 'elsewhere' WHEN x.placement IN ('to_find', 'not_found') THEN 'to_find'
  WHEN x.measure_state IN ('proposed', 'confirmed', 'active', 'release_check') THEN 'under_measure' ELSE 'placed' END`;

export type BoardRow = ContactRow & { board_state: string; case_name: string; assist_state: string | null };

export async function board(db: Queryable, scope: Scope, p: { state?: string; level?: string; underPath?: string; limit: number; offset: number }) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'c.area_path', q)];
  if (p.level) where.push(`k.level = ${q.add(p.level)}`);
  if (p.underPath) where.push(`k.area_path LIKE ${q.add(`${p.underPath}%`)}`);
  const inner = `SELECT x.*, ${BOARD_STATE} AS board_state FROM (${CONTACT_SELECT} WHERE ${where.join(' AND ')}) x`;
  const counts = await db.query<{ board_state: string; n: number }>(`SELECT board_state, count(*)::int AS n FROM (${inner}) y GROUP BY 1`, q.values);
  const filter = p.state ? `WHERE y.board_state = ${q.add(p.state)}` : '';
  const rows = await db.query<BoardRow>(
    `SELECT y.*, cr.name AS case_name, ar.state AS assist_state
       FROM (${inner}) y JOIN tracing_cases cc ON cc.id = y.case_id JOIN ${residentsAs('cr')} ON cr.id = cc.resident_id
       LEFT JOIN tracing_assist_requests ar ON ar.contact_id = y.id
       ${filter}
      ORDER BY y.task_due_at NULLS LAST, y.id LIMIT ${q.add(p.limit)} OFFSET ${q.add(p.offset)}`,
    q.values,
  );
  return { rows, counts: new Map(counts.map((c) => [c.board_state, c.n])) };
}

/** Contacts of these ids whose case is in scope. */
export function contactsInScope(db: Queryable, scope: Scope, ids: number[]): Promise<ContactRow[]> {
  const q = new SqlParams();
  return db.query<ContactRow>(`${CONTACT_SELECT} WHERE k.id = ANY(${q.add(ids)}::int[]) AND ${scopeClause(scope, 'c.area_path', q)}`, q.values);
}

// ——— assist requests ———
export interface AssistRow {
  id: number;
  ref: string;
  contact_id: number;
  case_id: number;
  area_path: string;
  name: string;
  phone: string | null;
  id_number: string | null;
  target_region: string | null;
  level: 'close' | 'secondary' | 'general';
  last_exposure_on: string;
  exposure_kind: string;
  state: 'open' | 'exported' | 'found' | 'placed' | 'not_found';
  answer_note: string | null;
  exported_at: Date | null;
  answered_at: Date | null;
  created_at: Date;
}

const ASSIST_SELECT = `SELECT ar.id, ar.ref, ar.contact_id, ar.case_id, ar.area_path, r.name, r.phone, r.id_number, ar.target_region, k.level,
    to_char(k.last_exposure_on, 'YYYY-MM-DD') AS last_exposure_on, k.exposure_kind, ar.state, ar.answer_note, ar.exported_at, ar.answered_at, ar.created_at
  FROM tracing_assist_requests ar JOIN tracing_contacts k ON k.id = ar.contact_id JOIN ${residentsAs('r')} ON r.id = k.resident_id`;

export async function listAssist(db: Queryable, scope: Scope, p: { state?: string; ids?: number[]; targetRegion?: string; limit: number; offset: number }) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'ar.area_path', q)];
  if (p.state) where.push(`ar.state = ${q.add(p.state)}`);
  if (p.ids) where.push(`ar.id = ANY(${q.add(p.ids)}::int[])`);
  if (p.targetRegion) where.push(`ar.target_region = ${q.add(p.targetRegion)}`);
  const w = where.join(' AND ');
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM tracing_assist_requests ar WHERE ${w}`, q.values);
  const rows = await db.query<AssistRow>(`${ASSIST_SELECT} WHERE ${w} ORDER BY ar.id DESC LIMIT ${q.add(p.limit)} OFFSET ${q.add(p.offset)}`, q.values);
  return { rows, total: n };
}

export async function assistByRefs(db: Queryable, scope: Scope, refs: string[]): Promise<AssistRow[]> {
  const q = new SqlParams();
  return db.query<AssistRow>(`${ASSIST_SELECT} WHERE ar.ref = ANY(${q.add(refs)}::text[]) AND ${scopeClause(scope, 'ar.area_path', q)}`, q.values);
}

export async function insertAssist(tx: Queryable, a: { contactId: number; caseId: number; areaPath: string; ref: string; targetRegion: string; by: number }) {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO tracing_assist_requests (contact_id, case_id, area_path, ref, target_region, created_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (contact_id) DO NOTHING RETURNING id`,
    [a.contactId, a.caseId, a.areaPath, a.ref, a.targetRegion, a.by],
  );
  return row?.id ?? null;
}

export async function markExported(tx: Queryable, ids: number[]) {
  await tx.query(
    `UPDATE tracing_assist_requests SET state = CASE WHEN state = 'open' THEN 'exported' ELSE state END, exported_at = now() WHERE id = ANY($1::int[])`,
    [ids],
  );
}

/**
 * Records an answer only from a state that may take it (an exported request; one found may then be placed): two
 * imports of one file at once apply it once. False when the request had moved on meanwhile.
 */
export async function answer(tx: Queryable, id: number, outcome: string, note: string | null, from: readonly string[]): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE tracing_assist_requests SET state = $2, answer_note = $3, answered_at = now() WHERE id = $1 AND state = ANY($4::text[]) RETURNING id`,
    [id, outcome, note, [...from]],
  );
  return rows.length > 0;
}

/** Many contacts found and placed at once (the board's bulk action). */
export async function setPlacedMany(tx: Queryable, ids: number[], note: string | null) {
  if (!ids.length) return;
  await tx.query(`UPDATE tracing_contacts SET placement = 'placed', placement_note = $2, placed_at = now(), updated_at = now() WHERE id = ANY($1::int[])`, [
    ids,
    note,
  ]);
}

/** Many contacts not found at once (the board's bulk action): their tasks stay open. */
export async function setPlacementMany(tx: Queryable, ids: number[], state: 'not_found', note: string | null) {
  if (!ids.length) return;
  await tx.query('UPDATE tracing_contacts SET placement = $2, placement_note = $3, updated_at = now() WHERE id = ANY($1::int[])', [ids, state, note]);
}
