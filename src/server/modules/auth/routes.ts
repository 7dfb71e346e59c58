import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as api from '../../../domain/auth/api';
import type { Config } from '../../config';
import { SESSION_COOKIE } from '../../platform/access';
import { ctxOf } from '../../platform/context';
import { serve } from '../../platform/serve';
import * as service from './service';
import type { AuthDeps } from './service';

const tags = ['auth'];
/** Open while the password must be changed first: who am I, sign out, change it. */
const evenBeforeChange = { access: 'signed-in', tags, duringPasswordChange: true } as const;
const ok = { ok: true as const };

export async function authRoutes(app: FastifyInstance, opts: { deps: AuthDeps; config: Config }) {
  const { deps, config } = opts;
  // A session cookie (no Max-Age): it ends with the browser; the server's idle and absolute lifetimes
  // (SESSION_IDLE_HOURS, SESSION_MAX_HOURS) end it sooner. Secure in production and over HTTPS.
  const cookie = (req: FastifyRequest) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.COOKIE_SECURE === 'auto' ? config.NODE_ENV === 'production' || req.protocol === 'https' : config.COOKIE_SECURE,
  });
  const clear = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, { path: '/' });

  serve(app, api.login, { access: 'public', tags }, async (req, reply) => {
    const { token, body } = await service.login(deps, req.body, {
      ip: req.ip,
      userAgent: req.headers['user-agent'],
      requestId: String(req.id),
    });
    reply.setCookie(SESSION_COOKIE, token, cookie(req));
    return body;
  });

  serve(app, api.getMe, evenBeforeChange, (req) => service.me(deps.db, ctxOf(req).actor));

  serve(app, api.logout, evenBeforeChange, async (req, reply) => {
    await service.logout(ctxOf(req), deps);
    clear(reply);
    return ok;
  });

  serve(app, api.logoutAll, { access: 'signed-in', tags }, async (req, reply) => {
    await service.logoutEverywhere(ctxOf(req), deps);
    clear(reply);
    return ok;
  });

  serve(app, api.changePassword, evenBeforeChange, async (req) => {
    await service.changePassword(ctxOf(req), deps, req.body.currentPassword, req.body.newPassword);
    return ok;
  });

  serve(app, api.listMySessions, { access: 'signed-in', tags }, (req) => service.mySessions(ctxOf(req), deps));

  serve(app, api.endMySession, { access: 'signed-in', tags }, async (req) => {
    await service.endMySession(ctxOf(req), deps, req.params.sessionId);
    return ok;
  });

  serve(app, api.endOtherSessions, { access: 'signed-in', tags }, async (req) => {
    await service.endOtherSessions(ctxOf(req), deps);
    return ok;
  });
}
