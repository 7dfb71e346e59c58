import type { Queryable } from '../../db/engine';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import * as repo from './repo';

/**
 * An enterprise registered by the enterprises module becomes an inspection target of kind `enterprise` (督导检查 of
 * 复工企业), in the caller's transaction; answered as is when a target of that name is already there.
 */
export async function enterpriseTarget(tx: Queryable, ctx: Ctx, p: { name: string; areaId: number; areaPath: string }): Promise<number> {
  const r = await repo.upsertTarget(tx, { kind: 'enterprise', name: p.name, areaId: p.areaId, areaPath: p.areaPath, by: ctx.actor.userId });
  if (r.created)
    await audit(tx, ctx, { action: 'create', entity: 'inspection_target', entityId: r.id, areaPath: p.areaPath, after: { kind: 'enterprise', name: p.name } });
  return r.id;
}
