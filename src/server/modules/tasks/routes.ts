import type { FastifyInstance } from 'fastify';
import * as api from '../../../domain/tasks/api';
import { ctxOf } from '../../platform/context';
import { serve } from '../../platform/serve';
import * as service from './service';

/** The task inbox (我的任务): a platform mechanism other modules feed through tasks/repo.createTasks. */
const work = { access: { permission: 'tasks.work' } };
const manage = { access: { permission: 'tasks.manage' } };

export async function taskRoutes(app: FastifyInstance) {
  serve(app, api.myTasks, work, (req) => service.mine(ctxOf(req), req.server.timeZone, req.query.all ?? false));
  serve(app, api.listTasks, manage, (req) => service.list(ctxOf(req), req.query));
  serve(app, api.taskCounts, manage, (req) => service.counts(ctxOf(req), req.query));
  serve(app, api.createTask, manage, (req) => service.create(ctxOf(req), req.body));
  serve(app, api.reassignTasks, manage, (req) => service.reassign(ctxOf(req), req.body));
  serve(app, api.startTask, work, (req) => service.transition(ctxOf(req), req.params.id, 'in_progress'));
  serve(app, api.completeTask, work, (req) => service.transition(ctxOf(req), req.params.id, 'done', { note: req.body?.note }));
  serve(app, api.callTaskPerson, work, (req) => service.call(ctxOf(req), req.params.id));
  serve(app, api.failTask, work, (req) => service.transition(ctxOf(req), req.params.id, 'failed', { reason: req.body.reason }));
}
