import type { FastifyInstance } from 'fastify';
import * as api from '../../../domain/command/api';
import { ctxOf } from '../../platform/context';
import { serve } from '../../platform/serve';
import * as service from './service';

/** The command center's standing bodies (issue 18 point 6). Every route is scoped by the group's area. */
const perm = (permission: string) => ({ access: { permission }, tags: ['command'] });

export async function commandGroupRoutes(app: FastifyInstance) {
  const read = perm('command.read');
  const manage = perm('command.manage');
  serve(app, api.listGroups, read, (req) => service.listGroups(ctxOf(req), req.query));
  serve(app, api.createGroup, manage, (req) => service.createGroup(ctxOf(req), req.body));
  serve(app, api.getGroup, read, (req) => service.getGroup(ctxOf(req), req.params.id));
  serve(app, api.updateGroup, manage, (req) => service.updateGroup(ctxOf(req), req.params.id, req.body));
  serve(app, api.setMembers, manage, (req) => service.setMembers(ctxOf(req), req.params.id, req.body));
}
