import path from 'node:path';
import type { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import * as api from '../../../domain/residents/api';
import { MAX_ID } from '../../../domain/primitives';
import type { Config } from '../../config';
import { ctxOf } from '../../platform/context';
import { acceptUploads, readSheetUpload, sendSpreadsheet } from '../../platform/http-files';
import { oneExportAtATime, stampOf } from '../../platform/export-stamp';
import { type ServeOptions, serve } from '../../platform/serve';
import { prepareExport } from './import/export';
import * as jobs from './import/job';
import * as importService from './import/service';
import { maskedColumns, writeErrorReport, writeTemplate } from './import/workbooks';

/**
 * Spreadsheet routes of the registry: the template, the import wizard's steps and the export.
 * Uploads are multipart, streamed to DATA_DIR/uploads and limited to IMPORT_MAX_MB.
 */
const tags = ['residents'];

export async function residentImportRoutes(app: FastifyInstance, opts: { config: Config }) {
  const settings: importService.ImportSettings = {
    uploadDir: path.resolve(opts.config.DATA_DIR, 'uploads'),
    maxBytes: Math.round(opts.config.IMPORT_MAX_MB * 1048576),
    keepDays: opts.config.IMPORT_KEEP_DAYS,
  };
  await acceptUploads(app, settings.maxBytes);
  // Validation and commit run as jobs on the queue (import/job.ts); a stop ends them between batches so
  // the queue runs them again at the next start. Uploads past IMPORT_KEEP_DAYS are deleted every 6 hours.
  jobs.startTaking();
  await jobs.defineImportJobs(app.jobs, app.db, app.log);
  app.jobs.onStop(jobs.stopTaking);
  await importService.sweepUploads(app.db, settings);
  await app.jobs.define({
    name: 'residents.uploads-sweep',
    policy: 'stately',
    cron: '23 */6 * * *',
    run: async () => void (await importService.sweepUploads(app.db, settings)),
  });

  const access: ServeOptions = { access: { permission: 'residents.import' }, tags };

  serve(app, api.importTemplate, access, (_req, reply) =>
    sendSpreadsheet(reply, { fileName: '居民台账导入模板.xlsx', asciiName: 'template.xlsx' }, writeTemplate),
  );

  serve(app, api.listImports, access, (req) => importService.recent(ctxOf(req)));

  serve(app, api.uploadImport, { ...access, upload: true }, async (req) => {
    const file = await readSheetUpload(req);
    const fieldArea = file.fields.areaId as { value?: unknown } | undefined;
    const areaFromField = fieldArea && typeof fieldArea.value === 'string' && /^\d{1,10}$/.test(fieldArea.value) ? Number(fieldArea.value) : undefined;
    const areaId = req.query.areaId ?? (areaFromField && areaFromField <= MAX_ID ? areaFromField : undefined);
    return importService.upload(ctxOf(req), settings, file, areaId);
  });

  serve(app, api.getImport, access, (req) => importService.get(ctxOf(req), req.params.id));

  serve(app, api.validateImport, access, (req) => importService.validate(ctxOf(req), settings, req.params.id, req.body));

  serve(app, api.chooseImportSheet, access, (req) => importService.chooseSheet(ctxOf(req), settings, req.params.id, req.body.sheet));

  serve(app, api.commitImport, access, (req) => importService.commit(ctxOf(req), settings, req.params.id, req.body.mode));

  serve(app, api.importErrorReport, access, async (req, reply) => {
    const ctx = ctxOf(req);
    const stamp = stampOf(ctx, req.body.purpose, app.timeZone);
    const prepared = await oneExportAtATime(ctx.actor.userId, async () => {
      const { job, filePath, byRow } = await importService.errorReport(ctx, settings, req.params.id, stamp.purpose);
      const src = { path: filePath, format: job.format, encoding: job.encoding, sheet: job.sheet, headerRow: job.header_row };
      const masks = maskedColumns(job.headers, job.mapping);
      return { job, write: (out: Writable) => writeErrorReport(out, src, job.headers, byRow, ctx.lang, masks, stamp) };
    });
    const base = prepared.job.file_name.replace(/\.[^.]+$/, '');
    return sendSpreadsheet(reply, { fileName: `${base}-${ctx.lang === 'zh' ? '错误报告' : 'errors'}.xlsx`, asciiName: 'errors.xlsx' }, prepared.write);
  });

  serve(app, api.exportResidents, { access: { permission: 'residents.export' }, tags }, async (req, reply) => {
    const { reveal, ...query } = req.query;
    const ctx = ctxOf(req);
    const stamp = stampOf(ctx, req.body.purpose, app.timeZone);
    const prepared = await oneExportAtATime(ctx.actor.userId, () => prepareExport(ctx, query, reveal === true, stamp));
    return sendSpreadsheet(reply, { fileName: `居民台账-${ctx.today}.xlsx`, asciiName: 'export.xlsx' }, (out) => prepared.write(out));
  });
}
