import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as api from '../../../domain/zones/api';
import * as estateApi from '../../../domain/zones/api-estate';
import { ctxOf } from '../../platform/context';
import { serve } from '../../platform/serve';
import * as estate from './estate';
import * as zones from './zones';
import { registerPhotoReader } from '../photos';

/** Risk zones (风险区域): every route is scoped by the zone's area. */
const perm = (permission: string) => ({ access: { permission }, tags: ['zones'] });

export async function zonesRoutes(app: FastifyInstance) {
  // A delivery's signature photo is for those who read zones.
  registerPhotoReader('zone_distribution', 'zones.read');
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

  // The sealed estate's day: the board reads, captains and cadres write (phone writes idempotent by client id).
  const field = perm('zones.field');
  const ectx = (req: FastifyRequest) => ({ ...ctxOf(req), timeZone: req.server.timeZone });
  serve(app, estateApi.estateBoardRoute, read, (req) => estate.board(ectx(req), req.params.id, req.query.day));
  serve(app, estateApi.recordNeeds, field, async (req, reply) => {
    const res = await estate.recordNeeds(ectx(req), req.params.id, req.body);
    reply.status(res.created ? 201 : 200);
    return res.view;
  });
  serve(app, estateApi.recordDistribution, field, async (req, reply) => {
    const res = await estate.recordDistribution(ectx(req), req.params.id, req.body);
    reply.status(res.created ? 201 : 200);
    return res.view;
  });
  serve(app, estateApi.recordGreen, field, async (req, reply) => {
    reply.status(201);
    return estate.recordGreen(ectx(req), req.params.id, req.body);
  });
  serve(app, estateApi.respondGreen, field, (req) => estate.respondGreen(ectx(req), req.params.id, req.body.respondedAt));
  serve(app, estateApi.recordProblem, field, async (req, reply) => {
    reply.status(201);
    return estate.recordProblem(ectx(req), req.params.id, req.body);
  });
  serve(app, estateApi.closeProblem, field, (req) => estate.closeProblem(ectx(req), req.params.id, req.body));
}
