import { ageGroups, ageOn, maskIdNumber, maskPhone } from '../../../domain/residents/identity';
import { isHealthGroup } from '../../../domain/residents/schemas';
import type { HouseholdRow, ResidentRow } from './repo';

/** Who is looking: the day (for ages) and what they may see. A service's Ctx is one. */
export interface Viewer {
  today: string;
  actor: { permissions: ReadonlySet<string> };
}

export function maySee(v: Viewer, what: 'health' | 'reveal'): boolean {
  return v.actor.permissions.has(`residents.${what}`);
}

/**
 * What a list or page shows: ID numbers and phones always masked (revealing is its own audited call).
 * The birth date is part of an ID number: beside the masked number it would leave only a few digits to
 * guess, so where there is a number only the age is shown. Health groups and their details (due date,
 * care schedule) only with `residents.health`.
 */
export function toResidentView(r: ResidentRow, viewer: Viewer) {
  const today = viewer.today;
  const health = maySee(viewer, 'health');
  return {
    id: r.id,
    name: r.name,
    idType: r.id_type,
    idNumber: maskIdNumber(r.id_number),
    sex: r.sex,
    birthDate: r.id_number ? null : r.birth_date,
    age: r.birth_date ? ageOn(r.birth_date, today) : null,
    phone: maskPhone(r.phone),
    phone2: maskPhone(r.phone2),
    householdId: r.household_id,
    householdAddress: r.household_address,
    relation: r.relation,
    areaId: r.area_id,
    areaPath: r.area_path,
    areaName: r.area_name,
    registeredAddress: r.registered_address,
    separated: r.separated,
    groups: [...ageGroups(r.birth_date, today), ...(health ? r.groups : r.groups.filter((g) => !isHealthGroup(g)))],
    pregnancyDueDate: health ? r.pregnancy_due_date : null,
    careSchedule: health ? r.care_schedule : null,
    status: r.status,
    awayWhere: r.away_where,
    awaySince: r.away_since,
    notes: r.notes,
    mergedInto: r.merged_into,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export type ResidentView = ReturnType<typeof toResidentView>;

export function toHouseholdView(h: HouseholdRow) {
  return {
    id: h.id,
    areaId: h.area_id,
    areaPath: h.area_path,
    areaName: h.area_name,
    address: h.address,
    unit: h.unit,
    room: h.room,
    villageGroup: h.village_group,
    houseNo: h.house_no,
    phone: maskPhone(h.phone),
    headResidentId: h.head_resident_id,
    headName: h.head_name,
    memberCount: h.member_count,
    notes: h.notes,
    createdAt: new Date(h.created_at).toISOString(),
  };
}

/** "王隆集村" → "王**村": tells a cadre roughly where a record lives without exposing another area. */
export function maskAreaName(name: string): string {
  if (name.length <= 2) return `${name[0]}*`;
  return `${name[0]}${'*'.repeat(name.length - 2)}${name[name.length - 1]}`;
}
