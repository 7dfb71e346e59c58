import { randomBytes } from 'node:crypto';
import { STAFF_ROLES, postQrText } from '../../../domain/checkpoints/kinds';
import type { CreatePostInput, ShiftsInput, Staffing, UpdatePostInput } from '../../../domain/checkpoints/schemas';
import { type Shift, TEMPLATES, coverGaps, duplicateCodes } from '../../../domain/checkpoints/shifts';
import type { Queryable } from '../../db/engine';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, notFound, ruleViolation } from '../../platform/errors';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areaTree } from '../areas';
import { partyOrgsAs } from '../volunteers/sql';
import * as repo from './repo';

/** Posts (卡点): where, what kind, hours, who a shift needs, and the shift template. */
export function minimumOf(s: Staffing): number {
  return STAFF_ROLES.reduce((n, r) => n + (s[r] ?? 0), 0);
}

export function postView(p: repo.PostRow, on: string) {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind as typeof import('../../../domain/checkpoints/kinds').POST_KINDS[number],
    areaId: p.area_id,
    areaPath: p.area_path,
    areaName: p.area_name,
    place: p.place,
    directions: p.directions as ('in' | 'out')[],
    lanes: p.lanes,
    opensAt: p.opens_at,
    closesAt: p.closes_at,
    staffing: Object.fromEntries(STAFF_ROLES.map((r) => [r, p.staffing[r] ?? 0])) as Record<(typeof STAFF_ROLES)[number], number>,
    minimum: minimumOf(p.staffing),
    shiftKind: p.shift_kind as 'three_8' | 'two_12' | 'custom',
    shifts: p.shifts,
    handoverMinutes: p.handover_minutes,
    branchId: p.branch_id,
    opensOn: p.opens_on,
    closesOn: p.closes_on,
    open: isOpenOn(p, on),
  };
}

export function isOpenOn(p: Pick<repo.PostRow, 'opens_on' | 'closes_on'>, on: string): boolean {
  return p.opens_on <= on && (!p.closes_on || p.closes_on >= on);
}

export async function mustPost(db: Queryable, scope: Scope, id: number): Promise<repo.PostRow> {
  const p = await repo.findPost(db, scope, id);
  if (!p) throw notFound();
  return p;
}

/** The template's shifts, checked: unique codes, and all 24 hours covered when the post never closes. */
function shiftsOf(b: { shiftKind?: ShiftsInput['shiftKind']; shifts?: Shift[] }, aroundTheClock: boolean): { kind: string; shifts: Shift[] } {
  const kind = b.shiftKind ?? 'three_8';
  const shifts = kind === 'custom' ? b.shifts : (b.shifts ?? TEMPLATES[kind]);
  if (!shifts?.length) throw badRequest('VALIDATION_FAILED', {}, { shifts: 'required' });
  const dup = duplicateCodes(shifts);
  if (dup.length) throw badRequest('SHIFT_CODE_TWICE', { code: dup[0] }, { shifts: 'invalid_format' });
  if (aroundTheClock) {
    const gaps = coverGaps(shifts);
    if (gaps.length) throw ruleViolation('SHIFTS_NOT_COVERED', { gaps: gaps.map((g) => `${g.start}–${g.end}`).join(', ') }, { shifts: 'not_covered' });
  }
  return { kind, shifts };
}

async function checkBranch(db: Queryable, scope: Scope, branchId: number | null | undefined) {
  if (!branchId) return;
  const q = new SqlParams();
  const [row] = await db.query(
    `SELECT 1 FROM ${partyOrgsAs('o')} WHERE o.id = ${q.add(branchId)} AND o.closed_at IS NULL AND ${scopeClause(scope, 'o.area_path', q)}`,
    q.values,
  );
  if (!row) throw badRequest('VALIDATION_FAILED', {}, { branchId: 'not_found' });
}

