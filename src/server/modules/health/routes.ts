import type { FastifyInstance } from 'fastify';
import * as api from '../../../domain/platform/api';
import { migrationLevel } from '../../db/migrate';
import { serve } from '../../platform/serve';
import { VERSION } from '../../version';

export async function healthRoutes(app: FastifyInstance) {
  serve(app, api.health, { access: 'public', tags: ['platform'] }, async () => ({
    status: 'ok' as const,
    version: VERSION,
    engine: app.db.engine,
    migration: await migrationLevel(app.db),
  }));
}
