import type { FastifyInstance, FastifyReply } from 'fastify';
import * as api from '../../../domain/auth/api';
import type { Config } from '../../config';
import { SESSION_COOKIE } from '../../platform/access';
import { ctxOf } from '../../platform/context';
import { serve } from '../../platform/serve';
import * as service from './service';
import type { AuthDeps } from './service';

const tags = ['auth'];
const ok = { ok: true as const };

export async function authRoutes(app: FastifyInstance, opts: { deps: AuthDeps; config: Config }) {
  const { deps, config } = opts;
  const cookie = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.COOKIE_SECURE,
    maxAge: Math.round(config.SESSION_MAX_HOURS * 3600),
  };
  const clear = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, { path: '/' });

  serve(app, api.login, { access: 'public', tags }, async (req, reply) => {
    const { token, body } = await service.login(deps, req.body, {
      ip: req.ip,
      userAgent: req.headers['user-agent'],
      requestId: String(req.id),
    });
    reply.setCookie(SESSION_COOKIE, token, cookie);
    return body;
  });

  serve(app, api.getMe, { access: 'signed-in', tags }, (req) => service.me(deps.db, ctxOf(req).actor));

  serve(app, api.logout, { access: 'signed-in', tags }, async (req, reply) => {
    await service.logout(ctxOf(req), deps);
    clear(reply);
    return ok;
  });

  serve(app, api.logoutAll, { access: 'signed-in', tags }, async (req, reply) => {
    await service.logoutEverywhere(ctxOf(req), deps);
    clear(reply);
    return ok;
  });

  serve(app, api.changePassword, { access: 'signed-in', tags }, async (req) => {
    await service.changePassword(ctxOf(req), deps, req.body.currentPassword, req.body.newPassword);
    return ok;
  });
}
