import type {
  CreateHouseholdInput,
  CreateResidentInput,
  MoveResidentInput,
  UpdateHouseholdInput,
  UpdateResidentInput,
} from '../../../domain/residents/schemas';
import { maskIdNumber } from '../../../domain/residents/identity';
import type { SearchTarget } from '../../../domain/search-text';
import { isHealthGroup } from '../../../domain/residents/schemas';
import { yearsBefore } from '../../platform/dates';
import { audit } from '../../platform/audit';
import type { Queryable } from '../../db/engine';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, forbidden, isUniqueViolation, notFound, ruleViolation } from '../../platform/errors';
import { pinyinKeys } from '../../platform/pinyin';
import { pathInScope } from '../../platform/scope';
import { areaTree } from '../areas';
import * as auditLog from '../audit';
import { checkIdentityFields, checkPhoneField } from './identity-rules';
import * as repo from './repo';
import * as searchRepo from './search-repo';
import { maySee, toHouseholdView, toResidentView } from './view';

/** Rules of the resident registry: one roster, entered once, every change dated and audited. */

async function mustHousehold(ctx: Ctx, id: number) {
  const h = await repo.findHousehold(ctx.db, ctx.actor.scope, id);
  if (!h) throw notFound();
  return h;
}

async function mustResident(ctx: Ctx, id: number) {
  const r = await repo.findResident(ctx.db, ctx.actor.scope, id);
  if (!r || r.merged_into) throw notFound();
  return r;
}

/** An area of the caller's scope that can hold households, or a 400 on `field`. */
async function placeArea(ctx: Ctx, areaId: number, field: string) {
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, areaId);
  if (!area || area.archived) throw badRequest('VALIDATION_FAILED', {}, { [field]: 'not_found' });
  return area;
}

function fail(fields: Record<string, string>) {
  if (Object.keys(fields).length) throw badRequest('VALIDATION_FAILED', {}, fields);
}

/** One ID number, one person. Outside the caller's scope the answer names no place and is audited (it is a look at someone's data). */
async function idNumberFree(ctx: Ctx, idNumber: string | null, exceptId = 0) {
  if (!idNumber) return;
  const other = await repo.findByIdNumberUnscoped(ctx.db, idNumber);
  if (other && other.id !== exceptId) {
    if (pathInScope(ctx.actor.scope, other.area_path)) throw conflict('ID_NUMBER_TAKEN', { area: other.area_name }, { idNumber: 'taken' });
    const after = { idNumber: maskIdNumber(idNumber) };
    await audit(ctx.db, ctx, { action: 'id_taken_elsewhere', entity: 'resident', entityId: other.id, areaPath: ctx.actor.scope.path, after });
    throw conflict('ID_NUMBER_TAKEN_ELSEWHERE', {}, { idNumber: 'taken' });
  }
}

function uniqueOr409(e: unknown): never {
  if (isUniqueViolation(e, 'residents_id_number_uq')) throw conflict('ID_NUMBER_TAKEN', { area: '—' }, { idNumber: 'taken' });
  throw e;
}

// ——— households ———

export async function listHouseholds(ctx: Ctx, p: { under?: number; q?: string; page: number; pageSize: number }) {
  const underPath = p.under ? (await placeArea(ctx, p.under, 'under')).path : undefined;
  const { rows, total } = await repo.listHouseholds(ctx.db, ctx.actor.scope, { ...p, underPath });
  return { items: rows.map(toHouseholdView), total };
}

export async function getHousehold(ctx: Ctx, id: number) {
  const h = await mustHousehold(ctx, id);
  const members = await repo.householdMembers(ctx.db, id);
  return { ...toHouseholdView(h), members: members.map((m) => toResidentView(m, ctx)) };
}

