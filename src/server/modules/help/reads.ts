import type { Ctx } from '../../platform/context';
import { underPathOf } from './figures';
import { policyInForce } from './policy-repo';
import * as repo from './repo';
import { toDetail, toListItem } from './view';

/** The read side: the policy in force, lists, a request's page, the boards per step. */
export async function policy(ctx: Ctx) {
  return policyInForce(ctx.db);
}

export async function list(ctx: Ctx, p: { under?: number; status?: string; kind?: string; limit: number; offset: number }) {
  const underPath = p.under ? await underPathOf(ctx, p.under) : undefined;
  const { rows, total } = await repo.listRequests(ctx.db, ctx.actor.scope, { ...p, underPath });
  return { items: rows.map(toListItem), total };
}

export async function board(ctx: Ctx, p: { kind: string; step: string; under?: number; limit: number; offset: number }) {
  const underPath = p.under ? await underPathOf(ctx, p.under) : undefined;
  const b = await repo.board(ctx.db, ctx.actor.scope, { ...p, underPath });
  return { items: b.rows.map(toListItem), total: b.total, overdue: b.overdue };
}

export async function boardCounts(ctx: Ctx, under?: number) {
  const underPath = under ? await underPathOf(ctx, under) : undefined;
  return { items: (await repo.boardCounts(ctx.db, ctx.actor.scope, underPath)) as never };
}
