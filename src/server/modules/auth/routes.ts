import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE } from '../../platform/access';
import { ctxOf } from '../../platform/context';
import type { Config } from '../../config';
import * as service from './service';
import type { AuthDeps } from './service';

const tags = ['auth'];

export async function authRoutes(app: FastifyInstance, opts: { deps: AuthDeps; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { deps, config } = opts;
  const cookie = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.COOKIE_SECURE,
    maxAge: Math.round(config.SESSION_MAX_HOURS * 3600),
  };
  const clear = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, { path: '/' });

  r.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: { tags, body: z.strictObject({ username: z.string().trim().min(1).max(60), password: z.string().min(1).max(200) }) },
    },
    async (req, reply) => {
      const { token, body } = await service.login(deps, req.body, {
        ip: req.ip,
        userAgent: req.headers['user-agent'],
        requestId: String(req.id),
      });
      reply.setCookie(SESSION_COOKIE, token, cookie);
      return body;
    },
  );

  r.get('/api/auth/me', { config: { access: 'signed-in' }, schema: { tags } }, (req) => service.me(deps.db, ctxOf(req).actor));

  r.post('/api/auth/logout', { config: { access: 'signed-in' }, schema: { tags } }, async (req, reply) => {
    await service.logout(ctxOf(req), deps);
    clear(reply);
    return { ok: true };
  });

  r.post('/api/auth/logout-all', { config: { access: 'signed-in' }, schema: { tags } }, async (req, reply) => {
    await service.logoutEverywhere(ctxOf(req), deps);
    clear(reply);
    return { ok: true };
  });

  r.post(
    '/api/auth/password',
    {
      config: { access: 'signed-in' },
      schema: { tags, body: z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }) },
    },
    async (req) => {
      await service.changePassword(ctxOf(req), deps, req.body.currentPassword, req.body.newPassword);
      return { ok: true };
    },
  );
}