export async function createHousehold(ctx: Ctx, input: CreateHouseholdInput) {
  const area = await placeArea(ctx, input.areaId, 'areaId');
  const fields: Record<string, string> = {};
  const phone = checkPhoneField(input.phone, 'phone', ctx.lang, fields);
  fail(fields);
  const id = await ctx.db.tx(async (tx) => {
    const id = await repo.insertHousehold(tx, {
      areaId: area.id,
      areaPath: area.path,
      address: input.address,
      unit: input.unit ?? null,
      room: input.room ?? null,
      villageGroup: input.villageGroup ?? null,
      houseNo: input.houseNo ?? null,
      phone,
      headResidentId: null,
      notes: input.notes ?? null,
    });
    await audit(tx, ctx, { action: 'create', entity: 'household', entityId: id, areaPath: area.path, after: { ...input, phone } });
    return id;
  });
  return getHousehold(ctx, id);
}

export async function updateHousehold(ctx: Ctx, id: number, input: UpdateHouseholdInput) {
  const before = await mustHousehold(ctx, id);
  const area = input.areaId && input.areaId !== before.area_id ? await placeArea(ctx, input.areaId, 'areaId') : { id: before.area_id, path: before.area_path };
  const fields: Record<string, string> = {};
  const phone = input.phone === undefined ? before.phone : checkPhoneField(input.phone, 'phone', ctx.lang, fields);
  if (input.headResidentId) {
    const members = await repo.householdMembers(ctx.db, id);
    if (!members.some((m) => m.id === input.headResidentId)) fields.headResidentId = 'not_found';
  }
  fail(fields);
  await ctx.db.tx(async (tx) => {
    const next = {
      areaId: area.id,
      areaPath: area.path,
      address: input.address ?? before.address,
      unit: input.unit === undefined ? before.unit : input.unit,
      room: input.room === undefined ? before.room : input.room,
      villageGroup: input.villageGroup === undefined ? before.village_group : input.villageGroup,
      houseNo: input.houseNo === undefined ? before.house_no : input.houseNo,
      phone,
      headResidentId: input.headResidentId === undefined ? before.head_resident_id : input.headResidentId,
      notes: input.notes === undefined ? before.notes : input.notes,
    };
    await repo.updateHousehold(tx, id, next);
    if (area.id !== before.area_id) await repo.moveHouseholdMembers(tx, id, area.id, area.path);
    await audit(tx, ctx, { action: 'update', entity: 'household', entityId: id, areaPath: area.path, before: toHouseholdView(before), after: next });
  });
  return getHousehold(ctx, id);
}

// ——— residents ———

export interface SearchParams {
  q?: string;
  target?: SearchTarget;
  under?: number;
  groups?: string[];
  status?: string;
  ageMin?: number;
  ageMax?: number;
  asOf?: string;
  page: number;
  pageSize: number;
}

/** A search as the caller may run it: numbers only with the reveal permission (a masked match still confirms a guess), health groups only with theirs. */
export async function toSearch(ctx: Ctx, p: SearchParams): Promise<searchRepo.ResidentSearch> {
  if (p.groups?.some(isHealthGroup) && !maySee(ctx, 'health')) throw forbidden();
  const underPath = p.under ? (await placeArea(ctx, p.under, 'under')).path : undefined;
  const on = p.asOf ?? ctx.today;
  // Age filters become birth-date bounds; derived groups (60+, 80+) too.
  const minAge = Math.max(p.ageMin ?? 0, p.groups?.includes('elderly80') ? 80 : p.groups?.includes('elderly60') ? 60 : 0);
  // Text that may be a name or an address is settled here, so the list and its export find the same people.
  return searchRepo.settleTarget(ctx.db, ctx.actor.scope, {
    ...p,
    underPath,
    byNumber: maySee(ctx, 'reveal'),
    bornOnOrBefore: minAge > 0 ? yearsBefore(on, minAge) : undefined,
    bornAfter: p.ageMax !== undefined ? yearsBefore(on, p.ageMax + 1) : undefined,
  });
}

