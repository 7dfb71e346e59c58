import { ALL_PERMISSIONS, PERMISSIONS, isPermission } from '../../../domain/auth/permissions';
import { passwordProblem } from '../../../domain/auth/password-strength';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { DomainError, badRequest, conflict, forbidden, isUniqueViolation, notFound } from '../../platform/errors';
import { PASSWORD_REASONS } from '../../platform/messages';
import { isCommonPassword } from '../../platform/common-passwords';
import { hashPassword } from '../../platform/passwords';
import type { SessionStore } from '../../platform/sessions';
import { isRootScope } from '../../platform/scope';
import { areaRepo as areas } from '../areas';
import * as repo from './repo';
import { toUserView } from './view';

/**
 * Accounts and roles. Nobody can hand out more than they hold: granted roles must be covered by the
 * actor's own permissions, a scope must lie inside the actor's, and a user whose roles exceed the
 * actor's cannot be edited by them (no taking over an administrator's account).
 */
export interface UserDeps {
  sessions: SessionStore;
}

export function assertStrongPassword(ctx: Pick<Ctx, 'lang'>, password: string, username: string, field = 'password') {
  const problem = passwordProblem(password, username, isCommonPassword);
  if (problem) {
    const reason = PASSWORD_REASONS[problem][ctx.lang];
    throw new DomainError('bad_request', 'WEAK_PASSWORD', { reason }, { [field]: reason });
  }
}

async function rolePermissions(ctx: Ctx, roles: string[]): Promise<Map<string, string[]>> {
  const all = await repo.listRoles(ctx.db);
  const map = new Map(all.map((r) => [r.code, r.permissions]));
  for (const r of roles) if (!map.has(r)) throw badRequest('VALIDATION_FAILED', {}, { roles: 'invalid_value' });
  return map;
}

async function assertGrantable(ctx: Ctx, roles: string[]) {
  const map = await rolePermissions(ctx, roles);
  for (const r of roles) {
    if (!map.get(r)!.every((p) => ctx.actor.permissions.has(p))) throw forbidden('ROLE_NOT_GRANTABLE', { role: r });
  }
}

async function mustFind(ctx: Ctx, id: number) {
  const u = await repo.findInScope(ctx.db, ctx.actor.scope, id);
  if (!u) throw notFound();
  return u;
}

async function mustManage(ctx: Ctx, id: number) {
  const u = await mustFind(ctx, id);
  await assertGrantable(ctx, u.roles);
  return u;
}

async function scopeArea(ctx: Ctx, areaId: number) {
  const a = await areas.findInScope(ctx.db, ctx.actor.scope, areaId);
  if (!a || a.archived) throw badRequest('VALIDATION_FAILED', {}, { scopeAreaId: 'not_found' });
  return a;
}

export async function list(ctx: Ctx, p: { q?: string; under?: number; page: number; pageSize: number }) {
  let underPath: string | undefined;
  if (p.under) {
    const area = await areas.findInScope(ctx.db, ctx.actor.scope, p.under);
    if (!area) throw notFound();
    underPath = area.path;
  }
  const { rows, total } = await repo.list(ctx.db, ctx.actor.scope, { ...p, underPath });
  return { items: rows.map(toUserView), total };
}

export async function get(ctx: Ctx, id: number) {
  return toUserView(await mustFind(ctx, id));
}

export async function create(
  ctx: Ctx,
  input: { username: string; displayName: string; phone?: string | null; roles: string[]; scopeAreaId: number; password: string },
) {
  assertStrongPassword(ctx, input.password, input.username);
  await assertGrantable(ctx, input.roles);
  const area = await scopeArea(ctx, input.scopeAreaId);
  const passwordHash = await hashPassword(input.password);
  return ctx.db.tx(async (tx) => {
    if (await repo.findByUsernameUnscoped(tx, input.username)) throw conflict('USERNAME_TAKEN', { username: input.username }, { username: 'taken' });
    let id: number;
    try {
      // The administrator chose this password: its owner replaces it at the first sign-in.
      id = await repo.insert(tx, { ...input, phone: input.phone ?? null, passwordHash, areaId: area.id, areaPath: area.path, mustChangePassword: true });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('USERNAME_TAKEN', { username: input.username }, { username: 'taken' });
      throw e;
    }
    const view = toUserView((await repo.findInScope(tx, ctx.actor.scope, id))!);
    await audit(tx, ctx, { action: 'create', entity: 'user', entityId: id, areaPath: area.path, after: view });
    return view;
  });
}

