import { z } from 'zod';
import { defineRoute } from '../../contract';
import { SEARCH_TARGETS } from '../../search-text';
import { day, id, idParam, idParams, instant, okBody, plainText } from '../../primitives';
import {
  ALL_GROUPS,
  RELATIONS,
  STATUSES,
  createHouseholdBody,
  createResidentBody,
  isoDate,
  moveResidentBody,
  revealBody,
  updateHouseholdBody,
  updateResidentBody,
} from '../schemas';

/** The resident registry's routes (server/modules/residents/routes.ts): households, residents, moves, duplicates. */

// ——— answers ———

/** A resident as lists and pages show them: the ID number and phones always masked. */
/** Who a person is, as every list shows them (registry residents, volunteers): numbers always masked. */
export const personShape = {
  id: z.number(),
  name: z.string(),
  idType: z.string(),
  /** Masked. */
  idNumber: z.string().nullable(),
  sex: z.enum(['M', 'F']).nullable(),
  birthDate: day.nullable(),
  age: z.number().nullable(),
  /** Masked. */
  phone: z.string().nullable(),
};

export const resident = z.object({
  ...personShape,
  /** Masked. */
  phone2: z.string().nullable(),
  householdId: z.number().nullable(),
  householdAddress: z.string().nullable(),
  relation: z.enum(RELATIONS).nullable(),
  areaId: z.number(),
  areaPath: z.string(),
  areaName: z.string(),
  registeredAddress: z.string().nullable(),
  separated: z.boolean(),
  /** Stored groups and the ones derived from the birth date (60+, 80+). */
  groups: z.array(z.enum(ALL_GROUPS)),
  pregnancyDueDate: day.nullable(),
  careSchedule: z.string().nullable(),
  status: z.enum(STATUSES),
  awayWhere: z.string().nullable(),
  awaySince: day.nullable(),
  notes: z.string().nullable(),
  mergedInto: z.number().nullable(),
  createdAt: instant,
  updatedAt: instant,
});
export type Resident = z.infer<typeof resident>;

/** One period of living somewhere: `to` is exclusive, null while current. */
export const stay = z.object({
  householdId: z.number().nullable(),
  address: z.string().nullable(),
  areaName: z.string().nullable(),
  from: day,
  to: day.nullable(),
});
export type Stay = z.infer<typeof stay>;

/** A recorded change of the resident: who, when, which fields (the values stay in the audit trail). */
export const historyEntry = z.object({
  at: instant,
  action: z.string(),
  actorName: z.string().nullable(),
  changes: z.array(z.string()),
});
export type HistoryEntry = z.infer<typeof historyEntry>;

export const residentDetail = resident.extend({ stays: z.array(stay), history: z.array(historyEntry) });
export type ResidentDetail = z.infer<typeof residentDetail>;

export const household = z.object({
  id: z.number(),
  areaId: z.number(),
  areaPath: z.string(),
  areaName: z.string(),
  address: z.string(),
  unit: z.string().nullable(),
  room: z.string().nullable(),
  villageGroup: z.string().nullable(),
  houseNo: z.string().nullable(),
  /** Masked. */
  phone: z.string().nullable(),
  headResidentId: z.number().nullable(),
  headName: z.string().nullable(),
  memberCount: z.number(),
  notes: z.string().nullable(),
  createdAt: instant,
});
export type Household = z.infer<typeof household>;

export const householdDetail = household.extend({ members: z.array(resident) });
export type HouseholdDetail = z.infer<typeof householdDetail>;

export const residentPage = z.object({
  items: z.array(resident),
  total: z.number().int(),
  /** True when there are more than `total` (totals are counted up to a cap). */
  totalCapped: z.boolean(),
});
export type ResidentPage = z.infer<typeof residentPage>;

export const duplicatePair = z.object({
  key: z.string(),
  reason: z.enum(['name_birth', 'name_phone']),
  residents: z.array(resident),
});
export type DuplicatePair = z.infer<typeof duplicatePair>;

export type Relation = (typeof RELATIONS)[number];
export type Status = (typeof STATUSES)[number];
export type Group = (typeof ALL_GROUPS)[number];
export type RevealField = z.infer<typeof revealBody>['field'];

// ——— inputs ———

export const residentPaging = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

/** Groups in a query string, comma-separated. */
const groupList = z
  .string()
  .max(200)
  .transform((s) => s.split(',').filter(Boolean))
  .pipe(z.array(z.enum(ALL_GROUPS)));

