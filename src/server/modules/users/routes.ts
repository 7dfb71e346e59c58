import type { FastifyInstance } from 'fastify';
import * as api from '../../../domain/users/api';
import { ctxOf } from '../../platform/context';
import { serve } from '../../platform/serve';
import type { SessionStore } from '../../platform/sessions';
import * as service from './service';

const read = { access: { permission: 'users.read' } } as const;
const write = { access: { permission: 'users.write' } } as const;
const tags = ['users'];

export async function userRoutes(app: FastifyInstance, opts: { sessions: SessionStore }) {
  const deps = { sessions: opts.sessions };

  serve(app, api.listUsers, { ...read, tags }, (req) => service.list(ctxOf(req), req.query));

  serve(app, api.getUser, { ...read, tags }, (req) => service.get(ctxOf(req), req.params.id));

  serve(app, api.createUser, { ...write, tags }, (req) => service.create(ctxOf(req), req.body));

  serve(app, api.updateUser, { ...write, tags }, (req) => service.update(ctxOf(req), deps, req.params.id, req.body));

  serve(app, api.resetPassword, { ...write, tags }, (req) => service.resetPassword(ctxOf(req), deps, req.params.id, req.body.newPassword));

  serve(app, api.listRoles, { ...read, tags }, (req) => service.roles(ctxOf(req)));

  serve(app, api.setRolePermissions, { access: { permission: 'roles.write' }, tags }, (req) =>
    service.setRolePermissions(ctxOf(req), deps, req.params.code, req.body.permissions),
  );

  serve(app, api.listPermissions, { ...read, tags }, () => service.permissions());
}
