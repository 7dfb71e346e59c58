import { mkdir, readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Db } from '../../../db/engine';
import { audit, auditActorOf } from '../../../platform/audit';
import type { Ctx } from '../../../platform/context';
import { badRequest, conflict, notFound } from '../../../platform/errors';
import { oneHeavyImport } from '../../../platform/spreadsheets/heavy-import';
import { storeUpload } from '../../../platform/spreadsheets/stored-upload';
import { message } from '../../../platform/messages';
import { areaTree } from '../../areas';
import * as imports from '../imports-repo';
import { FIELD_LABELS, IMPORT_FIELDS, type ImportField, REQUIRED_FIELDS, headerScore, suggestMapping } from './fields';
import { SHEET_CODES, sheetProblem } from '../../../platform/spreadsheets/problems';
import * as jobs from './job';
import { SheetError, inspect, inspectSheet } from '../../../platform/spreadsheets/threaded-reader';

/**
 * The import wizard's steps on the server: upload (stored under DATA_DIR/uploads, looked at, its
 * headers mapped), validate, commit, and the reports. Jobs run in the background (job.ts).
 */
export interface ImportSettings {
  uploadDir: string;
  maxBytes: number;
  keepDays: number;
}

export function fieldList(lang: 'zh' | 'en') {
  return IMPORT_FIELDS.map((key) => ({ key, label: FIELD_LABELS[key][lang], required: REQUIRED_FIELDS.includes(key) }));
}

export function uploadPath(s: ImportSettings, storedName: string) {
  return path.join(s.uploadDir, storedName);
}

/** Deletes uploads older than the retention period (they hold personal data) and their leftovers. */
export async function sweepUploads(db: Db, s: ImportSettings): Promise<number> {
  await mkdir(s.uploadDir, { recursive: true, mode: 0o700 });
  const cutoff = Date.now() - s.keepDays * 86_400_000;
  let removed = 0;
  for (const name of await readdir(s.uploadDir)) {
    const p = path.join(s.uploadDir, name);
    const st = await stat(p).catch(() => null);
    if (st && st.mtimeMs < cutoff) {
      await unlink(p).catch(() => {});
      removed++;
    }
  }
  return removed;
}

export async function upload(ctx: Ctx, s: ImportSettings, file: { filename: string; file: Readable } | undefined, areaId: number | undefined) {
  if (!file) throw badRequest('IMPORT_NO_FILE');
  const area = areaId
    ? await areaTree.findInScope(ctx.db, ctx.actor.scope, areaId)
    : await areaTree.findInScope(ctx.db, ctx.actor.scope, ctx.actor.scope.areaId);
  if (!area || area.archived) throw badRequest('VALIDATION_FAILED', {}, { areaId: 'not_found' });
  return oneHeavyImport(ctx.actor.userId, () => storeAndInspect(ctx, s, file, area));
}

async function storeAndInspect(ctx: Ctx, s: ImportSettings, file: { filename: string; file: Readable }, area: { id: number; path: string }) {
  const dest = await storeUpload(file.file, s.uploadDir, s.maxBytes);
  const storedName = path.basename(dest);
  let info;
  try {
    info = await inspect(dest, headerScore);
  } catch (e) {
    await unlink(dest).catch(() => {});
    if (e instanceof SheetError) throw sheetProblem(e, ctx.lang);
    throw e;
  }
  const { size } = await stat(dest);
  const fileName = path.basename(file.filename || 'upload').slice(0, 200);
  const id = await imports.insert(ctx.db, {
    area_id: area.id,
    area_path: area.path,
    created_by: ctx.actor.userId,
    file_name: fileName,
    stored_name: storedName,
    size_bytes: size,
    format: info.format,
    encoding: info.encoding,
    sheet: info.sheet,
    header_row: info.headerRow,
    sheet_names: info.sheetNames,
    headers: info.headers,
  });
  return { ...(await get(ctx, id)), suggestedMapping: suggestMapping(info.headers) };
}

async function mustImport(ctx: Ctx, id: number) {
  const job = await imports.find(ctx.db, ctx.actor.scope, id);
  if (!job) throw notFound();
  return job;
}

const FAILURE_TEXT: Record<string, { zh: string; en: string }> = {
  interrupted: {
    zh: '服务器重启，处理被中断；请重新操作（已导入的行再次导入不会重复）',
    en: 'The server restarted and stopped the job; run it again (rows already imported are not duplicated)',
  },
  rows_failed: { zh: '有行未通过检查，全部未导入；请查看错误', en: 'Some rows failed, so nothing was imported; see the errors' },
  internal: { zh: '处理时出现内部错误，已记录；请稍后重试', en: 'An internal error stopped the job; it has been logged, try again later' },
};

