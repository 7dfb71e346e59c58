import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MEASURE_KINDS } from '../../../domain/policy/rules';
import { MEASURE_STATES } from '../../../domain/monitoring/measures';
import {
  assignMeasureBody,
  endDateBody,
  optionalReasonBody,
  proposeMeasureBody,
  reasonBody,
  recordFollowUpBody,
  resolveAlertBody,
  roomsBody,
  siteBody,
  transferBody,
} from '../../../domain/monitoring/schemas';
import { isoDate } from '../../../domain/residents/schemas';
import { ctxOf } from '../../platform/context';
import * as followUps from './followups';
import * as service from './service';

/** Classified control and health monitoring: isolation sites, measures, follow-ups, fever alerts. */
const tags = ['monitoring'];
const idParams = z.strictObject({ id: z.coerce.number().int().positive() });
const perm = (permission: string) => ({ access: { permission } });
const optionalId = z.coerce.number().int().positive().optional();
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const paging = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
const mctx = (req: FastifyRequest): service.MCtx => ({
  ...ctxOf(req),
  timeZone: req.server.timeZone,
  horizonDays: req.server.followUpHorizonDays,
  autoConfirm: req.server.measuresAutoConfirm,
});

export async function monitoringRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ——— isolation sites ———
  r.get('/api/isolation-sites', { config: perm('measures.read'), schema: { tags, querystring: z.strictObject({ under: optionalId }) } }, (req) =>
    service.listSites(ctxOf(req), req.query.under),
  );
  r.post('/api/isolation-sites', { config: perm('measures.write'), schema: { tags, body: siteBody } }, async (req, reply) =>
    reply.status(201).send(await service.createSite(ctxOf(req), req.body)),
  );
  r.post('/api/isolation-sites/:id/rooms', { config: perm('measures.write'), schema: { tags, params: idParams, body: roomsBody } }, (req) =>
    service.addRooms(ctxOf(req), req.params.id, req.body),
  );

  // ——— measures ———
  r.get(
    '/api/measures',
    {
      config: perm('measures.read'),
      schema: {
        tags,
        querystring: z.strictObject({
          under: optionalId,
          state: z.enum(MEASURE_STATES).optional(),
          kind: z.enum(MEASURE_KINDS).optional(),
          residentId: optionalId,
          ...paging,
        }),
      },
    },
    (req) => service.listMeasures(ctxOf(req), req.query),
  );
  r.get('/api/measures/:id', { config: perm('measures.read'), schema: { tags, params: idParams } }, (req) => service.getMeasure(ctxOf(req), req.params.id));
  r.post('/api/measures', { config: perm('measures.write'), schema: { tags, body: proposeMeasureBody } }, async (req, reply) => {
    const res = await service.propose(mctx(req), req.body);
    return reply.status(res.created ? 201 : 200).send({ decision: res.decision, measure: res.measure });
  });
  r.patch('/api/measures/:id', { config: perm('measures.write'), schema: { tags, params: idParams, body: assignMeasureBody } }, (req) =>
    service.assign(mctx(req), req.params.id, req.body),
  );
  r.post('/api/measures/:id/confirm', { config: perm('measures.write'), schema: { tags, params: idParams } }, (req) =>
    service.confirm(mctx(req), req.params.id),
  );
  r.post('/api/measures/:id/cancel', { config: perm('measures.write'), schema: { tags, params: idParams, body: reasonBody } }, (req) =>
    service.cancel(mctx(req), req.params.id, req.body.reason),
  );
  r.post('/api/measures/:id/start', { config: perm('measures.write'), schema: { tags, params: idParams } }, (req) => service.start(mctx(req), req.params.id));
  r.post('/api/measures/:id/end-date', { config: perm('measures.write'), schema: { tags, params: idParams, body: endDateBody } }, (req) =>
    service.setEndDate(mctx(req), req.params.id, req.body),
  );
  r.post('/api/measures/:id/release-check', { config: perm('measures.write'), schema: { tags, params: idParams } }, (req) =>
    service.releaseCheck(mctx(req), req.params.id),
  );
  r.post('/api/measures/:id/release', { config: perm('measures.write'), schema: { tags, params: idParams, body: optionalReasonBody.optional() } }, (req) =>
    service.release(mctx(req), req.params.id, req.body?.reason),
  );
  r.post('/api/measures/:id/transfer', { config: perm('measures.write'), schema: { tags, params: idParams, body: transferBody } }, (req) =>
    service.transfer(mctx(req), req.params.id, req.body),
  );

  // ——— follow-ups and fever alerts ———
  r.post('/api/measures/:id/follow-ups/generate', { config: perm('followups.write'), schema: { tags, params: idParams } }, (req) =>
    followUps.generate(mctx(req), req.params.id),
  );
  r.get(
    '/api/follow-ups/today',
    { config: perm('followups.read'), schema: { tags, querystring: z.strictObject({ all: bool.optional(), day: isoDate.optional() }) } },
    (req) => followUps.today(mctx(req), req.query),
  );
  r.get(
    '/api/follow-ups',
    {
      config: perm('followups.read'),
      schema: {
        tags,
        querystring: z.strictObject({
          measureId: optionalId,
          under: optionalId,
          from: isoDate.optional(),
          to: isoDate.optional(),
          status: z.enum(['scheduled', 'done', 'cancelled']).optional(),
          overdue: bool.optional(),
          ...paging,
        }),
      },
    },
    (req) => followUps.list(mctx(req), req.query),
  );
  r.post('/api/follow-ups/:id/record', { config: perm('followups.write'), schema: { tags, params: idParams, body: recordFollowUpBody } }, (req) =>
    followUps.record(mctx(req), req.params.id, req.body),
  );
  r.get(
    '/api/fever-alerts',
    { config: perm('followups.read'), schema: { tags, querystring: z.strictObject({ status: z.enum(['open', 'resolved']).optional(), under: optionalId }) } },
    (req) => followUps.alerts(ctxOf(req), req.query),
  );
  r.post('/api/fever-alerts/:id/resolve', { config: perm('alerts.resolve'), schema: { tags, params: idParams, body: resolveAlertBody } }, (req) =>
    followUps.resolve(ctxOf(req), req.params.id, req.body),
  );
}
