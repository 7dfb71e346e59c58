import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { areaId, areaKind, createAreaBody, importDivisionsBody, moveAreaBody, updateAreaBody } from '../../../domain/areas/schemas';
import { ctxOf } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import * as catalog from '../divisions';
import * as service from './service';

const idParams = z.strictObject({ id: areaId });
const read = { access: { permission: 'areas.read' } };
const write = { access: { permission: 'areas.write' } };
const tags = ['areas'];

export async function areaRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/areas/:id', { config: read, schema: { tags, params: idParams } }, (req) => service.get(ctxOf(req), req.params.id));

  r.get(
    '/api/areas/:id/children',
    { config: read, schema: { tags, params: idParams, querystring: z.strictObject({ archived: z.enum(['true', 'false']).optional() }) } },
    async (req) => ({ items: await service.children(ctxOf(req), req.params.id, req.query.archived === 'true') }),
  );

  r.get('/api/areas/:id/ancestors', { config: read, schema: { tags, params: idParams } }, async (req) => ({
    items: await service.ancestors(ctxOf(req), req.params.id),
  }));

  r.get(
    '/api/areas',
    {
      config: read,
      schema: {
        tags,
        querystring: z.strictObject({
          q: z.string().max(50).optional(),
          under: areaId.optional(),
          kind: areaKind.optional(),
          archived: z.enum(['true', 'false']).optional(),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
      },
    },
    (req) => service.search(ctxOf(req), { ...req.query, includeArchived: req.query.archived === 'true' }),
  );

  r.post('/api/areas', { config: write, schema: { tags, body: createAreaBody } }, async (req, reply) =>
    reply.status(201).send(await service.create(ctxOf(req), req.body)),
  );

  r.patch('/api/areas/:id', { config: write, schema: { tags, params: idParams, body: updateAreaBody } }, (req) =>
    service.update(ctxOf(req), req.params.id, req.body),
  );

  r.post('/api/areas/:id/move', { config: write, schema: { tags, params: idParams, body: moveAreaBody } }, (req) =>
    service.move(ctxOf(req), req.params.id, req.body.parentId),
  );

  r.post('/api/areas/:id/archive', { config: write, schema: { tags, params: idParams } }, (req) => service.archive(ctxOf(req), req.params.id));

  r.get(
    '/api/divisions',
    {
      config: { access: { permission: 'areas.import' } },
      schema: {
        tags,
        querystring: z.strictObject({
          parent: z
            .string()
            .regex(/^\d{2,12}$/, 'division_code')
            .optional(),
        }),
      },
    },
    async (req) => {
      try {
        const items = req.query.parent ? await catalog.listChildren(req.query.parent) : await catalog.listProvinces();
        return { items };
      } catch (e) {
        if (e instanceof catalog.InvalidDivisionCode) throw badRequest('VALIDATION_FAILED', {}, { parent: 'division_code' });
        throw e;
      }
    },
  );

  r.post(
    '/api/areas/import-divisions',
    { config: { access: { permission: 'areas.import' } }, schema: { tags, body: importDivisionsBody } },
    async (req, reply) => reply.status(201).send(await service.importDivisions(ctxOf(req), req.body.parentId, req.body.code)),
  );
}
