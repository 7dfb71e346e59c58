import type { AttentionItem, Overview } from '../../../domain/overview/api';
import type { Figures } from '../../../domain/reports/figures';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { areaTree } from '../areas';
import { checkpointsPanel } from '../checkpoints';
import { suppliesPanel } from '../supplies';
import { zonesPanel } from '../zones';
import { helpPanel } from '../help';
import { inspectionsPanel } from '../inspections';
import { fieldworkPanel } from '../fieldwork';
import { vaccinationPanel } from '../vaccination';
import { enterprisesPanel } from '../enterprises';
import { openAlertsPanel } from '../monitoring';
import { type RCtx, rollUp, seriesOf } from '../reports';
import { samplingPanel } from '../sampling';
import { screeningPanel } from '../screening';
import { tasksPanel } from '../tasks';
import { tracingPanel } from '../tracing';
import { volunteersPanel } from '../volunteers';

/**
 * The command center's overview (指挥部总览): each module answers its own panel through its face, and this
 * puts them side by side for one area. The measure, follow-up, alert, arrival and visit figures are the
 * daily report's roll-up (reports.rollUp), so the wall screen and the report never disagree. A module added
 * later (checkpoints, tracing, help requests, supplies) adds its panel here.
 */

/** Kinds whose figures the daily report does not hold (it stops at villages). */
const BELOW_VILLAGE = new Set(['grid', 'estate', 'building']);
const TREND_KEYS = ['measures.total', 'measures.startedToday', 'alerts.raised', 'followUps.missed', 'arrivals.today'];

export async function overview(ctx: RCtx, p: { areaId?: number; day?: string }): Promise<Overview> {
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, p.areaId ?? ctx.actor.scope.areaId);
  if (!area) throw notFound();
  const day = p.day ?? ctx.today;
  const reported = !BELOW_VILLAGE.has(area.kind);
  // Every panel reads the replica when one is set (ARCHITECTURE, "Reading from a replica"): the overview writes
  // nothing, and a figure a moment old is refreshed by the change stream's next event. Areas stay on ctx.db (cached).
  const panels: Ctx = { ...ctx, db: ctx.readDb ?? ctx.db };
  // The panels are independent reads; on PostgreSQL they run side by side on the pool.
  const [
    report,
    trend,
    sampling,
    screening,
    tasks,
    volunteers,
    alerts,
    children,
    trail,
    checkpoints,
    tracing,
    supplies,
    zones,
    help,
    inspections,
    fieldwork,
    vaccination,
    enterprises,
  ] = await Promise.all([
    reported ? rollUp(ctx, { areaId: area.id, day }) : null,
    reported ? seriesOf(ctx, { areaId: area.id, days: 14, to: day, keys: TREND_KEYS }) : null,
    samplingPanel(panels, area).catch(() => null),
    screeningPanel(panels, area),
    tasksPanel(panels, area),
    volunteersPanel(panels, area),
    openAlertsPanel(panels, area),
    areaTree.childrenInScope(ctx.db, ctx.actor.scope, area.id, false),
    areaTree.ancestorsInScope(ctx.db, ctx.actor.scope, area.path),
    checkpointsPanel(panels, area, ctx.timeZone),
    tracingPanel(panels, area),
    suppliesPanel(panels, area),
    zonesPanel(panels, area),
    helpPanel(panels, area, ctx.timeZone),
    ctx.actor.permissions.has('inspections.read') ? inspectionsPanel(panels, area, ctx.timeZone) : null,
    ctx.actor.permissions.has('fieldwork.read') ? fieldworkPanel(panels, area, ctx.timeZone) : null,
    ctx.actor.permissions.has('vaccination.read') ? vaccinationPanel(panels, area) : null,
    ctx.actor.permissions.has('enterprises.read') ? enterprisesPanel(panels, area) : null,
  ]);
  const rowOf = new Map((report?.rows ?? []).map((r) => [r.areaId, r.figures as Figures]));
  return {
    area: { id: area.id, name: area.name, kind: area.kind },
    trail: trail.map((a) => ({ id: a.id, name: a.name })),
    day,
    today: ctx.today,
    generatedAt: new Date().toISOString(),
    figures: report ? (report.figures as Figures) : null,
    screening: screening ? { campaigns: screening.campaigns, done: screening.done, of: screening.of } : null,
    sampling: sampling
      ? { roundId: sampling.roundId, roundName: sampling.roundName, done: sampling.done, of: sampling.of, exempt: sampling.exempt, held: sampling.held }
      : null,
    tasks: { open: tasks.open, overdue: tasks.overdue },
    volunteers,
    checkpoints,
    tracing,
    supplies,
    zones,
    help,
    inspections,
    fieldwork,
    vaccination,
    enterprises,
    children: children.map((c) => ({
      areaId: c.id,
      name: c.name,
      kind: c.kind,
      // A village's own row; a town's row sums its villages. Below village level there is no report.
      figures: rowOf.get(c.id) ?? (reported && !BELOW_VILLAGE.has(c.kind) && report ? zeroLike(report.figures as Figures) : null),
      screening: screening?.byChild.get(c.id) ?? (screening ? { done: 0, of: 0 } : null),
      sampling: sampling?.byChild.get(c.id) ?? (sampling ? { done: 0, of: 0 } : null),
      tasks: tasks.byChild.get(c.id) ?? { open: 0, overdue: 0 },
    })),
    trend: (trend?.items ?? []).map(({ day: d, figures: f }) => ({
      day: d,
      underMeasures: f['measures.total'] ?? 0,
      measuresStarted: f['measures.startedToday'] ?? 0,
      alertsRaised: f['alerts.raised'] ?? 0,
      followUpsMissed: f['followUps.missed'] ?? 0,
      arrivals: f['arrivals.today'] ?? 0,
    })),
    attention: attentionList(ctx, { alerts, sampling, tasks }),
  };
}

