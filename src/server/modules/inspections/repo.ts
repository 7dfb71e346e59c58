import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { usersAs } from '../users/sql';
import type { ChecklistItem } from '../../../domain/inspections/checklist';
import type { InspectionPolicy, TargetKind } from '../../../domain/inspections/kinds';

/**
 * Checklists, the policy, targets and plans. Checklists and the policy are deployment-wide reference data (no
 * scope); targets and plans are scoped by their area's path. Area and user names come from the owners' lent
 * tables (`areasAs`, `usersAs`), read-only.
 */
export interface ChecklistRow {
  id: number;
  target_kind: TargetKind;
  version: number;
  name: string;
  pass_score: number;
  items: ChecklistItem[];
  created_at: Date;
  created_by_name: string | null;
}

const CHECKLIST = `c.id, c.target_kind, c.version, c.name, c.pass_score::float8 AS pass_score, c.items, c.created_at, u.display_name AS created_by_name
  FROM inspection_checklists c LEFT JOIN ${usersAs('u')} ON u.id = c.created_by`;

/** The newest version of each kind (or every version of one kind, newest first). */
export async function checklists(db: Queryable, kind?: TargetKind): Promise<ChecklistRow[]> {
  if (kind) return db.query<ChecklistRow>(`SELECT ${CHECKLIST} WHERE c.target_kind = $1 ORDER BY c.version DESC`, [kind]);
  return db.query<ChecklistRow>(
    `SELECT ${CHECKLIST} WHERE c.version = (SELECT max(version) FROM inspection_checklists m WHERE m.target_kind = c.target_kind) ORDER BY c.target_kind`,
  );
}

export async function checklistInForce(db: Queryable, kind: TargetKind): Promise<ChecklistRow | null> {
  const [row] = await db.query<ChecklistRow>(`SELECT ${CHECKLIST} WHERE c.target_kind = $1 ORDER BY c.version DESC LIMIT 1`, [kind]);
  return row ?? null;
}

export async function checklistById(db: Queryable, id: number): Promise<ChecklistRow | null> {
  const [row] = await db.query<ChecklistRow>(`SELECT ${CHECKLIST} WHERE c.id = $1`, [id]);
  return row ?? null;
}

/** The next version of a kind; two saves at once collide on (kind, version) and the loser is told to reload. */
export async function insertChecklist(tx: Queryable, c: { kind: TargetKind; name: string; passScore: number; items: ChecklistItem[]; by: number }) {
  const [row] = await tx.query<{ id: number; version: number }>(
    `INSERT INTO inspection_checklists (target_kind, version, name, pass_score, items, created_by)
     SELECT $1, COALESCE(max(version), 0) + 1, $2, $3, $4::jsonb, $5 FROM inspection_checklists WHERE target_kind = $1
     RETURNING id, version`,
    [c.kind, c.name, c.passScore, JSON.stringify(c.items), c.by],
  );
  return row;
}

export async function policy(db: Queryable): Promise<InspectionPolicy> {
  const [row] = await db.query<{ policy: InspectionPolicy }>('SELECT policy FROM inspection_policy WHERE id = 1');
  return row.policy;
}

// ——— targets ———
export interface TargetRow {
  id: number;
  kind: TargetKind;
  name: string;
  area_id: number;
  area_path: string;
  area_name: string;
  last_inspected_at: Date | null;
  last_score: number | null;
  open_orders: number;
}

const TARGET = `t.id, t.kind, t.name, t.area_id, t.area_path, a.name AS area_name,
  (SELECT max(i.inspected_at) FROM inspections i WHERE i.target_id = t.id) AS last_inspected_at,
  (SELECT i.score::float8 FROM inspections i WHERE i.target_id = t.id ORDER BY i.inspected_at DESC, i.id DESC LIMIT 1) AS last_score,
  (SELECT count(*)::int FROM inspection_rectifications r WHERE r.target_id = t.id AND r.status <> 'closed') AS open_orders
  FROM inspection_targets t JOIN ${areasAs('a')} ON a.id = t.area_id`;

export async function findTarget(db: Queryable, scope: Scope, id: number): Promise<TargetRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<TargetRow>(`SELECT ${TARGET} WHERE t.id = ${q.add(id)} AND ${scopeClause(scope, 't.area_path', q)}`, q.values);
  return row ?? null;
}