export async function search(ctx: Ctx, p: SearchParams) {
  const { rows, total, totalCapped } = await searchRepo.searchResidents(ctx.db, ctx.actor.scope, await toSearch(ctx, p));
  return { items: rows.map((r) => toResidentView(r, ctx)), total, totalCapped };
}

export async function get(ctx: Ctx, id: number) {
  const r = await mustResident(ctx, id);
  const [stays, history] = await Promise.all([repo.staysOf(ctx.db, id), auditLog.historyOf(ctx.db, 'resident', String(id))]);
  return { ...toResidentView(r, ctx), stays, history };
}

function residentFields(ctx: Ctx, input: Partial<CreateResidentInput>, fields: Record<string, string>) {
  const identity = checkIdentityFields(input, ctx.lang, fields);
  const phone = checkPhoneField(input.phone, 'phone', ctx.lang, fields);
  const phone2 = checkPhoneField(input.phone2, 'phone2', ctx.lang, fields);
  const groups = new Set(input.groups ?? []);
  if (input.pregnancyDueDate) groups.add('pregnant');
  return { identity, phone, phone2, groups: [...groups].sort() };
}

export async function create(ctx: Ctx, input: CreateResidentInput) {
  const prepared = await prepareCreate(ctx, input);
  const id = await ctx.db.tx((tx) => insertPrepared(tx, ctx, prepared)).catch(uniqueOr409);
  return get(ctx, id);
}

export type PreparedResident = Awaited<ReturnType<typeof prepareCreate>>;

/**
 * A new person checked against the registry's rules (identity, ID number free, the household in scope),
 * ready to be written by `insertPrepared` in the caller's transaction (a screening visit adds people so).
 */
export async function prepareCreate(ctx: Ctx, given: CreateResidentInput) {
  // Health details are written only by those who may read them.
  const input = maySee(ctx, 'health')
    ? given
    : { ...given, groups: given.groups?.filter((g) => !isHealthGroup(g)), pregnancyDueDate: null, careSchedule: null };
  if (!input.householdId && !input.areaId) throw badRequest('VALIDATION_FAILED', {}, { householdId: 'required' });
  const household = input.householdId ? await repo.findHousehold(ctx.db, ctx.actor.scope, input.householdId) : null;
  if (input.householdId && !household) throw badRequest('VALIDATION_FAILED', {}, { householdId: 'not_found' });
  const area = household ? { id: household.area_id, path: household.area_path } : await placeArea(ctx, input.areaId!, 'areaId');
  const fields: Record<string, string> = {};
  const { identity, phone, phone2, groups } = residentFields(ctx, input, fields);
  if (input.movedInOn && input.movedInOn > ctx.today) fields.movedInOn = 'too_big';
  fail(fields);
  await idNumberFree(ctx, identity!.idNumber);
  const py = pinyinKeys(input.name);
  const row = {
    areaId: area.id,
    areaPath: area.path,
    householdId: household?.id ?? null,
    relation: input.relation ?? null,
    name: input.name,
    namePinyin: py.full,
    nameInitials: py.initials,
    ...identity!,
    phone,
    phone2,
    registeredAddress: input.registeredAddress ?? null,
    separated: input.separated ?? false,
    groups,
    pregnancyDueDate: input.pregnancyDueDate ?? null,
    careSchedule: input.careSchedule ?? null,
    status: input.status ?? 'present',
    awayWhere: input.awayWhere ?? null,
    awaySince: input.awaySince ?? null,
    notes: input.notes ?? null,
  };
  return { row, household, areaPath: area.path, movedInOn: input.movedInOn ?? ctx.today, relation: input.relation };
}

/** Writes a prepared person with their first stay, in the caller's transaction (audited). */
export async function insertPrepared(tx: Queryable, ctx: Ctx, p: PreparedResident): Promise<number> {
  const id = await repo.insertResident(tx, p.row);
  await repo.openStay(tx, id, p.row.householdId, p.areaPath, p.movedInOn);
  if (p.household && p.relation === 'head' && !p.household.head_resident_id) {
    await tx.query('UPDATE households SET head_resident_id = $2 WHERE id = $1 AND head_resident_id IS NULL', [p.household.id, id]);
  }
  await audit(tx, ctx, { action: 'create', entity: 'resident', entityId: id, areaPath: p.areaPath, after: p.row });
  return id;
}

