import { pct } from '../../../domain/fieldwork/rules';
import type { Ctx } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { householdsAs } from '../residents/sql';
import { areaInScope } from './jobs';
import { disinfectionByAreaDaySql } from './sql';

/** The figures of disinfection (jobs done, m²) by area and local day, and the overview's field-work panel. */
const MAX_DAYS = 92;

export async function figures(ctx: Ctx & { timeZone: string }, p: { under?: number; from: string; to: string }) {
  const days = (Date.parse(p.to) - Date.parse(p.from)) / 86_400_000;
  if (days < 0 || days >= MAX_DAYS) throw badRequest('FIELDWORK_RANGE', {}, { to: days < 0 ? 'before_start' : 'too_long' });
  const under = (await areaInScope(ctx, p.under ?? ctx.actor.scope.areaId, 'under')).path;
  const q = new SqlParams();
  const tz = q.add(ctx.timeZone);
  const t0 = `(${q.add(p.from)}::date::timestamp AT TIME ZONE ${tz}::text)`;
  const t1 = `((${q.add(p.to)}::date + 1)::timestamp AT TIME ZONE ${tz}::text)`;
  const inScope = `${q.add(`${under}%`)} AND ${scopeClause(ctx.actor.scope, 'j.area_path', q)}`;
  const rows = await ctx.db.query<{ day: string; area_id: number; area_name: string; jobs: number; area_m2: number }>(
    `SELECT to_char(g.day, 'YYYY-MM-DD') AS day, g.area_id, a.name AS area_name, g.jobs, g.area_m2
       FROM ${disinfectionByAreaDaySql({ under: inScope, t0, t1, timeZone: tz })} g JOIN ${areasAs('a')} ON a.id = g.area_id
      ORDER BY 1, 3, 2`,
    q.values,
  );
  return {
    rows: rows.map((r) => ({ day: r.day, areaId: r.area_id, areaName: r.area_name, jobs: r.jobs, areaM2: r.area_m2 })),
    jobs: rows.reduce((s, r) => s + r.jobs, 0),
    areaM2: rows.reduce((s, r) => s + r.area_m2, 0),
  };
}

/**
 * The field-work panel of the command center's overview: jobs done today and their m², terminal jobs past their
 * deadline, publicity placed, and the households complete in campaigns running today. null when nothing is here.
 */
export async function fieldworkPanel(ctx: Ctx, area: { id: number; path: string }, timeZone: string, now = new Date()) {
  const q = new SqlParams();
  const under = q.add(`${area.path}%`);
  const tz = q.add(timeZone);
  const today = q.add(ctx.today);
  const nowP = q.add(now);
  const j = (cond: string) => `FROM disinfection_jobs j WHERE j.area_path LIKE ${under} AND ${scopeClause(ctx.actor.scope, 'j.area_path', q)} AND ${cond}`;
  const todayJobs = `j.status = 'done' AND j.done_at >= (${today}::date::timestamp AT TIME ZONE ${tz}::text) AND j.done_at <= ${nowP}::timestamptz`;
  const live = `c.area_path LIKE ${under} AND ${scopeClause(ctx.actor.scope, 'c.area_path', q)} AND c.starts_on <= ${today}::date AND c.ends_on >= ${today}::date`;
  const [row] = await ctx.db.query<{
    jobs: number;
    m2: number;
    overdue: number;
    planned: number;
    publicity: number;
    campaigns: number;
    households: number;
    complete: number;
  }>(
    `SELECT (SELECT count(*)::int ${j(todayJobs)}) AS jobs,
            (SELECT COALESCE(round(sum(j.area_m2)), 0)::int ${j(todayJobs)}) AS m2,
            (SELECT count(*)::int ${j(`j.kind = 'terminal' AND j.status = 'planned' AND j.due_at < ${nowP}::timestamptz`)}) AS overdue,
            (SELECT count(*)::int ${j(`j.status = 'planned'`)}) AS planned,
            (SELECT COALESCE(sum(p.count), 0)::int FROM publicity_items p WHERE p.area_path LIKE ${under} AND ${scopeClause(ctx.actor.scope, 'p.area_path', q)}) AS publicity,
            (SELECT count(*)::int FROM publicity_campaigns c WHERE ${live}) AS campaigns,
            (SELECT count(*)::int FROM ${householdsAs('h')} WHERE h.area_path LIKE ${under} AND ${scopeClause(ctx.actor.scope, 'h.area_path', q)}
                AND EXISTS (SELECT 1 FROM publicity_campaigns c WHERE ${live})) AS households,
            (SELECT count(DISTINCT x.household_id)::int FROM publicity_campaign_households x JOIN publicity_campaigns c ON c.id = x.campaign_id
              WHERE x.complete AND x.area_path LIKE ${under} AND ${scopeClause(ctx.actor.scope, 'x.area_path', q)} AND ${live}) AS complete`,
    q.values,
  );
  if (!row.jobs && !row.planned && !row.publicity && !row.campaigns) return null;
  return {
    jobsToday: row.jobs,
    areaM2Today: row.m2,
    terminalOverdue: row.overdue,
    planned: row.planned,
    publicityPlaced: row.publicity,
    campaigns: row.campaigns,
    campaignCoveragePct: row.campaigns ? pct(row.complete, row.households) : null,
  };
}
