import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams, likeEscape } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { usersAs } from '../users/sql';
import type { ApplicationState, EnterpriseState } from '../../../domain/enterprises/policy';

/**
 * The register and its applications and plans, scoped by the enterprise's area path. Area and user names come
 * from the owners' lent tables (`areasAs`, `usersAs`), read-only.
 */
export interface EnterpriseRow {
  id: number;
  credit_code: string;
  name: string;
  industry: string;
  headcount: number;
  has_dormitory: boolean;
  has_canteen: boolean;
  area_id: number;
  area_path: string;
  area_name: string;
  cadre_user_id: number | null;
  cadre_name: string | null;
  status: EnterpriseState;
  stock_days: number | null;
  officer_name: string | null;
  officer_phone: string | null;
  staff_count: number;
  ledger_today: boolean;
  suspended_at: Date | null;
  suspended_reason: string | null;
  inspection_target_id: number | null;
  updated_at: Date;
}

const ENTERPRISE = (today: string) => `e.id, e.credit_code, e.name, e.industry, e.headcount, e.has_dormitory, e.has_canteen, e.area_id,
  e.area_path, a.name AS area_name, e.cadre_user_id, u.display_name AS cadre_name, e.status, e.stock_days::float8 AS stock_days,
  e.officer_name, e.officer_phone, e.suspended_at, e.suspended_reason, e.inspection_target_id, e.updated_at,
  (SELECT count(*)::int FROM enterprise_staff s WHERE s.enterprise_id = e.id AND s.active) AS staff_count,
  EXISTS (SELECT 1 FROM enterprise_ledgers l WHERE l.enterprise_id = e.id AND l.day = ${today}::date) AS ledger_today
  FROM enterprises e JOIN ${areasAs('a')} ON a.id = e.area_id LEFT JOIN ${usersAs('u')} ON u.id = e.cadre_user_id`;

export async function findEnterprise(db: Queryable, scope: Scope, id: number, today: string, forUpdate = false): Promise<EnterpriseRow | null> {
  const q = new SqlParams();
  const t = q.add(today);
  const [row] = await db.query<EnterpriseRow>(
    `SELECT ${ENTERPRISE(t)} WHERE e.id = ${q.add(id)} AND ${scopeClause(scope, 'e.area_path', q)}${forUpdate ? ' FOR UPDATE OF e' : ''}`,
    q.values,
  );
  return row ?? null;
}

