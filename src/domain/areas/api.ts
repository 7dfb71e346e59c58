import { z } from 'zod';
import { defineRoute } from '../contract';
import { id, idParam, idParams, pageOf, plainText, queryBool } from '../primitives';
import { AREA_KINDS } from './kinds';

/** The area tree's routes (server/modules/areas) and the division catalogue it imports from. */

// ——— inputs, shared with the web forms ———

export const areaName = plainText(100).min(1);
export const divisionCode = z.string().regex(/^\d{12}$/, 'division_code');
export const areaKind = z.enum(AREA_KINDS);

export const createAreaBody = z.strictObject({
  parentId: id,
  name: areaName,
  kind: areaKind,
  divisionCode: divisionCode.nullish(),
});

export const updateAreaBody = z.strictObject({
  name: areaName.optional(),
  kind: areaKind.optional(),
  divisionCode: divisionCode.nullish(),
});

export type CreateAreaInput = z.infer<typeof createAreaBody>;
export type UpdateAreaInput = z.infer<typeof updateAreaBody>;

// ——— answers ———

/** An area as the signed-in user's scope carries it (no child count). */
export const areaSummary = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  name: z.string(),
  kind: areaKind,
  divisionCode: z.string().nullable(),
  path: z.string(),
  level: z.number(),
  archived: z.boolean(),
});
export type AreaSummary = z.infer<typeof areaSummary>;

/** An area as every /api/areas answer carries it. */
export const area = areaSummary.extend({
  /** Live (not archived) children. */
  childCount: z.number(),
});
export type Area = z.infer<typeof area>;

/** The short area shape embedded in other records (a user's scope). */
export const areaRef = area.pick({ id: true, name: true, kind: true, path: true });
export type AreaRef = z.infer<typeof areaRef>;

export const division = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'city', 'county', 'town', 'village']),
  parentCode: z.string().nullable(),
  hasChildren: z.boolean(),
});
export type Division = z.infer<typeof division>;

const areaList = z.object({ items: z.array(area) });

// ——— routes ———

export const getArea = defineRoute({
  method: 'GET',
  path: '/api/areas/:id',
  summary: 'One area in the caller’s scope',
  params: idParams,
  responses: { 200: area },
});

export const listChildren = defineRoute({
  method: 'GET',
  path: '/api/areas/:id/children',
  summary: 'The children of an area, archived ones on request',
  params: idParams,
  query: z.strictObject({ archived: queryBool.optional() }),
  responses: { 200: areaList },
});

export const listAncestors = defineRoute({
  method: 'GET',
  path: '/api/areas/:id/ancestors',
  summary: 'The chain from the top of the caller’s scope down to the area, widest first',
  params: idParams,
  responses: { 200: areaList },
});

export const searchAreas = defineRoute({
  method: 'GET',
  path: '/api/areas',
  summary: 'Areas of a subtree by name, pinyin, initials or division code',
  query: z.strictObject({
    q: plainText(50).optional(),
    under: idParam.optional(),
    kind: areaKind.optional(),
    archived: queryBool.optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  }),
  responses: { 200: pageOf(area) },
});

export const createArea = defineRoute({
  method: 'POST',
  path: '/api/areas',
  summary: 'Adds an area under a parent',
  body: createAreaBody,
  responses: { 201: area },
});

export const updateArea = defineRoute({
  method: 'PATCH',
  path: '/api/areas/:id',
  summary: 'Renames an area or changes its kind or division code',
  params: idParams,
  body: updateAreaBody,
  responses: { 200: area },
});

export const moveArea = defineRoute({
  method: 'POST',
  path: '/api/areas/:id/move',
  summary: 'Moves an area and its subtree under another parent',
  params: idParams,
  body: z.strictObject({ parentId: id }),
  responses: { 200: area },
});

export const archiveArea = defineRoute({
  method: 'POST',
  path: '/api/areas/:id/archive',
  summary: 'Archives an area and its whole subtree',
  params: idParams,
  responses: { 200: z.object({ archived: z.number() }) },
});

export const listDivisions = defineRoute({
  method: 'GET',
  path: '/api/divisions',
  summary: 'The official divisions under a code (the provinces without one)',
  query: z.strictObject({
    parent: z
      .string()
      .regex(/^\d{2,12}$/, 'division_code')
      .optional(),
  }),
  responses: { 200: z.object({ items: z.array(division) }) },
});

export const importDivisions = defineRoute({
  method: 'POST',
  path: '/api/areas/import-divisions',
  summary: 'Adds an official county or town with all its towns and villages under an area',
  body: z.strictObject({
    parentId: id,
    code: z.string().regex(/^\d{6}(\d{3})?(\d{3})?$/, 'division_code'),
  }),
  responses: { 201: z.object({ root: area, created: z.number(), skipped: z.number() }) },
});
