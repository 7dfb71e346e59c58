import type { Ctx } from '../../platform/context';
import * as repo from './repo';

/** The volunteers panel of the command center's overview: serving volunteers under the area, and those on duty today. */
export async function volunteersPanel(ctx: Ctx, area: { path: string }) {
  const [row] = await repo.figures(ctx.db, ctx.actor.scope, { underPath: area.path, on: ctx.today, by: 'total' });
  return { onDuty: row?.on_duty ?? 0, total: row?.volunteers ?? 0 };
}
