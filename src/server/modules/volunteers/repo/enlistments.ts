import type { Queryable } from '../../../db/engine';
import { usersAs } from '../../users/sql';
import { auditRowsSql } from '../../../platform/audit';
import type { Scope } from '../../../platform/scope';
import { scopeClause } from '../../../platform/scope';
import { nameContains, SqlParams } from '../../../platform/sql';

/** SQL of enlistments: the public form's one-statement submission and the approval queue. */

export interface EnlistmentRow {
  id: number;
  org_id: number;
  org_name: string;
  area_path: string;
  status: string;
  name: string;
  id_type: string;
  id_number: string;
  sex: 'M' | 'F' | null;
  birth_date: string | null;
  phone: string;
  category: string;
  skills: string[];
  availability: unknown;
  health_status: string;
  emergency_name: string | null;
  emergency_phone: string | null;
  pledge: string | null;
  address: string | null;
  submit_count: number;
  submitted_at: Date;
  updated_at: Date;
  decided_at: Date | null;
  decided_by_name: string | null;
  refusal_reason: string | null;
  volunteer_id: number | null;
  /** Other applications with the same ID number at the same branch (any status). */
  same_id_count: number;
}

const ENLISTMENT_COLUMNS = `e.id, e.org_id, o.name AS org_name, e.area_path, e.status, e.name, e.id_type, e.id_number, e.sex,
  to_char(e.birth_date, 'YYYY-MM-DD') AS birth_date, e.phone, e.category, e.skills, e.availability, e.health_status,
  e.emergency_name, e.emergency_phone, e.pledge, e.address, e.submit_count, e.submitted_at, e.updated_at, e.decided_at,
  u.display_name AS decided_by_name, e.refusal_reason, e.volunteer_id,
  (SELECT count(*)::int FROM enlistments s WHERE s.org_id = e.org_id AND s.id_number = e.id_number AND s.id <> e.id) AS same_id_count`;
const ENLISTMENT_FROM = `enlistments e JOIN party_orgs o ON o.id = e.org_id LEFT JOIN ${usersAs('u')} ON u.id = e.decided_by`;

export interface EnlistFields {
  orgId: number;
  areaPath: string;
  name: string;
  idType: string;
  idNumber: string;
  sex: 'M' | 'F' | null;
  birthDate: string | null;
  phone: string;
  category: string;
  skills: string[];
  availability: unknown;
  healthStatus: string;
  emergencyName: string | null;
  emergencyPhone: string | null;
  pledge: string | null;
  address: string | null;
  clientIp: string;
}

/**
 * A public submission in one statement (one round trip, atomic like a transaction): the open branch
 * found by its token, and always a new application — never an update of one already there, since the form
 * has no account and anyone knowing an ID number could otherwise replace another person's phone, address
 * and emergency contact. The secretary sees the applications of one ID number side by side
 * (`same_id_count`). Whether the number was known or already approved changes nothing in the answer. The
 * audit row is written by the same statement rather than through platform/audit.ts to keep the public form
 * at one round trip under a rush; `auditAfter` must already be masked (the caller passes the ID number
 * through maskIdNumber).
 */
export async function submitEnlistmentUnscoped(
  db: Queryable,
  token: string,
  today: string,
  f: Omit<EnlistFields, 'orgId' | 'areaPath'>,
  who: { requestId: string; clientIp: string },
  auditAfter: Record<string, unknown>,
): Promise<{ org_name: string | null; id: number | null }> {
  // The audit row's parameters follow the 17 of the submission.
  const auditParams: unknown[] = [];
  const logged = auditRowsSql(
    { add: (v) => `$${17 + auditParams.push(v)}` },
    { actorId: null, actorName: null, ...who },
    { entity: 'enlistment', action: 'submit', from: 'up', entityId: 'up.id', areaPath: 'up.area_path', after: { orgId: 'up.org_id' }, afterValues: auditAfter },
  );
  const [row] = await db.query<{ org_name: string | null; id: number | null }>(
    `WITH org AS (
       SELECT o.id, o.area_path, o.name FROM party_orgs o
        WHERE o.enlist_token = $1 AND o.closed_at IS NULL AND o.kind <> 'committee' AND (o.ends_on IS NULL OR o.ends_on >= $2::date)
     ), up AS (
       INSERT INTO enlistments (org_id, area_path, name, id_type, id_number, sex, birth_date, phone, category, skills, availability,
         health_status, emergency_name, emergency_phone, pledge, address, client_ip)
       SELECT org.id, org.area_path, $3, $4, $5, $6, $7::date, $8, $9, $10::text[], $11::jsonb, $12, $13, $14, $15, $16, $17
         FROM org
       RETURNING id, org_id, area_path
     ), logged AS (
       ${logged}
     )
     SELECT (SELECT name FROM org) AS org_name, up.id FROM (SELECT 1) one LEFT JOIN up ON true`,
    [
      token,
      today,
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
      f.pledge,
      f.address,
      who.clientIp,
      ...auditParams,
    ],
  );
  return row;
}

export async function findEnlistment(db: Queryable, scope: Scope, id: number): Promise<EnlistmentRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<EnlistmentRow>(
    `SELECT ${ENLISTMENT_COLUMNS} FROM ${ENLISTMENT_FROM} WHERE e.id = ${q.add(id)} AND ${scopeClause(scope, 'e.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

export async function listEnlistments(db: Queryable, scope: Scope, p: { status?: string; orgId?: number; q?: string; page: number; pageSize: number }) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'e.area_path', q)];
  if (p.status) where.push(`e.status = ${q.add(p.status)}`);
  if (p.orgId) where.push(`e.org_id = ${q.add(p.orgId)}`);
  if (p.q?.trim()) where.push(nameContains('e.name', p.q, q));
  const w = where.join(' AND ');
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM enlistments e WHERE ${w}`, q.values);
  const rows = await db.query<EnlistmentRow>(
    `SELECT ${ENLISTMENT_COLUMNS} FROM ${ENLISTMENT_FROM} WHERE ${w} ORDER BY e.status <> 'pending', e.updated_at DESC, e.id DESC
      LIMIT ${q.add(p.pageSize)} OFFSET ${q.add((p.page - 1) * p.pageSize)}`,
    q.values,
  );
  return { rows, total };
}

/** Decides a pending application; false when it was decided meanwhile (two secretaries at once). */
export async function decideEnlistment(
  tx: Queryable,
  id: number,
  d: { status: 'approved' | 'refused'; by: number; reason: string | null; volunteerId: number | null },
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE enlistments SET status = $2, decided_at = now(), decided_by = $3, refusal_reason = $4, volunteer_id = $5, updated_at = now()
      WHERE id = $1 AND status = 'pending' RETURNING id`,
    [id, d.status, d.by, d.reason, d.volunteerId],
  );
  return rows.length > 0;
}
