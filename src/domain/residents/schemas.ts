import { z } from 'zod';
import { calendarDate, id, plainText } from '../primitives';

/** Request bodies of the resident registry; shared with the web forms. Identity rules live in identity.ts. */
export const RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling', 'other'] as const;
export const STATUSES = ['present', 'away', 'moved_out', 'deceased'] as const;
/** Groups stored on the record; 'elderly60' and 'elderly80' are derived from the birth date. */
export const STORED_GROUPS = ['disabled', 'pregnant', 'chronic', 'dialysis', 'bedridden', 'alone', 'no_smartphone'] as const;
export const DERIVED_GROUPS = ['elderly60', 'elderly80'] as const;
export const ALL_GROUPS = [...DERIVED_GROUPS, ...STORED_GROUPS] as const;
/**
 * Groups that say something about a person's health: shown, filtered on and written only with the
 * permission `residents.health` (the doctor, cadres, grid workers, the command centre). Others see the
 * record without them, as if none were recorded.
 */
export const HEALTH_GROUPS = ['disabled', 'pregnant', 'chronic', 'dialysis', 'bedridden'] as const;
export function isHealthGroup(g: string): boolean {
  return (HEALTH_GROUPS as readonly string[]).includes(g);
}

/** A calendar date (impossible days and years outside 1900–2100 refused): the shared primitive. */
export const isoDate = calendarDate;
const text = plainText;
const optionalText = (max: number) => text(max).nullish();

const residentFields = {
  name: text(50).min(1),
  idType: z.string().max(30).optional(),
  idNumber: text(40).nullish(),
  sex: z.enum(['M', 'F']).nullish(),
  birthDate: isoDate.nullish(),
  phone: text(30).nullish(),
  phone2: text(30).nullish(),
  relation: z.enum(RELATIONS).nullish(),
  registeredAddress: optionalText(200),
  separated: z.boolean().optional(),
  groups: z.array(z.enum(STORED_GROUPS)).max(STORED_GROUPS.length).optional(),
  pregnancyDueDate: isoDate.nullish(),
  careSchedule: optionalText(200),
  status: z.enum(STATUSES).optional(),
  awayWhere: optionalText(100),
  awaySince: isoDate.nullish(),
  notes: optionalText(500),
};

export const createResidentBody = z.strictObject({
  ...residentFields,
  householdId: id.optional(),
  areaId: id.optional(),
  /** The day they began living here (default today): the start of their first stay. */
  movedInOn: isoDate.optional(),
});

/** Where someone lives changes through /move (dated), never by editing. */
export const updateResidentBody = z.strictObject(
  Object.fromEntries(Object.entries(residentFields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof residentFields]: z.ZodOptional<(typeof residentFields)[K]>;
  },
);

export const moveResidentBody = z.strictObject({
  kind: z.enum(['transfer', 'out']),
  toHouseholdId: id.optional(),
  toAreaId: id.optional(),
  on: isoDate,
  reason: optionalText(200),
});

export const householdFields = {
  areaId: id,
  address: text(200).min(1),
  unit: optionalText(20),
  room: optionalText(20),
  villageGroup: optionalText(40),
  houseNo: optionalText(20),
  phone: text(30).nullish(),
  notes: optionalText(500),
};
export const createHouseholdBody = z.strictObject(householdFields);
export const updateHouseholdBody = z.strictObject({
  ...Object.fromEntries(Object.entries(householdFields).map(([k, v]) => [k, v.optional()])),
  headResidentId: id.nullish(),
} as { [K in keyof typeof householdFields]: z.ZodOptional<(typeof householdFields)[K]> } & {
  headResidentId: z.ZodOptional<z.ZodNullable<z.ZodNumber>>;
});

export const revealBody = z.strictObject({ field: z.enum(['idNumber', 'phone', 'phone2']), reason: optionalText(200) });

export type CreateResidentInput = z.infer<typeof createResidentBody>;
export type UpdateResidentInput = z.infer<typeof updateResidentBody>;
export type MoveResidentInput = z.infer<typeof moveResidentBody>;
export type CreateHouseholdInput = z.infer<typeof createHouseholdBody>;
export type UpdateHouseholdInput = z.infer<typeof updateHouseholdBody>;
