import { z } from 'zod';
import { defineRoute } from '../contract';

/** Platform routes that belong to no module. */

export const health = defineRoute({
  method: 'GET',
  path: '/api/health',
  summary: 'Liveness: the server answers and its database is open',
  responses: {
    200: z.object({ status: z.literal('ok'), version: z.string(), engine: z.enum(['pglite', 'postgres']), migration: z.number().int() }),
  },
});
