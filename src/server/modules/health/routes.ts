import type { FastifyInstance } from 'fastify';
import { migrationLevel } from '../../db/migrate';
import { VERSION } from '../../version';

export async function healthRoutes(app: FastifyInstance) {
  app.get('/api/health', { config: { access: 'public' }, schema: { tags: ['platform'] } }, async () => ({
    status: 'ok',
    version: VERSION,
    engine: app.db.engine,
    migration: await migrationLevel(app.db),
  }));
}
