import type { z } from 'zod';
import type { walkInBody } from '../../../domain/sampling/schemas';
import { checkIdentity } from '../../../domain/residents/identity';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { DomainError, badRequest, conflict, isUniqueViolation, notFound } from '../../platform/errors';
import * as residents from '../residents';
import * as repo from './repo';
import { bind } from './desk';

/**
 * Walk-ins (临时登记): a person at the desk whose ID number the registry does not know — a visitor, a
 * newborn's mother back from elsewhere, someone the roster missed. Turning them away at the peak is what the
 * old systems did; here the desk registers them in the registry at the point's area (noted as a walk-in,
 * moved in today, so they are on no earlier roster) and binds them into the open tube, as one step for
 * the desk. A person registered elsewhere is not duplicated: ID_NUMBER_TAKEN_ELSEWHERE names no place.
 * Retries are safe: the binding carries the desk's clientId, and a retry finds the person the first attempt
 * registered (their ID number is now known in the desk's scope) and answers the first binding.
 */
export type WalkInInput = z.infer<typeof walkInBody>;

const isNotRegistered = (e: unknown) => e instanceof DomainError && e.code === 'PERSON_NOT_REGISTERED';

export async function registerWalkIn(ctx: Ctx, b: WalkInInput) {
  const check = checkIdentity(b.idNumber);
  if (!check.ok) throw badRequest('ID_NUMBER_INVALID', { problem: check.problem }, { idNumber: 'invalid_format' });
  const bindHim = () => bind(ctx, { clientId: b.clientId, tubeId: b.tubeId, idNumber: check.number });
  // Known in scope (a retry, or a scan that should have been a plain one): just the binding.
  try {
    return { ...(await bindHim()), registered: false };
  } catch (e) {
    if (!isNotRegistered(e)) throw e;
  }
  const registerAndBind = async () => {
    // Check the tube before writing a person, so a full or closed tube leaves the registry as it was.
    const tube = await repo.findTube(ctx.db, ctx.actor.scope, b.tubeId);
    if (!tube) throw notFound();
    if (tube.status !== 'open') throw conflict('TUBE_NOT_OPEN', { barcode: tube.barcode });
    if (tube.bound >= tube.capacity) throw conflict('TUBE_FULL', { barcode: tube.barcode, left: 0 });
    const [round, point] = await Promise.all([repo.findRound(ctx.db, ctx.actor.scope, tube.round_id), repo.findPoint(ctx.db, ctx.actor.scope, tube.point_id)]);
    if (!round || !point) throw notFound();
    if (round.status !== 'open') throw conflict('ROUND_NOT_OPEN', { status: round.status });

    const notes = [`采样点临时登记：${point.name}（${round.name}，${ctx.today}）`, b.address ? `自述住址：${b.address}` : null].filter(Boolean).join('；');
    const prepared = await residents.prepareCreate(ctx, {
      areaId: point.area_id,
      name: b.name,
      idNumber: check.number,
      phone: b.phone || undefined,
      movedInOn: ctx.today,
      notes,
    });
    await ctx.db.tx(async (tx) => {
      const residentId = await residents.insertPrepared(tx, ctx, prepared);
      await audit(tx, ctx, {
        action: 'walk_in',
        entity: 'sampling_round',
        entityId: round.id,
        areaPath: point.area_path,
        after: { residentId, pointId: point.id, tubeId: tube.id, clientId: b.clientId },
      });
    });
    return { ...(await bindHim()), registered: true };
  };
  try {
    return await registerAndBind();
  } catch (e) {
    // A twin submission (a retry racing the first) may have registered and bound them meanwhile — then the
    // tube looks full, the ID number taken or its insert collides — and its binding is our answer (same
    // clientId). Anyone else gets the refusal: the person is still unknown here, so the bind fails again.
    if (!(e instanceof DomainError) && !isUniqueViolation(e, 'residents_id_number_uq')) throw e;
    const twin = await bindHim().catch(() => null);
    if (twin) return { ...twin, registered: false };
    throw e;
  }
}
