import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TASK_STATUSES, TASK_TYPES, createTaskBody, doneBody, failBody, reassignBody } from '../../../domain/monitoring/schemas';
import { ctxOf } from '../../platform/context';
import * as service from './service';

/** The task inbox (我的任务): a platform mechanism other modules feed through tasks/repo.createTasks. */
const tags = ['tasks'];
const idParams = z.strictObject({ id: z.coerce.number().int().positive() });
const work = { access: { permission: 'tasks.work' } };
const manage = { access: { permission: 'tasks.manage' } };
const optionalId = z.coerce.number().int().positive().optional();
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export async function taskRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/tasks/mine', { config: work, schema: { tags, querystring: z.strictObject({ all: bool.optional() }) } }, (req) =>
    service.mine(ctxOf(req), req.server.timeZone, req.query.all ?? false),
  );
  r.get(
    '/api/tasks',
    {
      config: manage,
      schema: {
        tags,
        querystring: z.strictObject({
          under: optionalId,
          status: z.enum(TASK_STATUSES).optional(),
          type: z.enum(TASK_TYPES).optional(),
          assigneeUserId: optionalId,
          overdue: bool.optional(),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
      },
    },
    (req) => service.list(ctxOf(req), req.query),
  );
  r.get(
    '/api/tasks/counts',
    { config: manage, schema: { tags, querystring: z.strictObject({ under: optionalId, by: z.enum(['area', 'person']).default('area') }) } },
    (req) => service.counts(ctxOf(req), req.query),
  );
  r.post('/api/tasks', { config: manage, schema: { tags, body: createTaskBody } }, async (req, reply) =>
    reply.status(201).send(await service.create(ctxOf(req), req.body)),
  );
  r.post('/api/tasks/reassign', { config: manage, schema: { tags, body: reassignBody } }, (req) => service.reassign(ctxOf(req), req.body));
  r.post('/api/tasks/:id/start', { config: work, schema: { tags, params: idParams } }, (req) => service.transition(ctxOf(req), req.params.id, 'in_progress'));
  r.post('/api/tasks/:id/done', { config: work, schema: { tags, params: idParams, body: doneBody.optional() } }, (req) =>
    service.transition(ctxOf(req), req.params.id, 'done', { note: req.body?.note }),
  );
  r.post('/api/tasks/:id/fail', { config: work, schema: { tags, params: idParams, body: failBody } }, (req) =>
    service.transition(ctxOf(req), req.params.id, 'failed', { reason: req.body.reason }),
  );
}
