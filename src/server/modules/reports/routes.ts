import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as api from '../../../domain/reports/api';
import { ctxOf } from '../../platform/context';
import { stampOf } from '../../platform/export-stamp';
import { sendSpreadsheet } from '../../platform/http-files';
import { serve } from '../../platform/serve';
import * as service from './service';

/** The village daily report (日报): read live or submitted, submit, reopen, the workbook, the last days' series. */
const tags = ['reports'];
const perm = (permission: string) => ({ access: { permission }, tags });
const rctx = (req: FastifyRequest): service.RCtx => ({ ...ctxOf(req), timeZone: req.server.timeZone, readDb: req.server.readDb });

export async function reportRoutes(app: FastifyInstance) {
  serve(app, api.getReport, perm('reports.read'), (req) => service.getReport(rctx(req), req.query));
  serve(app, api.series, perm('reports.read'), (req) => service.series(rctx(req), req.query));
  serve(app, api.exportReport, perm('reports.read'), async (req, reply) => {
    const ctx = rctx(req);
    const { buffer, fileName } = await service.exportReport(ctx, req.query, stampOf(ctx, req.body.purpose, req.server.timeZone));
    return sendSpreadsheet(reply, { fileName, asciiName: 'daily-report.xlsx' }, buffer);
  });
  serve(app, api.submit, perm('reports.submit'), (req) => service.submit(rctx(req), req.body));
  serve(app, api.reopen, perm('reports.reopen'), (req) => service.reopen(rctx(req), req.body));
}
