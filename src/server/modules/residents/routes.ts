import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ALL_GROUPS,
  STATUSES,
  createHouseholdBody,
  createResidentBody,
  isoDate,
  moveResidentBody,
  revealBody,
  updateHouseholdBody,
  updateResidentBody,
} from '../../../domain/residents/schemas';
import { ctxOf } from '../../platform/context';
import * as duplicates from './duplicates';
import * as service from './service';

const tags = ['residents'];
const idParams = z.strictObject({ id: z.coerce.number().int().positive() });
const read = { access: { permission: 'residents.read' } };
const write = { access: { permission: 'residents.write' } };
const paging = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
const groupList = z
  .string()
  .max(200)
  .transform((s) => s.split(',').filter(Boolean))
  .pipe(z.array(z.enum(ALL_GROUPS)));

export const residentQuery = z.strictObject({
  q: z.string().max(60).optional(),
  under: z.coerce.number().int().positive().optional(),
  groups: groupList.optional(),
  status: z.enum(STATUSES).optional(),
  ageMin: z.coerce.number().int().min(0).max(150).optional(),
  ageMax: z.coerce.number().int().min(0).max(150).optional(),
  asOf: isoDate.optional(),
  ...paging,
});

export async function residentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/households',
    {
      config: read,
      schema: { tags, querystring: z.strictObject({ under: z.coerce.number().int().positive().optional(), q: z.string().max(100).optional(), ...paging }) },
    },
    (req) => service.listHouseholds(ctxOf(req), req.query),
  );
  r.post('/api/households', { config: write, schema: { tags, body: createHouseholdBody } }, async (req, reply) =>
    reply.status(201).send(await service.createHousehold(ctxOf(req), req.body)),
  );
  r.get('/api/households/:id', { config: read, schema: { tags, params: idParams } }, (req) => service.getHousehold(ctxOf(req), req.params.id));
  r.patch('/api/households/:id', { config: write, schema: { tags, params: idParams, body: updateHouseholdBody } }, (req) =>
    service.updateHousehold(ctxOf(req), req.params.id, req.body),
  );

  r.get('/api/residents/duplicates', { config: write, schema: { tags } }, (req) => duplicates.list(ctxOf(req)));
  r.post(
    '/api/residents/duplicates/merge',
    { config: write, schema: { tags, body: z.strictObject({ keepId: z.number().int().positive(), mergeId: z.number().int().positive() }) } },
    (req) => duplicates.merge(ctxOf(req), req.body.keepId, req.body.mergeId),
  );
  r.post(
    '/api/residents/duplicates/dismiss',
    { config: write, schema: { tags, body: z.strictObject({ ids: z.tuple([z.number().int().positive(), z.number().int().positive()]) }) } },
    (req) => duplicates.dismiss(ctxOf(req), req.body.ids),
  );
  r.get('/api/residents/lookup', { config: read, schema: { tags, querystring: z.strictObject({ q: z.string().min(1).max(60) }) } }, (req) =>
    service.search(ctxOf(req), { q: req.query.q, page: 1, pageSize: 10 }),
  );

  r.get('/api/residents', { config: read, schema: { tags, querystring: residentQuery } }, (req) => service.search(ctxOf(req), req.query));
  r.post('/api/residents', { config: write, schema: { tags, body: createResidentBody } }, async (req, reply) =>
    reply.status(201).send(await service.create(ctxOf(req), req.body)),
  );
  r.get('/api/residents/:id', { config: read, schema: { tags, params: idParams } }, (req) => service.get(ctxOf(req), req.params.id));
  r.patch('/api/residents/:id', { config: write, schema: { tags, params: idParams, body: updateResidentBody } }, (req) =>
    service.update(ctxOf(req), req.params.id, req.body),
  );
  r.post('/api/residents/:id/move', { config: write, schema: { tags, params: idParams, body: moveResidentBody } }, (req) =>
    service.move(ctxOf(req), req.params.id, req.body),
  );
  r.post('/api/residents/:id/reveal', { config: { access: { permission: 'residents.reveal' } }, schema: { tags, params: idParams, body: revealBody } }, (req) =>
    service.reveal(ctxOf(req), req.params.id, req.body.field, req.body.reason),
  );
}
