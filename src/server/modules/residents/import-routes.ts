import path from 'node:path';
import { PassThrough } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config';
import { ctxOf } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import { IMPORT_FIELDS } from './import/fields';
import { prepareExport } from './import/export';
import * as jobs from './import/job';
import * as importService from './import/service';
import { writeErrorReport, writeTemplate } from './import/workbooks';
import * as imports from './imports-repo';
import { residentQuery } from './routes';

/**
 * Spreadsheet routes of the registry: the template, the import wizard's steps and the export.
 * Uploads are multipart, streamed to DATA_DIR/uploads and limited to IMPORT_MAX_MB.
 */
const tags = ['residents'];
const idParams = z.strictObject({ id: z.coerce.number().int().positive() });
const importAccess = { access: { permission: 'residents.import' } };

function sendXlsx(reply: FastifyReply, fileName: string, write: (out: PassThrough) => Promise<unknown>) {
  const out = new PassThrough();
  write(out).catch((e) => out.destroy(e));
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('cache-control', 'no-store')
    .send(out);
}

export async function residentImportRoutes(app: FastifyInstance, opts: { config: Config }) {
  const settings: importService.ImportSettings = {
    uploadDir: path.resolve(opts.config.DATA_DIR, 'uploads'),
    maxBytes: Math.round(opts.config.IMPORT_MAX_MB * 1048576),
    keepDays: opts.config.IMPORT_KEEP_DAYS,
  };
  await app.register(multipart, { limits: { fileSize: settings.maxBytes, files: 1, fields: 5, fieldSize: 1024 } });
  // Jobs cut off by the last stop are failed, not left "running"; expired uploads are removed.
  await imports.failInterrupted(app.db);
  await importService.sweepUploads(app.db, settings);
  const sweep = setInterval(() => void importService.sweepUploads(app.db, settings).catch(() => {}), 6 * 3_600_000);
  sweep.unref();
  app.addHook('onClose', async () => {
    clearInterval(sweep);
    await jobs.stopAll();
  });

  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/residents/template.xlsx', { config: importAccess, schema: { tags } }, (_req, reply) => sendXlsx(reply, '居民台账导入模板.xlsx', writeTemplate));

  r.get('/api/residents/imports', { config: importAccess, schema: { tags } }, (req) => importService.recent(ctxOf(req)));

  r.post(
    '/api/residents/imports',
    { config: { ...importAccess, upload: true }, schema: { tags, querystring: z.strictObject({ areaId: z.coerce.number().int().positive().optional() }) } },
    async (req, reply) => {
      if (!req.isMultipart()) throw badRequest('IMPORT_NO_FILE');
      // A body that is not well-formed multipart (no file part, a wrong boundary) is the client's error.
      const file = await req.file().catch(() => {
        throw badRequest('IMPORT_NO_FILE');
      });
      const fieldArea = file?.fields.areaId as { value?: unknown } | undefined;
      const areaFromField = fieldArea && typeof fieldArea.value === 'string' && /^\d+$/.test(fieldArea.value) ? Number(fieldArea.value) : undefined;
      const result = await importService.upload(ctxOf(req), settings, file, req.query.areaId ?? areaFromField);
      return reply.status(201).send(result);
    },
  );

  r.get('/api/residents/imports/:id', { config: importAccess, schema: { tags, params: idParams } }, (req) => importService.get(ctxOf(req), req.params.id));

  r.post(
    '/api/residents/imports/:id/validate',
    {
      config: importAccess,
      schema: {
        tags,
        params: idParams,
        body: z.strictObject({
          mapping: z.record(z.string().max(200), z.enum(IMPORT_FIELDS).nullable()).refine((m) => Object.keys(m).length <= 200, 'too_big'),
          sheet: z.string().max(100).optional(),
        }),
      },
    },
    (req) => importService.validate(ctxOf(req), settings, req.params.id, req.body),
  );

  r.post(
    '/api/residents/imports/:id/sheet',
    { config: importAccess, schema: { tags, params: idParams, body: z.strictObject({ sheet: z.string().min(1).max(100) }) } },
    (req) => importService.chooseSheet(ctxOf(req), settings, req.params.id, req.body.sheet),
  );

  r.post(
    '/api/residents/imports/:id/commit',
    { config: importAccess, schema: { tags, params: idParams, body: z.strictObject({ mode: z.enum(['all-or-nothing', 'valid-only']) }) } },
    (req) => importService.commit(ctxOf(req), settings, req.params.id, req.body.mode),
  );

  r.get('/api/residents/imports/:id/errors.xlsx', { config: importAccess, schema: { tags, params: idParams } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const { job, filePath, byRow } = await importService.errorReport(ctx, settings, req.params.id);
    const src = { path: filePath, format: job.format, encoding: job.encoding, sheet: job.sheet, headerRow: job.header_row };
    const base = job.file_name.replace(/\.[^.]+$/, '');
    return sendXlsx(reply, `${base}-${ctx.lang === 'zh' ? '错误报告' : 'errors'}.xlsx`, (out) => writeErrorReport(out, src, job.headers, byRow, ctx.lang));
  });

  r.get(
    '/api/residents/export.xlsx',
    {
      config: { access: { permission: 'residents.export' } },
      schema: { tags, querystring: residentQuery.extend({ reveal: z.enum(['true', 'false']).optional() }) },
    },
    async (req, reply) => {
      const { reveal, ...query } = req.query;
      const ctx = ctxOf(req);
      const prepared = await prepareExport(ctx, query, reveal === 'true');
      return sendXlsx(reply, `居民台账-${ctx.today}.xlsx`, (out) => prepared.write(out));
    },
  );
}
