import type { FastifyInstance } from 'fastify';
import * as api from '../../../domain/policy/api';
import { ctxOf } from '../../platform/context';
import { serve } from '../../platform/serve';
import * as service from './service';

/** Policy as data: the sets and their rules (deployment-wide), "try it", and the editor's writes (root scope only). */
const read = { access: { permission: 'policy.read' } };
const manage = { access: { permission: 'policy.manage' } };

export async function policyRoutes(app: FastifyInstance) {
  serve(app, api.listSets, read, (req) => service.listSets(ctxOf(req)));
  serve(app, api.getSet, read, (req) => service.getSet(ctxOf(req), req.params.id));
  serve(app, api.evaluate, read, (req) => service.decide(ctxOf(req), req.body));
  serve(app, api.createSet, manage, (req) => service.createDraft(ctxOf(req), req.body));
  serve(app, api.replaceSet, manage, (req) => service.replaceDraft(ctxOf(req), req.params.id, req.body));
  serve(app, api.publishSet, manage, (req) => service.publishDraft(ctxOf(req), req.params.id, req.body));
}
