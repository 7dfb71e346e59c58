import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { evaluateBody } from '../../../domain/policy/schemas';
import { ctxOf } from '../../platform/context';
import * as service from './service';

/** Policy as data: the sets and their rules (deployment-wide), and "try it". The editor's writes come later. */
const tags = ['policy'];
const read = { access: { permission: 'policy.read' } };

export async function policyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/policy/sets', { config: read, schema: { tags } }, (req) => service.listSets(ctxOf(req)));
  r.get('/api/policy/sets/:id', { config: read, schema: { tags, params: z.strictObject({ id: z.coerce.number().int().positive() }) } }, (req) => service.getSet(ctxOf(req), req.params.id));
  r.post('/api/policy/evaluate', { config: read, schema: { tags, body: evaluateBody } }, (req) => service.decide(ctxOf(req), req.body));
}
