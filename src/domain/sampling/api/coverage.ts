import { z } from 'zod';
import { defineRoute } from '../../contract';
import { exportPurposeBody } from '../../platform/exports';
import { day, fileDownload, idParam, idParams, instant } from '../../primitives';
import { EXEMPTION_KINDS } from '../rules';
import { exemptionBody } from '../schemas';

/** Exemptions and coverage (应检尽检) (server: modules/sampling/exemptions.ts, coverage.ts, workbook.ts). */

const underQuery = z.strictObject({ under: idParam.optional() });

export const exemption = z.object({
  id: z.number(),
  residentId: z.number(),
  /** Masked. */
  name: z.string(),
  idNumber: z.string().nullable(),
  areaId: z.number(),
  areaName: z.string(),
  kind: z.enum(EXEMPTION_KINDS),
  detail: z.string().nullable(),
  recordedAt: instant,
});
export type Exemption = z.infer<typeof exemption>;

export const createExemption = defineRoute({
  method: 'POST',
  path: '/api/sampling/exemptions',
  summary: 'Exempts a person of a round, as the round’s rules allow',
  body: exemptionBody,
  responses: {
    201: z.object({ id: z.number(), roundId: z.number(), residentId: z.number(), kind: z.enum(EXEMPTION_KINDS), detail: z.string().nullable() }),
  },
});

export const revokeExemption = defineRoute({
  method: 'POST',
  path: '/api/sampling/exemptions/:id/revoke',
  summary: 'Revokes an exemption',
  params: idParams,
  responses: { 200: z.object({ id: z.number(), revokedAt: instant }) },
});

export const listExemptions = defineRoute({
  method: 'GET',
  path: '/api/sampling/rounds/:id/exemptions',
  summary: 'A round’s live exemptions under an area',
  params: idParams,
  query: underQuery,
  responses: { 200: z.object({ items: z.array(exemption) }) },
});

const figures = {
  roster: z.number(),
  due: z.number(),
  sampled: z.number(),
  exempt: z.number(),
  missing: z.number(),
  /** sampled ÷ due, four decimals; null when nobody is due. */
  rate: z.number().nullable(),
};
export const coverageItem = z.object({ areaId: z.number().nullable(), name: z.string(), kind: z.string().nullable(), ...figures });
export const coverageAnswer = z.object({
  area: z.object({ id: z.number(), name: z.string(), kind: z.string(), path: z.string() }),
  rosterDate: day,
  total: z.object(figures),
  items: z.array(coverageItem),
});
export type CoverageAnswer = z.infer<typeof coverageAnswer>;

export const getCoverage = defineRoute({
  method: 'GET',
  path: '/api/sampling/rounds/:id/coverage',
  summary: 'Coverage per child area of `under` (the round’s area, or the caller’s): due, sampled, exempt, missing',
  params: idParams,
  query: underQuery,
  responses: { 200: coverageAnswer },
});

export const coverageWorkbook = defineRoute({
  method: 'POST',
  path: '/api/sampling/rounds/:id/coverage.xlsx',
  summary: 'The coverage figures and the missing people (masked) as a workbook, for a stated purpose stamped in the file',
  params: idParams,
  query: underQuery,
  body: exportPurposeBody,
  responses: { 200: fileDownload },
});

export const coverageHours = defineRoute({
  method: 'GET',
  path: '/api/sampling/rounds/:id/coverage/hours',
  summary: 'Rostered people first sampled per local hour, with the running total',
  params: idParams,
  query: underQuery,
  responses: {
    200: z.object({
      area: z.object({ id: z.number(), name: z.string() }),
      timeZone: z.string(),
      items: z.array(z.object({ hour: z.string(), sampled: z.number(), cumulative: z.number() })),
    }),
  },
});
export type CoverageHours = z.infer<(typeof coverageHours.responses)[200]>;

export const missingPerson = z.object({
  residentId: z.number(),
  /** Masked. */
  name: z.string(),
  idNumber: z.string().nullable(),
  areaId: z.number(),
  areaName: z.string(),
  address: z.string().nullable(),
  gridWorkers: z.array(z.string()),
});
export type MissingPerson = z.infer<typeof missingPerson>;

export const listMissing = defineRoute({
  method: 'GET',
  path: '/api/sampling/rounds/:id/coverage/missing',
  summary: 'The people still due (not sampled, not exempt), with their grid workers, paged',
  params: idParams,
  query: z.strictObject({
    under: idParam.optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  }),
  responses: { 200: z.object({ items: z.array(missingPerson), total: z.number() }) },
});
