import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams, likeEscape } from '../../platform/sql';

/**
 * SQL of party organisations, memberships, volunteers and enlistments. Every read takes the caller's
 * scope and builds the predicate itself; the lookups the public enlistment form needs say Unscoped.
 */
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

export interface OrgRow {
  id: number;
  parent_id: number | null;
  kind: string;
  name: string;
  area_id: number;
  area_path: string;
  area_name: string;
  place: string | null;
  starts_on: string | null;
  ends_on: string | null;
  closed_at: Date | null;
  secretary_id: number | null;
  secretary_name: string | null;
  enlist_token: string;
  member_count: number;
  notes: string | null;
}

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
}

export const VOLUNTEER_COLUMNS = `v.id, v.area_id, v.area_path, a.name AS area_name, v.resident_id, v.name, v.id_type, v.id_number, v.sex,
  to_char(v.birth_date, 'YYYY-MM-DD') AS birth_date, v.phone, v.category, v.skills, v.availability, v.health_status,
  v.emergency_name, v.emergency_phone, v.user_id, v.status, v.notes, v.created_at`;
export const VOLUNTEER_FROM = `volunteers v JOIN areas a ON a.id = v.area_id`;

const ORG_COLUMNS = `o.id, o.parent_id, o.kind, o.name, o.area_id, o.area_path, a.name AS area_name, o.place,
  to_char(o.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(o.ends_on, 'YYYY-MM-DD') AS ends_on, o.closed_at, o.secretary_id,
  s.name AS secretary_name, o.enlist_token, o.notes,
  (SELECT count(*)::int FROM party_memberships m WHERE m.org_id = o.id AND m.left_on IS NULL) AS member_count`;
const ORG_FROM = `party_orgs o JOIN areas a ON a.id = o.area_id LEFT JOIN volunteers s ON s.id = o.secretary_id`;

const ENLISTMENT_COLUMNS = `e.id, e.org_id, o.name AS org_name, e.area_path, e.status, e.name, e.id_type, e.id_number, e.sex,
  to_char(e.birth_date, 'YYYY-MM-DD') AS birth_date, e.phone, e.category, e.skills, e.availability, e.health_status,
  e.emergency_name, e.emergency_phone, e.pledge, e.address, e.submit_count, e.submitted_at, e.updated_at, e.decided_at,
  u.display_name AS decided_by_name, e.refusal_reason, e.volunteer_id`;
const ENLISTMENT_FROM = `enlistments e JOIN party_orgs o ON o.id = e.org_id LEFT JOIN users u ON u.id = e.decided_by`;

