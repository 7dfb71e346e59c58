import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createPolicySetBody, evaluateBody, publishPolicySetBody, replacePolicySetBody } from '../../../domain/policy/schemas';
import { ctxOf } from '../../platform/context';
import * as service from './service';

/** Policy as data: the sets and their rules (deployment-wide), "try it", and the editor's writes (root scope only). */
const tags = ['policy'];
const read = { access: { permission: 'policy.read' } };
const manage = { access: { permission: 'policy.manage' } };
const idParams = z.strictObject({ id: z.coerce.number().int().positive() });

export async function policyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/policy/sets', { config: read, schema: { tags } }, (req) => service.listSets(ctxOf(req)));
  r.get('/api/policy/sets/:id', { config: read, schema: { tags, params: z.strictObject({ id: z.coerce.number().int().positive() }) } }, (req) =>
    service.getSet(ctxOf(req), req.params.id),
  );
  r.post('/api/policy/evaluate', { config: read, schema: { tags, body: evaluateBody } }, (req) => service.decide(ctxOf(req), req.body));
  r.post('/api/policy/sets', { config: manage, schema: { tags, body: createPolicySetBody } }, async (req, reply) =>
    reply.status(201).send(await service.createDraft(ctxOf(req), req.body)),
  );
  r.put('/api/policy/sets/:id', { config: manage, schema: { tags, params: idParams, body: replacePolicySetBody } }, (req) =>
    service.replaceDraft(ctxOf(req), req.params.id, req.body),
  );
  r.post('/api/policy/sets/:id/publish', { config: manage, schema: { tags, params: idParams, body: publishPolicySetBody } }, (req) =>
    service.publishDraft(ctxOf(req), req.params.id, req.body),
  );
}
