import { z } from 'zod';
import { defineRoute } from '../../contract';
import { idParam, idParams, instant } from '../../primitives';
import { FLAG_STATUSES } from '../rules';
import { resultsBody } from '../schemas';

/** Lab results and the trace-back of positives (server: modules/sampling/results.ts, lab-file.ts). */

export const resultsSummary = z.object({
  received: z.number(),
  applied: z.number(),
  already: z.number(),
  unknown: z.array(z.string()),
  conflicts: z.array(z.object({ barcode: z.string(), stored: z.string(), received: z.string() })),
  invalidRows: z.array(z.object({ row: z.number(), problem: z.string() })),
  positives: z.object({ tubes: z.number(), flagged: z.number(), tasks: z.number(), closed: z.number() }),
});
export type ResultsSummary = z.infer<typeof resultsSummary>;

export const flag = z.object({
  id: z.number(),
  roundId: z.number(),
  residentId: z.number(),
  /** Masked. */
  name: z.string(),
  idNumber: z.string().nullable(),
  areaId: z.number(),
  areaName: z.string(),
  householdAddress: z.string().nullable(),
  tubeBarcode: z.string(),
  status: z.enum(FLAG_STATUSES),
  gridWorkers: z.array(z.string()),
  createdAt: instant,
  closedAt: instant.nullable(),
  /** A confirmed flag's positive single-tube result: contact tracing opens a case from it. */
  retestResultId: z.number().nullable(),
});
export type Flag = z.infer<typeof flag>;

export const receiveResults = defineRoute({
  method: 'POST',
  path: '/api/sampling/results',
  summary: 'Lab results by tube barcode; positives are traced back (flags, retest tasks) in the same transaction',
  body: resultsBody,
  responses: { 200: resultsSummary },
});

export const importResults = defineRoute({
  method: 'POST',
  path: '/api/sampling/results/import',
  summary: 'A lab’s result file (csv or xlsx, multipart field `file`)',
  responses: { 200: resultsSummary },
});

export const listPositives = defineRoute({
  method: 'GET',
  path: '/api/sampling/rounds/:id/positives',
  summary: 'The people of the round’s positive tubes, held ones first',
  params: idParams,
  query: z.strictObject({ status: z.enum(FLAG_STATUSES).optional(), under: idParam.optional() }),
  responses: { 200: z.object({ items: z.array(flag) }) },
});
