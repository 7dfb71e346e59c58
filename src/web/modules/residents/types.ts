/**
 * Shapes of the resident registry's JSON (docs/api-residents.md). Kept on the web side, like
 * app/types.ts, so the bundle never pulls in server code; the enums come from the shared domain.
 */
import type { IdType } from '../../../domain/residents/identity';
import type { ALL_GROUPS, RELATIONS, STATUSES } from '../../../domain/residents/schemas';

export type Relation = (typeof RELATIONS)[number];
export type Status = (typeof STATUSES)[number];
export type Group = (typeof ALL_GROUPS)[number];

export interface Household {
  id: number;
  areaId: number;
  areaPath: string;
  areaName: string;
  address: string;
  unit: string | null;
  room: string | null;
  villageGroup: string | null;
  houseNo: string | null;
  /** Masked. */
  phone: string | null;
  headResidentId: number | null;
  headName: string | null;
  memberCount: number;
  notes: string | null;
  createdAt: string;
}

export interface HouseholdDetail extends Household {
  members: Resident[];
}

export interface Resident {
  id: number;
  name: string;
  idType: IdType | string;
  /** Masked. */
  idNumber: string | null;
  sex: 'M' | 'F' | null;
  birthDate: string | null;
  age: number | null;
  /** Masked. */
  phone: string | null;
  /** Masked. */
  phone2: string | null;
  householdId: number | null;
  householdAddress: string | null;
  relation: Relation | null;
  areaId: number;
  areaPath: string;
  areaName: string;
  registeredAddress: string | null;
  separated: boolean;
  groups: Group[];
  pregnancyDueDate: string | null;
  careSchedule: string | null;
  status: Status;
  awayWhere: string | null;
  awaySince: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Stay {
  householdId: number | null;
  address: string | null;
  areaName: string | null;
  from: string;
  to: string | null;
}

export interface HistoryEntry {
  at: string;
  action: string;
  actorName: string | null;
  changes: string[];
}

export interface ResidentDetail extends Resident {
  stays: Stay[];
  history: HistoryEntry[];
}

export interface ResidentPage {
  items: Resident[];
  total: number;
  /** True when there are more than `total` (totals are counted up to a cap). */
  totalCapped: boolean;
}

export interface DuplicateGroup {
  key: string;
  reason: 'name_birth' | 'name_phone' | string;
  residents: Resident[];
}

export type RevealField = 'idNumber' | 'phone' | 'phone2';
