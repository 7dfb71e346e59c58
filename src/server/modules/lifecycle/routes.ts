import type { FastifyInstance } from 'fastify';
import * as api from '../../../domain/lifecycle/api';
import { ctxOf } from '../../platform/context';
import { serve } from '../../platform/serve';
import * as service from './service';

/** The data lifecycle: retention policy and runs, legal holds and "emergency ended" (lifecycle.manage); data requests (lifecycle.requests). */
const manage = { access: { permission: 'lifecycle.manage' } };
const requests = { access: { permission: 'lifecycle.requests' } };

export async function lifecycleRoutes(app: FastifyInstance) {
  serve(app, api.listRetention, manage, (req) => service.listRetention(ctxOf(req)));
  serve(app, api.setRetention, manage, (req) => service.setRetention(ctxOf(req), req.params.dataClass, req.body.periodDays));
  serve(app, api.listRuns, manage, (req) => service.listRuns(ctxOf(req), req.query));
  serve(app, api.previewEmergencyEnded, manage, (req) => service.previewEmergencyEnded(ctxOf(req)));
  serve(app, api.runEmergencyEnded, manage, (req) => service.runEmergencyEnded(ctxOf(req), req.body.confirmTotal));
  serve(app, api.listHolds, manage, (req) => service.listHolds(ctxOf(req)));
  serve(app, api.createHold, manage, (req) => service.createHold(ctxOf(req), req.body));
  serve(app, api.releaseHold, manage, (req) => service.releaseHold(ctxOf(req), req.params.id));
  serve(app, api.listRequests, requests, (req) => service.listRequests(ctxOf(req), req.query));
  serve(app, api.createRequest, requests, (req) => service.createRequest(ctxOf(req), req.body));
  serve(app, api.answerRequest, requests, (req) => service.answerRequest(ctxOf(req), req.params.id, req.body.answer));
}
