import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { BodyOf, ParamsOf, QueryOf, RouteContract } from '../../domain/contract';
import { errorBody } from '../../domain/primitives';
import type { Access } from './context';

/**
 * Registers a route from its contract (domain/<module>/api.ts). Fastify validates params, query and body
 * through the contract's schemas and serialises the answer through its response schema: fields the
 * schema does not declare never leave the server. Every route answers errors with the one error body.
 *
 *   serve(app, api.listRounds, { access: perm('sampling.read') }, (req) => service.listRounds(ctxOf(req), req.query));
 *
 * The handler returns the body; the status is the contract's only success status (201 for a create), or
 * the handler sets it with `reply.status()` when a contract declares two (201 made, 200 replayed).
 */
export interface ServeOptions {
  access: Access;
  /** The route takes a file (multipart/form-data) and answers a missing one itself (IMPORT_NO_FILE). */
  upload?: boolean;
  /** Open to a session that must change its password before anything else (platform/access.ts). */
  duringPasswordChange?: boolean;
  /** OpenAPI grouping; defaults to the path's first segment after /api. */
  tags?: string[];
  /** Other Fastify route options (bodyLimit, …). */
  route?: Pick<RouteShorthandOptions, 'bodyLimit'>;
}

export type ContractRequest<C extends RouteContract> = FastifyRequest<{
  Params: ParamsOf<C>;
  Querystring: QueryOf<C>;
  Body: BodyOf<C>;
}>;

export function serve<C extends RouteContract>(
  app: FastifyInstance,
  contract: C,
  opts: ServeOptions,
  handler: (req: ContractRequest<C>, reply: FastifyReply) => unknown,
): void {
  const statuses = Object.keys(contract.responses).map(Number);
  const only = statuses.length === 1 ? statuses[0] : undefined;
  app.route({
    method: contract.method,
    url: contract.path,
    config: {
      access: opts.access,
      ...(opts.upload ? { upload: true } : {}),
      ...(opts.duringPasswordChange ? { duringPasswordChange: true } : {}),
    },
    ...opts.route,
    schema: {
      tags: opts.tags ?? [contract.path.split('/')[2] ?? 'api'],
      ...(contract.summary ? { summary: contract.summary } : {}),
      ...(contract.params ? { params: contract.params } : {}),
      ...(contract.query ? { querystring: contract.query } : {}),
      ...(contract.body ? { body: contract.body } : {}),
      response: { ...contract.responses, '4xx': errorBody, '5xx': errorBody },
    },
    handler: async (req, reply) => {
      if (only !== undefined && only !== 200) reply.status(only);
      return handler(req as ContractRequest<C>, reply);
    },
  });
}
