import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as api from '../../../domain/monitoring/api';
import { ctxOf } from '../../platform/context';
import { keepMonthsAhead } from '../../platform/month-partitions';
import { serve } from '../../platform/serve';
import * as followUps from './followups';
import { FOLLOW_UPS_TABLE } from './retention';
import * as service from './service';
import { registerTaskPeople } from './task-people';

/** Classified control and health monitoring: isolation sites, measures, follow-ups, fever alerts. */
// One OpenAPI group for the module, whatever the path's first segment.
const perm = (permission: string) => ({ access: { permission }, tags: ['monitoring'] });
const mctx = (req: FastifyRequest): service.MCtx => ({
  ...ctxOf(req),
  timeZone: req.server.timeZone,
  horizonDays: req.server.followUpHorizonDays,
  autoConfirm: req.server.measuresAutoConfirm,
});

export async function monitoringRoutes(app: FastifyInstance) {
  registerTaskPeople();
  const read = perm('measures.read');
  const write = perm('measures.write');

  // ——— isolation sites ———
  serve(app, api.listSites, read, (req) => service.listSites(ctxOf(req), req.query.under));
  serve(app, api.createSite, write, (req) => service.createSite(ctxOf(req), req.body));
  serve(app, api.addRooms, write, (req) => service.addRooms(ctxOf(req), req.params.id, req.body));

  // ——— measures ———
  serve(app, api.listMeasures, read, (req) => service.listMeasures(ctxOf(req), req.query));
  serve(app, api.getMeasure, read, (req) => service.getMeasure(ctxOf(req), req.params.id));
  serve(app, api.proposeMeasure, write, async (req, reply) => {
    const res = await service.propose(mctx(req), req.body);
    reply.status(res.created ? 201 : 200);
    return { decision: res.decision, measure: res.measure };
  });
  serve(app, api.assignMeasure, write, (req) => service.assign(mctx(req), req.params.id, req.body));
  serve(app, api.confirmMeasure, write, (req) => service.confirm(mctx(req), req.params.id));
  serve(app, api.cancelMeasure, write, (req) => service.cancel(mctx(req), req.params.id, req.body.reason));
  serve(app, api.startMeasure, write, (req) => service.start(mctx(req), req.params.id));
  serve(app, api.setEndDate, write, (req) => service.setEndDate(mctx(req), req.params.id, req.body));
  serve(app, api.releaseCheck, write, (req) => service.releaseCheck(mctx(req), req.params.id));
  serve(app, api.releaseMeasure, write, (req) => service.release(mctx(req), req.params.id, req.body?.reason));
  serve(app, api.transferMeasure, write, (req) => service.transfer(mctx(req), req.params.id, req.body));

  // ——— follow-ups and fever alerts ———
  serve(app, api.generateFollowUps, perm('followups.write'), (req) => followUps.generate(mctx(req), req.params.id));
  serve(app, api.todayFollowUps, perm('followups.read'), (req) => followUps.today(mctx(req), req.query));
  serve(app, api.listFollowUps, perm('followups.read'), (req) => followUps.list(mctx(req), req.query));
  serve(app, api.recordFollowUp, perm('followups.write'), (req) => followUps.record(mctx(req), req.params.id, req.body));
  serve(app, api.listAlerts, perm('followups.read'), (req) => followUps.alerts(ctxOf(req), req.query));
  serve(app, api.resolveAlert, perm('alerts.resolve'), (req) => followUps.resolve(ctxOf(req), req.params.id, req.body));

  // Follow-ups are split by month of their due time (migration 0058) and written up to FOLLOW_UP_HORIZON_DAYS
  // ahead: the months through the horizon's are kept made, at start and daily (what lands beyond, the default takes).
  await keepMonthsAhead(app.jobs, app.db, {
    job: 'monitoring.follow_up_months',
    table: FOLLOW_UPS_TABLE,
    timeZone: app.timeZone,
    ahead: monthsAheadFor(app.followUpHorizonDays),
    log: app.log,
  });
}

/** This month and the next, and as many more as the horizon can reach into (a month is at least 28 days). */
export function monthsAheadFor(horizonDays: number): number {
  return Math.max(1, Math.ceil(horizonDays / 28)) + 1;
}