export async function listEnterprises(
  db: Queryable,
  scope: Scope,
  today: string,
  p: { underPath?: string; status?: EnterpriseState; q?: string; limit: number; offset: number },
) {
  const filter = (q: SqlParams) => {
    const where = [scopeClause(scope, 'e.area_path', q)];
    if (p.underPath) where.push(`e.area_path LIKE ${q.add(`${p.underPath}%`)}`);
    if (p.status) where.push(`e.status = ${q.add(p.status)}`);
    if (p.q) {
      const like = q.add(`%${likeEscape(p.q)}%`);
      where.push(`(e.name LIKE ${like} OR e.credit_code LIKE upper(${like}))`);
    }
    return where.join(' AND ');
  };
  const q = new SqlParams();
  const t = q.add(today);
  const w = filter(q);
  const c = new SqlParams();
  const cw = filter(c);
  const [rows, [{ n }]] = await Promise.all([
    db.query<EnterpriseRow>(`SELECT ${ENTERPRISE(t)} WHERE ${w} ORDER BY e.name, e.id LIMIT ${q.add(p.limit)} OFFSET ${q.add(p.offset)}`, q.values),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM enterprises e WHERE ${cw}`, c.values),
  ]);
  return { rows, total: n };
}

export async function creditCodeTaken(db: Queryable, code: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM enterprises WHERE credit_code = $1', [code]);
  return rows.length > 0;
}

export async function insertEnterprise(
  tx: Queryable,
  e: {
    creditCode: string;
    name: string;
    industry: string;
    headcount: number;
    hasDormitory: boolean;
    hasCanteen: boolean;
    areaId: number;
    areaPath: string;
    cadreUserId: number | null;
    by: number;
  },
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO enterprises (credit_code, name, industry, headcount, has_dormitory, has_canteen, area_id, area_path, cadre_user_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [e.creditCode, e.name, e.industry, e.headcount, e.hasDormitory, e.hasCanteen, e.areaId, e.areaPath, e.cadreUserId, e.by],
  );
  return row.id;
}

const COLUMN_OF: Record<string, string> = {
  headcount: 'headcount',
  hasDormitory: 'has_dormitory',
  hasCanteen: 'has_canteen',
  cadreUserId: 'cadre_user_id',
  stockDays: 'stock_days',
  officerName: 'officer_name',
  officerPhone: 'officer_phone',
  inspectionTargetId: 'inspection_target_id',
};

export async function updateEnterprise(tx: Queryable, id: number, changes: Record<string, unknown>): Promise<void> {
  const q = new SqlParams();
  const sets = Object.entries(changes)
    .filter(([k, v]) => v !== undefined && COLUMN_OF[k])
    .map(([k, v]) => `${COLUMN_OF[k]} = ${q.add(v)}`);
  await tx.query(`UPDATE enterprises SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = ${q.add(id)}`, q.values);
}

export async function setStatus(tx: Queryable, id: number, status: EnterpriseState, suspension?: { reason: string } | null): Promise<void> {
  if (status === 'suspended' && suspension) {
    await tx.query(`UPDATE enterprises SET status = 'suspended', suspended_at = now(), suspended_reason = $2, updated_at = now() WHERE id = $1`, [
      id,
      suspension?.reason ?? null,
    ]);
  } else {
    // Resumed again: the last suspension's note goes with it (the trail keeps it).
    const clear = status === 'resumed' ? ', suspended_at = NULL, suspended_reason = NULL' : '';
    await tx.query(`UPDATE enterprises SET status = $2${clear}, updated_at = now() WHERE id = $1`, [id, status]);
  }
}

// ——— documents ———
export interface DocumentRow {
  id: number;
  enterprise_id: number;
  kind: 'prevention_plan' | 'emergency_plan';
  file_kind: 'pdf' | 'docx' | 'jpeg' | 'png';
  file_name: string;
  size: number;
  uploaded_at: Date;
  uploaded_by_name: string | null;
}

const DOCUMENT = `d.id, d.enterprise_id, d.kind, d.file_kind, d.file_name, d.size, d.uploaded_at, u.display_name AS uploaded_by_name
  FROM enterprise_documents d LEFT JOIN ${usersAs('u')} ON u.id = d.uploaded_by`;

export async function insertDocument(
  tx: Queryable,
  d: { enterpriseId: number; areaPath: string; kind: string; fileKind: string; fileName: string; content: Buffer; sha256: string; by: number },
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO enterprise_documents (enterprise_id, area_path, kind, file_kind, file_name, size, sha256, content, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [d.enterpriseId, d.areaPath, d.kind, d.fileKind, d.fileName, d.content.length, d.sha256, d.content, d.by],
  );
  return row.id;
}

export async function documentsOf(db: Queryable, enterpriseId: number): Promise<DocumentRow[]> {
  return db.query<DocumentRow>(`SELECT ${DOCUMENT} WHERE d.enterprise_id = $1 ORDER BY d.id DESC`, [enterpriseId]);
}

export async function findDocument(db: Queryable, scope: Scope, id: number): Promise<(DocumentRow & { content: Uint8Array }) | null> {
  const q = new SqlParams();
  const [row] = await db.query<DocumentRow & { content: Uint8Array }>(
    `SELECT d.content, ${DOCUMENT} WHERE d.id = ${q.add(id)} AND ${scopeClause(scope, 'd.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

/** The newest plan of each kind, the ones an application attaches. */
export async function latestPlans(db: Queryable, enterpriseId: number): Promise<{ prevention: number | null; emergency: number | null }> {
  const rows = await db.query<{ kind: string; id: number }>(
    'SELECT kind, max(id)::int AS id FROM enterprise_documents WHERE enterprise_id = $1 GROUP BY kind',
    [enterpriseId],
  );
  const of = (k: string) => rows.find((r) => r.kind === k)?.id ?? null;
  return { prevention: of('prevention_plan'), emergency: of('emergency_plan') };
}

// ——— applications ———
export interface ApplicationRow {
  id: number;
  enterprise_id: number;
  enterprise_name: string;
  area_path: string;
  from_status: 'registered' | 'suspended';
  status: ApplicationState;
  self_check: Record<string, boolean>;
  prevention_plan_id: number;
  emergency_plan_id: number;
  note: string | null;
  submitted_at: Date;
  submitted_by_name: string | null;
  town_decided_at: Date | null;
  town_decided_by_name: string | null;
  town_reason: string | null;
  county_decided_at: Date | null;
  county_decided_by_name: string | null;
  county_reason: string | null;
}

const APPLICATION = `p.id, p.enterprise_id, e.name AS enterprise_name, p.area_path, p.from_status, p.status, p.self_check,
  p.prevention_plan_id, p.emergency_plan_id, p.note, p.submitted_at, s.display_name AS submitted_by_name,
  p.town_decided_at, t.display_name AS town_decided_by_name, p.town_reason,
  p.county_decided_at, c.display_name AS county_decided_by_name, p.county_reason
  FROM enterprise_applications p JOIN enterprises e ON e.id = p.enterprise_id
  LEFT JOIN ${usersAs('s')} ON s.id = p.submitted_by LEFT JOIN ${usersAs('t')} ON t.id = p.town_decided_by
  LEFT JOIN ${usersAs('c')} ON c.id = p.county_decided_by`;

export async function insertApplication(
  tx: Queryable,
  p: {
    enterpriseId: number;
    areaPath: string;
    fromStatus: string;
    selfCheck: Record<string, boolean>;
    preventionPlanId: number;
    emergencyPlanId: number;
    note: string | null;
    by: number;
  },
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO enterprise_applications (enterprise_id, area_path, from_status, self_check, prevention_plan_id, emergency_plan_id, note, submitted_by)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8) RETURNING id`,
    [p.enterpriseId, p.areaPath, p.fromStatus, JSON.stringify(p.selfCheck), p.preventionPlanId, p.emergencyPlanId, p.note, p.by],
  );
  return row.id;
}

export async function findApplication(db: Queryable, scope: Scope, id: number, forUpdate = false): Promise<ApplicationRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<ApplicationRow>(
    `SELECT ${APPLICATION} WHERE p.id = ${q.add(id)} AND ${scopeClause(scope, 'p.area_path', q)}${forUpdate ? ' FOR UPDATE OF p' : ''}`,
    q.values,
  );
  return row ?? null;
}

export async function applicationsOf(db: Queryable, enterpriseId: number): Promise<ApplicationRow[]> {
  return db.query<ApplicationRow>(`SELECT ${APPLICATION} WHERE p.enterprise_id = $1 ORDER BY p.id DESC`, [enterpriseId]);
}

export async function pendingApplications(db: Queryable, scope: Scope, status: ApplicationState, p: { limit: number; offset: number }) {
  const q = new SqlParams();
  const w = `p.status = ${q.add(status)} AND ${scopeClause(scope, 'p.area_path', q)}`;
  const [rows, [{ n }]] = await Promise.all([
    db.query<ApplicationRow>(`SELECT ${APPLICATION} WHERE ${w} ORDER BY p.submitted_at, p.id LIMIT ${q.add(p.limit)} OFFSET ${q.add(p.offset)}`, q.values),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM enterprise_applications p WHERE ${w}`, q.values.slice(0, 2)),
  ]);
  return { rows, total: n };
}

export async function decide(
  tx: Queryable,
  id: number,
  step: 'town' | 'county',
  d: { status: ApplicationState; reason: string | null; by: number },
): Promise<void> {
  await tx.query(`UPDATE enterprise_applications SET status = $2, ${step}_decided_by = $3, ${step}_decided_at = now(), ${step}_reason = $4 WHERE id = $1`, [
    id,
    d.status,
    d.by,
    d.reason,
  ]);
}

/** A suspension ends an application under review: the enterprise applies again once the case is dealt with. */
export async function refuseOpenApplication(tx: Queryable, enterpriseId: number, reason: string): Promise<void> {
  await tx.query(
    `UPDATE enterprise_applications SET status = 'refused',
        town_reason = CASE WHEN status = 'town_review' THEN $2 ELSE town_reason END,
        county_reason = CASE WHEN status = 'county_review' THEN $2 ELSE county_reason END
      WHERE enterprise_id = $1 AND status IN ('town_review', 'county_review')`,
    [enterpriseId, reason],
  );
}
