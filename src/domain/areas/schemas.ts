import { z } from 'zod';
import { AREA_KINDS } from './kinds';

/** Request bodies of the area endpoints; shared with the web forms. */
export const areaName = z.string().trim().min(1).max(100);
export const divisionCode = z.string().regex(/^\d{12}$/, 'division_code');
export const areaKind = z.enum(AREA_KINDS);
export const areaId = z.coerce.number().int().positive();

export const createAreaBody = z.strictObject({
  parentId: z.number().int().positive(),
  name: areaName,
  kind: areaKind,
  divisionCode: divisionCode.nullish(),
});

export const updateAreaBody = z.strictObject({
  name: areaName.optional(),
  kind: areaKind.optional(),
  divisionCode: divisionCode.nullish(),
});

export const moveAreaBody = z.strictObject({ parentId: z.number().int().positive() });

export const importDivisionsBody = z.strictObject({
  parentId: z.number().int().positive(),
  code: z.string().regex(/^\d{6}(\d{3})?(\d{3})?$/, 'division_code'),
});

export type CreateAreaInput = z.infer<typeof createAreaBody>;
export type UpdateAreaInput = z.infer<typeof updateAreaBody>;