function failureText(code: string | null, lang: 'zh' | 'en'): string | null {
  if (!code) return null;
  const sheet = SHEET_CODES[code as SheetError['problem']];
  if (sheet) return message(sheet, lang, { where: '' });
  return (FAILURE_TEXT[code] ?? FAILURE_TEXT.internal)[lang];
}

export async function get(ctx: Ctx, id: number) {
  const job = await mustImport(ctx, id);
  const l = jobs.liveProgress(id);
  const running = job.status === 'validating' || job.status === 'committing';
  const rows = running && l ? l.rows : job.processed_rows;
  const permille = running && l ? l.permille : job.read_permille;
  // While a file is read its row count is not known: estimate it from the share of bytes read.
  const total = job.total_rows ?? (running && permille > 0 ? Math.max(rows, Math.round((rows * 1000) / permille)) : null);
  const errors = await imports.errors(ctx.db, id, 200);
  return {
    id: job.id,
    status: job.status,
    mode: job.mode,
    fileName: job.file_name,
    format: job.format,
    encoding: job.encoding,
    sheet: job.sheet,
    sheetNames: job.sheet_names,
    headerRow: job.header_row,
    headers: job.headers,
    mapping: job.mapping,
    areaId: job.area_id,
    fields: fieldList(ctx.lang),
    progress: { rows, total, percent: Math.min(100, Math.round(permille / 10)) },
    counts: {
      ok: running && l ? l.ok : job.ok_rows,
      errors: running && l ? l.errors : job.error_rows,
      created: running && l ? l.created : job.created_count,
      updated: running && l ? l.updated : job.updated_count,
      unchanged: running && l ? l.unchanged : job.unchanged_count,
    },
    errors: errors.map((e) => ({ row: e.row, column: e.column, reason: e[ctx.lang] })),
    failure: job.failure,
    failureMessage: failureText(job.failure, ctx.lang),
    createdAt: new Date(job.created_at).toISOString(),
  };
}

export async function recent(ctx: Ctx) {
  const rows = await imports.listRecent(ctx.db, ctx.actor.scope, 20);
  return {
    items: rows.map((j) => ({
      id: j.id,
      fileName: j.file_name,
      status: j.status,
      createdAt: new Date(j.created_at).toISOString(),
      counts: { ok: j.ok_rows, errors: j.error_rows, created: j.created_count, updated: j.updated_count, unchanged: j.unchanged_count },
    })),
  };
}

async function fileOf(s: ImportSettings, job: imports.ImportRow) {
  const p = uploadPath(s, job.stored_name);
  if (!(await stat(p).catch(() => null))) throw conflict('IMPORT_FILE_GONE');
  return p;
}

/** What the job needs to know of the request (the job reads the import row itself when it starts). */
function requestOf(ctx: Ctx, job: imports.ImportRow, filePath: string) {
  return { importId: job.id, path: filePath, scope: ctx.actor.scope, today: ctx.today, actor: auditActorOf(ctx) };
}

function queueOf(ctx: Ctx) {
  if (!ctx.jobs) throw new Error('resident imports run on the job queue, which this context lacks');
  return ctx.jobs;
}

function refuseBusyOrDone(job: imports.ImportRow) {
  if (job.status === 'validating' || job.status === 'committing') throw conflict('IMPORT_BUSY');
  if (job.status === 'done') throw conflict('IMPORT_FINISHED');
}

/** One running import job per person: a second validation or commit waits until the first has finished. */
async function refuseSecondRunning(ctx: Ctx, id: number) {
  if (await imports.runningOf(ctx.db, ctx.actor.userId, id)) throw conflict('IMPORT_ONE_AT_A_TIME');
}

/** The counters of an import that has not been validated yet (a new sheet, a new mapping). */
const NOT_STARTED = { total_rows: null, processed_rows: 0, read_permille: 0, ok_rows: 0, error_rows: 0, failure: null, mode: null } as const;

/** Another sheet of the workbook: its header row and headers, and a fresh suggested mapping. */
export async function chooseSheet(ctx: Ctx, s: ImportSettings, id: number, sheet: string) {
  const job = await mustImport(ctx, id);
  refuseBusyOrDone(job);
  if (job.format !== 'xlsx' || !job.sheet_names.includes(sheet)) throw badRequest('IMPORT_NO_SHEET', { sheet });
  const filePath = await fileOf(s, job);
  let found;
  try {
    found = await inspectSheet(filePath, job.format, sheet, headerScore);
  } catch (e) {
    if (e instanceof SheetError) throw sheetProblem(e, ctx.lang);
    throw e;
  }
  const moved = await imports.transition(ctx.db, id, ['uploaded', 'validated', 'failed'], 'uploaded', {
    sheet,
    headers: found.headers,
    header_row: found.headerRow,
    mapping: null,
    ...NOT_STARTED,
  });
  if (!moved) throw conflict('IMPORT_BUSY');
  await imports.clearErrors(ctx.db, id);
  return { ...(await get(ctx, id)), suggestedMapping: suggestMapping(found.headers) };
}

