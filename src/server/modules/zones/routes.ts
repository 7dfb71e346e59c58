import type { FastifyInstance } from 'fastify';
import * as api from '../../../domain/zones/api';
import { ctxOf } from '../../platform/context';
import { serve } from '../../platform/serve';
import * as zones from './zones';

/** Risk zones (风险区域): every route is scoped by the zone's area. */
const perm = (permission: string) => ({ access: { permission }, tags: ['zones'] });

export async function zonesRoutes(app: FastifyInstance) {
  const read = perm('zones.read');
  const manage = perm('zones.manage');

  serve(app, api.zonePolicyRoute, read, (req) => zones.zonePolicy(ctxOf(req)));
  serve(app, api.listZones, read, (req) => zones.listZones(ctxOf(req), req.query));
  serve(app, api.declareZone, manage, async (req, reply) => {
    reply.status(201);
    return zones.declareZone(ctxOf(req), req.body);
  });
  serve(app, api.getZone, read, (req) => zones.getZone(ctxOf(req), req.params.id));
  serve(app, api.zonePeople, read, (req) => zones.zonePeople(ctxOf(req), req.params.id, req.query));
  serve(app, api.raiseZone, manage, (req) => zones.raiseZone(ctxOf(req), req.params.id, req.body));
  serve(app, api.liftZone, manage, (req) => zones.liftZone(ctxOf(req), req.params.id, req.body));
}
