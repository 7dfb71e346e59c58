import type { CampaignInput } from '../../../domain/screening/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, notFound, ruleViolation } from '../../platform/errors';
import { pathInScope } from '../../platform/scope';
import { areaTree } from '../areas';
import * as residents from '../residents';
import * as tasks from '../tasks';
import { localInstant } from '../../platform/dates';
import * as repo from './campaign-repo';
import { toCampaignView, toProgressView, toTargetView } from './view';

/**
 * Screening campaigns (敲门行动): a scope, its households (all or a selection), a period and a look-back
 * window. Creating one makes a `visit` task per household in the same transaction — for the household's
 * linked member with an account, else the grid worker of its grid, else the grid-worker role at its area.
 */
export const FEVER_THRESHOLD = 37.3;

export async function mustCampaign(ctx: Ctx, id: number) {
  const c = await repo.findCampaign(ctx.db, ctx.actor.scope, id);
  if (!c) throw notFound();
  return c;
}

export async function create(ctx: Ctx & { timeZone: string }, b: CampaignInput) {
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, b.areaId);
  if (!area || area.archived) throw badRequest('VALIDATION_FAILED', {}, { areaId: 'not_found' });
  const ids = b.target === 'selection' ? [...new Set(b.householdIds ?? [])] : null;
  const dueAt = localInstant(b.endsOn, '20:00', ctx.timeZone);
  const id = await ctx.db.tx(async (tx) => {
    const households = await repo.householdsToScreen(tx, area.path, ids);
    if (ids && households.length !== ids.length) throw badRequest('VALIDATION_FAILED', {}, { householdIds: 'not_found' });
    if (!households.length) throw ruleViolation('CAMPAIGN_EMPTY', { area: area.name });
    const id = await repo.insertCampaign(tx, {
      name: b.name,
      areaId: area.id,
      areaPath: area.path,
      startsOn: b.startsOn,
      endsOn: b.endsOn,
      lookbackDays: b.lookbackDays,
      target: b.target,
      createdBy: ctx.actor.userId,
    });
    const targets = await repo.insertTargets(tx, id, households);
    const byHousehold = new Map(households.map((h) => [h.id, h]));
    await tasks.createTasks(
      tx,
      targets.map((t) => {
        const h = byHousehold.get(t.household_id)!;
        const userId = h.member_user_id ?? h.grid_worker_id;
        return {
          type: 'visit',
          title: `入户走访：${h.address}`.slice(0, 200),
          titleKey: 'visit',
          titleParams: { address: h.address },
          subjectKind: 'screening_target',
          subjectId: t.id,
          areaId: h.area_id,
          areaPath: h.area_path,
          assigneeUserId: userId,
          assigneeRole: userId ? null : 'grid_worker',
          dueAt,
          priority: 'normal',
          createdBy: ctx.actor.userId,
        };
      }),
    );
    const toMembers = households.filter((h) => h.member_user_id).length;
    const toGridWorkers = households.filter((h) => !h.member_user_id && h.grid_worker_id).length;
    await audit(tx, ctx, {
      action: 'create',
      entity: 'screening_campaign',
      entityId: id,
      areaPath: area.path,
      after: { ...b, households: households.length, toMembers, toGridWorkers, toRole: households.length - toMembers - toGridWorkers },
    });
    return id;
  });
  return toCampaignView((await repo.findCampaign(ctx.db, ctx.actor.scope, id))!);
}

async function underPath(ctx: Ctx, under: number | undefined) {
  if (!under) return undefined;
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, under);
  if (!area) throw badRequest('VALIDATION_FAILED', {}, { under: 'not_found' });
  return area.path;
}

export async function list(ctx: Ctx, p: { under?: number; status?: string }) {
  const rows = await repo.listCampaigns(ctx.db, ctx.actor.scope, { underPath: await underPath(ctx, p.under), status: p.status });
  return { items: rows.map(toCampaignView) };
}

export async function get(ctx: Ctx, id: number) {
  return toCampaignView(await mustCampaign(ctx, id));
}

