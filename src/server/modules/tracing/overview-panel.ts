import { addDays } from '../../../domain/policy/rules';
import { ACTIVE_CHAIN_DAYS } from '../../../domain/tracing/api-chains';
import type { Ctx } from '../../platform/context';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';

/**
 * The tracing panel of the command overview (issue 16, point 5): how fast contacts are found, measured the way
 * the command center asks — contacts per case, the share placed within 24 hours, the share of new cases who were
 * already known as contacts (tracing ahead of the virus), and the chains still active. Over the last 14 days,
 * for the area and the caller's scope; null when the area never had a case.
 */
export async function tracingPanel(ctx: Ctx, area: { path: string }) {
  const since = addDays(ctx.today, -ACTIVE_CHAIN_DAYS);
  const q = new SqlParams();
  const under = (col: string) => `${col} LIKE ${q.add(`${area.path}%`)} AND ${scopeClause(ctx.actor.scope, col, q)}`;
  const [row] = await ctx.db.query<{
    cases: number;
    new_cases: number;
    new_known: number;
    contacts: number;
    recent_contacts: number;
    placed_24h: number;
    to_find: number;
    to_find_late: number;
  }>(
    `WITH c AS (SELECT id, resident_id, reported_on, created_at FROM tracing_cases WHERE ${under('area_path')} AND classification <> 'discarded'),
          k AS (SELECT case_id, placement, placed_at, created_at FROM tracing_contacts WHERE ${under('area_path')})
     SELECT (SELECT count(*)::int FROM c) AS cases,
            (SELECT count(*)::int FROM c WHERE reported_on >= ${q.add(since)}::date) AS new_cases,
            (SELECT count(*)::int FROM c WHERE reported_on >= ${q.add(since)}::date
                AND EXISTS (SELECT 1 FROM tracing_contacts x WHERE x.resident_id = c.resident_id AND x.created_at < c.created_at)) AS new_known,
            (SELECT count(*)::int FROM tracing_contacts x JOIN c ON c.id = x.case_id) AS contacts,
            (SELECT count(*)::int FROM k WHERE created_at >= ${q.add(since)}::date) AS recent_contacts,
            (SELECT count(*)::int FROM k WHERE created_at >= ${q.add(since)}::date AND placement = 'placed'
                AND placed_at <= created_at + interval '24 hours') AS placed_24h,
            (SELECT count(*)::int FROM k WHERE placement = 'to_find') AS to_find,
            (SELECT count(*)::int FROM k WHERE placement = 'to_find' AND created_at < now() - interval '24 hours') AS to_find_late`,
    q.values,
  );
  if (!row.cases && !row.recent_contacts && !row.to_find) return null;
  const c = new SqlParams();
  const [chains] = await ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM tracing_chains ch
      WHERE ch.snapshot_id = (SELECT max(id) FROM tracing_chain_snapshots) AND ch.last_on >= ${c.add(since)}::date
        AND ch.chain_id IN (SELECT m.chain_id FROM tracing_chain_members m WHERE m.snapshot_id = ch.snapshot_id
                     AND m.area_path LIKE ${c.add(`${area.path}%`)} AND ${scopeClause(ctx.actor.scope, 'm.area_path', c)})`,
    c.values,
  );
  const share = (part: number, of: number) => (of ? Math.round((part / of) * 1000) / 10 : null);
  return {
    cases: row.cases,
    newCases: row.new_cases,
    contactsPerCase: row.cases ? Math.round((row.contacts / row.cases) * 10) / 10 : 0,
    placedWithin24hPct: share(row.placed_24h, row.recent_contacts),
    knownBeforePct: share(row.new_known, row.new_cases),
    toFind: row.to_find,
    toFindLate: row.to_find_late,
    activeChains: chains.n,
  };
}