export async function createPost(ctx: Ctx, b: CreatePostInput) {
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, b.areaId);
  if (!area) throw badRequest('VALIDATION_FAILED', {}, { areaId: 'not_found' });
  await checkBranch(ctx.db, ctx.actor.scope, b.branchId);
  const { kind, shifts } = shiftsOf(b, !b.opensAt);
  const fields: repo.PostFields = {
    name: b.name,
    kind: b.kind,
    areaId: area.id,
    areaPath: area.path,
    place: b.place || null,
    directions: b.directions ?? ['in', 'out'],
    lanes: b.lanes ?? 1,
    opensAt: b.opensAt ?? null,
    closesAt: b.closesAt ?? null,
    staffing: b.staffing ?? {},
    shiftKind: kind,
    shifts,
    handoverMinutes: 15,
    branchId: b.branchId ?? null,
    opensOn: b.opensOn,
    closesOn: b.closesOn ?? null,
  };
  const id = await ctx.db.tx(async (tx) => {
    const id = await repo.insertPost(tx, fields, randomBytes(12).toString('base64url'), ctx.actor.userId);
    await audit(tx, ctx, { action: 'create', entity: 'checkpoint_post', entityId: id, areaPath: area.path, after: fields });
    return id;
  });
  return postView((await repo.findPost(ctx.db, ctx.actor.scope, id))!, ctx.today);
}

function fieldsOf(p: repo.PostRow): repo.PostFields {
  return {
    name: p.name,
    kind: p.kind,
    areaId: p.area_id,
    areaPath: p.area_path,
    place: p.place,
    directions: p.directions,
    lanes: p.lanes,
    opensAt: p.opens_at,
    closesAt: p.closes_at,
    staffing: p.staffing,
    shiftKind: p.shift_kind,
    shifts: p.shifts,
    handoverMinutes: p.handover_minutes,
    branchId: p.branch_id,
    opensOn: p.opens_on,
    closesOn: p.closes_on,
  };
}

export async function updatePost(ctx: Ctx, id: number, b: UpdatePostInput) {
  const p = await mustPost(ctx.db, ctx.actor.scope, id);
  const before = fieldsOf(p);
  const after: repo.PostFields = { ...before };
  for (const [k, v] of Object.entries(b)) if (v !== undefined) (after as any)[k] = v;
  if (b.place === '') after.place = null;
  if (after.closesOn && after.closesOn < after.opensOn) throw badRequest('VALIDATION_FAILED', {}, { closesOn: 'too_small' });
  if (b.branchId !== undefined) await checkBranch(ctx.db, ctx.actor.scope, b.branchId);
  // Made around the clock: the shifts in use must then cover all 24 hours.
  if (!after.opensAt) shiftsOf({ shiftKind: 'custom', shifts: after.shifts }, true);
  await ctx.db.tx(async (tx) => {
    await repo.updatePost(tx, id, after);
    await audit(tx, ctx, { action: 'update', entity: 'checkpoint_post', entityId: id, areaPath: p.area_path, before, after });
  });
  return postView((await repo.findPost(ctx.db, ctx.actor.scope, id))!, ctx.today);
}

export async function setShifts(ctx: Ctx, id: number, b: ShiftsInput) {
  const p = await mustPost(ctx.db, ctx.actor.scope, id);
  const { kind, shifts } = shiftsOf(b, !p.opens_at);
  const after = { ...fieldsOf(p), shiftKind: kind, shifts, handoverMinutes: b.handoverMinutes ?? p.handover_minutes };
  await ctx.db.tx(async (tx) => {
    await repo.updatePost(tx, id, after);
    await audit(tx, ctx, {
      action: 'shifts',
      entity: 'checkpoint_post',
      entityId: id,
      areaPath: p.area_path,
      before: { shifts: p.shifts },
      after: { shiftKind: kind, shifts },
    });
  });
  return postView((await repo.findPost(ctx.db, ctx.actor.scope, id))!, ctx.today);
}

export async function getPost(ctx: Ctx, id: number) {
  return postView(await mustPost(ctx.db, ctx.actor.scope, id), ctx.today);
}

export async function postQr(ctx: Ctx, id: number) {
  return { text: postQrText((await mustPost(ctx.db, ctx.actor.scope, id)).qr_token) };
}

export async function listPosts(ctx: Ctx, p: { under?: number; openOn?: string; limit: number; offset: number }) {
  let underPath: string | undefined;
  if (p.under) {
    const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, p.under);
    if (!area) throw badRequest('VALIDATION_FAILED', {}, { under: 'not_found' });
    underPath = area.path;
  }
  const { rows, total } = await repo.listPosts(ctx.db, ctx.actor.scope, { ...p, underPath });
  return { items: rows.map((r) => postView(r, p.openOn ?? ctx.today)), total };
}
