import type { Queryable } from '../../../db/engine';
import type { Scope } from '../../../platform/scope';
import { scopeClause } from '../../../platform/scope';
import { SqlParams } from '../../../platform/sql';
import { areasAs } from '../../areas/sql';

/** SQL of party organisations and their memberships. Reads take the caller's scope; the enlistment form's lookup by token says Unscoped. */

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

const ORG_COLUMNS = `o.id, o.parent_id, o.kind, o.name, o.area_id, o.area_path, a.name AS area_name, o.place,
  to_char(o.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(o.ends_on, 'YYYY-MM-DD') AS ends_on, o.closed_at, o.secretary_id,
  s.name AS secretary_name, o.enlist_token, o.notes,
  (SELECT count(*)::int FROM party_memberships m WHERE m.org_id = o.id AND m.left_on IS NULL) AS member_count`;
const ORG_FROM = `party_orgs o JOIN ${areasAs('a')} ON a.id = o.area_id LEFT JOIN volunteers s ON s.id = o.secretary_id`;

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
