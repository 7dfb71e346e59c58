import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { groupsAs } from '../command/sql';
import { usersAs } from '../users/sql';
import type { Mode, OrderState, Severity, TargetKind } from '../../../domain/inspections/kinds';

/** Inspections, their item results and rectification orders; every read scoped by the target's area path. */
export interface InspectionRow {
  id: number;
  mode: Mode;
  plan_id: number | null;
  target_id: number;
  target_name: string;
  target_kind: TargetKind;
  area_id: number;
  area_path: string;
  area_name: string;
  checklist_id: number;
  inspector_name: string;
  inspected_at: Date;
  latitude: number | null;
  longitude: number | null;
  accuracy_m: number | null;
  score: number;
  raw_score: number;
  vetoed: boolean;
  passed: boolean;
  note: string | null;
  failed_items: number;
}

const INSPECTION = `i.id, i.mode, i.plan_id, i.target_id, t.name AS target_name, t.kind AS target_kind, i.area_id, i.area_path, a.name AS area_name,
  i.checklist_id, u.display_name AS inspector_name, i.inspected_at, i.latitude, i.longitude, i.accuracy_m, i.score::float8 AS score,
  i.raw_score::float8 AS raw_score, i.vetoed, i.passed, i.note,
  (SELECT count(*)::int FROM inspection_items x WHERE x.inspection_id = i.id AND NOT x.passed) AS failed_items
  FROM inspections i JOIN inspection_targets t ON t.id = i.target_id JOIN ${areasAs('a')} ON a.id = i.area_id JOIN ${usersAs('u')} ON u.id = i.inspector_id`;

export async function insertInspection(
  tx: Queryable,
  i: {
    mode: Mode;
    planId: number | null;
    targetId: number;
    areaId: number;
    areaPath: string;
    checklistId: number;
    by: number;
    inspectedAt: Date;
    latitude: number | null;
    longitude: number | null;
    accuracyM: number | null;
    rawScore: number;
    score: number;
    vetoed: boolean;
    passed: boolean;
    note: string | null;
  },
): Promise<number> {
  const [{ id }] = await tx.query<{ id: number }>(
    `INSERT INTO inspections (mode, plan_id, target_id, area_id, area_path, checklist_id, inspector_id, inspected_at, latitude, longitude, accuracy_m,
       raw_score, score, vetoed, passed, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
    [
      i.mode,
      i.planId,
      i.targetId,
      i.areaId,
      i.areaPath,
      i.checklistId,
      i.by,
      i.inspectedAt,
      i.latitude,
      i.longitude,
      i.accuracyM,
      i.rawScore,
      i.score,
      i.vetoed,
      i.passed,
      i.note,
    ],
  );
  return id;
}

/** Item results in one statement; returns each code's row id (photos and orders hang on it). */
export async function insertItems(tx: Queryable, inspectionId: number, areaPath: string, items: { code: string; passed: boolean; note: string | null }[]) {
  const rows = await tx.query<{ id: number; code: string }>(
    `INSERT INTO inspection_items (inspection_id, area_path, code, passed, note)
     SELECT $1, $2, u.code, u.passed, u.note FROM unnest($3::text[], $4::boolean[], $5::text[]) AS u(code, passed, note) RETURNING id, code`,
    [inspectionId, areaPath, items.map((i) => i.code), items.map((i) => i.passed), items.map((i) => i.note)],
  );
  return new Map(rows.map((r) => [r.code, r.id]));
}

export async function findInspection(db: Queryable, scope: Scope, id: number): Promise<InspectionRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<InspectionRow>(`SELECT ${INSPECTION} WHERE i.id = ${q.add(id)} AND ${scopeClause(scope, 'i.area_path', q)}`, q.values);
  return row ?? null;
}

export async function listInspections(db: Queryable, scope: Scope, p: { underPath?: string; targetId?: number; limit: number; offset: number }) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'i.area_path', q)];
  if (p.underPath) where.push(`i.area_path LIKE ${q.add(`${p.underPath}%`)}`);
  if (p.targetId) where.push(`i.target_id = ${q.add(p.targetId)}`);
  const w = where.join(' AND ');
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM inspections i WHERE ${w}`, q.values);
  const rows = await db.query<InspectionRow>(
    `SELECT ${INSPECTION} WHERE ${w} ORDER BY i.inspected_at DESC, i.id DESC LIMIT ${q.add(p.limit)} OFFSET ${q.add(p.offset)}`,
    q.values,
  );
  return { rows, total: n };
}

