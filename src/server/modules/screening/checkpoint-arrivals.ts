import type { Queryable } from '../../db/engine';
import type { Ctx } from '../../platform/context';
import { createTasks } from '../tasks';
import { insertAudited } from './arrivals';
import { originLevel } from './origin-level';
import * as riskAreaRepo from './risk-area-repo';
import { divisionFullName } from './risk-areas';

/**
 * What the checkpoints module (卡点) needs of screening: an origin read against the risk-area list for the
 * day exactly as arrivals read it, and a returnee let through at a post becoming an arrival with a visit
 * task for the grid workers of their place — in the checkpoint's own transaction.
 */
export interface CheckpointOrigin {
  originCode: string;
  originName: string;
  /** local (same county), same_province, other_province; null when the deployment has no division code. */
  originScope: 'local' | 'same_province' | 'other_province' | null;
  originRiskLevel: string;
  riskAreaId: number | null;
}

/** null: the code is not in the national list. */
export async function originAtCheckpoint(db: Queryable, originCode: string, on: string, postPath: string): Promise<CheckpointOrigin | null> {
  const name = await divisionFullName(originCode);
  if (!name) return null;
  const code12 = originCode.padEnd(12, '0');
  const [listed, home] = await Promise.all([originLevel(db, code12, on), riskAreaRepo.homeDivisionCode(db, postPath)]);
  const originScope = !home
    ? null
    : home.slice(0, 6) === code12.slice(0, 6)
      ? 'local'
      : home.slice(0, 2) === code12.slice(0, 2)
        ? 'same_province'
        : 'other_province';
  return { originCode, originName: name, originScope, originRiskLevel: listed.level, riskAreaId: listed.riskAreaId };
}

/** The arrival of a registered person let through at a post, and a visit task for their place's grid workers. */
export async function arrivalFromCheckpoint(
  tx: Queryable,
  ctx: Ctx,
  p: {
    resident: { id: number; name: string; areaId: number; areaPath: string };
    origin: CheckpointOrigin;
    arrivedOn: string;
    codeColour: string | null;
    plate: string | null;
  },
): Promise<number> {
  const id = await insertAudited(tx, ctx, {
    residentId: p.resident.id,
    areaId: p.resident.areaId,
    areaPath: p.resident.areaPath,
    ...p.origin,
    arrivedOn: p.arrivedOn,
    transport: p.plate ? 'car' : 'other',
    transportNo: p.plate,
    reason: null,
    codeColour: p.codeColour,
    symptoms: [],
    contactType: null,
    exposedOn: null,
    visit: null,
    createdBy: ctx.actor.userId,
  });
  await createTasks(tx, [
    {
      type: 'visit',
      // Stored in Chinese whatever the recorder's language; each reader sees the key in theirs.
      title: `卡点返乡人员入户核查：${p.resident.name}`,
      titleKey: 'checkpointVisit',
      titleParams: { name: p.resident.name },
      subjectKind: 'resident',
      subjectId: p.resident.id,
      areaId: p.resident.areaId,
      areaPath: p.resident.areaPath,
      assigneeRole: 'grid_worker',
      priority: 'high',
      createdBy: ctx.actor.userId,
    },
  ]);
  return id;
}
