import { z } from 'zod';
import { defineRoute } from '../../contract';
import { calendarDate, day, instant, plainText } from '../../primitives';
import { LISTED_LEVELS, originCode } from '../schemas';
import { pageQuery } from './paging';

/** The official risk-area list (风险地区名单): its spreadsheet import, the list, and the level of a place on a day. */

export const riskArea = z.object({
  id: z.number(),
  divisionCode: z.string().nullable(),
  name: z.string(),
  areaId: z.number().nullable(),
  level: z.enum(LISTED_LEVELS),
  from: day,
  to: day.nullable(),
  importBatch: z.string().nullable(),
  importedAt: instant,
  importedByName: z.string().nullable(),
});
export type RiskArea = z.infer<typeof riskArea>;

/** A csv (UTF-8 or GBK) or xlsx file as multipart/form-data: all rows imported, or none and every problem named. */
export const importRiskAreas = defineRoute({
  method: 'POST',
  path: '/api/risk-areas/import',
  summary: 'Imports the official risk-area list from a spreadsheet (multipart/form-data, one file), all or nothing',
  responses: {
    201: z.object({ batch: z.string(), imported: z.number().int(), levels: z.partialRecord(z.enum(LISTED_LEVELS), z.number().int()) }),
  },
});

export const listRiskAreas = defineRoute({
  method: 'GET',
  path: '/api/risk-areas',
  summary: 'The listed rows (in force on a day, or all), newest import first',
  query: z.strictObject({ on: calendarDate.optional(), level: z.enum(LISTED_LEVELS).optional(), q: plainText(50).optional(), ...pageQuery }),
  responses: { 200: z.object({ items: z.array(riskArea), total: z.number().int() }) },
});

export const riskLevelOf = defineRoute({
  method: 'GET',
  path: '/api/risk-areas/level',
  summary: 'The level of a place (a 6, 9 or 12-digit division code) on a day, and the listed row that decides it',
  query: z.strictObject({ code: originCode, on: calendarDate.optional() }),
  responses: {
    200: z.object({ code: z.string(), on: day, level: z.enum([...LISTED_LEVELS, 'none']), riskArea: riskArea.nullable() }),
  },
});
