import type { z } from 'zod';
import { FLAGGED_LEVELS } from '../../../domain/enterprises/policy';
import type { ledgerBody } from '../../../domain/enterprises/schemas';
import { maskName } from '../../../domain/sampling/rules';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import { originAtCheckpoint } from '../screening';
import * as ledgerRepo from './ledger-repo';
import { mustFind } from './register';
import { toLedger } from './view';

/**
 * The daily health ledger (每日健康台账): staff present, abnormal temperatures, and the returnees of the day, each
 * origin read against the risk-area list of that day exactly as an arrival at a checkpoint is (screening's face).
 * A returnee from a place at a flagged level is marked for the cadre in charge.
 */
export async function submitLedger(ctx: Ctx, enterpriseId: number, b: z.infer<typeof ledgerBody>) {
  const e = await mustFind(ctx, enterpriseId);
  const day = b.day ?? ctx.today;
  if (day > ctx.today) throw badRequest('ENTERPRISES_LEDGER_FUTURE', {}, { day: 'invalid_value' });
  if (b.temperatureAbnormal > b.present) throw badRequest('ENTERPRISES_LEDGER_COUNTS', {}, { temperatureAbnormal: 'too_big' });
  const staff = new Map(
    (
      await ledgerRepo.staffByIds(
        ctx.db,
        enterpriseId,
        b.returnees.map((r) => r.staffId),
      )
    ).map((s) => [s.id, s]),
  );
  const fields: Record<string, string> = {};
  const returnees: ledgerRepo.Returnee[] = [];
  for (const [i, r] of b.returnees.entries()) {
    const person = staff.get(r.staffId);
    if (!person) {
      fields[`returnees.${i}.staffId`] = 'not_found';
      continue;
    }
    if (r.returnedOn > day) {
      fields[`returnees.${i}.returnedOn`] = 'invalid_value';
      continue;
    }
    const origin = await originAtCheckpoint(ctx.db, r.originCode, day, e.area_path);
    if (!origin) {
      fields[`returnees.${i}.originCode`] = 'not_found';
      continue;
    }
    returnees.push({
      staffId: person.id,
      name: maskName(person.name),
      originCode: r.originCode,
      originName: origin.originName,
      level: origin.originRiskLevel,
      returnedOn: r.returnedOn,
      flagged: FLAGGED_LEVELS.includes(origin.originRiskLevel),
    });
  }
  if (Object.keys(fields).length) throw badRequest('VALIDATION_FAILED', {}, fields);
  const made = await ctx.db.tx(async (tx) => {
    const r = await ledgerRepo.upsertLedger(tx, {
      enterpriseId,
      areaPath: e.area_path,
      day,
      present: b.present,
      abnormal: b.temperatureAbnormal,
      returnees,
      note: b.note || null,
      by: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      action: 'submit',
      entity: 'enterprise_ledger',
      entityId: r.id,
      areaPath: e.area_path,
      after: {
        enterpriseId,
        day,
        present: b.present,
        temperatureAbnormal: b.temperatureAbnormal,
        returnees: returnees.length,
        flagged: returnees.filter((x) => x.flagged).length,
      },
    });
    return r;
  });
  return { created: made.created, view: toLedger(await ledgerRepo.findLedger(ctx.db, made.id)) };
}

export async function listLedgers(ctx: Ctx, enterpriseId: number, p: { limit: number; offset: number }) {
  await mustFind(ctx, enterpriseId);
  const { rows, total } = await ledgerRepo.ledgersOf(ctx.db, enterpriseId, p);
  return { items: rows.map(toLedger), total };
}