const iso = (d: Date | string) => new Date(d).toISOString();

function zeroLike(f: Figures): Figures {
  return Object.fromEntries(Object.keys(f).map((k) => [k, 0])) as Figures;
}

/**
 * The red list: open fever alerts first (a person with fever waits for a doctor), then people held by a
 * positive pool, then the most overdue tasks — each with where it is handled.
 */
function attentionList(
  ctx: Ctx,
  p: {
    alerts: Awaited<ReturnType<typeof openAlertsPanel>>;
    sampling: Awaited<ReturnType<typeof samplingPanel>> | null;
    tasks: Awaited<ReturnType<typeof tasksPanel>>;
  },
): AttentionItem[] {
  const zh = ctx.lang === 'zh';
  const items: AttentionItem[] = [];
  for (const a of p.alerts) {
    const t = a.temperature ? `${a.temperature}℃` : zh ? '有症状' : 'symptoms';
    items.push({
      kind: 'fever_alert',
      title: zh ? `发热预警待处置：${a.name} ${t}` : `Fever alert to handle: ${a.name} ${t}`,
      areaName: a.areaName,
      at: iso(a.at),
      link: '/monitoring/alerts',
    });
  }
  for (const h of p.sampling?.heldPeople ?? []) {
    items.push({
      kind: 'positive_held',
      title: zh ? `混管阳性待单采复检：${h.name}` : `Positive pool, single-tube retest due: ${h.name}`,
      areaName: h.areaName,
      at: iso(h.at),
      link: `/sampling/rounds/${p.sampling!.roundId}/positives`,
    });
  }
  for (const t of p.tasks.mostOverdue) {
    items.push({
      kind: 'overdue_task',
      title: zh ? `任务逾期：${t.title}` : `Overdue task: ${t.title}`,
      task: { title: t.title, titleKey: t.titleKey, titleParams: t.titleParams },
      areaName: t.areaName,
      at: iso(t.dueAt),
      link: '/tasks',
    });
  }
  return items;
}