export async function itemsOf(db: Queryable, inspectionId: number) {
  return db.query<{ id: number; code: string; passed: boolean; note: string | null }>(
    'SELECT id, code, passed, note FROM inspection_items WHERE inspection_id = $1 ORDER BY id',
    [inspectionId],
  );
}

// ——— rectification orders ———
export interface OrderRow {
  id: number;
  inspection_id: number;
  item_id: number;
  target_id: number;
  target_name: string;
  target_kind: TargetKind;
  area_id: number;
  area_path: string;
  area_name: string;
  item_code: string;
  item_text: string;
  severity: Severity;
  unit_area_id: number;
  unit_area_name: string;
  unit_area_path: string;
  unit_area_parent_id: number | null;
  unit_user_id: number | null;
  unit_user_name: string | null;
  unit_role: string | null;
  unit_group_id: number | null;
  unit_group_name: string | null;
  deadline_at: Date;
  status: OrderState;
  overdue: boolean;
  reported_at: Date | null;
  reported_by: number | null;
  reported_by_name: string | null;
  report_note: string | null;
  reinspected_at: Date | null;
  reinspected_by_name: string | null;
  reinspection_note: string | null;
  reinspections: number;
  closed_at: Date | null;
  escalated_at: Date | null;
  created_by: number | null;
  created_at: Date;
}

/** `now` is a parameter so the board and the escalation job agree under a test's fake clock. */
const ORDER = (now: string) => `r.id, r.inspection_id, r.item_id, r.target_id, t.name AS target_name, t.kind AS target_kind, r.area_id, r.area_path,
  a.name AS area_name, r.item_code, r.item_text, r.severity, r.unit_area_id, ua.name AS unit_area_name, ua.path AS unit_area_path,
  ua.parent_id AS unit_area_parent_id, r.unit_user_id, uu.display_name AS unit_user_name, r.unit_role, r.unit_group_id, ug.name AS unit_group_name,
  r.deadline_at, r.status,
  (r.status <> 'closed' AND r.deadline_at < ${now}) AS overdue, r.reported_at, r.reported_by, rb.display_name AS reported_by_name, r.report_note,
  r.reinspected_at, ib.display_name AS reinspected_by_name, r.reinspection_note, r.reinspections, r.closed_at, r.escalated_at, r.created_by, r.created_at
  FROM inspection_rectifications r JOIN inspection_targets t ON t.id = r.target_id JOIN ${areasAs('a')} ON a.id = r.area_id
  JOIN ${areasAs('ua')} ON ua.id = r.unit_area_id LEFT JOIN ${usersAs('uu')} ON uu.id = r.unit_user_id
  LEFT JOIN ${groupsAs('ug')} ON ug.id = r.unit_group_id
  LEFT JOIN ${usersAs('rb')} ON rb.id = r.reported_by LEFT JOIN ${usersAs('ib')} ON ib.id = r.reinspected_by`;

export interface NewOrder {
  itemId: number;
  itemCode: string;
  itemText: string;
  severity: Severity;
  deadlineAt: Date;
}

export async function insertOrders(
  tx: Queryable,
  base: {
    inspectionId: number;
    targetId: number;
    areaId: number;
    areaPath: string;
    unitAreaId: number;
    unitUserId: number | null;
    unitRole: string | null;
    unitGroupId: number | null;
    by: number;
  },
  orders: NewOrder[],
) {
  if (!orders.length) return [];
  return tx.query<{ id: number; item_code: string; deadline_at: Date }>(
    `INSERT INTO inspection_rectifications (inspection_id, item_id, target_id, item_code, item_text, severity, area_id, area_path, unit_area_id, unit_user_id,
       unit_role, deadline_at, created_by, unit_group_id)
     SELECT $1, u.item_id, $2, u.code, u.text, u.severity, $3, $4, $5, $6, $7, u.deadline, $8, $14
       FROM unnest($9::int[], $10::text[], $11::text[], $12::text[], $13::timestamptz[]) AS u(item_id, code, text, severity, deadline)
     RETURNING id, item_code, deadline_at`,
    [
      base.inspectionId,
      base.targetId,
      base.areaId,
      base.areaPath,
      base.unitAreaId,
      base.unitUserId,
      base.unitRole,
      base.by,
      orders.map((o) => o.itemId),
      orders.map((o) => o.itemCode),
      orders.map((o) => o.itemText),
      orders.map((o) => o.severity),
      orders.map((o) => o.deadlineAt.toISOString()),
      base.unitGroupId,
    ],
  );
}

