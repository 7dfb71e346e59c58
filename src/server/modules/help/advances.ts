import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { conflict } from '../../platform/errors';
import { type Scope, scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { photosOf } from '../photos';
import { usersAs } from '../users/sql';
import type { Queryable } from '../../db/engine';
import { underPathOf } from './figures';
import * as repo from './repo';
import { mustRequest } from './triage';
import { toDetail } from './view';

/**
 * Cash advanced by deliverers (垫付): a deliverer who bought the medicine with their own money records the sum and a
 * photo of the receipt at delivery; the office pays it back (报销) and marks it settled, once. The list of what is
 * still owed keeps volunteers from being left out of pocket.
 */
export async function settle(ctx: Ctx, id: number) {
  const r = await mustRequest(ctx, id);
  await ctx.db.tx(async (tx) => {
    const row = await repo.lockRequest(tx, id);
    if (row.advance_cents === null) throw conflict('HELP_NO_ADVANCE');
    if (row.advance_settled_at) throw conflict('HELP_ADVANCE_SETTLED');
    await repo.updateRequest(tx, id, { advance_settled_at: new Date(), advance_settled_by: ctx.actor.userId });
    await audit(tx, ctx, {
      entity: 'help_request',
      action: 'settle_advance',
      entityId: id,
      areaPath: r.area_path,
      after: { advanceYuan: row.advance_cents / 100 },
    });
  });
  return withPhotos(ctx, id);
}

/** The request's page: its detail with the doorstep photos and the receipts. */
export async function withPhotos(ctx: Ctx, id: number) {
  const r = await mustRequest(ctx, id);
  const [proof, receipts] = await Promise.all([
    photosOf(ctx.db, ctx.actor.scope, 'help_delivery', [id]),
    photosOf(ctx.db, ctx.actor.scope, 'help_receipt', [id]),
  ]);
  return { ...toDetail(r), proofPhotos: proof.get(id) ?? [], receiptPhotos: receipts.get(id) ?? [] };
}

async function unsettled(db: Queryable, scope: Scope, underPath: string) {
  const q = new SqlParams();
  return db.query<{
    id: number;
    code: string;
    area_name: string;
    deliverer_name: string | null;
    advance_cents: number;
    delivered_at: Date | null;
    total_cents: number;
  }>(
    `SELECT h.id, h.code, a.name AS area_name, du.display_name AS deliverer_name, h.advance_cents, h.delivered_at,
            -- The total of all owed, not only of the rows listed.
            sum(h.advance_cents) OVER ()::bigint AS total_cents
       FROM help_requests h JOIN ${areasAs('a')} ON a.id = h.area_id LEFT JOIN ${usersAs('du')} ON du.id = h.deliverer_user_id
      WHERE h.advance_cents IS NOT NULL AND h.advance_settled_at IS NULL AND h.area_path LIKE ${q.add(`${underPath}%`)} AND ${scopeClause(scope, 'h.area_path', q)}
      ORDER BY h.delivered_at NULLS LAST, h.id LIMIT 500`,
    q.values,
  );
}

export async function list(ctx: Ctx, under?: number) {
  const rows = await unsettled(ctx.db, ctx.actor.scope, await underPathOf(ctx, under));
  return {
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      areaName: r.area_name,
      delivererName: r.deliverer_name,
      advanceYuan: r.advance_cents / 100,
      deliveredAt: r.delivered_at,
    })),
    totalYuan: (rows[0]?.total_cents ?? 0) / 100,
  };
}
