import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import type { SessionStore } from '../../platform/sessions';
import * as service from './service';

const tags = ['users'];
const idParams = z.strictObject({ id: z.coerce.number().int().positive() });
const username = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^[A-Za-z0-9_.-]+$/, 'invalid_format');
const displayName = z.string().trim().min(1).max(60);
const phone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, 'invalid_format');
const roles = z.array(z.string().min(1).max(40)).min(1).max(10);

export async function userRoutes(app: FastifyInstance, opts: { sessions: SessionStore }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = { sessions: opts.sessions };

  r.get(
    '/api/users',
    {
      config: { access: { permission: 'users.read' } },
      schema: {
        tags,
        querystring: z.strictObject({
          q: z.string().max(50).optional(),
          under: z.coerce.number().int().positive().optional(),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
      },
    },
    (req) => service.list(ctxOf(req), req.query),
  );

  r.get('/api/users/:id', { config: { access: { permission: 'users.read' } }, schema: { tags, params: idParams } }, (req) =>
    service.get(ctxOf(req), req.params.id),
  );

  r.post(
    '/api/users',
    {
      config: { access: { permission: 'users.write' } },
      schema: {
        tags,
        body: z.strictObject({
          username,
          displayName,
          phone: phone.nullish(),
          roles,
          scopeAreaId: z.number().int().positive(),
          password: z.string().min(1).max(200),
        }),
      },
    },
    async (req, reply) => reply.status(201).send(await service.create(ctxOf(req), req.body)),
  );

  r.patch(
    '/api/users/:id',
    {
      config: { access: { permission: 'users.write' } },
      schema: {
        tags,
        params: idParams,
        body: z.strictObject({
          displayName: displayName.optional(),
          phone: phone.nullish(),
          roles: roles.optional(),
          scopeAreaId: z.number().int().positive().optional(),
          disabled: z.boolean().optional(),
        }),
      },
    },
    (req) => service.update(ctxOf(req), deps, req.params.id, req.body),
  );

  r.post(
    '/api/users/:id/reset-password',
    {
      config: { access: { permission: 'users.write' } },
      schema: { tags, params: idParams, body: z.strictObject({ newPassword: z.string().min(1).max(200) }) },
    },
    (req) => service.resetPassword(ctxOf(req), deps, req.params.id, req.body.newPassword),
  );

  r.get('/api/roles', { config: { access: { permission: 'users.read' } }, schema: { tags } }, (req) => service.roles(ctxOf(req)));

  r.put(
    '/api/roles/:code',
    {
      config: { access: { permission: 'roles.write' } },
      schema: {
        tags,
        params: z.strictObject({ code: z.string().min(1).max(40) }),
        body: z.strictObject({ permissions: z.array(z.string().min(1).max(60)).max(500) }),
      },
    },
    (req) => service.setRolePermissions(ctxOf(req), deps, req.params.code, req.body.permissions),
  );

  r.get('/api/permissions', { config: { access: { permission: 'users.read' } }, schema: { tags } }, async () => service.permissions());
}
