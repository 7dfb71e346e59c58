import type { z } from 'zod';
import { maskIdNumber } from '../../../domain/residents/identity';
import { checkExemption, maskName } from '../../../domain/sampling/rules';
import type { exemptionBody } from '../../../domain/sampling/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, isUniqueViolation, notFound, ruleViolation } from '../../platform/errors';
import * as residents from '../residents';
import * as repo from './repo';
import { areaInScope, mustRound, roundOfBody } from './lookups';

/** Exemptions (免检) by the round's rules. */

// ——— exemptions ———
export async function createExemption(ctx: Ctx, b: z.infer<typeof exemptionBody>) {
  const round = await roundOfBody(ctx, b.roundId);
  const r = await residents.findResident(ctx.db, ctx.actor.scope, b.residentId);
  if (!r || r.merged_into || !r.area_path.startsWith(round.area_path)) throw badRequest('VALIDATION_FAILED', {}, { residentId: 'not_found' });
  const problem = checkExemption(round.exemption_rules, b, { birthDate: r.birth_date }, round.roster_date);
  if (problem) throw ruleViolation('EXEMPTION_RULE', { problem }, { [problem === 'detail_required' ? 'detail' : 'kind']: problem });
  const id = await ctx.db.tx(async (tx) => {
    let id: number;
    try {
      id = await repo.insertExemption(tx, {
        roundId: round.id,
        residentId: r.id,
        areaId: r.area_id,
        areaPath: r.area_path,
        kind: b.kind,
        detail: b.detail?.trim() || null,
        by: ctx.actor.userId,
      });
    } catch (e) {
      if (isUniqueViolation(e, 'sampling_exemptions_live_uq')) throw conflict('EXEMPTION_EXISTS');
      throw e;
    }
    await audit(tx, ctx, { action: 'exempt', entity: 'sampling_exemption', entityId: id, areaPath: r.area_path, after: b });
    return id;
  });
  return { id, roundId: round.id, residentId: r.id, kind: b.kind, detail: b.detail ?? null };
}

export async function revokeExemption(ctx: Ctx, id: number) {
  return ctx.db.tx(async (tx) => {
    const row = await repo.revokeExemption(tx, ctx.actor.scope, id, ctx.actor.userId);
    if (!row) throw notFound();
    await audit(tx, ctx, { action: 'revoke', entity: 'sampling_exemption', entityId: id, areaPath: row.area_path });
    return { id: row.id, revokedAt: row.revoked_at };
  });
}

export async function listExemptions(ctx: Ctx, roundId: number, under?: number) {
  await mustRound(ctx, roundId);
  const underPath = under ? (await areaInScope(ctx, under, 'under')).path : undefined;
  const rows = await repo.listExemptions(ctx.db, ctx.actor.scope, { roundId, underPath });
  return {
    items: rows.map((e) => ({
      id: e.id,
      residentId: e.resident_id,
      name: maskName(e.name),
      idNumber: maskIdNumber(e.id_number),
      areaId: e.area_id,
      areaName: e.area_name,
      kind: e.kind,
      detail: e.detail,
      recordedAt: e.recorded_at,
    })),
  };
}
