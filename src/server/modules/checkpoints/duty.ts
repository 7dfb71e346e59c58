import { CHECK_IN_EARLY_MINUTES, type SUPPLIES, tokenOfScan } from '../../../domain/checkpoints/kinds';
import type { z } from 'zod';
import type { handoverBody } from '../../../domain/checkpoints/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, notFound } from '../../platform/errors';
import { pathInScope } from '../../platform/scope';
import { assignmentView } from './assignments';
import * as duty from './duty-repo';
import { shiftAt } from './local-time';
import { mustPost } from './posts';
import * as repo from './repo';

/** On duty: the check-in by the post's QR code, and the handover log. */

/**
 * Scanning the post's code checks the caller in to their shift there that is on now (or starts within the
 * hour): time stamped, minutes late kept. A second scan answers the first check-in. The post is found by its
 * code whatever the caller's scope: being on its roster is what lets them in.
 */
export async function checkIn(ctx: Ctx, code: string, now = new Date()) {
  const [post] = await ctx.db.query<{ id: number; name: string; area_path: string }>('SELECT id, name, area_path FROM checkpoint_posts WHERE qr_token = $1', [
    tokenOfScan(code),
  ]);
  if (!post) throw badRequest('CHECKPOINT_CODE_UNKNOWN', {}, { code: 'not_found' });
  const a = await duty.shiftToCheckIn(ctx.db, ctx.actor.userId, post.id, now, CHECK_IN_EARLY_MINUTES);
  // Without a shift there, a post outside the caller's scope is not named: its code reads as unknown.
  if (!a && !pathInScope(ctx.actor.scope, post.area_path)) throw badRequest('CHECKPOINT_CODE_UNKNOWN', {}, { code: 'not_found' });
  if (!a) throw conflict('NO_SHIFT_NOW', { post: post.name });
  await ctx.db.tx(async (tx) => {
    if (await duty.stampCheckIn(tx, a.id, now)) {
      await audit(tx, ctx, {
        action: 'check_in',
        entity: 'checkpoint_post',
        entityId: post.id,
        areaPath: a.area_path,
        after: { assignmentId: a.id, at: now.toISOString() },
      });
    }
  });
  const [row] = await duty.shiftsOfUser(ctx.db, ctx.actor.userId, new Date(0)).then((rows) => rows.filter((r) => r.id === a.id));
  return assignmentView(row);
}

export async function addHandover(ctx: Ctx, postId: number, b: z.infer<typeof handoverBody>, timeZone: string, now = new Date()) {
  const post = await mustPost(ctx.db, ctx.actor.scope, postId);
  const running = shiftAt(post.shifts, timeZone, now);
  const shiftCode = b.shiftCode ?? running?.shift.code;
  if (!shiftCode || !post.shifts.some((s) => s.code === shiftCode)) throw badRequest('VALIDATION_FAILED', {}, { shiftCode: 'not_found' });
  const day = running && running.shift.code === shiftCode ? running.day : ctx.today;
  const id = await ctx.db.tx(async (tx) => {
    const id = await duty.insertHandover(tx, {
      postId,
      areaPath: post.area_path,
      day,
      shiftCode,
      incidents: b.incidents || null,
      suppliesShort: b.suppliesShort ?? [],
      note: b.note || null,
      by: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      action: 'handover',
      entity: 'checkpoint_post',
      entityId: postId,
      areaPath: post.area_path,
      after: { handoverId: id, shiftCode, suppliesShort: b.suppliesShort ?? [] },
    });
    return id;
  });
  const { rows } = await duty.handoversOf(ctx.db, ctx.actor.scope, { postId, id, limit: 1, offset: 0 });
  return handoverView(rows[0]);
}

function handoverView(h: duty.HandoverRow) {
  return {
    id: h.id,
    postId: h.post_id,
    day: h.day,
    shiftCode: h.shift_code,
    incidents: h.incidents,
    suppliesShort: h.supplies_short as (typeof SUPPLIES)[number][],
    note: h.note,
    recordedByName: h.recorded_by_name,
    recordedAt: h.recorded_at,
  };
}

export async function listHandovers(ctx: Ctx, postId: number, p: { limit: number; offset: number }) {
  if (!(await repo.findPost(ctx.db, ctx.actor.scope, postId))) throw notFound();
  const { rows, total } = await duty.handoversOf(ctx.db, ctx.actor.scope, { postId, ...p });
  return { items: rows.map(handoverView), total };
}
