import type { Ctx } from '../../platform/context';
import * as repo from './repo';

/** The tasks panel of the command center's overview: open and overdue tasks under the area, per child, and the most overdue. */
export async function tasksPanel(ctx: Ctx, area: { path: string }) {
  const rows = await repo.counts(ctx.db, ctx.actor.scope, { underPath: area.path, by: 'area' });
  const { rows: overdue } = await repo.list(ctx.db, ctx.actor.scope, { underPath: area.path, overdue: true, page: 1, pageSize: 10 });
  return {
    open: rows.reduce((s, r) => s + r.open, 0),
    overdue: rows.reduce((s, r) => s + r.overdue, 0),
    byChild: new Map(rows.filter((r) => /^\d+$/.test(r.key)).map((r) => [Number(r.key), { open: r.open, overdue: r.overdue }])),
    mostOverdue: overdue.map((t) => ({
      id: t.id,
      title: t.title,
      titleKey: t.title_key,
      titleParams: t.title_params,
      areaName: t.area_name,
      dueAt: t.due_at as Date,
    })),
  };
}
