import { type ExemptionRules, normalizeBarcode, underAgeBornAfter } from '../../../domain/sampling/rules';
import type { Ctx } from '../../platform/context';
import { badRequest, notFound } from '../../platform/errors';
import { areaTree } from '../areas';
import * as repo from './repo';

/** Lookups every part of mass testing shares: areas, rounds and barcodes named in a request, the round's roster. */

export async function areaInScope(ctx: Ctx, id: number, field: string) {
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, id);
  if (!area || area.archived) throw badRequest('VALIDATION_FAILED', {}, { [field]: 'not_found' });
  return area;
}

export async function mustRound(ctx: Ctx, id: number) {
  const r = await repo.findRound(ctx.db, ctx.actor.scope, id);
  if (!r) throw notFound();
  return r;
}

/** A round named in a body: out of scope or missing is a field problem, like any other id in a body. */
export async function roundOfBody(ctx: Ctx, id: number) {
  const r = await repo.findRound(ctx.db, ctx.actor.scope, id);
  if (!r) throw badRequest('VALIDATION_FAILED', {}, { roundId: 'not_found' });
  return r;
}

export const when = (d: Date | string) => new Date(d).toISOString();

export const bornAfterOf = (rules: ExemptionRules, day: string) => (rules.underAge > 0 ? underAgeBornAfter(rules.underAge, day) : null);
export function rosterArgs(round: repo.RoundRow) {
  return { roundId: round.id, areaPath: round.area_path, rosterDate: round.roster_date, bornAfter: bornAfterOf(round.exemption_rules, round.roster_date) };
}

/**
 * Coverage reads the round's roster and its counters (migration 0016), kept by the writes themselves; stays
 * recorded since the roster was taken (registrations, moves) are taken in first — usually none, one cheap look.
 */
export async function rosterUpToDate(ctx: Ctx, round: repo.RoundRow) {
  if (await repo.rosterBehind(ctx.db, round.id)) await ctx.db.tx((tx) => repo.syncRoster(tx, rosterArgs(round)));
}

/** The area the figures are for: `under`, else the round's area or the caller's scope area, whichever is deeper. */
export async function coverageArea(ctx: Ctx, round: repo.RoundRow, under?: number) {
  const id = under ?? (round.area_path.startsWith(ctx.actor.scope.path) ? round.area_id : ctx.actor.scope.areaId);
  const area = await areaInScope(ctx, id, 'under');
  if (!area.path.startsWith(round.area_path)) throw badRequest('VALIDATION_FAILED', {}, { under: 'not_found' });
  return area;
}

export function barcodeOf(raw: string, field = 'barcode'): string {
  const code = normalizeBarcode(raw);
  if (!code) throw badRequest('TUBE_BARCODE', { barcode: raw.slice(0, 40) }, { [field]: 'invalid_format' });
  return code;
}
