import { exportPurposeBody } from '../../platform/exports';
import { z } from 'zod';
import { defineRoute } from '../../contract';
import { fileDownload, idParam, idParams, instant, queryBool } from '../../primitives';
import { residentFilter, residentPaging } from './registry';

/**
 * The registry's spreadsheet routes (server/modules/residents/import-routes.ts): the template, the import
 * wizard's steps (upload → mapping → validate → commit, its progress and error report) and the export.
 */

/** The columns a resident spreadsheet can carry, in the order the mapping step lists them. */
export const IMPORT_FIELDS = [
  'name',
  'idType',
  'idNumber',
  'sex',
  'birthDate',
  'phone',
  'phone2',
  'address',
  'villageGroup',
  'houseNo',
  'unit',
  'room',
  'relation',
  'area',
  'registeredAddress',
  'groups',
  'status',
  'awayWhere',
  'movedInOn',
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const REQUIRED_FIELDS: readonly ImportField[] = ['name'];

export const IMPORT_STATUSES = ['uploaded', 'validating', 'validated', 'committing', 'done', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export const COMMIT_MODES = ['all-or-nothing', 'valid-only'] as const;
export type CommitMode = (typeof COMMIT_MODES)[number];

// ——— answers ———

const counts = z.object({ ok: z.number(), errors: z.number(), created: z.number(), updated: z.number(), unchanged: z.number() });

export const importError = z.object({ row: z.number(), column: z.string(), reason: z.string() });
export type ImportError = z.infer<typeof importError>;

export const importFieldInfo = z.object({ key: z.enum(IMPORT_FIELDS), label: z.string(), required: z.boolean() });
export type ImportFieldInfo = z.infer<typeof importFieldInfo>;

/** header → field, or null for "ignore this column". */
const mapping = z.record(z.string(), z.enum(IMPORT_FIELDS).nullable());

/** An import job: the file looked at, its mapping, progress while it runs, and the outcome. */
export const importJob = z.object({
  id: z.number(),
  status: z.enum(IMPORT_STATUSES),
  mode: z.enum(COMMIT_MODES).nullable(),
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv']),
  encoding: z.enum(['utf8', 'gbk', 'utf16le']).nullable(),
  sheet: z.string().nullable(),
  sheetNames: z.array(z.string()),
  headerRow: z.number(),
  headers: z.array(z.string()),
  mapping: mapping.nullable(),
  areaId: z.number(),
  fields: z.array(importFieldInfo),
  /** `total` is unknown (null) while a file is still being read; `percent` is the server's estimate. */
  progress: z.object({ rows: z.number(), total: z.number().nullable(), percent: z.number() }),
  counts,
  /** The first problems found (all of them are in the error report). */
  errors: z.array(importError),
  failure: z.string().nullable(),
  /** The failure in the caller's language. */
  failureMessage: z.string().nullable(),
  createdAt: instant,
});
export type ImportJob = z.infer<typeof importJob>;

/** A job just looked at (uploaded, or another sheet chosen), with the server's guess of the mapping. */
export const uploadedImport = importJob.extend({ suggestedMapping: mapping });
export type UploadedImport = z.infer<typeof uploadedImport>;

export const importSummary = z.object({ id: z.number(), fileName: z.string(), status: z.enum(IMPORT_STATUSES), createdAt: instant, counts });

// ——— routes ———

const importParams = idParams;

export const importTemplate = defineRoute({
  method: 'GET',
  path: '/api/residents/template.xlsx',
  summary: 'The import template (.xlsx)',
  responses: { 200: fileDownload },
});

export const listImports = defineRoute({
  method: 'GET',
  path: '/api/residents/imports',
  summary: 'Recent imports in the caller’s scope',
  responses: { 200: z.object({ items: z.array(importSummary) }) },
});

export const uploadImport = defineRoute({
  method: 'POST',
  path: '/api/residents/imports',
  summary: 'Uploads a spreadsheet (multipart: an optional areaId field, then the file) and looks at its headers',
  query: z.strictObject({ areaId: idParam.optional() }),
  responses: { 201: uploadedImport },
});

export const getImport = defineRoute({
  method: 'GET',
  path: '/api/residents/imports/:id',
  summary: 'An import job and its progress',
  params: importParams,
  responses: { 200: importJob },
});

export const validateImport = defineRoute({
  method: 'POST',
  path: '/api/residents/imports/:id/validate',
  summary: 'Starts checking every row with this mapping (in the background)',
  params: importParams,
  body: z.strictObject({
    mapping: z.record(z.string().max(200), z.enum(IMPORT_FIELDS).nullable()).refine((m) => Object.keys(m).length <= 200, 'too_big'),
    sheet: z.string().max(100).optional(),
  }),
  responses: { 200: importJob },
});

export const chooseImportSheet = defineRoute({
  method: 'POST',
  path: '/api/residents/imports/:id/sheet',
  summary: 'Reads another sheet of the workbook and suggests its mapping afresh',
  params: importParams,
  body: z.strictObject({ sheet: z.string().min(1).max(100) }),
  responses: { 200: uploadedImport },
});

export const commitImport = defineRoute({
  method: 'POST',
  path: '/api/residents/imports/:id/commit',
  summary: 'Starts writing the rows (in the background): all or nothing, or only the valid ones',
  params: importParams,
  body: z.strictObject({ mode: z.enum(COMMIT_MODES) }),
  responses: { 200: importJob },
});

export const importErrorReport = defineRoute({
  method: 'POST',
  path: '/api/residents/imports/:id/errors.xlsx',
  summary: 'The failing rows of the upload with their problems (.xlsx; ID numbers and phones masked), for a stated purpose stamped in the file',
  params: importParams,
  body: exportPurposeBody,
  responses: { 200: fileDownload },
});

export const exportResidents = defineRoute({
  method: 'POST',
  path: '/api/residents/export.xlsx',
  summary: 'What the search finds, as .xlsx (numbers masked unless revealed with the permission), for a stated purpose stamped in the file',
  query: z.strictObject({
    ...residentFilter,
    // Accepted like the list's (a link copied from it); the export has every page.
    ...residentPaging,
    reveal: queryBool.optional(),
  }),
  body: exportPurposeBody,
  responses: { 200: fileDownload },
});