/** Households visited of total per grid, for the caller's part of the campaign. */
export async function progress(ctx: Ctx, id: number) {
  const c = await mustCampaign(ctx, id);
  const rows = await repo.progressByGrid(ctx.db, ctx.actor.scope, id);
  const items = rows.map(toProgressView);
  const total = items.reduce((s, r) => ({ households: s.households + r.households, visited: s.visited + r.visited }), { households: 0, visited: 0 });
  return { campaign: toCampaignView(c), by: 'grid', items, total };
}

/** 不漏一户: the households not visited yet, with who answers for each. */
export async function unvisited(ctx: Ctx, id: number, p: { under?: number; page: number; pageSize: number }) {
  await mustCampaign(ctx, id);
  const { rows, total } = await repo.unvisited(ctx.db, ctx.actor.scope, id, { underPath: await underPath(ctx, p.under), page: p.page, pageSize: p.pageSize });
  return { items: rows.map(toTargetView), total };
}

/** One household of a campaign, as the phone's visit form opens it: the target and the roster to confirm. */
export async function target(ctx: Ctx, id: number) {
  const t = await repo.findTarget(ctx.db, ctx.actor.scope, { id });
  if (!t) throw notFound();
  const c = (await repo.findCampaign(ctx.db, ctx.actor.scope, t.campaign_id))!;
  const members = (await residents.householdMembers(ctx.db, t.household_id)).filter((m) => m.status === 'present' || m.status === 'away');
  return {
    ...toTargetView(t),
    campaign: { id: c.id, name: c.name, status: c.status, startsOn: c.starts_on, endsOn: c.ends_on, lookbackDays: c.lookback_days },
    members: members.map((m) => ({
      id: m.id,
      name: m.name,
      relation: m.relation,
      sex: m.sex,
      birthYear: m.birth_date ? Number(m.birth_date.slice(0, 4)) : null,
      status: m.status,
    })),
  };
}

/** Closes the campaign: its coverage report is computed once and stored; open visit tasks end. */
export async function close(ctx: Ctx, id: number) {
  const c = await mustCampaign(ctx, id);
  if (!pathInScope(ctx.actor.scope, c.area_path)) throw notFound();
  if (c.status !== 'open') throw conflict('CAMPAIGN_CLOSED', { name: c.name });
  const byGrid = (await repo.progressByGrid(ctx.db, null, id)).map(toProgressView);
  const f = await repo.findings(ctx.db, id, FEVER_THRESHOLD);
  const sum = (k: 'households' | 'visited' | 'nobodyHome' | 'refused' | 'notTried') => byGrid.reduce((s, r) => s + r[k], 0);
  const households = sum('households');
  const coverage = {
    closedOn: ctx.today,
    households,
    visited: sum('visited'),
    nobodyHome: sum('nobodyHome'),
    refused: sum('refused'),
    notTried: sum('notTried'),
    coverage: households ? Math.round((sum('visited') / households) * 1000) / 10 : 0,
    visits: f.visits,
    arrivals: f.arrivals,
    withSymptoms: f.with_symptoms,
    fever: f.fever,
    withNeeds: f.with_needs,
    peopleAdded: f.added,
    peopleMovedOut: f.moved_out,
    byGrid,
  };
  const openTasks = await repo.openTaskIdsOfCampaign(ctx.db, id);
  await ctx.db.tx(async (tx) => {
    if (!(await repo.closeCampaign(tx, id, coverage))) throw conflict('CAMPAIGN_CLOSED', { name: c.name });
    const ended = await tasks.failTasks(tx, openTasks, ctx.lang === 'zh' ? '敲门行动已结束' : 'The screening campaign was closed', ctx.actor.userId);
    await audit(tx, ctx, {
      action: 'close',
      entity: 'screening_campaign',
      entityId: id,
      areaPath: c.area_path,
      after: { ...coverage, byGrid: undefined, tasksEnded: ended },
    });
  });
  return toCampaignView((await repo.findCampaign(ctx.db, ctx.actor.scope, id))!);
}
