import type { FastifyInstance } from 'fastify';
import * as api from '../../../domain/areas/api';
import { ctxOf } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import { serve } from '../../platform/serve';
import * as catalog from '../divisions';
import * as service from './service';

const read = { access: { permission: 'areas.read' } } as const;
const write = { access: { permission: 'areas.write' } } as const;
const importing = { access: { permission: 'areas.import' } } as const;
const tags = ['areas'];

export async function areaRoutes(app: FastifyInstance) {
  serve(app, api.getArea, { ...read, tags }, (req) => service.get(ctxOf(req), req.params.id));

  serve(app, api.listChildren, { ...read, tags }, async (req) => ({
    items: await service.children(ctxOf(req), req.params.id, req.query.archived ?? false),
  }));

  serve(app, api.listAncestors, { ...read, tags }, async (req) => ({ items: await service.ancestors(ctxOf(req), req.params.id) }));

  serve(app, api.searchAreas, { ...read, tags }, (req) => {
    const { archived, ...rest } = req.query;
    return service.search(ctxOf(req), { ...rest, includeArchived: archived ?? false });
  });

  serve(app, api.createArea, { ...write, tags }, (req) => service.create(ctxOf(req), req.body));

  serve(app, api.updateArea, { ...write, tags }, (req) => service.update(ctxOf(req), req.params.id, req.body));

  serve(app, api.moveArea, { ...write, tags }, (req) => service.move(ctxOf(req), req.params.id, req.body.parentId));

  serve(app, api.archiveArea, { ...write, tags }, (req) => service.archive(ctxOf(req), req.params.id));

  serve(app, api.listDivisions, { ...importing, tags }, async (req) => {
    try {
      const items = req.query.parent ? await catalog.listChildren(req.query.parent) : await catalog.listProvinces();
      return { items };
    } catch (e) {
      if (e instanceof catalog.InvalidDivisionCode) throw badRequest('VALIDATION_FAILED', {}, { parent: 'division_code' });
      throw e;
    }
  });

  serve(app, api.importDivisions, { ...importing, tags }, (req) => service.importDivisions(ctxOf(req), req.body.parentId, req.body.code));
}