export async function update(ctx: Ctx, id: number, input: UpdateResidentInput) {
  const before = await mustResident(ctx, id);
  if (!maySee(ctx, 'health')) {
    // What the caller cannot see stays as it is: their list of groups never erases a hidden one.
    const hidden = before.groups.filter(isHealthGroup) as NonNullable<CreateResidentInput['groups']>;
    const shown = (input.groups ?? before.groups).filter((g) => !isHealthGroup(g)) as NonNullable<CreateResidentInput['groups']>;
    input = { ...input, groups: [...shown, ...hidden], pregnancyDueDate: before.pregnancy_due_date, careSchedule: before.care_schedule };
  }
  const merged = {
    idType: input.idType ?? before.id_type,
    idNumber: input.idNumber === undefined ? before.id_number : input.idNumber,
    sex: input.sex === undefined ? before.sex : input.sex,
    birthDate: input.birthDate === undefined ? before.birth_date : input.birthDate,
    phone: input.phone === undefined ? before.phone : input.phone,
    phone2: input.phone2 === undefined ? before.phone2 : input.phone2,
    groups: input.groups ?? (before.groups as CreateResidentInput['groups']),
    pregnancyDueDate: input.pregnancyDueDate === undefined ? before.pregnancy_due_date : input.pregnancyDueDate,
  };
  // A changed ID number re-derives sex and birth date rather than contradicting the old ones.
  if (input.idNumber !== undefined && input.sex === undefined) merged.sex = null;
  if (input.idNumber !== undefined && input.birthDate === undefined) merged.birthDate = null;
  const fields: Record<string, string> = {};
  const { identity, phone, phone2, groups } = residentFields(ctx, merged, fields);
  fail(fields);
  if (identity!.idNumber !== before.id_number) await idNumberFree(ctx, identity!.idNumber, id);
  const name = input.name ?? before.name;
  const py = pinyinKeys(name);
  const next = {
    areaId: before.area_id,
    areaPath: before.area_path,
    householdId: before.household_id,
    relation: input.relation === undefined ? before.relation : input.relation,
    name,
    namePinyin: py.full,
    nameInitials: py.initials,
    ...identity!,
    phone,
    phone2,
    registeredAddress: input.registeredAddress === undefined ? before.registered_address : input.registeredAddress,
    separated: input.separated ?? before.separated,
    groups,
    pregnancyDueDate: merged.pregnancyDueDate ?? null,
    careSchedule: input.careSchedule === undefined ? before.care_schedule : input.careSchedule,
    status: input.status ?? before.status,
    awayWhere: input.awayWhere === undefined ? before.away_where : input.awayWhere,
    awaySince: input.awaySince === undefined ? before.away_since : input.awaySince,
    notes: input.notes === undefined ? before.notes : input.notes,
  };
  await ctx.db
    .tx(async (tx) => {
      await repo.updateResident(tx, id, next);
      await audit(tx, ctx, { action: 'update', entity: 'resident', entityId: id, areaPath: before.area_path, before: rowFields(before), after: next });
    })
    .catch(uniqueOr409);
  return get(ctx, id);
}

/** The stored fields of a row, named as in ResidentFields, so before/after in the trail line up. */
function rowFields(r: repo.ResidentRow) {
  return {
    areaId: r.area_id,
    areaPath: r.area_path,
    householdId: r.household_id,
    relation: r.relation,
    name: r.name,
    idType: r.id_type,
    idNumber: r.id_number,
    sex: r.sex,
    birthDate: r.birth_date,
    phone: r.phone,
    phone2: r.phone2,
    registeredAddress: r.registered_address,
    separated: r.separated,
    groups: r.groups,
    pregnancyDueDate: r.pregnancy_due_date,
    careSchedule: r.care_schedule,
    status: r.status,
    awayWhere: r.away_where,
    awaySince: r.away_since,
    notes: r.notes,
  };
}

