import type { z } from 'zod';
import { pct, tickItems } from '../../../domain/fieldwork/rules';
import type { campaignBody, campaignVisitBody } from '../../../domain/fieldwork/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, notFound } from '../../platform/errors';
import { maskKind } from '../../platform/audit-mask';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { householdsAs } from '../residents/sql';
import { usersAs } from '../users/sql';
import { areaInScope } from './jobs';
import { policyOf } from './policy';
import { VILLAGE_KINDS } from './publicity';

/**
 * Publicity campaigns (e.g. 五包五讲五到户): a checklist (the policy's template copied, or items given) ticked per
 * household by a worker on the phone, item by item over one or more visits; coverage is the households of the
 * campaign's area (the registry's, through its lent SQL) visited and complete.
 */
type Item = { code: string; text: string };
interface CampaignRow {
  id: number;
  name: string;
  area_id: number;
  area_path: string;
  area_name: string;
  starts_on: string;
  ends_on: string;
  items: Item[];
  created_at: Date;
  households: number;
  visited: number;
  complete: number;
}

/** Coverage counts only what the reader may see: households and records in their scope. */
function campaignSql(q: SqlParams, ctx: Ctx, where: string) {
  return `SELECT c.id, c.name, c.area_id, c.area_path, a.name AS area_name, to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on,
      to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on, c.items, c.created_at,
      (SELECT count(*)::int FROM ${householdsAs('h')} WHERE h.area_path LIKE c.area_path || '%' AND ${scopeClause(ctx.actor.scope, 'h.area_path', q)}) AS households,
      (SELECT count(*)::int FROM publicity_campaign_households x WHERE x.campaign_id = c.id AND ${scopeClause(ctx.actor.scope, 'x.area_path', q)}) AS visited,
      (SELECT count(*)::int FROM publicity_campaign_households x WHERE x.campaign_id = c.id AND x.complete AND ${scopeClause(ctx.actor.scope, 'x.area_path', q)}) AS complete
    FROM publicity_campaigns c JOIN ${areasAs('a')} ON a.id = c.area_id WHERE ${where}`;
}

const coverage = (households: number, visited: number, complete: number) => ({ households, visited, complete, pct: pct(complete, households) });

function toCampaign(c: CampaignRow) {
  return {
    id: c.id,
    name: c.name,
    areaId: c.area_id,
    areaName: c.area_name,
    startsOn: c.starts_on,
    endsOn: c.ends_on,
    items: c.items,
    coverage: coverage(c.households, c.visited, c.complete),
    createdAt: new Date(c.created_at).toISOString(),
  };
}

/**
 * A campaign's area is either within the reader's scope, or above it (a county's campaign read by a village's
 * worker): either way the reader sees it when the two paths lie on one line.
 */
function reachClause(ctx: Ctx, q: SqlParams) {
  const mine = q.add(ctx.actor.scope.path);
  return `(c.area_path LIKE ${mine} || '%' OR ${mine} LIKE c.area_path || '%')`;
}

async function findCampaign(ctx: Ctx, id: number): Promise<CampaignRow | null> {
  const q = new SqlParams();
  const [row] = await ctx.db.query<CampaignRow>(campaignSql(q, ctx, `c.id = ${q.add(id)} AND ${reachClause(ctx, q)}`), q.values);
  return row ?? null;
}

