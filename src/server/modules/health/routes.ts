import type { FastifyInstance } from 'fastify';
import * as api from '../../../domain/platform/api';
import { migrationLevel } from '../../db/migrate';
import { serve } from '../../platform/serve';
import { VERSION } from '../../version';

/** How long the migration level read at the last check is answered before it is read again (in the background). */
const LEVEL_TTL_MS = 60_000;

/**
 * The health answer never waits on the database once it has its first reading. On PGlite one connection is shared:
 * a reading queued behind a large commit's batch stalled the balancer's and the supervisor's checks, which then
 * restarted a server that was working. The migration level changes only when a server starts (migrations are
 * forward-only and run before listening), so a reading up to a minute old is the truth; it is refreshed behind the
 * answer, and a failed refresh keeps the last reading.
 */
export async function healthRoutes(app: FastifyInstance) {
  let level: number | null = null;
  let readAt = 0;
  let refreshing: Promise<void> | null = null;
  const refresh = () => {
    refreshing ??= migrationLevel(app.db)
      .then((v) => {
        level = v;
        readAt = Date.now();
      })
      .catch((err) => app.log.warn({ err }, 'health: the migration level could not be read'))
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  };
  serve(app, api.health, { access: 'public', tags: ['platform'] }, async () => {
    if (level === null) await refresh();
    else if (Date.now() - readAt > LEVEL_TTL_MS) void refresh();
    return { status: 'ok' as const, version: VERSION, engine: app.db.engine, migration: level ?? 0 };
  });
}
