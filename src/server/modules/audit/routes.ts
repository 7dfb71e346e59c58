import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { isRootScope } from '../../platform/scope';
import * as areas from '../areas/repo';
import * as repo from './repo';

export async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/audit',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        tags: ['audit'],
        querystring: z.strictObject({
          actor: z.coerce.number().int().positive().optional(),
          entity: z.string().max(40).optional(),
          areaId: z.coerce.number().int().positive().optional(),
          from: z.coerce.date().optional(),
          to: z.coerce.date().optional(),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const { areaId, actor, ...rest } = req.query;
      let areaPath: string | undefined;
      if (areaId) {
        const area = await areas.findInScope(ctx.db, ctx.actor.scope, areaId);
        if (!area) throw notFound();
        areaPath = area.path;
      }
      return repo.list(ctx.db, ctx.actor.scope, isRootScope(ctx.actor.scope), { ...rest, actorId: actor, areaPath });
    },
  );
}
