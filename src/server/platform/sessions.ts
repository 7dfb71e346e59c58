import { createHash, randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../db/engine';
import type { Actor } from './context';
import { RoleCache } from './role-cache';

/**
 * Sessions live in the database (they survive a restart and can be ended everywhere). The cookie
 * holds a random token; the table holds its SHA-256. Resolved sessions are cached in this process for
 * a few seconds so an authenticated request costs no extra query at the peak; every change that ends
 * or alters a session clears the cache here at once, and on PostgreSQL tells every other server process
 * through `NOTIFY sessions_changed` (sent in the change's transaction, so delivered at its commit) — a
 * signed-out or disabled user is refused by all of them at once, not after CACHE_MS. Were the notification
 * lost (the listening connection broken), CACHE_MS still bounds how long a stale session is believed.
 */
const CACHE_MS = 5_000;
/** Sliding expiry is written back at most this often per session. */
const TOUCH_MS = 60_000;

interface Cached {
  actor: Actor;
  userId: number;
  expiresAt: number;
  absoluteExpiresAt: number;
  lastTouch: number;
  cachedAt: number;
}

export class SessionStore {
  private readonly cache = new Map<string, Cached>();
  readonly roles: RoleCache;

  constructor(
    private readonly db: Db,
    private readonly idleMs: number,
    private readonly maxMs: number,
    /** The clock expiry is measured by (tests move it forward). */
    private readonly now: () => number = Date.now,
  ) {
    this.roles = new RoleCache(db);
    // A moved area changes the scope path of the users under it: drop cached sessions then.
    db.listen('areas_changed', () => this.cache.clear()).catch(() => {});
    if (db.engine === 'postgres') db.listen('sessions_changed', (what) => this.drop(what)).catch(() => {});
  }

  /** Drops what another process (or this one) changed: `s:<session id>`, `u:<user id>`, or `*` for everything. */
  private drop(what: string) {
    if (what.startsWith('s:')) this.cache.delete(what.slice(2));
    else if (what.startsWith('u:')) this.dropUser(Number(what.slice(2)));
    else {
      this.cache.clear();
      this.roles.clear();
    }
  }

  /** Tells the other server processes (PostgreSQL only: PGlite has one). In `q`'s transaction when given one. */
  private async tell(q: Queryable, what: string) {
    if (this.db.engine === 'postgres') await q.query("SELECT pg_notify('sessions_changed', $1)", [what]);
  }

  static hash(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  async create(tx: Queryable, userId: number, clientIp: string, userAgent: string | undefined) {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const now = this.now();
    await tx.query(
      `INSERT INTO sessions (id, user_id, csrf_token, created_at, last_seen_at, expires_at, absolute_expires_at, client_ip, user_agent)
       VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8)`,
      [
        SessionStore.hash(token),
        userId,
        csrfToken,
        new Date(now),
        new Date(now + this.idleMs),
        new Date(now + this.maxMs),
        clientIp,
        userAgent?.slice(0, 300) ?? null,
      ],
    );
    return { token, csrfToken, sessionId: SessionStore.hash(token) };
  }

  /** The actor behind a cookie token, or null when missing, expired, or the user is disabled. */
  async resolve(token: string): Promise<Actor | null> {
    const id = SessionStore.hash(token);
    const now = this.now();
    let c = this.cache.get(id);
    if (!c || now - c.cachedAt > CACHE_MS) {
      c = (await this.load(id, now)) ?? undefined;
      if (!c) {
        this.cache.delete(id);
        return null;
      }
      this.cache.set(id, c);
      if (this.cache.size > 50_000) this.cache.clear();
    }
    if (now > c.expiresAt || now > c.absoluteExpiresAt) {
      this.cache.delete(id);
      return null;
    }
    if (now - c.lastTouch > TOUCH_MS) {
      c.lastTouch = now;
      c.expiresAt = Math.min(now + this.idleMs, c.absoluteExpiresAt);
      await this.db.query('UPDATE sessions SET last_seen_at = $3, expires_at = $2 WHERE id = $1', [id, new Date(c.expiresAt), new Date(now)]);
    }
    return c.actor;
  }

  private async load(id: string, now: number): Promise<Cached | null> {
    const [row] = await this.db.query(
      `SELECT s.id, s.csrf_token, s.expires_at, s.absolute_expires_at, s.last_seen_at,
              u.id AS user_id, u.username, u.display_name, u.roles, u.area_id, u.area_path, u.disabled, u.must_change_password
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1`,
      [id],
    );
    if (!row || row.disabled) return null;
    const expiresAt = new Date(row.expires_at).getTime();
    const absoluteExpiresAt = new Date(row.absolute_expires_at).getTime();
    if (now > expiresAt || now > absoluteExpiresAt) return null;
    const roles: string[] = row.roles ?? [];
    return {
      actor: {
        userId: row.user_id,
        username: row.username,
        displayName: row.display_name,
        roles,
        permissions: await this.roles.permissionsOf(roles),
        scope: { areaId: row.area_id, path: row.area_path },
        sessionId: row.id,
        csrfToken: row.csrf_token,
        mustChangePassword: row.must_change_password,
      },
      userId: row.user_id,
      expiresAt,
      absoluteExpiresAt,
      lastTouch: new Date(row.last_seen_at).getTime(),
      cachedAt: now,
    };
  }

  async end(tx: Queryable, sessionId: string) {
    await tx.query('DELETE FROM sessions WHERE id = $1', [sessionId]);
    this.cache.delete(sessionId);
    await this.tell(tx, `s:${sessionId}`);
  }

  /** The live sessions of one user, most recently used first (for "my sessions"). */
  async listOf(db: Queryable, userId: number) {
    return db.query<{ id: string; created_at: Date; last_seen_at: Date; client_ip: string | null; user_agent: string | null }>(
      `SELECT id, created_at, last_seen_at, client_ip, user_agent FROM sessions
        WHERE user_id = $1 AND expires_at > $2 AND absolute_expires_at > $2
        ORDER BY last_seen_at DESC, created_at DESC LIMIT 200`,
      [userId, new Date(this.now())],
    );
  }

  /** Ends one session of a user; false when the user has no such session (someone else's looks missing). */
  async endOwn(tx: Queryable, userId: number, sessionId: string): Promise<boolean> {
    const n = await tx.execute('DELETE FROM sessions WHERE id = $1 AND user_id = $2', [sessionId, userId]);
    this.cache.delete(sessionId);
    if (n > 0) await this.tell(tx, `s:${sessionId}`);
    return n > 0;
  }

  /** Ends every session of a user, optionally keeping one (the one changing its own password). */
  async endAllOf(tx: Queryable, userId: number, keepSessionId?: string): Promise<number> {
    const n = await tx.execute('DELETE FROM sessions WHERE user_id = $1 AND id <> $2', [userId, keepSessionId ?? '']);
    await this.forgetUser(userId, tx);
    return n;
  }

  /**
   * Drops cached sessions of a user after their roles, scope or status changed — here and, on PostgreSQL, in
   * every other process (at the commit of `tx` when the change is in one).
   */
  async forgetUser(userId: number, tx: Queryable = this.db) {
    this.dropUser(userId);
    await this.tell(tx, `u:${userId}`);
  }

  private dropUser(userId: number) {
    for (const [k, v] of this.cache) if (v.userId === userId) this.cache.delete(k);
  }

  /** Drops every cached session and the roles' permissions (after a role's permissions changed), in every process. */
  async forgetAll() {
    this.cache.clear();
    this.roles.clear();
    await this.tell(this.db, '*');
  }

  async purgeExpired(): Promise<number> {
    return this.db.execute('DELETE FROM sessions WHERE expires_at < now() OR absolute_expires_at < now()');
  }
}
