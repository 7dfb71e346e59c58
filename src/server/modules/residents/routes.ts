import type { FastifyInstance } from 'fastify';
import * as api from '../../../domain/residents/api';
import { ctxOf } from '../../platform/context';
import { type ServeOptions, serve } from '../../platform/serve';
import * as duplicates from './duplicates';
import * as service from './service';

/** The registry's routes, from their contracts (domain/residents/api): households, residents, moves, duplicates, reveal. */
const tags = ['residents'];
const read: ServeOptions = { access: { permission: 'residents.read' }, tags };
const write: ServeOptions = { access: { permission: 'residents.write' }, tags };

export async function residentRoutes(app: FastifyInstance) {
  serve(app, api.listHouseholds, read, (req) => service.listHouseholds(ctxOf(req), req.query));
  serve(app, api.createHousehold, write, (req) => service.createHousehold(ctxOf(req), req.body));
  serve(app, api.getHousehold, read, (req) => service.getHousehold(ctxOf(req), req.params.id));
  serve(app, api.updateHousehold, write, (req) => service.updateHousehold(ctxOf(req), req.params.id, req.body));

  serve(app, api.listDuplicates, write, (req) => duplicates.list(ctxOf(req)));
  serve(app, api.mergeDuplicates, write, (req) => duplicates.merge(ctxOf(req), req.body.keepId, req.body.mergeId));
  serve(app, api.dismissDuplicates, write, (req) => duplicates.dismiss(ctxOf(req), req.body.ids));

  serve(app, api.lookupResidents, read, (req) => service.search(ctxOf(req), { q: req.query.q, page: 1, pageSize: 10 }));
  serve(app, api.searchResidents, read, (req) => service.search(ctxOf(req), req.query));
  serve(app, api.createResident, write, (req) => service.create(ctxOf(req), req.body));
  serve(app, api.getResident, read, (req) => service.get(ctxOf(req), req.params.id));
  serve(app, api.updateResident, write, (req) => service.update(ctxOf(req), req.params.id, req.body));
  serve(app, api.moveResident, write, (req) => service.move(ctxOf(req), req.params.id, req.body));
  serve(app, api.revealResident, { access: { permission: 'residents.reveal' }, tags }, (req) =>
    service.reveal(ctxOf(req), req.params.id, req.body.field, req.body.reason),
  );
}
