import type { Db } from '../../db/engine';
import type { Ctx } from '../../platform/context';
import { todayIn } from '../../platform/dates';

/**
 * A request context for a demo account, so the demo's later parts act through the same services as the API
 * (every rule, scope check and audit row the real one), as a named demo user. Null when the user is missing.
 */
export async function demoCtx(db: Db, username: string, timeZone: string): Promise<(Ctx & { timeZone: string }) | null> {
  const [u] = await db.query<{ id: number; username: string; display_name: string; roles: string[]; area_id: number; path: string }>(
    `SELECT u.id, u.username, u.display_name, u.roles, u.area_id, a.path FROM users u JOIN areas a ON a.id = u.area_id WHERE u.username = $1`,
    [username],
  );
  if (!u) return null;
  const [{ permissions }] = await db.query<{ permissions: string[] }>(
    'SELECT coalesce(array_agg(DISTINCT p), ARRAY[]::text[]) AS permissions FROM roles, unnest(permissions) AS p WHERE code = ANY($1::text[])',
    [u.roles],
  );
  return {
    db,
    actor: {
      userId: u.id,
      username: u.username,
      displayName: u.display_name,
      roles: u.roles,
      permissions: new Set(permissions),
      scope: { areaId: u.area_id, path: u.path },
      sessionId: 'demo',
      csrfToken: 'demo',
      mustChangePassword: false,
    },
    requestId: 'demo-seed',
    clientIp: '127.0.0.1',
    lang: 'zh',
    today: todayIn(timeZone),
    timeZone,
  };
}