/** The registry's search (also the export's filter): one text box, an area, groups, status, ages, a past day's roster. */
export const residentFilter = {
  q: plainText(60).optional(),
  /** Whether the text is a name or an address; absent: decided from the text (`classifySearch`). */
  target: z.enum(SEARCH_TARGETS).optional(),
  under: idParam.optional(),
  groups: groupList.optional(),
  status: z.enum(STATUSES).optional(),
  ageMin: z.coerce.number().int().min(0).max(150).optional(),
  ageMax: z.coerce.number().int().min(0).max(150).optional(),
  asOf: isoDate.optional(),
};

// ——— households ———

export const listHouseholds = defineRoute({
  method: 'GET',
  path: '/api/households',
  summary: 'Households in the caller’s scope (or under an area), found by part of the address',
  query: z.strictObject({ under: idParam.optional(), q: plainText(100).optional(), ...residentPaging }),
  responses: { 200: z.object({ items: z.array(household), total: z.number().int() }) },
});

export const createHousehold = defineRoute({
  method: 'POST',
  path: '/api/households',
  summary: 'Registers a household',
  body: createHouseholdBody,
  responses: { 201: householdDetail },
});

export const getHousehold = defineRoute({
  method: 'GET',
  path: '/api/households/:id',
  summary: 'One household with its members',
  params: idParams,
  responses: { 200: householdDetail },
});

export const updateHousehold = defineRoute({
  method: 'PATCH',
  path: '/api/households/:id',
  summary: 'Edits a household (a new area takes its members along)',
  params: idParams,
  body: updateHouseholdBody,
  responses: { 200: householdDetail },
});

// ——— duplicates ———

export const listDuplicates = defineRoute({
  method: 'GET',
  path: '/api/residents/duplicates',
  summary: 'Possible duplicates: the same name with the same birth date or phone',
  responses: { 200: z.object({ items: z.array(duplicatePair) }) },
});

export const mergeDuplicates = defineRoute({
  method: 'POST',
  path: '/api/residents/duplicates/merge',
  summary: 'Merges one record into another (the merged one stays, pointing at the kept one)',
  body: z.strictObject({ keepId: id, mergeId: id }),
  responses: { 200: z.object({ keptId: z.number(), mergedId: z.number() }) },
});

export const dismissDuplicates = defineRoute({
  method: 'POST',
  path: '/api/residents/duplicates/dismiss',
  summary: 'Marks a pair as two different people',
  body: z.strictObject({ ids: z.tuple([id, id]) }),
  responses: { 200: okBody },
});

// ——— residents ———

export const lookupResidents = defineRoute({
  method: 'GET',
  path: '/api/residents/lookup',
  summary: 'The top matches of one search text, for field workers',
  query: z.strictObject({ q: plainText(60).min(1) }),
  responses: { 200: residentPage },
});

export const searchResidents = defineRoute({
  method: 'GET',
  path: '/api/residents',
  summary: 'Searches the registry in the caller’s scope',
  query: z.strictObject({ ...residentFilter, ...residentPaging }),
  responses: { 200: residentPage },
});

export const createResident = defineRoute({
  method: 'POST',
  path: '/api/residents',
  summary: 'Registers a resident in a household or an area',
  body: createResidentBody,
  responses: { 201: residentDetail },
});

export const getResident = defineRoute({
  method: 'GET',
  path: '/api/residents/:id',
  summary: 'One resident with where they lived when and the change history',
  params: idParams,
  responses: { 200: residentDetail },
});

export const updateResident = defineRoute({
  method: 'PATCH',
  path: '/api/residents/:id',
  summary: 'Edits a resident (where they live changes only by a move)',
  params: idParams,
  body: updateResidentBody,
  responses: { 200: residentDetail },
});

export const moveResident = defineRoute({
  method: 'POST',
  path: '/api/residents/:id/move',
  summary: 'A dated move to another household or area, or out of the records',
  params: idParams,
  body: moveResidentBody,
  responses: { 200: residentDetail },
});

export const revealResident = defineRoute({
  method: 'POST',
  path: '/api/residents/:id/reveal',
  summary: 'One full ID number or phone, with the reason written into the audit trail',
  params: idParams,
  body: revealBody,
  responses: { 200: z.object({ value: z.string().nullable() }) },
});
