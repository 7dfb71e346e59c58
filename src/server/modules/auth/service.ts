import type { AreaSummary } from '../../../domain/areas/api';
import { areasAs } from '../areas/sql';
import type { MySession, Session } from '../../../domain/auth/api';
import { audit } from '../../platform/audit';
import type { Actor, Ctx } from '../../platform/context';
import type { Db } from '../../db/engine';
import { DomainError, notFound, unauthenticated } from '../../platform/errors';
import type { SignInGate } from '../../platform/login-limiter';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from '../../platform/passwords';
import type { SessionStore } from '../../platform/sessions';
import * as users from '../users';
import { assertStrongPassword } from '../users';
import { toUserView } from '../users';

/** Signing in and out. Failed and successful logins are audited; the limiter slows guessing. */
export interface AuthDeps {
  db: Db;
  sessions: SessionStore;
  limiter: SignInGate;
}

export async function login(deps: AuthDeps, input: { username: string; password: string }, client: { ip: string; userAgent?: string; requestId: string }) {
  const wait = await deps.limiter.attempt(input.username, client.ip);
  if (wait) throw new DomainError('too_many', 'LOGIN_WAIT', { seconds: Math.ceil(wait / 1000) });
  const user = await users.findByUsernameUnscoped(deps.db, input.username);
  // Verify against a dummy hash when the user does not exist, so timing does not reveal usernames.
  const ok = await verifyPassword(input.password, user?.password_hash ?? (await dummyHash()));
  const who = { actorId: user?.id ?? null, actorName: input.username.slice(0, 60), requestId: client.requestId, clientIp: client.ip };
  if (!user || !ok) {
    await deps.limiter.fail(input.username, client.ip);
    await deps.db.tx((tx) => audit(tx, who, { action: 'login-failed', entity: 'session', areaPath: user?.area_path ?? null }));
    throw unauthenticated('BAD_CREDENTIALS');
  }
  if (user.disabled) throw new DomainError('forbidden', 'ACCOUNT_DISABLED');
  await deps.limiter.succeed(input.username);
  // A hash made at an older, cheaper cost is replaced while the password is at hand.
  if (needsRehash(user.password_hash)) await users.rehashPassword(deps.db, user.id, user.password_hash, await hashPassword(input.password));
  const session = await deps.db.tx(async (tx) => {
    const s = await deps.sessions.create(tx, user.id, client.ip, client.userAgent);
    await audit(tx, who, { action: 'login', entity: 'session', entityId: user.id, areaPath: user.area_path });
    return s;
  });
  const actor = (await deps.sessions.resolve(session.token))!;
  return { token: session.token, body: await me(deps.db, actor) };
}

export async function me(db: Db, actor: Actor): Promise<Session> {
  const u = (await users.findByIdUnscoped(db, actor.userId))!;
  const [scope] = await db.query<AreaSummary>(
    `SELECT id, parent_id AS "parentId", name, kind, division_code AS "divisionCode", path, level, archived FROM ${areasAs('a')} WHERE id = $1`,
    [u.area_id],
  );
  return {
    user: { ...toUserView(u), scope, permissions: [...actor.permissions].sort(), mustChangePassword: u.must_change_password },
    csrfToken: actor.csrfToken,
  };
}

export async function logout(ctx: Ctx, deps: AuthDeps) {
  await ctx.db.tx(async (tx) => {
    await deps.sessions.end(tx, ctx.actor.sessionId);
    await audit(tx, ctx, { action: 'logout', entity: 'session', entityId: ctx.actor.userId, areaPath: ctx.actor.scope.path });
  });
}

export async function logoutEverywhere(ctx: Ctx, deps: AuthDeps) {
  await ctx.db.tx(async (tx) => {
    const n = await deps.sessions.endAllOf(tx, ctx.actor.userId);
    await audit(tx, ctx, { action: 'logout-all', entity: 'session', entityId: ctx.actor.userId, areaPath: ctx.actor.scope.path, after: { sessionsEnded: n } });
  });
}

export async function changePassword(ctx: Ctx, deps: AuthDeps, currentPassword: string, newPassword: string) {
  const u = (await users.findByIdUnscoped(ctx.db, ctx.actor.userId))!;
  if (!(await verifyPassword(currentPassword, u.password_hash))) {
    throw new DomainError('bad_request', 'WRONG_PASSWORD', {}, { currentPassword: 'invalid_value' });
  }
  assertStrongPassword(ctx, newPassword, u.username, 'newPassword');
  // A forced change must really change it: the password an administrator set stays known to them.
  if (newPassword === currentPassword) throw new DomainError('bad_request', 'SAME_PASSWORD', {}, { newPassword: 'invalid_value' });
  const hash = await hashPassword(newPassword);
  await ctx.db.tx(async (tx) => {
    await users.setPassword(tx, u.id, hash);
    // Other devices are signed out; this one stays (and may now do everything its roles allow).
    const n = await deps.sessions.endAllOf(tx, u.id, ctx.actor.sessionId);
    await audit(tx, ctx, {
      action: 'change-password',
      entity: 'user',
      entityId: u.id,
      areaPath: u.area_path,
      after: { otherSessionsEnded: n, wasRequired: u.must_change_password },
    });
  });
  await deps.sessions.forgetUser(u.id);
}

/** The signed-in user's own live sessions; the address and device are theirs, shown unmasked to them. */
export async function mySessions(ctx: Ctx, deps: AuthDeps): Promise<{ items: MySession[] }> {
  const rows = await deps.sessions.listOf(ctx.db, ctx.actor.userId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      createdAt: new Date(r.created_at).toISOString(),
      lastSeenAt: new Date(r.last_seen_at).toISOString(),
      clientIp: r.client_ip,
      userAgent: r.user_agent,
      current: r.id === ctx.actor.sessionId,
    })),
  };
}

export async function endMySession(ctx: Ctx, deps: AuthDeps, sessionId: string) {
  await ctx.db.tx(async (tx) => {
    if (!(await deps.sessions.endOwn(tx, ctx.actor.userId, sessionId))) throw notFound();
    await audit(tx, ctx, { action: 'end-session', entity: 'session', entityId: ctx.actor.userId, areaPath: ctx.actor.scope.path });
  });
}

export async function endOtherSessions(ctx: Ctx, deps: AuthDeps) {
  await ctx.db.tx(async (tx) => {
    const n = await deps.sessions.endAllOf(tx, ctx.actor.userId, ctx.actor.sessionId);
    await audit(tx, ctx, {
      action: 'end-other-sessions',
      entity: 'session',
      entityId: ctx.actor.userId,
      areaPath: ctx.actor.scope.path,
      after: { sessionsEnded: n },
    });
  });
}
