import type { FastifyInstance } from 'fastify';
import * as api from '../../../domain/audit/api';
import { ctxOf } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { isRootScope } from '../../platform/scope';
import { serve } from '../../platform/serve';
import { areaRepo as areas } from '../areas';
import * as repo from './repo';
import * as watch from './disclosure-watch';

export async function auditRoutes(app: FastifyInstance) {
  serve(app, api.listAudit, { access: { permission: 'audit.read' } }, async (req) => {
    const ctx = ctxOf(req);
    const { areaId, actor, from, to, ...rest } = req.query;
    let areaPath: string | undefined;
    if (areaId) {
      const area = await areas.findInScope(ctx.db, ctx.actor.scope, areaId);
      if (!area) throw notFound();
      areaPath = area.path;
    }
    return repo.list(ctx.db, ctx.actor.scope, isRootScope(ctx.actor.scope), {
      ...rest,
      from: from ? new Date(from) : undefined,
      to: to ? new Date(to) : undefined,
      actorId: actor,
      areaPath,
    });
  });
  serve(app, api.getDisclosures, { access: { permission: 'audit.read' } }, (req) =>
    watch.disclosures(ctxOf(req), { day: req.query.day, timeZone: req.server.timeZone }),
  );
  serve(app, api.setDisclosureThreshold, { access: { permission: 'audit.manage' } }, (req) => watch.setThreshold(ctxOf(req), req.body.perDay));
}
