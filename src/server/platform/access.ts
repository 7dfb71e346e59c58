import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Access } from './context';
import { DomainError, forbidden, unauthenticated } from './errors';
import type { SessionStore } from './sessions';

export const SESSION_COOKIE = 'wg_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Security by construction: access is decided from the route the router matched (its `config.access`),
 * never from the raw URL — `/%61pi/…` reaches the same route as `/api/…` and gets the same check. A route
 * registered without an access marker is refused to everyone (deny by default); an /api route without one
 * stops the server at start, so the mistake shows before anyone calls it. One onRequest hook enforces
 * sign-in, the named permission, the forced password change and the CSRF header on cookie-authenticated
 * writes. Routes never call an auth check themselves.
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
    // The docs page's routes are marked public by registerPublic, in a hook that runs after this one.
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
    // No route matched: the 404 handler answers (it reveals nothing).
    if (req.routeOptions.url === undefined) return;
    const config = req.routeOptions.config;
    const access = config?.access;
    if (access === undefined) throw forbidden();
    if (access === 'public') return;
    const token = req.cookies?.[SESSION_COOKIE];
    if (token) req.actor = await sessions.resolve(token);
    if (!req.actor) throw unauthenticated();
    // After a reset (or with a generated first password) the session may only change the password.
    if (req.actor.mustChangePassword && !config?.duringPasswordChange) throw forbidden('PASSWORD_CHANGE_REQUIRED');
    if (typeof access === 'object' && !req.actor.permissions.has(access.permission)) throw forbidden();
    if (!SAFE_METHODS.has(req.method) && !csrfOk(req, req.actor.csrfToken)) {
      throw new DomainError('forbidden', 'CSRF_FAILED');
    }
  });
}

/**
 * Registers routes that are public by nature (the API docs page, the built web app's files and the single
 * page behind every client-side path): each route `setup` adds without an access marker is marked public
 * here, on purpose, instead of being denied. One scope, so the plugins' reply helpers (sendFile) reach the
 * routes set up beside them.
 */
export async function registerPublic(app: FastifyInstance, setup: (scope: FastifyInstance) => Promise<void>) {
  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), access: route.config?.access ?? 'public' };
    });
    await setup(scope);
  });
}

function csrfOk(req: FastifyRequest, expected: string): boolean {
  const got = req.headers['x-csrf-token'];
  if (typeof got !== 'string' || got.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(got), Buffer.from(expected));
}
