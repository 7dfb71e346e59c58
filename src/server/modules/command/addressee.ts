import { badRequest } from '../../platform/errors';
import type { Ctx } from '../../platform/context';
import { findGroup } from './repo';

/**
 * A command group as the addressee of work (a task, a rectification order, a help transfer): a group in the
 * caller's scope, not stood down, whose area holds every path of the work. Refused on `field` with why:
 * not_found, stood_down, outside_group (the work lies outside the group's area).
 */
export interface GroupAddressee {
  id: number;
  name: string;
  areaId: number;
  areaPath: string;
}

export async function groupAddressee(ctx: Ctx, groupId: number, field: string, workPaths: string[] = []): Promise<GroupAddressee> {
  const g = await findGroup(ctx.db, ctx.actor.scope, groupId, ctx.today);
  if (!g) throw badRequest('VALIDATION_FAILED', {}, { [field]: 'not_found' });
  if (g.ends_on && g.ends_on < ctx.today) throw badRequest('COMMAND_GROUP_STOOD_DOWN', { group: g.name }, { [field]: 'stood_down' });
  if (workPaths.some((p) => !p.startsWith(g.area_path))) throw badRequest('COMMAND_GROUP_OUTSIDE', { group: g.name }, { [field]: 'outside_group' });
  return { id: g.id, name: g.name, areaId: g.area_id, areaPath: g.area_path };
}
