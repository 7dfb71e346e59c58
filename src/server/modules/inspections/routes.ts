import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as api from '../../../domain/inspections/api';
import { ctxOf } from '../../platform/context';
import { sendSpreadsheet } from '../../platform/http-files';
import { serve } from '../../platform/serve';
import * as checklists from './checklists';
import * as league from './league';
import * as orders from './orders';
import * as record from './record';
import * as targets from './targets';
import { registerPhotoReader } from '../photos';
import { OWNERS } from './photo-link';

/** Inspections (督导检查) and rectification (整改). Every route is scoped by the target's area; checklists are deployment-wide. */
const perm = (permission: string) => ({ access: { permission }, tags: ['inspections'] });
const lctx = (req: FastifyRequest) => ({ ...ctxOf(req), timeZone: req.server.timeZone });

export async function inspectionRoutes(app: FastifyInstance) {
  // Failed items', reports' and re-inspections' photos are for those who read inspections.
  for (const owner of Object.values(OWNERS)) registerPhotoReader(owner, 'inspections.read');
  const read = perm('inspections.read');
  const inspect = perm('inspections.inspect');
  const rectify = perm('inspections.rectify');
  const manage = perm('inspections.manage');

  serve(app, api.listChecklists, read, (req) => checklists.listChecklists(ctxOf(req), req.query.kind));
  serve(app, api.saveChecklist, manage, async (req, reply) => {
    reply.status(201);
    return checklists.saveChecklist(ctxOf(req), req.body);
  });
  serve(app, api.getPolicy, read, (req) => checklists.getPolicy(ctxOf(req)));
  serve(app, api.listTargets, read, (req) => targets.listTargets(ctxOf(req), req.query));
  serve(app, api.createTarget, inspect, async (req, reply) => {
    const r = await targets.createTarget(ctxOf(req), req.body);
    reply.status(r.created ? 201 : 200);
    return r.view;
  });
  serve(app, api.listPlans, read, (req) => targets.listPlans(ctxOf(req), req.query));
  serve(app, api.createPlan, inspect, async (req, reply) => {
    reply.status(201);
    return targets.createPlan(ctxOf(req), req.body);
  });
  serve(app, api.getPlan, read, (req) => targets.getPlan(ctxOf(req), req.params.id));
  serve(app, api.listInspections, read, (req) => record.listInspections(ctxOf(req), req.query));
  serve(app, api.recordInspection, inspect, async (req, reply) => {
    reply.status(201);
    return record.recordInspection(ctxOf(req), req.body);
  });
  serve(app, api.getInspection, read, (req) => record.getInspection(ctxOf(req), req.params.id));
  serve(app, api.listOrders, read, (req) => orders.listOrders(ctxOf(req), req.query));
  serve(app, api.getOrder, read, (req) => orders.getOrder(ctxOf(req), req.params.id));
  serve(app, api.reportOrder, rectify, (req) => orders.reportOrder(ctxOf(req), req.params.id, req.body));
  serve(app, api.reinspectOrder, inspect, (req) => orders.reinspectOrder(ctxOf(req), req.params.id, req.body));
  serve(app, api.league, read, (req) => league.league(lctx(req), req.query));
  serve(app, api.exportScores, read, async (req, reply) => {
    const file = await league.exportScores(lctx(req), req.query);
    return sendSpreadsheet(reply, { fileName: file.fileName, asciiName: 'inspection-scores.xlsx' }, file.write);
  });

  await orders.defineInspectionJobs(app.jobs, app.db);
}
