import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Access } from '../../platform/context';
import * as arrivalApi from '../../../domain/screening/api/arrivals';
import * as campaignApi from '../../../domain/screening/api/campaigns';
import * as riskAreaApi from '../../../domain/screening/api/risk-areas';
import * as proposalApi from '../../../domain/screening/api/proposals';
import * as visitApi from '../../../domain/screening/api/visits';
import type { Config } from '../../config';
import { ctxOf } from '../../platform/context';
import { acceptUploads, readSheetUpload } from '../../platform/http-files';
import { keepMonthsAhead } from '../../platform/month-partitions';
import { serve } from '../../platform/serve';
import { uploadFolder } from '../../platform/spreadsheets/stored-upload';
import * as arrivals from './arrivals';
import * as campaigns from './campaigns';
import * as proposals from './proposals';
import * as riskAreas from './risk-areas';
import { VISITS_TABLE } from './visit-repo';
import * as visits from './visits';

/** The risk-area list, arrivals and door-to-door screening (敲门行动). */
const tags = ['screening'];
const perm = (permission: string): { access: Access; tags: string[] } => ({ access: { permission }, tags });
const tctx = (req: FastifyRequest) => ({ ...ctxOf(req), timeZone: req.server.timeZone, autoConfirm: req.server.measuresAutoConfirm });

export async function screeningRoutes(app: FastifyInstance, opts: { config: Config }) {
  const maxBytes = Math.round(opts.config.IMPORT_MAX_MB * 1048576);
  const uploads = uploadFolder(opts.config.DATA_DIR);
  await acceptUploads(app, maxBytes);
  // Visits are split by month (migration 0061): this month's and the next two are kept made, at start and daily;
  // retention drops the old ones (retention.ts).
  await keepMonthsAhead(app.jobs, app.db, { job: 'screening.visit_months', table: VISITS_TABLE, timeZone: app.timeZone, ahead: 2, log: app.log });

  // ——— the risk-area list ———
  serve(app, riskAreaApi.importRiskAreas, { ...perm('riskareas.manage'), upload: true }, async (req) => {
    return riskAreas.importList(ctxOf(req), await readSheetUpload(req), maxBytes, uploads);
  });
  serve(app, riskAreaApi.listRiskAreas, perm('riskareas.read'), (req) => riskAreas.list(ctxOf(req), req.query));
  serve(app, riskAreaApi.riskLevelOf, perm('riskareas.read'), (req) => riskAreas.levelOf(ctxOf(req), req.query.code, req.query.on ?? ctxOf(req).today));

  // ——— arrivals ———
  serve(app, arrivalApi.listArrivals, perm('arrivals.read'), (req) => arrivals.list(ctxOf(req), req.query));
  serve(app, arrivalApi.getArrival, perm('arrivals.read'), (req) => arrivals.get(ctxOf(req), req.params.id));
  serve(app, arrivalApi.registerArrival, perm('arrivals.write'), (req) => arrivals.register(ctxOf(req), req.body));
  serve(app, arrivalApi.proposeForArrival, perm('measures.write'), async (req, reply) => {
    const res = await arrivals.propose(tctx(req), req.params.id, req.body);
    reply.status(res.created ? 201 : 200);
    return { decision: res.decision, measure: res.measure };
  });

  // ——— screening campaigns ———
  serve(app, campaignApi.listCampaigns, perm('screening.read'), (req) => campaigns.list(ctxOf(req), req.query));
  serve(app, campaignApi.createCampaign, perm('screening.manage'), (req) => campaigns.create(tctx(req), req.body));
  serve(app, campaignApi.getCampaign, perm('screening.read'), (req) => campaigns.get(ctxOf(req), req.params.id));
  serve(app, campaignApi.campaignProgress, perm('screening.read'), (req) => campaigns.progress(ctxOf(req), req.params.id));
  serve(app, campaignApi.unvisitedHouseholds, perm('screening.read'), (req) => campaigns.unvisited(ctxOf(req), req.params.id, req.query));
  serve(app, campaignApi.closeCampaign, perm('screening.manage'), (req) => campaigns.close(ctxOf(req), req.params.id));

  // ——— visits ———
  serve(app, campaignApi.getTarget, perm('screening.visit'), (req) => campaigns.target(ctxOf(req), req.params.id));
  serve(app, visitApi.submitVisit, perm('screening.visit'), async (req, reply) => {
    const res = await visits.submit(tctx(req), req.body);
    reply.status(res.created ? 201 : 200);
    return res.visit;
  });
  serve(app, visitApi.listVisits, perm('screening.read'), (req) => visits.list(ctxOf(req), req.query));

  // ——— roster changes proposed by visits, for a cadre to decide ———
  serve(app, proposalApi.listRosterProposals, perm('residents.write'), (req) => proposals.list(ctxOf(req), req.query));
  serve(app, proposalApi.confirmRosterProposal, perm('residents.write'), (req) => proposals.confirm(ctxOf(req), req.params.id));
  serve(app, proposalApi.rejectRosterProposal, perm('residents.write'), (req) => proposals.reject(ctxOf(req), req.params.id, req.body.reason));
}