export async function validate(ctx: Ctx, s: ImportSettings, id: number, body: { mapping: Record<string, ImportField | null>; sheet?: string }) {
  const job = await mustImport(ctx, id);
  refuseBusyOrDone(job);
  const filePath = await fileOf(s, job);
  let { headers, header_row: headerRow, sheet } = job;
  if (body.sheet !== undefined && body.sheet !== job.sheet) {
    if (job.format !== 'xlsx' || !job.sheet_names.includes(body.sheet)) throw badRequest('IMPORT_NO_SHEET', { sheet: body.sheet });
    try {
      ({ headers, headerRow } = await inspectSheet(filePath, job.format, body.sheet, headerScore));
    } catch (e) {
      if (e instanceof SheetError) throw sheetProblem(e, ctx.lang);
      throw e;
    }
    sheet = body.sheet;
  }
  await refuseSecondRunning(ctx, id);
  const mapping: Record<string, ImportField | null> = {};
  const used = new Set<ImportField>();
  for (const [header, field] of Object.entries(body.mapping)) {
    if (!headers.includes(header)) throw badRequest('IMPORT_UNKNOWN_HEADER', { header });
    if (field && used.has(field)) throw badRequest('IMPORT_FIELD_TWICE', { field: FIELD_LABELS[field][ctx.lang] });
    if (field) used.add(field);
    mapping[header] = field;
  }
  if (!used.has('name')) throw badRequest('IMPORT_NAME_NOT_MAPPED');
  const moved = await imports.transition(ctx.db, id, ['uploaded', 'validated', 'failed'], 'validating', {
    started_by: ctx.actor.userId,
    mapping,
    sheet,
    headers,
    header_row: headerRow,
    ...NOT_STARTED,
  });
  if (!moved) throw conflict('IMPORT_BUSY');
  await jobs.sendImportJob(queueOf(ctx), { kind: 'validate', ...requestOf(ctx, job, filePath) });
  return get(ctx, id);
}

export async function commit(ctx: Ctx, s: ImportSettings, id: number, mode: 'all-or-nothing' | 'valid-only') {
  const job = await mustImport(ctx, id);
  refuseBusyOrDone(job);
  if (job.status !== 'validated' && !(job.status === 'failed' && job.mode)) throw conflict('IMPORT_NOT_VALIDATED');
  if (mode === 'all-or-nothing' && job.error_rows > 0) throw conflict('IMPORT_HAS_ERRORS', { rows: job.error_rows });
  const filePath = await fileOf(s, job);
  await refuseSecondRunning(ctx, id);
  // A new commit counts from the start (a run cut off by a crash resumes within its own job, not here).
  const moved = await imports.transition(ctx.db, id, [job.status], 'committing', {
    started_by: ctx.actor.userId,
    mode,
    read_permille: 0,
    processed_rows: 0,
    failure: null,
    committed_row: 0,
    created_count: 0,
    updated_count: 0,
    unchanged_count: 0,
  });
  if (!moved) throw conflict('IMPORT_BUSY');
  await jobs.sendImportJob(queueOf(ctx), { kind: 'commit', mode, ...requestOf(ctx, job, filePath) });
  return get(ctx, id);
}

/** For the errors report: the job, its file and every problem by row. */
/** The failing rows to write into the error report; audited as an export with its purpose. */
export async function errorReport(ctx: Ctx, s: ImportSettings, id: number, purpose: string) {
  const job = await mustImport(ctx, id);
  const filePath = await fileOf(s, job);
  const list = await imports.errors(ctx.db, id, 1_000_000);
  await audit(ctx.db, ctx, {
    action: 'export',
    entity: 'resident_import',
    entityId: id,
    areaPath: job.area_path,
    after: { rows: new Set(list.map((e) => e.row)).size, purpose },
  });
  const byRow = new Map<number, string[]>();
  for (const e of list) {
    const texts = byRow.get(e.row) ?? [];
    texts.push(`${e.column}：${e[ctx.lang]}`);
    byRow.set(e.row, texts);
  }
  return { job, filePath, byRow };
}