export async function listTargets(db: Queryable, scope: Scope, p: { kind?: TargetKind; underPath?: string; limit: number; offset: number }) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 't.area_path', q)];
  if (p.kind) where.push(`t.kind = ${q.add(p.kind)}`);
  if (p.underPath) where.push(`t.area_path LIKE ${q.add(`${p.underPath}%`)}`);
  const w = where.join(' AND ');
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM inspection_targets t WHERE ${w}`, q.values);
  const rows = await db.query<TargetRow>(
    `SELECT ${TARGET} WHERE ${w} ORDER BY t.area_path, t.name, t.id LIMIT ${q.add(p.limit)} OFFSET ${q.add(p.offset)}`,
    q.values,
  );
  return { rows, total: n };
}

/** Registers a target, or finds the one already registered under the same kind, area and name. */
export async function upsertTarget(tx: Queryable, t: { kind: TargetKind; name: string; areaId: number; areaPath: string; by: number }) {
  const [made] = await tx.query<{ id: number }>(
    `INSERT INTO inspection_targets (kind, name, area_id, area_path, created_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (kind, area_id, name) DO NOTHING RETURNING id`,
    [t.kind, t.name, t.areaId, t.areaPath, t.by],
  );
  if (made) return { id: made.id, created: true };
  const [found] = await tx.query<{ id: number }>('SELECT id FROM inspection_targets WHERE kind = $1 AND area_id = $2 AND name = $3', [
    t.kind,
    t.areaId,
    t.name,
  ]);
  return { id: found.id, created: false };
}

/** Every village (and community) under a path registered as a village target — a draw of villages needs no list typed in. */
export async function registerVillagesUnder(tx: Queryable, underPath: string, by: number): Promise<void> {
  await tx.query(
    `INSERT INTO inspection_targets (kind, name, area_id, area_path, created_by)
     SELECT 'village', v.name, v.id, v.path, $2 FROM ${areasAs('v')}
      WHERE v.path LIKE $1 AND v.kind IN ('village', 'community') AND NOT v.archived
     ON CONFLICT (kind, area_id, name) DO NOTHING`,
    [`${underPath}%`, by],
  );
}

export async function targetIdsUnder(tx: Queryable, kind: TargetKind, underPath: string): Promise<number[]> {
  const rows = await tx.query<{ id: number }>('SELECT id FROM inspection_targets WHERE kind = $1 AND area_path LIKE $2 ORDER BY id', [kind, `${underPath}%`]);
  return rows.map((r) => r.id);
}

// ——— plans ———
export interface PlanRow {
  id: number;
  kind: 'planned' | 'sampled';
  name: string;
  target_kind: TargetKind;
  area_id: number;
  area_path: string;
  area_name: string;
  starts_on: string;
  ends_on: string;
  seed: string | null;
  sample_size: number | null;
  candidates: number | null;
  created_at: Date;
}
export interface PlanTargetRow {
  plan_id: number;
  id: number;
  name: string;
  area_name: string;
  position: number;
  inspection_id: number | null;
}

const PLAN = `p.id, p.kind, p.name, p.target_kind, p.area_id, p.area_path, a.name AS area_name, to_char(p.starts_on, 'YYYY-MM-DD') AS starts_on,
  to_char(p.ends_on, 'YYYY-MM-DD') AS ends_on, p.seed, p.sample_size, p.candidates, p.created_at
  FROM inspection_plans p JOIN ${areasAs('a')} ON a.id = p.area_id`;

export async function insertPlan(
  tx: Queryable,
  p: {
    kind: string;
    name: string;
    targetKind: TargetKind;
    areaId: number;
    areaPath: string;
    startsOn: string;
    endsOn: string;
    seed: string | null;
    sampleSize: number | null;
    candidates: number | null;
    targetIds: number[];
    by: number;
  },
): Promise<number> {
  const [{ id }] = await tx.query<{ id: number }>(
    `INSERT INTO inspection_plans (kind, name, target_kind, area_id, area_path, starts_on, ends_on, seed, sample_size, candidates, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [p.kind, p.name, p.targetKind, p.areaId, p.areaPath, p.startsOn, p.endsOn, p.seed, p.sampleSize, p.candidates, p.by],
  );
  await tx.query(
    `INSERT INTO inspection_plan_targets (plan_id, target_id, position, area_path)
     SELECT $1, t.id, u.pos, t.area_path FROM unnest($2::int[]) WITH ORDINALITY AS u(id, pos) JOIN inspection_targets t ON t.id = u.id`,
    [id, p.targetIds],
  );
  return id;
}

export async function findPlan(db: Queryable, scope: Scope, id: number): Promise<PlanRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<PlanRow>(`SELECT ${PLAN} WHERE p.id = ${q.add(id)} AND ${scopeClause(scope, 'p.area_path', q)}`, q.values);
  return row ?? null;
}

export async function listPlans(db: Queryable, scope: Scope, p: { underPath?: string; limit: number; offset: number }) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'p.area_path', q)];
  if (p.underPath) where.push(`p.area_path LIKE ${q.add(`${p.underPath}%`)}`);
  const w = where.join(' AND ');
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM inspection_plans p WHERE ${w}`, q.values);
  const rows = await db.query<PlanRow>(
    `SELECT ${PLAN} WHERE ${w} ORDER BY p.created_at DESC, p.id DESC LIMIT ${q.add(p.limit)} OFFSET ${q.add(p.offset)}`,
    q.values,
  );
  return { rows, total: n };
}

/** The targets of plans, each with the plan's inspection of it (the first made under the plan). */
export async function planTargets(db: Queryable, planIds: number[]): Promise<PlanTargetRow[]> {
  if (!planIds.length) return [];
  return db.query<PlanTargetRow>(
    `SELECT pt.plan_id, t.id, t.name, a.name AS area_name, pt.position,
            (SELECT min(i.id) FROM inspections i WHERE i.plan_id = pt.plan_id AND i.target_id = t.id) AS inspection_id
       FROM inspection_plan_targets pt JOIN inspection_targets t ON t.id = pt.target_id JOIN ${areasAs('a')} ON a.id = t.area_id
      WHERE pt.plan_id = ANY($1::int[]) ORDER BY pt.plan_id, pt.position`,
    [planIds],
  );
}
