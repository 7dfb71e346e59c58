import { z } from 'zod';
import { defineRoute } from '../contract';
import { exportPurposeBody } from '../platform/exports';
import { calendarDate, fileDownload, id, idParam, instant, plainText } from '../primitives';
import { FIGURE_KEYS, type FigureKey, REPORT_STATUSES } from './figures';

/** The village daily report's routes (server/modules/reports): read live or submitted, submit, reopen, the workbook, a series. */

// ——— inputs ———
export const reportQuery = z.strictObject({ areaId: idParam, day: calendarDate.optional() });

export const seriesQuery = z.strictObject({
  areaId: idParam,
  days: z.coerce.number().int().min(1).max(60).default(14),
  to: calendarDate.optional(),
  /** Only these figures (comma-separated keys): a chart of one figure reads only the table it comes from. */
  keys: z
    .string()
    .max(2000)
    .transform((s) =>
      s
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    )
    .refine((ks) => ks.length > 0 && ks.every((k) => (FIGURE_KEYS as readonly string[]).includes(k)), 'invalid_format')
    .optional(),
});

export const submitBody = z.strictObject({ areaId: id, day: calendarDate, notes: plainText(500).optional() });
export const reopenBody = z.strictObject({ areaId: id, day: calendarDate, reason: plainText(200).min(1) });

// ——— answers ———
/** Every figure of a day, key → count. */
export const figures = z.object(Object.fromEntries(FIGURE_KEYS.map((k) => [k, z.number()])) as Record<FigureKey, z.ZodNumber>);

const status = z.enum(REPORT_STATUSES);
const area = z.object({ id: z.number(), name: z.string(), kind: z.string() });

/** The stored report of a village's day: who submitted it, and who reopened it and why. */
const storedReport = z.object({
  status,
  notes: z.string().nullable(),
  submittedAt: instant.nullable(),
  submittedByName: z.string().nullable(),
  reopenedAt: instant.nullable(),
  reopenedByName: z.string().nullable(),
  reopenReason: z.string().nullable(),
});

/** A child of a roll-up: a town (its villages summed) or a village. */
const reportRow = z.object({
  areaId: z.number(),
  areaName: z.string(),
  kind: z.string(),
  villages: z.number(),
  submitted: z.number(),
  /** A village's state; null for an area holding villages. */
  status: status.nullable(),
  figures,
});

/** A village's own figures and state, or a roll-up with its children's rows. */
export const report = z.object({
  area,
  day: z.string(),
  today: z.string(),
  village: z.boolean(),
  /** A village's state; null for a roll-up. */
  status: status.nullable(),
  report: storedReport.nullable(),
  villages: z.number(),
  submitted: z.number(),
  figures,
  rows: z.array(reportRow),
});
export type Report = z.infer<typeof report>;

export const getReport = defineRoute({
  method: 'GET',
  path: '/api/daily-reports',
  summary: 'The report of an area and day: live figures until a village submits them',
  query: reportQuery,
  responses: { 200: report },
});

export const series = defineRoute({
  method: 'GET',
  path: '/api/daily-reports/series',
  summary: 'The last days up to a day, summed over the area’s villages (every figure, or only the keys asked for)',
  query: seriesQuery,
  responses: { 200: z.object({ area, items: z.array(z.object({ day: z.string(), figures: figures.partial() })) }) },
});

export const exportReport = defineRoute({
  method: 'POST',
  path: '/api/daily-reports/export.xlsx',
  summary: 'The workbook of an area’s day: one row per village, a totals row; for a stated purpose stamped in the file',
  query: reportQuery,
  body: exportPurposeBody,
  responses: { 200: fileDownload },
});

export const submit = defineRoute({
  method: 'POST',
  path: '/api/daily-reports/submit',
  summary: 'Submits a village’s day: its figures are stored and locked',
  body: submitBody,
  responses: { 200: report },
});

export const reopen = defineRoute({
  method: 'POST',
  path: '/api/daily-reports/reopen',
  summary: 'Reopens a submitted day (a user scoped above the village), with a reason',
  body: reopenBody,
  responses: { 200: report },
});