export async function update(
  ctx: Ctx,
  deps: UserDeps,
  id: number,
  input: { displayName?: string; phone?: string | null; roles?: string[]; scopeAreaId?: number; disabled?: boolean },
) {
  const before = await mustManage(ctx, id);
  if (input.roles) await assertGrantable(ctx, input.roles);
  if (id === ctx.actor.userId && (input.disabled || input.roles || input.scopeAreaId)) {
    // Nobody locks themselves out or widens their own reach.
    throw forbidden();
  }
  const area = input.scopeAreaId ? await scopeArea(ctx, input.scopeAreaId) : { id: before.area_id, path: before.area_path };
  return ctx.db.tx(async (tx) => {
    await repo.update(tx, id, {
      displayName: input.displayName ?? before.display_name,
      phone: input.phone === undefined ? before.phone : input.phone,
      roles: input.roles ?? before.roles,
      areaId: area.id,
      areaPath: area.path,
      disabled: input.disabled ?? before.disabled,
    });
    if (input.disabled) await deps.sessions.endAllOf(tx, id);
    await deps.sessions.forgetUser(id, tx);
    const after = toUserView((await repo.findInScope(tx, ctx.actor.scope, id))!);
    await audit(tx, ctx, { action: 'update', entity: 'user', entityId: id, areaPath: after.scope.path, before: toUserView(before), after });
    return after;
  });
}

/**
 * An administrator sets someone's password (forgotten, or a new hand-over): their sessions end and the
 * owner must change it at the next sign-in. One's own password is changed with the current one instead
 * (POST /api/auth/password), so a session left open cannot be used to take the account over.
 */
export async function resetPassword(ctx: Ctx, deps: UserDeps, id: number, newPassword: string) {
  if (id === ctx.actor.userId) throw forbidden('OWN_PASSWORD_RESET');
  const user = await mustManage(ctx, id);
  assertStrongPassword(ctx, newPassword, user.username, 'newPassword');
  const hash = await hashPassword(newPassword);
  await ctx.db.tx(async (tx) => {
    await repo.setPassword(tx, id, hash, true);
    const ended = await deps.sessions.endAllOf(tx, id);
    await audit(tx, ctx, { action: 'reset-password', entity: 'user', entityId: id, areaPath: user.area_path, after: { sessionsEnded: ended } });
  });
  return { ok: true as const };
}

export async function roles(ctx: Ctx) {
  const rows = await repo.listRoles(ctx.db);
  return {
    items: rows.map((r) => ({ code: r.code, name: { zh: r.name_zh, en: r.name_en }, permissions: r.permissions, builtIn: r.built_in })),
  };
}

export function permissions() {
  return { items: ALL_PERMISSIONS.map((code) => ({ code, module: PERMISSIONS[code] })) };
}

export async function setRolePermissions(ctx: Ctx, deps: UserDeps, code: string, perms: string[]) {
  // Roles are deployment-wide: only someone whose scope is the whole tree may change them.
  if (!isRootScope(ctx.actor.scope)) throw forbidden();
  const unknown = perms.filter((p) => !isPermission(p));
  if (unknown.length) throw badRequest('VALIDATION_FAILED', {}, { permissions: 'invalid_value' });
  const role = (await repo.listRoles(ctx.db)).find((r) => r.code === code);
  if (!role) throw notFound();
  // Only what the editor holds may be added or removed, so a role editor cannot escalate.
  const changed = [...new Set([...perms, ...role.permissions])].filter((p) => perms.includes(p) !== role.permissions.includes(p));
  if (changed.some((p) => !ctx.actor.permissions.has(p))) throw forbidden();
  const next = [...new Set(perms)].sort();
  await ctx.db.tx(async (tx) => {
    await repo.setRolePermissions(tx, code, next);
    await audit(tx, ctx, {
      action: 'update',
      entity: 'role',
      entityId: code,
      areaPath: null,
      before: { permissions: role.permissions },
      after: { permissions: next },
    });
  });
  await deps.sessions.forgetAll();
  return { code, name: { zh: role.name_zh, en: role.name_en }, permissions: next, builtIn: role.built_in };
}
