import { maskName } from '../../../domain/sampling/rules';
import type { Ctx } from '../../platform/context';
import { listAlerts } from './alerts-repo';

/** The fever-alert lines of the command center's red list: open alerts under the area, oldest first, names masked. */
export async function openAlertsPanel(ctx: Ctx, area: { path: string }) {
  const rows = (await listAlerts(ctx.db, ctx.actor.scope, { status: 'open', underPath: area.path })).filter((a) => a.status === 'open');
  return rows
    .sort((a, b) => +new Date(a.raised_at) - +new Date(b.raised_at))
    .slice(0, 20)
    .map((a) => ({ id: a.id, name: maskName(a.resident_name), areaName: a.area_name, temperature: a.temperature, symptoms: a.symptoms, at: a.raised_at }));
}
