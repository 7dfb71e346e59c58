import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { reopenBody, reportQuery, seriesQuery, submitBody } from '../../../domain/reports/figures';
import { ctxOf } from '../../platform/context';
import * as service from './service';

/** The village daily report (日报): read live or submitted, submit, reopen, the workbook, the last days' series. */
const tags = ['reports'];
const perm = (permission: string) => ({ access: { permission } });
const rctx = (req: FastifyRequest): service.RCtx => ({ ...ctxOf(req), timeZone: req.server.timeZone });

export async function reportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/daily-reports', { config: perm('reports.read'), schema: { tags, querystring: reportQuery } }, (req) => service.getReport(rctx(req), req.query));
  r.get('/api/daily-reports/series', { config: perm('reports.read'), schema: { tags, querystring: seriesQuery } }, (req) =>
    service.series(rctx(req), req.query),
  );
  r.get('/api/daily-reports/export.xlsx', { config: perm('reports.read'), schema: { tags, querystring: reportQuery } }, async (req, reply) => {
    const { buffer, fileName } = await service.exportReport(rctx(req), req.query);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="daily-report.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
      .send(buffer);
  });
  r.post('/api/daily-reports/submit', { config: perm('reports.submit'), schema: { tags, body: submitBody } }, (req) => service.submit(rctx(req), req.body));
  r.post('/api/daily-reports/reopen', { config: perm('reports.reopen'), schema: { tags, body: reopenBody } }, (req) => service.reopen(rctx(req), req.body));
}
