import type { Queryable } from '../../db/engine';
import { zoneForDivisionUnscoped } from '../zones';
import * as riskAreaRepo from './risk-area-repo';

/**
 * The risk level of an origin on a day, for an arrival or a checkpoint crossing: the official list's row and the
 * zones this deployment declared over coded areas (the zones module's face). The more precise place wins (the
 * longer code); on the same code the declared zone does, being the deployment's own newer decision. `riskAreaId`
 * names the list's row only when the list decided.
 */
export async function originLevel(db: Queryable, code12: string, on: string) {
  const [listed, zone] = await Promise.all([riskAreaRepo.riskAreaFor(db, code12, on), zoneForDivisionUnscoped(db, code12, on)]);
  if (zone && (!listed?.division_code || zone.divisionCode.length >= listed.division_code.length)) {
    return { level: zone.level as string, riskAreaId: null, listed: null, zoneId: zone.zoneId };
  }
  return { level: listed?.level ?? 'none', riskAreaId: listed?.id ?? null, listed, zoneId: null };
}
