import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, forbidden, unauthenticated } from './errors';
import type { SessionStore } from './sessions';
import type { Access } from './context';

export const SESSION_COOKIE = 'wg_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Security by construction: every /api route must declare `config.access` or the server refuses to
 * start, and one onRequest hook enforces it — sign-in, the named permission, and the CSRF header on
 * cookie-authenticated writes. Routes never call an auth check themselves.
 */
export interface ApiRoute {
  method: string;
  url: string;
  access: Access;
  /** Which inputs the route's contract declares: the fuzz walk sends each declared one bad values. */
  takes: { body: boolean; query: boolean };
}

export function registerAccessControl(app: FastifyInstance, sessions: SessionStore) {
  app.decorateRequest('actor', null);
  // Every API route, as declared: the cross-area test walks this list.
  const apiRoutes: ApiRoute[] = [];
  app.decorate('apiRoutes', apiRoutes);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    if (!route.config?.access) {
      throw new Error(`Route ${route.method} ${route.url} does not declare config.access`);
    }
    for (const method of [route.method].flat()) {
      const takes = { body: Boolean(route.schema?.body), query: Boolean(route.schema?.querystring) };
      if (method !== 'HEAD') apiRoutes.push({ method, url: route.url, access: route.config.access, takes });
    }
  });

  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const access = req.routeOptions.config?.access ?? (req.url.startsWith('/api/docs') ? 'public' : undefined);
    const token = req.cookies?.[SESSION_COOKIE];
    if (token) req.actor = await sessions.resolve(token);
    if (access === 'public' || access === undefined) return; // undefined: 404 handler answers
    if (!req.actor) throw unauthenticated();
    if (typeof access === 'object' && !req.actor.permissions.has(access.permission)) throw forbidden();
    if (!SAFE_METHODS.has(req.method) && !csrfOk(req, req.actor.csrfToken)) {
      throw new DomainError('forbidden', 'CSRF_FAILED');
    }
  });
}

function csrfOk(req: FastifyRequest, expected: string): boolean {
  const got = req.headers['x-csrf-token'];
  if (typeof got !== 'string' || got.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(got), Buffer.from(expected));
}
