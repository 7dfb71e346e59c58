import type { Queryable } from '../../db/engine';
import { areasAs } from '../areas/sql';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams, likeEscape } from '../../platform/sql';

/** Users and roles. Users are scoped by the path of their own scope area. */
export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  phone: string | null;
  password_hash: string;
  roles: string[];
  area_id: number;
  area_path: string;
  area_name: string;
  area_kind: string;
  disabled: boolean;
  must_change_password: boolean;
  created_at: Date;
}

const COLUMNS = `u.id, u.username, u.display_name, u.phone, u.password_hash, u.roles, u.area_id, u.area_path,
  a.name AS area_name, a.kind AS area_kind, u.disabled, u.must_change_password, u.created_at`;

export async function findInScope(db: Queryable, scope: Scope, id: number): Promise<UserRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<UserRow>(
    `SELECT ${COLUMNS} FROM users u JOIN ${areasAs('a')} ON a.id = u.area_id WHERE u.id = ${q.add(id)} AND ${scopeClause(scope, 'u.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

/** Login looks a user up before anyone is known: unscoped by nature. */
export async function findByUsernameUnscoped(db: Queryable, username: string): Promise<UserRow | null> {
  const [row] = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users u JOIN ${areasAs('a')} ON a.id = u.area_id WHERE lower(u.username) = lower($1)`, [
    username,
  ]);
  return row ?? null;
}

export async function findByIdUnscoped(db: Queryable, id: number): Promise<UserRow | null> {
  const [row] = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users u JOIN ${areasAs('a')} ON a.id = u.area_id WHERE u.id = $1`, [id]);
  return row ?? null;
}

export async function list(db: Queryable, scope: Scope, p: { q?: string; underPath?: string; page: number; pageSize: number }) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'u.area_path', q)];
  if (p.underPath) where.push(`u.area_path LIKE ${q.add(p.underPath + '%')}`);
  if (p.q) {
    const like = q.add(`%${likeEscape(p.q.trim())}%`);
    where.push(`(u.username ILIKE ${like} OR u.display_name ILIKE ${like})`);
  }
  const w = where.join(' AND ');
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM users u WHERE ${w}`, q.values);
  const rows = await db.query<UserRow>(
    `SELECT ${COLUMNS} FROM users u JOIN ${areasAs('a')} ON a.id = u.area_id WHERE ${w}
      ORDER BY u.area_path, u.username LIMIT ${q.add(p.pageSize)} OFFSET ${q.add((p.page - 1) * p.pageSize)}`,
    q.values,
  );
  return { rows, total };
}

export async function insert(
  tx: Queryable,
  u: {
    username: string;
    displayName: string;
    phone: string | null;
    passwordHash: string;
    roles: string[];
    areaId: number;
    areaPath: string;
    /** The password was chosen by someone else (an administrator, or generated): its owner changes it first. */
    mustChangePassword?: boolean;
  },
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO users (username, display_name, phone, password_hash, roles, area_id, area_path, must_change_password)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [u.username, u.displayName, u.phone, u.passwordHash, u.roles, u.areaId, u.areaPath, u.mustChangePassword ?? false],
  );
  return row.id;
}

export async function update(
  tx: Queryable,
  id: number,
  u: { displayName: string; phone: string | null; roles: string[]; areaId: number; areaPath: string; disabled: boolean },
) {
  await tx.query(
    `UPDATE users SET display_name = $2, phone = $3, roles = $4, area_id = $5, area_path = $6, disabled = $7, updated_at = now()
      WHERE id = $1`,
    [id, u.displayName, u.phone, u.roles, u.areaId, u.areaPath, u.disabled],
  );
}

/** A new password; `mustChange` when someone other than its owner set it (a reset). */
export async function setPassword(tx: Queryable, id: number, passwordHash: string, mustChange = false) {
  await tx.query('UPDATE users SET password_hash = $2, must_change_password = $3, password_changed_at = now(), updated_at = now() WHERE id = $1', [
    id,
    passwordHash,
    mustChange,
  ]);
}

/** The same password hashed at today's cost (after a sign-in with an older hash); nothing else changes. */
export async function rehashPassword(db: Queryable, id: number, oldHash: string, passwordHash: string) {
  await db.query('UPDATE users SET password_hash = $3 WHERE id = $1 AND password_hash = $2', [id, oldHash, passwordHash]);
}

export interface RoleRow {
  code: string;
  name_zh: string;
  name_en: string;
  permissions: string[];
  built_in: boolean;
}

export async function listRoles(db: Queryable): Promise<RoleRow[]> {
  return db.query<RoleRow>('SELECT code, name_zh, name_en, permissions, built_in FROM roles ORDER BY built_in DESC, code');
}

export async function setRolePermissions(tx: Queryable, code: string, permissions: string[]) {
  await tx.query('UPDATE roles SET permissions = $2, updated_at = now() WHERE code = $1', [code, permissions]);
}