// ——— volunteers ———

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
    'SELECT v.id, v.area_path, a.name AS area_name FROM volunteers v JOIN areas a ON a.id = v.area_id WHERE v.id_number = $1',
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
    if (/^\d{3,}[\dXx]?$/.test(text)) {
      const tail = q.add(likeEscape(text.toUpperCase().split('').reverse().join('')) + '%');
      where.push(`(reverse(v.id_number) LIKE ${tail} OR reverse(v.phone) LIKE ${tail})`);
    } else {
      where.push(`v.name LIKE ${q.add(likeEscape(text) + '%')}`);
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

// ——— organisations ———

export async function findOrg(db: Queryable, scope: Scope, id: number): Promise<OrgRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<OrgRow>(
    `SELECT ${ORG_COLUMNS} FROM ${ORG_FROM} WHERE o.id = ${q.add(id)} AND ${scopeClause(scope, 'o.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

/** The public enlistment form knows a branch only by its link token. */
export async function findOrgByTokenUnscoped(db: Queryable, token: string): Promise<OrgRow | null> {
  const [row] = await db.query<OrgRow>(`SELECT ${ORG_COLUMNS} FROM ${ORG_FROM} WHERE o.enlist_token = $1`, [token]);
  return row ?? null;
}

export async function listOrgs(db: Queryable, scope: Scope, p: { underPath?: string; kind?: string; includeClosed?: boolean }) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'o.area_path', q)];
  if (p.underPath) where.push(`o.area_path LIKE ${q.add(p.underPath + '%')}`);
  if (p.kind) where.push(`o.kind = ${q.add(p.kind)}`);
  if (!p.includeClosed) where.push('o.closed_at IS NULL');
  return db.query<OrgRow>(
    `SELECT ${ORG_COLUMNS} FROM ${ORG_FROM} WHERE ${where.join(' AND ')} ORDER BY o.area_path, o.kind, o.name, o.id LIMIT 5000`,
    q.values,
  );
}

export async function insertOrg(
  tx: Queryable,
  f: {
    parentId: number | null;
    kind: string;
    name: string;
    areaId: number;
    areaPath: string;
    place: string | null;
    startsOn: string | null;
    endsOn: string | null;
    token: string;
    notes: string | null;
  },
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO party_orgs (parent_id, kind, name, area_id, area_path, place, starts_on, ends_on, enlist_token, notes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [f.parentId, f.kind, f.name, f.areaId, f.areaPath, f.place, f.startsOn, f.endsOn, f.token, f.notes],
  );
  return row.id;
}

export async function updateOrg(
  tx: Queryable,
  id: number,
  f: { name: string; place: string | null; endsOn: string | null; notes: string | null; secretaryId: number | null },
) {
  await tx.query('UPDATE party_orgs SET name = $2, place = $3, ends_on = $4, notes = $5, secretary_id = $6, updated_at = now() WHERE id = $1', [
    id,
    f.name,
    f.place,
    f.endsOn,
    f.notes,
    f.secretaryId,
  ]);
}

/** Every organisation below one, at any depth (not itself). */
export async function orgSubtreeIds(db: Queryable, id: number): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    'WITH RECURSIVE tree AS (SELECT o.id FROM party_orgs o WHERE o.parent_id = $1 UNION SELECT o.id FROM party_orgs o JOIN tree ON o.parent_id = tree.id) SELECT id FROM tree',
    [id],
  );
  return rows.map((r) => r.id);
}

/** The area paths of an organisation's direct children (theirs lie within it, and so on down). */
export async function childOrgPaths(db: Queryable, id: number): Promise<string[]> {
  const rows = await db.query<{ area_path: string }>('SELECT area_path FROM party_orgs WHERE parent_id = $1', [id]);
  return rows.map((r) => r.area_path);
}

/** New parent (and area): the organisation's own memberships and enlistments carry its path and follow. */
export async function moveOrg(tx: Queryable, id: number, parentId: number | null, area: { id: number; path: string }) {
  const [old] = await tx.query<{ area_path: string }>('SELECT area_path FROM party_orgs WHERE id = $1', [id]);
  await tx.query('UPDATE party_orgs SET parent_id = $2, area_id = $3, area_path = $4, updated_at = now() WHERE id = $1', [id, parentId, area.id, area.path]);
  if (old.area_path === area.path) return { membershipsMoved: 0, enlistmentsMoved: 0 };
  const m = await tx.query('UPDATE party_memberships SET area_path = $2 WHERE org_id = $1 RETURNING id', [id, area.path]);
  const e = await tx.query('UPDATE enlistments SET area_path = $2 WHERE org_id = $1 RETURNING id', [id, area.path]);
  return { membershipsMoved: m.length, enlistmentsMoved: e.length };
}

export async function setOrgToken(tx: Queryable, id: number, token: string) {
  await tx.query('UPDATE party_orgs SET enlist_token = $2, updated_at = now() WHERE id = $1', [id, token]);
}

/** Closing a temporary branch ends its memberships that day; home memberships elsewhere are untouched. */
export async function closeOrg(tx: Queryable, id: number, today: string): Promise<number> {
  await tx.query('UPDATE party_orgs SET closed_at = now(), ends_on = LEAST(coalesce(ends_on, $2::date), $2::date), updated_at = now() WHERE id = $1', [
    id,
    today,
  ]);
  const ended = await tx.query<{ id: number }>(
    'UPDATE party_memberships SET left_on = GREATEST(joined_on, $2::date) WHERE org_id = $1 AND left_on IS NULL RETURNING id',
    [id, today],
  );
  return ended.length;
}

export interface OrgMemberRow {
  volunteer_id: number;
  name: string;
  category: string;
  kind: string;
  role: string;
  joined_on: string;
  left_on: string | null;
}

export async function orgMembers(db: Queryable, orgId: number): Promise<OrgMemberRow[]> {
  return db.query<OrgMemberRow>(
    `SELECT m.volunteer_id, v.name, v.category, m.kind, m.role, to_char(m.joined_on, 'YYYY-MM-DD') AS joined_on, to_char(m.left_on, 'YYYY-MM-DD') AS left_on
       FROM party_memberships m JOIN volunteers v ON v.id = m.volunteer_id
      WHERE m.org_id = $1 ORDER BY m.left_on IS NOT NULL, m.role <> 'secretary', v.name, m.id`,
    [orgId],
  );
}

export interface MembershipRow {
  org_id: number;
  org_name: string;
  org_kind: string;
  kind: string;
  role: string;
  joined_on: string;
  left_on: string | null;
}

export async function membershipsOf(db: Queryable, volunteerId: number): Promise<MembershipRow[]> {
  return db.query<MembershipRow>(
    `SELECT m.org_id, o.name AS org_name, o.kind AS org_kind, m.kind, m.role, to_char(m.joined_on, 'YYYY-MM-DD') AS joined_on,
            to_char(m.left_on, 'YYYY-MM-DD') AS left_on
       FROM party_memberships m JOIN party_orgs o ON o.id = m.org_id WHERE m.volunteer_id = $1 ORDER BY m.left_on IS NOT NULL, m.kind, m.joined_on DESC`,
    [volunteerId],
  );
}

/**
 * Draws people into an organisation. `kind` 'auto': a temporary branch gives temporary memberships; a
 * branch gives a home membership to whoever has none and a temporary one to the others. Open
 * memberships are left as they are. Returns how many were added.
 */
export async function addMembers(
  tx: Queryable,
  org: { id: number; kind: string; area_path: string },
  volunteerIds: number[],
  role: string,
  today: string,
): Promise<number> {
  const rows = await tx.query<{ id: number }>(
    `INSERT INTO party_memberships (volunteer_id, org_id, area_path, kind, role, joined_on)
     SELECT v.id, $1, $2,
            CASE WHEN $3 <> 'temporary_branch' AND NOT EXISTS (SELECT 1 FROM party_memberships h WHERE h.volunteer_id = v.id AND h.kind = 'home' AND h.left_on IS NULL)
                 THEN 'home' ELSE 'temporary' END,
            $4, $5::date
       FROM unnest($6::int[]) AS v(id)
      WHERE NOT EXISTS (SELECT 1 FROM party_memberships o WHERE o.volunteer_id = v.id AND o.org_id = $1 AND o.left_on IS NULL)
     RETURNING id`,
    [org.id, org.area_path, org.kind, role, today, volunteerIds],
  );
  return rows.length;
}

export async function endMemberships(tx: Queryable, orgId: number, volunteerIds: number[], today: string): Promise<number> {
  const rows = await tx.query<{ id: number }>(
    'UPDATE party_memberships SET left_on = GREATEST(joined_on, $3::date) WHERE org_id = $1 AND volunteer_id = ANY($2::int[]) AND left_on IS NULL RETURNING id',
    [orgId, volunteerIds, today],
  );
  return rows.length;
}

export async function isOpenMember(db: Queryable, orgId: number, volunteerId: number): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM party_memberships WHERE org_id = $1 AND volunteer_id = $2 AND left_on IS NULL', [orgId, volunteerId]);
  return rows.length > 0;
}

// ——— enlistments ———

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
 * found by its token, refused when this ID number was already approved there, otherwise the pending
 * application of this ID number at this branch updated (its count goes up) or created — safe under
 * concurrent double submits — and its audit row written by the same statement. The audit row is built
 * here rather than through platform/audit.ts to keep the public form at one round trip under a rush;
 * `auditAfter` must already be masked (the caller passes the ID number through maskIdNumber).
 */
export async function submitEnlistmentUnscoped(
  db: Queryable,
  token: string,
  today: string,
  f: Omit<EnlistFields, 'orgId' | 'areaPath'>,
  who: { requestId: string; clientIp: string },
  auditAfter: Record<string, unknown>,
): Promise<{ org_name: string | null; approved: boolean; id: number | null; submit_count: number | null }> {
  const [row] = await db.query<{ org_name: string | null; approved: boolean; id: number | null; submit_count: number | null }>(
    `WITH org AS (
       SELECT o.id, o.area_path, o.name FROM party_orgs o
        WHERE o.enlist_token = $1 AND o.closed_at IS NULL AND o.kind <> 'committee' AND (o.ends_on IS NULL OR o.ends_on >= $2::date)
     ), done AS (
       SELECT 1 FROM enlistments e JOIN org ON e.org_id = org.id WHERE e.id_number = $5 AND e.status = 'approved' LIMIT 1
     ), up AS (
       INSERT INTO enlistments (org_id, area_path, name, id_type, id_number, sex, birth_date, phone, category, skills, availability,
         health_status, emergency_name, emergency_phone, pledge, address, client_ip)
       SELECT org.id, org.area_path, $3, $4, $5, $6, $7::date, $8, $9, $10::text[], $11::jsonb, $12, $13, $14, $15, $16, $17
         FROM org WHERE NOT EXISTS (SELECT 1 FROM done)
       ON CONFLICT (org_id, id_number) WHERE status = 'pending' DO UPDATE SET
         name = EXCLUDED.name, id_type = EXCLUDED.id_type, sex = EXCLUDED.sex, birth_date = EXCLUDED.birth_date, phone = EXCLUDED.phone,
         category = EXCLUDED.category, skills = EXCLUDED.skills, availability = EXCLUDED.availability,
         health_status = EXCLUDED.health_status, emergency_name = EXCLUDED.emergency_name, emergency_phone = EXCLUDED.emergency_phone,
         pledge = EXCLUDED.pledge, address = EXCLUDED.address, client_ip = EXCLUDED.client_ip,
         submit_count = enlistments.submit_count + 1, updated_at = now()
       RETURNING id, submit_count, org_id, area_path
     ), logged AS (
       INSERT INTO audit_log (actor_id, actor_name, request_id, client_ip, action, entity, entity_id, area_path, after)
       SELECT NULL, NULL, $18, $17, CASE WHEN up.submit_count > 1 THEN 'resubmit' ELSE 'submit' END, 'enlistment', up.id::text, up.area_path,
              jsonb_build_object('orgId', up.org_id) || $19::jsonb
         FROM up
     )
     SELECT (SELECT name FROM org) AS org_name, EXISTS (SELECT 1 FROM done) AS approved, up.id, up.submit_count
       FROM (SELECT 1) one LEFT JOIN up ON true`,
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
      who.requestId,
      JSON.stringify(auditAfter),
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
  if (p.q?.trim()) where.push(`e.name LIKE ${q.add(likeEscape(p.q.trim()) + '%')}`);
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
