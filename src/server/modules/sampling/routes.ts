import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FLAG_STATUSES, ROUND_STATUSES, TUBE_STATUSES } from '../../../domain/sampling/rules';
import {
  bindBody,
  boxTubesBody,
  closeTubeBody,
  createBoxBody,
  createPointBody,
  createRoundBody,
  exemptionBody,
  handOverBody,
  openTubeBody,
  removeBindingBody,
  resultsBody,
  roundStatusBody,
} from '../../../domain/sampling/schemas';
import { ctxOf } from '../../platform/context';
import { badRequest, tooLarge } from '../../platform/errors';
import { importLabFile } from './lab-file';
import * as service from './service';
import { coverageWorkbook } from './workbook';
import { registerWalkIn, walkInBody } from './walk-ins';
import { slotPlanRoutes } from './slot-plans';

/** Mass testing (全员核酸): docs/api-sampling.md. */
const tags = ['sampling'];
const idParams = z.strictObject({ id: z.coerce.number().int().positive() });
const perm = (permission: string) => ({ access: { permission } });
const optionalId = z.coerce.number().int().positive().optional();
const LAB_FILE_MAX_MB = 50;

export async function samplingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  await app.register(multipart, { limits: { fileSize: LAB_FILE_MAX_MB * 1048576, files: 1, fields: 5, fieldSize: 1024 } });

  // ——— rounds and points ———
  r.post('/api/sampling/rounds', { config: perm('sampling.manage'), schema: { tags, body: createRoundBody } }, async (req, reply) =>
    reply.status(201).send(await service.createRound(ctxOf(req), req.body)),
  );
  r.get(
    '/api/sampling/rounds',
    { config: perm('sampling.read'), schema: { tags, querystring: z.strictObject({ under: optionalId, status: z.enum(ROUND_STATUSES).optional() }) } },
    (req) => service.listRounds(ctxOf(req), req.query),
  );
  r.get('/api/sampling/rounds/:id', { config: perm('sampling.read'), schema: { tags, params: idParams } }, (req) =>
    service.getRound(ctxOf(req), req.params.id),
  );
  r.post('/api/sampling/rounds/:id/status', { config: perm('sampling.manage'), schema: { tags, params: idParams, body: roundStatusBody } }, (req) =>
    service.setRoundStatus(ctxOf(req), req.params.id, req.body.status),
  );
  r.post(
    '/api/sampling/rounds/:id/points',
    { config: perm('sampling.manage'), schema: { tags, params: idParams, body: createPointBody } },
    async (req, reply) => reply.status(201).send(await service.createPoint(ctxOf(req), req.params.id, req.body)),
  );
  r.get('/api/sampling/rounds/:id/points', { config: perm('sampling.read'), schema: { tags, params: idParams } }, (req) =>
    service.listPoints(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/sampling/rounds/:id/points/:pointId/slot-plan',
    {
      config: perm('sampling.read'),
      schema: {
        tags,
        params: z.strictObject({ id: z.coerce.number().int().positive(), pointId: z.coerce.number().int().positive() }),
        querystring: z.strictObject({ targetWaitMinutes: z.coerce.number().int().min(5).max(120).default(15) }),
      },
    },
    (req) => service.slotPlan(ctxOf(req), req.params.id, req.params.pointId, req.query.targetWaitMinutes),
  );
  // Stored plans, hand edits, notices and the workbook: slot-plans.ts.
  await slotPlanRoutes(app);

  // ——— the desk ———
  r.post('/api/sampling/tubes', { config: perm('sampling.desk'), schema: { tags, body: openTubeBody } }, async (req, reply) => {
    const tube = await service.openTube(ctxOf(req), req.body);
    return reply.status(tube.replayed ? 200 : 201).send(tube);
  });
  r.get(
    '/api/sampling/tubes',
    {
      config: perm('sampling.read'),
      schema: {
        tags,
        querystring: z.strictObject({
          roundId: z.coerce.number().int().positive(),
          pointId: optionalId,
          desk: z.coerce.number().int().min(1).max(100).optional(),
          status: z.enum(TUBE_STATUSES).optional(),
        }),
      },
    },
    (req) => service.listTubes(ctxOf(req), req.query),
  );
  r.get('/api/sampling/tubes/:id', { config: perm('sampling.read'), schema: { tags, params: idParams } }, (req) => service.getTube(ctxOf(req), req.params.id));
  r.post('/api/sampling/tubes/:id/close', { config: perm('sampling.desk'), schema: { tags, params: idParams, body: closeTubeBody } }, (req) =>
    service.closeTube(ctxOf(req), req.params.id, req.body.reason ?? null),
  );
  r.post('/api/sampling/bindings', { config: perm('sampling.desk'), schema: { tags, body: bindBody } }, async (req, reply) => {
    const res = await service.bind(ctxOf(req), req.body);
    return reply.status(res.replayed ? 200 : 201).send(res);
  });
  // A person the registry does not know: registered at the point's area and bound in one step (walk-ins.ts).
  r.post('/api/sampling/walk-ins', { config: perm('sampling.desk'), schema: { tags, body: walkInBody } }, async (req, reply) => {
    const res = await registerWalkIn(ctxOf(req), req.body);
    return reply.status(res.replayed ? 200 : 201).send(res);
  });
  r.post('/api/sampling/bindings/:id/remove', { config: perm('sampling.desk'), schema: { tags, params: idParams, body: removeBindingBody } }, (req) =>
    service.removeBinding(ctxOf(req), req.params.id, req.body.reason),
  );

  // ——— boxes ———
  r.post('/api/sampling/boxes', { config: perm('sampling.desk'), schema: { tags, body: createBoxBody } }, async (req, reply) =>
    reply.status(201).send(await service.createBox(ctxOf(req), req.body)),
  );
  r.get(
    '/api/sampling/boxes',
    {
      config: perm('sampling.read'),
      schema: { tags, querystring: z.strictObject({ roundId: optionalId, status: z.enum(['packing', 'handed_over']).optional() }) },
    },
    (req) => service.listBoxes(ctxOf(req), req.query),
  );
  r.get('/api/sampling/boxes/:id', { config: perm('sampling.read'), schema: { tags, params: idParams } }, (req) => service.getBox(ctxOf(req), req.params.id));
  r.post('/api/sampling/boxes/:id/tubes', { config: perm('sampling.desk'), schema: { tags, params: idParams, body: boxTubesBody } }, (req) =>
    service.addTubesToBox(ctxOf(req), req.params.id, req.body),
  );
  r.post('/api/sampling/boxes/:id/hand-over', { config: perm('sampling.desk'), schema: { tags, params: idParams, body: handOverBody } }, (req) =>
    service.handOver(ctxOf(req), req.params.id, req.body),
  );

  // ——— lab results, positives ———
  r.post('/api/sampling/results', { config: perm('sampling.lab'), schema: { tags, body: resultsBody } }, (req) =>
    service.receiveAll(ctxOf(req), req.body.results),
  );
  r.post('/api/sampling/results/import', { config: { ...perm('sampling.lab'), upload: true }, schema: { tags } }, async (req) => {
    const ctx = ctxOf(req);
    if (!req.isMultipart()) throw badRequest('IMPORT_NO_FILE');
    const file = await req.file().catch(() => {
      throw badRequest('IMPORT_NO_FILE');
    });
    if (!file) throw badRequest('IMPORT_NO_FILE');
    const tmp = path.join(tmpdir(), `wangge-lab-${randomBytes(8).toString('hex')}`);
    try {
      await pipeline(file.file, createWriteStream(tmp));
      if (file.file.truncated) throw tooLarge('IMPORT_TOO_LARGE', { mb: LAB_FILE_MAX_MB });
      return await importLabFile(ctx, tmp, req.server.timeZone);
    } finally {
      await rm(tmp, { force: true });
    }
  });
  r.get(
    '/api/sampling/rounds/:id/positives',
    {
      config: perm('sampling.read'),
      schema: { tags, params: idParams, querystring: z.strictObject({ status: z.enum(FLAG_STATUSES).optional(), under: optionalId }) },
    },
    (req) => service.positives(ctxOf(req), req.params.id, req.query),
  );

  r.post(
    '/api/sampling/rounds/:id/home-sampling',
    {
      config: perm('sampling.manage'),
      schema: {
        tags,
        params: idParams,
        body: z.strictObject({ under: z.number().int().positive().optional(), assigneeTeamId: z.number().int().positive().optional() }),
      },
    },
    (req) => service.planHomeSampling(ctxOf(req), req.params.id, req.body),
  );

  // ——— exemptions, coverage ———
  r.post('/api/sampling/exemptions', { config: perm('sampling.exempt'), schema: { tags, body: exemptionBody } }, async (req, reply) =>
    reply.status(201).send(await service.createExemption(ctxOf(req), req.body)),
  );
  r.post('/api/sampling/exemptions/:id/revoke', { config: perm('sampling.exempt'), schema: { tags, params: idParams } }, (req) =>
    service.revokeExemption(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/sampling/rounds/:id/exemptions',
    { config: perm('sampling.read'), schema: { tags, params: idParams, querystring: z.strictObject({ under: optionalId }) } },
    (req) => service.listExemptions(ctxOf(req), req.params.id, req.query.under),
  );
  r.get(
    '/api/sampling/rounds/:id/coverage',
    { config: perm('sampling.read'), schema: { tags, params: idParams, querystring: z.strictObject({ under: optionalId }) } },
    (req) => service.coverage(ctxOf(req), req.params.id, req.query.under),
  );
  r.get(
    '/api/sampling/rounds/:id/coverage.xlsx',
    { config: perm('sampling.read'), schema: { tags, params: idParams, querystring: z.strictObject({ under: optionalId }) } },
    async (req, reply) => {
      const { buffer, fileName } = await coverageWorkbook(ctxOf(req), req.params.id, req.query.under);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="coverage.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .header('cache-control', 'no-store')
        .send(buffer);
    },
  );
  r.get(
    '/api/sampling/rounds/:id/coverage/hours',
    { config: perm('sampling.read'), schema: { tags, params: idParams, querystring: z.strictObject({ under: optionalId }) } },
    (req) => service.coverageHours(ctxOf(req), req.params.id, req.query.under, req.server.timeZone),
  );
  r.get(
    '/api/sampling/rounds/:id/coverage/missing',
    {
      config: perm('sampling.read'),
      schema: {
        tags,
        params: idParams,
        querystring: z.strictObject({
          under: optionalId,
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(500).default(50),
        }),
      },
    },
    (req) => service.missingPeople(ctxOf(req), req.params.id, req.query),
  );
}
