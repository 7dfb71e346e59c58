import type { Queryable } from '../../db/engine';
import type { Ctx } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import { type Scope, scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areaTree } from '../areas';
import * as outreachRepo from './outreach-repo';

/**
 * The closure rate (办结率): of the requests received on a day (in the deployment's time zone), the share closed
 * — done or closed as impossible with the reason given — within their deadline. Counted by the day received, so
 * a day's rate rises as its requests are closed. The backlog: open requests by how long they have waited.
 */
const OPEN = `h.status IN ('triage', 'dispatch', 'delivering', 'delivered')`;

export async function closureByDay(db: Queryable, scope: Scope, p: { underPath: string; from: string; to: string; timeZone: string }) {
  const q = new SqlParams();
  const tz = q.add(p.timeZone);
  const from = `${q.add(p.from)}::date`;
  const to = `${q.add(p.to)}::date`;
  const rows = await db.query<{ day: string; received: number; closed_within: number }>(
    `WITH r AS (
       SELECT (h.created_at AT TIME ZONE ${tz})::date AS day, h.closed_within FROM help_requests h
        WHERE h.created_at >= (${from}::timestamp AT TIME ZONE ${tz}) AND h.created_at < ((${to} + 1)::timestamp AT TIME ZONE ${tz})
          AND h.area_path LIKE ${q.add(`${p.underPath}%`)} AND ${scopeClause(scope, 'h.area_path', q)}
     )
     SELECT to_char(d, 'YYYY-MM-DD') AS day, count(r.day)::int AS received, count(r.day) FILTER (WHERE r.closed_within)::int AS closed_within
       FROM generate_series(${from}, ${to}, interval '1 day') d LEFT JOIN r ON r.day = d::date
      GROUP BY d ORDER BY d`,
    q.values,
  );
  return rows.map((r) => ({ day: r.day, received: r.received, closedWithin: r.closed_within, rate: r.received ? r.closed_within / r.received : null }));
}

export async function backlog(db: Queryable, scope: Scope, underPath: string, now: Date) {
  const q = new SqlParams();
  const n = `${q.add(now)}::timestamptz`;
  const [row] = await db.query<Record<'under4h' | 'under24h' | 'under72h' | 'over72h' | 'overdue', number>>(
    `SELECT count(*) FILTER (WHERE h.created_at > ${n} - interval '4 hours')::int AS under4h,
            count(*) FILTER (WHERE h.created_at <= ${n} - interval '4 hours' AND h.created_at > ${n} - interval '24 hours')::int AS under24h,
            count(*) FILTER (WHERE h.created_at <= ${n} - interval '24 hours' AND h.created_at > ${n} - interval '72 hours')::int AS under72h,
            count(*) FILTER (WHERE h.created_at <= ${n} - interval '72 hours')::int AS over72h,
            count(*) FILTER (WHERE h.due_at < ${n})::int AS overdue
       FROM help_requests h WHERE ${OPEN} AND h.area_path LIKE ${q.add(`${underPath}%`)} AND ${scopeClause(scope, 'h.area_path', q)}`,
    q.values,
  );
  return row;
}

async function underPath(ctx: Ctx, under?: number) {
  if (!under) return ctx.actor.scope.path;
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, under);
  if (!area) throw badRequest('VALIDATION_FAILED', {}, { under: 'not_found' });
  return area.path;
}
export { underPath as underPathOf };

export async function closure(ctx: Ctx, p: { under?: number; from: string; to: string }, timeZone: string, now = new Date()) {
  const days = (Date.parse(p.to) - Date.parse(p.from)) / 86_400_000;
  if (days < 0 || days > 92) throw badRequest('HELP_RANGE', {}, { from: 'range' });
  const path = await underPath(ctx, p.under);
  const [byDay, b] = await Promise.all([
    closureByDay(ctx.db, ctx.actor.scope, { underPath: path, from: p.from, to: p.to, timeZone }),
    backlog(ctx.db, ctx.actor.scope, path, now),
  ]);
  const buckets = ['under4h', 'under24h', 'under72h', 'over72h'] as const;
  return { days: byDay, backlog: buckets.map((bucket) => ({ bucket, open: b[bucket] })) };
}

/**
 * The help panel of the command center's overview: today's received and closed within the deadline, the
 * rate, what is open and overdue, and the day's care calls. null when the area has no request open, none received
 * today and no care call to make.
 */
export async function helpPanel(ctx: Ctx, area: { id: number; path: string }, timeZone: string, now = new Date()) {
  const [[today], b, calls] = await Promise.all([
    closureByDay(ctx.db, ctx.actor.scope, { underPath: area.path, from: ctx.today, to: ctx.today, timeZone }),
    backlog(ctx.db, ctx.actor.scope, area.path, now),
    outreachRepo.dayTotals(ctx.db, ctx.actor.scope, { underPath: area.path, day: ctx.today }),
  ]);
  const open = b.under4h + b.under24h + b.under72h + b.over72h;
  if (!today.received && !open && !calls.people) return null;
  return {
    receivedToday: today.received,
    closedWithinToday: today.closedWithin,
    rateToday: today.rate,
    open,
    overdue: b.overdue,
    over72h: b.over72h,
    // The day's care calls (主动关怀): people on the lists, called so far, needs found.
    careCalls: calls,
  };
}