export async function findOrder(db: Queryable, scope: Scope, id: number, now: Date, lock = false): Promise<OrderRow | null> {
  const q = new SqlParams();
  const nowP = q.add(now);
  const [row] = await db.query<OrderRow>(
    `SELECT ${ORDER(`${nowP}::timestamptz`)} WHERE r.id = ${q.add(id)} AND ${scopeClause(scope, 'r.area_path', q)}${lock ? ' FOR UPDATE OF r' : ''}`,
    q.values,
  );
  return row ?? null;
}

export async function ordersOfInspection(db: Queryable, inspectionId: number, now: Date): Promise<OrderRow[]> {
  return db.query<OrderRow>(`SELECT ${ORDER('$2::timestamptz')} WHERE r.inspection_id = $1 ORDER BY r.id`, [inspectionId, now]);
}

export async function listOrders(
  db: Queryable,
  scope: Scope,
  p: { underPath?: string; status?: OrderState | 'overdue' | 'unclosed'; now: Date; limit: number; offset: number },
) {
  const q = new SqlParams();
  const nowP = `${q.add(p.now)}::timestamptz`;
  const where = [scopeClause(scope, 'r.area_path', q)];
  if (p.underPath) where.push(`r.area_path LIKE ${q.add(`${p.underPath}%`)}`);
  if (p.status === 'overdue') where.push(`r.status <> 'closed' AND r.deadline_at < ${nowP}`);
  else if (p.status === 'unclosed') where.push(`r.status <> 'closed'`);
  else if (p.status) where.push(`r.status = ${q.add(p.status)}`);
  const w = where.join(' AND ');
  // The clock parameter is named in the count too (PostgreSQL refuses a parameter whose type it cannot tell).
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM inspection_rectifications r, (SELECT ${nowP} AS now) c WHERE ${w}`, q.values);
  const rows = await db.query<OrderRow>(
    `SELECT ${ORDER(nowP)} WHERE ${w} ORDER BY (r.status <> 'closed' AND r.deadline_at < ${nowP}) DESC, r.status = 'closed', r.deadline_at, r.id
     LIMIT ${q.add(p.limit)} OFFSET ${q.add(p.offset)}`,
    q.values,
  );
  return { rows, total: n };
}

export async function setReported(tx: Queryable, id: number, f: { by: number; at: Date; note: string | null }) {
  await tx.query(`UPDATE inspection_rectifications SET status = 'reported', reported_at = $2, reported_by = $3, report_note = $4 WHERE id = $1`, [
    id,
    f.at,
    f.by,
    f.note,
  ]);
}

export async function setReinspected(tx: Queryable, id: number, f: { by: number; at: Date; note: string | null; passed: boolean }) {
  await tx.query(
    `UPDATE inspection_rectifications SET status = CASE WHEN $5 THEN 'closed' ELSE 'open' END, reinspected_at = $2, reinspected_by = $3,
       reinspection_note = $4, reinspections = reinspections + 1, closed_at = CASE WHEN $5 THEN $2::timestamptz END
     WHERE id = $1`,
    [id, f.at, f.by, f.note, f.passed],
  );
}

/** Unclosed orders past their deadline, not yet escalated (the partial index's rows), locked for the job's transaction. */
export async function overdueToEscalate(tx: Queryable, now: Date, limit: number): Promise<OrderRow[]> {
  return tx.query<OrderRow>(
    `SELECT ${ORDER('$1::timestamptz')} WHERE r.status <> 'closed' AND r.escalated_at IS NULL AND r.deadline_at < $1 ORDER BY r.deadline_at, r.id
     LIMIT $2 FOR UPDATE OF r SKIP LOCKED`,
    [now, limit],
  );
}

export async function setEscalated(tx: Queryable, id: number, at: Date, toAreaId: number) {
  await tx.query('UPDATE inspection_rectifications SET escalated_at = $2, escalated_to_area_id = $3 WHERE id = $1', [id, at, toAreaId]);
}