export async function createCampaign(ctx: Ctx, b: z.infer<typeof campaignBody>) {
  const area = await areaInScope(ctx, b.areaId, 'areaId');
  if (b.endsOn < b.startsOn) throw badRequest('FIELDWORK_RANGE', {}, { endsOn: 'before_start' });
  let items: Item[] | undefined = b.items;
  if (b.template) {
    const tpl = (await policyOf(ctx.db)).campaignTemplates.find((t) => t.code === b.template);
    if (!tpl) throw badRequest('VALIDATION_FAILED', {}, { template: 'not_in_policy' });
    items ??= tpl.items;
  }
  if (!items?.length) throw badRequest('FIELDWORK_CHECKLIST_EMPTY', {}, { items: 'empty' });
  const twice = items.find((it, i) => items.findIndex((x) => x.code === it.code) !== i);
  if (twice) throw badRequest('FIELDWORK_CHECKLIST_EMPTY', {}, { items: 'repeated' });
  const id = await ctx.db.tx(async (tx) => {
    const [{ id }] = await tx.query<{ id: number }>(
      `INSERT INTO publicity_campaigns (name, area_id, area_path, starts_on, ends_on, items, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [b.name, area.id, area.path, b.startsOn, b.endsOn, JSON.stringify(items), ctx.actor.userId],
    );
    await audit(tx, ctx, {
      action: 'create',
      entity: 'publicity_campaign',
      entityId: id,
      areaPath: area.path,
      after: { name: b.name, startsOn: b.startsOn, endsOn: b.endsOn, items: items.length },
    });
    return id;
  });
  return getCampaign(ctx, id);
}

export async function listCampaigns(ctx: Ctx, p: { under?: number; limit: number; offset: number }) {
  const q = new SqlParams();
  const where = [reachClause(ctx, q)];
  if (p.under) where.push(`c.area_path LIKE ${q.add(`${(await areaInScope(ctx, p.under, 'under')).path}%`)}`);
  const w = where.join(' AND ');
  const [{ n }] = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM publicity_campaigns c WHERE ${w}`, q.values);
  const rows = await ctx.db.query<CampaignRow>(
    `${campaignSql(q, ctx, w)} ORDER BY c.ends_on DESC, c.id DESC LIMIT ${q.add(p.limit)} OFFSET ${q.add(p.offset)}`,
    q.values,
  );
  return { items: rows.map(toCampaign), total: n };
}

/** The campaign with its coverage per village (or per community) under its area, in the reader's scope. */
export async function getCampaign(ctx: Ctx, id: number) {
  const c = await findCampaign(ctx, id);
  if (!c) throw notFound();
  const q = new SqlParams();
  const under = q.add(`${c.area_path}%`);
  const rows = await ctx.db.query<{ id: number; name: string; households: number; visited: number; complete: number }>(
    `SELECT v.id, v.name,
       (SELECT count(*)::int FROM ${householdsAs('h')} WHERE h.area_path LIKE v.path || '%' AND ${scopeClause(ctx.actor.scope, 'h.area_path', q)}) AS households,
       (SELECT count(*)::int FROM publicity_campaign_households x WHERE x.campaign_id = ${q.add(id)} AND x.area_path LIKE v.path || '%'
           AND ${scopeClause(ctx.actor.scope, 'x.area_path', q)}) AS visited,
       (SELECT count(*)::int FROM publicity_campaign_households x WHERE x.campaign_id = ${q.add(id)} AND x.complete AND x.area_path LIKE v.path || '%'
           AND ${scopeClause(ctx.actor.scope, 'x.area_path', q)}) AS complete
       FROM ${areasAs('v')}
      WHERE v.kind = ANY(${q.add(VILLAGE_KINDS)}::text[]) AND NOT v.archived AND (v.path LIKE ${under} OR ${q.add(c.area_path)} LIKE v.path || '%')
        AND (v.path LIKE ${q.add(`${ctx.actor.scope.path}%`)} OR ${q.add(ctx.actor.scope.path)} LIKE v.path || '%')
      ORDER BY v.path`,
    q.values,
  );
  return { ...toCampaign(c), byVillage: rows.map((r) => ({ areaId: r.id, areaName: r.name, ...coverage(r.households, r.visited, r.complete) })) };
}

interface HouseholdRow {
  household_id: number;
  address: string;
  area_name: string;
  ticked: string[];
  complete: boolean;
  visits: number;
  last_at: Date;
  last_by_name: string | null;
}
const HOUSEHOLD = `x.household_id, h.address, a.name AS area_name, x.ticked, x.complete, x.visits, x.last_at, u.display_name AS last_by_name
  FROM publicity_campaign_households x JOIN ${householdsAs('h')} ON h.id = x.household_id JOIN ${areasAs('a')} ON a.id = x.area_id
  LEFT JOIN ${usersAs('u')} ON u.id = x.last_by`;
const toHousehold = (r: HouseholdRow) => ({
  householdId: r.household_id,
  address: maskKind('address', r.address) as string,
  areaName: r.area_name,
  ticked: r.ticked,
  complete: r.complete,
  visits: r.visits,
  lastAt: new Date(r.last_at).toISOString(),
  lastByName: r.last_by_name,
});

export async function listHouseholds(ctx: Ctx, id: number, p: { householdId?: number; limit: number; offset: number }) {
  if (!(await findCampaign(ctx, id))) throw notFound();
  const q = new SqlParams();
  const where = [`x.campaign_id = ${q.add(id)}`, scopeClause(ctx.actor.scope, 'x.area_path', q)];
  if (p.householdId) where.push(`x.household_id = ${q.add(p.householdId)}`);
  const w = where.join(' AND ');
  const [{ n }] = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM publicity_campaign_households x WHERE ${w}`, q.values);
  const rows = await ctx.db.query<HouseholdRow>(
    `SELECT ${HOUSEHOLD} WHERE ${w} ORDER BY x.last_at DESC, x.id DESC LIMIT ${q.add(p.limit)} OFFSET ${q.add(p.offset)}`,
    q.values,
  );
  return { items: rows.map(toHousehold), total: n };
}

/** A visit: the items ticked now added to the household's, in one upsert (two workers at one door merge). */
export async function visitHousehold(ctx: Ctx, id: number, b: z.infer<typeof campaignVisitBody>) {
  const c = await findCampaign(ctx, id);
  if (!c) throw notFound();
  if (ctx.today < c.starts_on || ctx.today > c.ends_on) throw badRequest('FIELDWORK_CAMPAIGN_CLOSED', { from: c.starts_on, to: c.ends_on });
  const q = new SqlParams();
  const [h] = await ctx.db.query<{ id: number; area_id: number; area_path: string }>(
    `SELECT h.id, h.area_id, h.area_path FROM ${householdsAs('h')} WHERE h.id = ${q.add(b.householdId)} AND ${scopeClause(ctx.actor.scope, 'h.area_path', q)}
        AND h.area_path LIKE ${q.add(`${c.area_path}%`)}`,
    q.values,
  );
  if (!h) throw badRequest('VALIDATION_FAILED', {}, { householdId: 'not_found' });
  const { unknown } = tickItems(c.items, [], b.ticked);
  if (unknown.length) throw badRequest('FIELDWORK_ITEM_UNKNOWN', { items: unknown.join(', ') }, { ticked: 'unknown_items' });
  const order = c.items.map((i) => i.code);
  await ctx.db.tx(async (tx) => {
    // The union of before and now, kept in the checklist's order; complete when every item is in it.
    const [row] = await tx.query<{ id: number; ticked: string[]; complete: boolean }>(
      `INSERT INTO publicity_campaign_households AS x (campaign_id, household_id, area_id, area_path, ticked, complete, first_by, last_by)
       SELECT $1, $2, $3, $4, t.ticked, cardinality(t.ticked) = cardinality($6::text[]), $7, $7
         FROM (SELECT ARRAY(SELECT o FROM unnest($6::text[]) WITH ORDINALITY AS u(o, n) WHERE o = ANY($5::text[]) ORDER BY n) AS ticked) t
       ON CONFLICT (campaign_id, household_id) DO UPDATE SET
         ticked = ARRAY(SELECT o FROM unnest($6::text[]) WITH ORDINALITY AS u(o, n) WHERE o = ANY(x.ticked || $5::text[]) ORDER BY n),
         complete = cardinality(ARRAY(SELECT o FROM unnest($6::text[]) AS u(o) WHERE o = ANY(x.ticked || $5::text[]))) = cardinality($6::text[]),
         visits = x.visits + 1, last_by = $7, last_at = now()
       RETURNING id, ticked, complete`,
      [id, h.id, h.area_id, h.area_path, b.ticked, order, ctx.actor.userId],
    );
    await audit(tx, ctx, {
      action: 'visit',
      entity: 'publicity_campaign',
      entityId: id,
      areaPath: h.area_path,
      after: { householdId: h.id, ticked: b.ticked, complete: row.complete, note: b.note ?? null },
    });
  });
  const { items } = await listHouseholds(ctx, id, { householdId: h.id, limit: 1, offset: 0 });
  return items[0];
}
