import type { FastifyInstance } from 'fastify';
import * as api from '../../../domain/supplies/api';
import { ctxOf } from '../../platform/context';
import { serve } from '../../platform/serve';
import * as catalogue from './catalogue';
import * as donations from './donations';
import { listMovements } from './movement-view';
import * as movements from './movements';

/** Supplies and donations (物资与捐赠). Stores, stock and movements are scoped by the store's area; donations by theirs. */
const perm = (permission: string) => ({ access: { permission }, tags: ['supplies'] });

export async function suppliesRoutes(app: FastifyInstance) {
  const read = perm('supplies.read');
  const write = perm('supplies.write');
  const manage = perm('supplies.manage');
  const created = <T extends { duplicate: boolean }>(reply: { status(n: number): unknown }, r: T) => {
    reply.status(r.duplicate ? 200 : 201);
    return r;
  };

  serve(app, api.listItems, read, (req) => catalogue.listItems(ctxOf(req)));
  serve(app, api.createItem, manage, async (req, reply) => {
    reply.status(201);
    return catalogue.createItem(ctxOf(req), req.body);
  });
  serve(app, api.listKits, read, (req) => catalogue.listKits(ctxOf(req)));
  serve(app, api.createKit, manage, async (req, reply) => {
    reply.status(201);
    return catalogue.createKit(ctxOf(req), req.body);
  });
  serve(app, api.getPolicy, read, (req) => catalogue.getPolicy(ctxOf(req)));
  serve(app, api.putPolicy, manage, (req) => catalogue.putPolicy(ctxOf(req), req.body));

  serve(app, api.listStores, read, (req) => catalogue.listStores(ctxOf(req), req.query));
  serve(app, api.createStore, manage, async (req, reply) => {
    reply.status(201);
    return catalogue.createStore(ctxOf(req), req.body);
  });
  serve(app, api.getStore, read, (req) => catalogue.getStore(ctxOf(req), req.params.id));
  serve(app, api.listStock, read, (req) => catalogue.listStock(ctxOf(req), req.query));

  serve(app, api.receive, write, async (req, reply) => created(reply, await movements.receive(ctxOf(req), req.params.id, req.body)));
  serve(app, api.issue, write, async (req, reply) => created(reply, await movements.issue(ctxOf(req), req.params.id, req.body)));
  serve(app, api.transfer, manage, async (req, reply) => created(reply, await movements.transfer(ctxOf(req), req.params.id, req.body)));
  serve(app, api.count, write, async (req, reply) => created(reply, await movements.count(ctxOf(req), req.params.id, req.body)));
  serve(app, api.listMovements, read, async (req) => {
    const ctx = ctxOf(req);
    return listMovements(ctx.db, ctx.actor.scope, req.query);
  });

  serve(app, api.listDonations, read, (req) => donations.listDonations(ctxOf(req), req.query));
  serve(app, api.createDonation, manage, async (req, reply) => {
    const r = await donations.createDonation(ctxOf(req), req.body);
    reply.status(r.created ? 201 : 200);
    return r.view;
  });
  serve(app, api.getDonation, read, (req) => donations.getDonation(ctxOf(req), req.params.id));
  serve(app, api.disclosure, read, (req) => donations.disclosure(ctxOf(req), req.query));
}
