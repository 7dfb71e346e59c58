import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as api from '../../../domain/fieldwork/api';
import { ctxOf } from '../../platform/context';
import { serve } from '../../platform/serve';
import { registerPhotoReader } from '../photos';
import * as campaigns from './campaigns';
import { figures } from './figures';
import * as jobs from './jobs';
import { OWNERS } from './photo-link';
import { policyOf } from './policy';
import * as publicity from './publicity';
import { defineFieldworkJobs } from './terminal';

/** Field work (消杀 · 宣传). Every route is scoped by the record's area; the policy is deployment-wide. */
const perm = (permission: string) => ({ access: { permission }, tags: ['fieldwork'] });
const tctx = (req: FastifyRequest) => ({ ...ctxOf(req), timeZone: req.server.timeZone });

export async function fieldworkRoutes(app: FastifyInstance) {
  // A job's before/after photos and a publicity item's are for those who read field work.
  for (const owner of Object.values(OWNERS)) registerPhotoReader(owner, 'fieldwork.read');
  const read = perm('fieldwork.read');
  const record = perm('fieldwork.record');
  const plan = perm('fieldwork.plan');

  serve(app, api.getPolicy, read, (req) => policyOf(ctxOf(req).db));
  serve(app, api.listJobs, read, (req) => jobs.listJobs(ctxOf(req), req.query));
  serve(app, api.recordJob, record, async (req, reply) => {
    reply.status(201);
    return jobs.recordJob(ctxOf(req), req.body);
  });
  serve(app, api.getJob, read, (req) => jobs.getJob(ctxOf(req), req.params.id));
  serve(app, api.completeJob, record, (req) => jobs.completeJob(ctxOf(req), req.params.id, req.body));
  serve(app, api.listRounds, read, (req) => jobs.listRounds(ctxOf(req), req.query));
  serve(app, api.planRound, plan, async (req, reply) => {
    reply.status(201);
    return jobs.planRound(ctxOf(req), req.body, req.server.timeZone);
  });
  serve(app, api.figures, read, (req) => figures(tctx(req), req.query));
  serve(app, api.listPublicity, read, (req) => publicity.listPublicity(ctxOf(req), req.query));
  serve(app, api.recordPublicity, record, async (req, reply) => {
    reply.status(201);
    return publicity.recordPublicity(ctxOf(req), req.body);
  });
  serve(app, api.publicityCountsRoute, read, (req) => publicity.publicityCounts(ctxOf(req), req.query));
  serve(app, api.listCampaigns, read, (req) => campaigns.listCampaigns(ctxOf(req), req.query));
  serve(app, api.createCampaign, plan, async (req, reply) => {
    reply.status(201);
    return campaigns.createCampaign(ctxOf(req), req.body);
  });
  serve(app, api.getCampaign, read, (req) => campaigns.getCampaign(ctxOf(req), req.params.id));
  serve(app, api.listCampaignHouseholds, read, (req) => campaigns.listHouseholds(ctxOf(req), req.params.id, req.query));
  serve(app, api.visitHousehold, record, (req) => campaigns.visitHousehold(ctxOf(req), req.params.id, req.body));

  await defineFieldworkJobs(app.jobs, app.db);
}
