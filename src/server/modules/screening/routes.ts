import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { arrivalBody, campaignBody, LISTED_LEVELS, originCode, proposeForArrivalBody, visitBody } from '../../../domain/screening/schemas';
import { RISK_LEVELS } from '../../../domain/policy/rules';
import { isoDate } from '../../../domain/residents/schemas';
import type { Config } from '../../config';
import { ctxOf } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import * as arrivals from './arrivals';
import * as campaigns from './campaigns';
import * as riskAreas from './risk-areas';
import * as visits from './visits';

/** The risk-area list, arrivals and door-to-door screening (敲门行动). */
const tags = ['screening'];
const idParams = z.strictObject({ id: z.coerce.number().int().positive() });
const perm = (permission: string) => ({ access: { permission } });
const optionalId = z.coerce.number().int().positive().optional();
const paging = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
const tctx = (req: FastifyRequest) => ({ ...ctxOf(req), timeZone: req.server.timeZone, autoConfirm: req.server.measuresAutoConfirm });

export async function screeningRoutes(app: FastifyInstance, opts: { config: Config }) {
  const maxBytes = Math.round(opts.config.IMPORT_MAX_MB * 1048576);
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 1024 } });
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ——— the risk-area list ———
  r.post('/api/risk-areas/import', { config: { ...perm('riskareas.manage'), upload: true }, schema: { tags } }, async (req, reply) => {
    if (!req.isMultipart()) throw badRequest('IMPORT_NO_FILE');
    const file = await req.file().catch(() => {
      throw badRequest('IMPORT_NO_FILE');
    });
    return reply.status(201).send(await riskAreas.importList(ctxOf(req), file, maxBytes));
  });
  r.get(
    '/api/risk-areas',
    {
      config: perm('riskareas.read'),
      schema: {
        tags,
        querystring: z.strictObject({ on: isoDate.optional(), level: z.enum(LISTED_LEVELS).optional(), q: z.string().trim().max(50).optional(), ...paging }),
      },
    },
    (req) => riskAreas.list(ctxOf(req), req.query),
  );
  r.get(
    '/api/risk-areas/level',
    { config: perm('riskareas.read'), schema: { tags, querystring: z.strictObject({ code: originCode, on: isoDate.optional() }) } },
    (req) => riskAreas.levelOf(ctxOf(req), req.query.code, req.query.on ?? ctxOf(req).today),
  );

  // ——— arrivals ———
  r.get(
    '/api/arrivals',
    {
      config: perm('arrivals.read'),
      schema: {
        tags,
        querystring: z.strictObject({
          under: optionalId,
          residentId: optionalId,
          visitId: optionalId,
          from: isoDate.optional(),
          to: isoDate.optional(),
          level: z.enum(RISK_LEVELS).optional(),
          ...paging,
        }),
      },
    },
    (req) => arrivals.list(ctxOf(req), req.query),
  );
  r.get('/api/arrivals/:id', { config: perm('arrivals.read'), schema: { tags, params: idParams } }, (req) => arrivals.get(ctxOf(req), req.params.id));
  r.post('/api/arrivals', { config: perm('arrivals.write'), schema: { tags, body: arrivalBody } }, async (req, reply) =>
    reply.status(201).send(await arrivals.register(ctxOf(req), req.body)),
  );
  r.post(
    '/api/arrivals/:id/propose',
    { config: perm('measures.write'), schema: { tags, params: idParams, body: proposeForArrivalBody } },
    async (req, reply) => {
      const res = await arrivals.propose(tctx(req), req.params.id, req.body);
      return reply.status(res.created ? 201 : 200).send({ decision: res.decision, measure: res.measure });
    },
  );

  // ——— screening campaigns ———
  r.get(
    '/api/screening/campaigns',
    { config: perm('screening.read'), schema: { tags, querystring: z.strictObject({ under: optionalId, status: z.enum(['open', 'closed']).optional() }) } },
    (req) => campaigns.list(ctxOf(req), req.query),
  );
  r.post('/api/screening/campaigns', { config: perm('screening.manage'), schema: { tags, body: campaignBody } }, async (req, reply) =>
    reply.status(201).send(await campaigns.create(tctx(req), req.body)),
  );
  r.get('/api/screening/campaigns/:id', { config: perm('screening.read'), schema: { tags, params: idParams } }, (req) =>
    campaigns.get(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/screening/campaigns/:id/progress',
    { config: perm('screening.read'), schema: { tags, params: idParams, querystring: z.strictObject({ by: z.enum(['grid']).default('grid') }) } },
    (req) => campaigns.progress(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/screening/campaigns/:id/unvisited',
    { config: perm('screening.read'), schema: { tags, params: idParams, querystring: z.strictObject({ under: optionalId, ...paging }) } },
    (req) => campaigns.unvisited(ctxOf(req), req.params.id, req.query),
  );
  r.post('/api/screening/campaigns/:id/close', { config: perm('screening.manage'), schema: { tags, params: idParams } }, (req) =>
    campaigns.close(ctxOf(req), req.params.id),
  );

  // ——— visits ———
  r.get('/api/screening/targets/:id', { config: perm('screening.visit'), schema: { tags, params: idParams } }, (req) =>
    campaigns.target(ctxOf(req), req.params.id),
  );
  r.post('/api/screening/visits', { config: perm('screening.visit'), schema: { tags, body: visitBody } }, async (req, reply) => {
    const res = await visits.submit(tctx(req), req.body);
    return reply.status(res.created ? 201 : 200).send(res.visit);
  });
  r.get(
    '/api/screening/visits',
    { config: perm('screening.read'), schema: { tags, querystring: z.strictObject({ campaignId: optionalId, householdId: optionalId, ...paging }) } },
    (req) => visits.list(ctxOf(req), req.query),
  );
}