/**
 * A dated move: to another household or area (transfer), or out of the records here (out). The current
 * stay ends on that day and the new one begins, so rosters of earlier days stay true.
 */
export async function move(ctx: Ctx, id: number, input: MoveResidentInput) {
  const prepared = await prepareMove(ctx, id, input);
  await ctx.db.tx((tx) => applyMove(tx, ctx, prepared));
  return get(ctx, id);
}

export type PreparedMove = Awaited<ReturnType<typeof prepareMove>>;

/** A dated move checked against the registry's rules, ready for `applyMove` in the caller's transaction. */
export async function prepareMove(ctx: Ctx, id: number, input: MoveResidentInput) {
  const r = await mustResident(ctx, id);
  if (input.on > ctx.today) throw badRequest('VALIDATION_FAILED', {}, { on: 'too_big' });
  const since = await repo.currentStayStart(ctx.db, id);
  if (since && input.on < since) throw ruleViolation('MOVE_BEFORE_STAY', { since }, { on: 'too_small' });
  let target: { householdId: number | null; areaId: number; areaPath: string } | null = null;
  if (input.kind === 'transfer') {
    if (input.toHouseholdId) {
      const h = await repo.findHousehold(ctx.db, ctx.actor.scope, input.toHouseholdId);
      if (!h) throw badRequest('VALIDATION_FAILED', {}, { toHouseholdId: 'not_found' });
      target = { householdId: h.id, areaId: h.area_id, areaPath: h.area_path };
    } else if (input.toAreaId) {
      const a = await placeArea(ctx, input.toAreaId, 'toAreaId');
      target = { householdId: null, areaId: a.id, areaPath: a.path };
    } else throw badRequest('VALIDATION_FAILED', {}, { toHouseholdId: 'required' });
  }
  return { id, r, input, target };
}

/** Ends the current stay and begins the next (or marks the person moved out), audited, in `tx`. */
export async function applyMove(tx: Queryable, ctx: Ctx, p: PreparedMove) {
  const { id, r, input, target } = p;
  await repo.closeStay(tx, id, input.on);
  if (target) {
    await repo.openStay(tx, id, target.householdId, target.areaPath, input.on);
    await tx.query(`UPDATE residents SET household_id = $2, area_id = $3, area_path = $4, status = 'present', updated_at = now() WHERE id = $1`, [
      id,
      target.householdId,
      target.areaId,
      target.areaPath,
    ]);
  } else {
    await tx.query(`UPDATE residents SET status = 'moved_out', updated_at = now() WHERE id = $1`, [id]);
  }
  if (r.household_id) await tx.query('UPDATE households SET head_resident_id = NULL WHERE id = $1 AND head_resident_id = $2', [r.household_id, id]);
  await audit(tx, ctx, {
    action: 'move',
    entity: 'resident',
    entityId: id,
    areaPath: target?.areaPath ?? r.area_path,
    before: { householdId: r.household_id, areaPath: r.area_path, status: r.status },
    after: { kind: input.kind, on: input.on, reason: input.reason ?? null, ...(target ?? { status: 'moved_out' }) },
  });
}

/** One full value, for someone allowed to see it, with the reason written into the trail. */
export async function reveal(ctx: Ctx, id: number, field: 'idNumber' | 'phone' | 'phone2', reason?: string | null) {
  const r = await mustResident(ctx, id);
  const value = field === 'idNumber' ? r.id_number : field === 'phone' ? r.phone : r.phone2;
  await ctx.db.tx((tx) =>
    audit(tx, ctx, { action: 'reveal', entity: 'resident', entityId: id, areaPath: r.area_path, after: { field, reason: reason ?? null } }),
  );
  return { value };
}
