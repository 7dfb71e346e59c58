import { LATE_AFTER_MINUTES, STAFF_ROLES, UNDERSTAFFED_AFTER_MINUTES } from '../../../domain/checkpoints/kinds';
import type { AssignInput } from '../../../domain/checkpoints/schemas';
import { addDays } from '../../../domain/policy/rules';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, isUniqueViolation, notFound } from '../../platform/errors';
import { pathInScope } from '../../platform/scope';
import { areaTree } from '../areas';
import * as duty from './duty-repo';
import { isOpenOn, minimumOf, mustPost, postView } from './posts';
import * as repo from './repo';
import { handEditWarnings } from './roster-warnings';

/** Duty assignments (person × post × day × shift) made by hand, the roster board, and my shifts. */
export function assignmentView(a: duty.AssignmentRow) {
  return {
    id: a.id,
    postId: a.post_id,
    postName: a.post_name,
    place: a.place,
    day: a.day,
    shiftCode: a.shift_code,
    shiftName: a.shift_name,
    startsAt: a.starts_at,
    endsAt: a.ends_at,
    userId: a.user_id,
    userName: a.user_name,
    role: a.role as (typeof STAFF_ROLES)[number],
    checkedInAt: a.checked_in_at,
    lateMinutes: a.late_minutes,
  };
}

/**
 * Only the hard impossibilities are refused here: a post closed that day, a shift it does not have, a person
 * outside the caller's scope, and one person in two places at once (409 naming the other place). The roster
 * rules (rest between shifts, hours in a week, skills, availability) are checked after saving and answered as
 * warnings beside the saved assignment.
 */
export async function assign(ctx: Ctx, b: AssignInput, timeZone: string) {
  const post = await mustPost(ctx.db, ctx.actor.scope, b.postId);
  if (!isOpenOn(post, b.day)) throw conflict('POST_CLOSED', { post: post.name, day: b.day }, { day: 'post_closed' });
  const shift = post.shifts.find((s) => s.code === b.shiftCode);
  if (!shift) throw badRequest('VALIDATION_FAILED', {}, { shiftCode: 'not_found' });
  const person = await duty.staffInScope(ctx.db, ctx.actor.scope, b.userId);
  if (!person) throw badRequest('VALIDATION_FAILED', {}, { userId: 'not_found' });
  let made: Awaited<ReturnType<typeof duty.insertAssignment>>;
  try {
    made = await ctx.db.tx(async (tx) => {
      const r = await duty.insertAssignment(tx, {
        postId: post.id,
        areaPath: post.area_path,
        day: b.day,
        shiftCode: shift.code,
        start: shift.start,
        end: shift.end,
        userId: person.id,
        role: b.role,
        by: ctx.actor.userId,
        tz: timeZone,
      });
      if ('id' in r)
        await audit(tx, ctx, {
          action: 'assign_shift',
          entity: 'checkpoint_post',
          entityId: post.id,
          areaPath: post.area_path,
          after: { assignmentId: r.id, userId: person.id, day: b.day, shiftCode: shift.code, role: b.role },
        });
      return r;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('SHIFT_OVERLAP', { name: person.name, post: post.name, day: b.day, shift: shift.name }, { userId: 'overlap' });
    throw e;
  }
  if ('clash' in made) {
    // The other place is named only when the caller may see it.
    const other = pathInScope(ctx.actor.scope, made.clash.area_path) ? made.clash.post_name : ctx.lang === 'en' ? 'another post' : '其他卡点';
    throw conflict('SHIFT_OVERLAP', { name: person.name, post: other, day: made.clash.day, shift: made.clash.shift_code }, { userId: 'overlap' });
  }
  const saved = assignmentView((await duty.findAssignment(ctx.db, ctx.actor.scope, made.id))!);
  const warnings = await handEditWarnings(ctx.db, ctx.actor.scope, { userId: person.id, postId: post.id, day: b.day, shiftCode: shift.code, timeZone });
  return { ...saved, warnings };
}

export async function unassign(ctx: Ctx, id: number) {
  const a = await duty.findAssignment(ctx.db, ctx.actor.scope, id);
  if (!a) throw notFound();
  if (a.checked_in_at) throw conflict('SHIFT_CHECKED_IN', { name: a.user_name });
  await ctx.db.tx(async (tx) => {
    await duty.deleteAssignment(tx, id);
    await audit(tx, ctx, {
      action: 'unassign_shift',
      entity: 'checkpoint_post',
      entityId: a.post_id,
      areaPath: a.area_path,
      before: { assignmentId: id, userId: a.user_id, day: a.day, shiftCode: a.shift_code },
    });
  });
  return { ok: true as const };
}

const MINUTE = 60_000;

/** Posts × days × shifts: who is on, who checked in (late), who is absent, and the cells short of their minimum. */
export async function roster(ctx: Ctx, p: { under?: number; postId?: number; from: string; days: number }, now = new Date()) {
  let underPath: string | undefined;
  if (p.under) {
    const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, p.under);
    if (!area) throw badRequest('VALIDATION_FAILED', {}, { under: 'not_found' });
    underPath = area.path;
  }
  const days = Array.from({ length: p.days }, (_, i) => addDays(p.from, i));
  const to = days[days.length - 1];
  const { rows: posts } = await repo.listPosts(ctx.db, ctx.actor.scope, { underPath, postId: p.postId, limit: 200, offset: 0 });
  const live = posts.filter((x) => x.opens_on <= to && (!x.closes_on || x.closes_on >= p.from));
  const assigned = live.length ? await duty.assignmentsOf(ctx.db, ctx.actor.scope, { postIds: live.map((x) => x.id), from: p.from, to }) : [];
  const byCell = new Map<string, duty.AssignmentRow[]>();
  for (const a of assigned) {
    const k = `${a.post_id}|${a.day}|${a.shift_code}`;
    byCell.set(k, [...(byCell.get(k) ?? []), a]);
  }
  const cells = [];
  for (const post of live) {
    for (const day of days) {
      if (!isOpenOn(post, day)) continue;
      for (const s of post.shifts) {
        const people = byCell.get(`${post.id}|${day}|${s.code}`) ?? [];
        const short = STAFF_ROLES.filter((r) => people.filter((x) => x.role === r).length < (post.staffing[r] ?? 0));
        const first = people[0];
        cells.push({
          postId: post.id,
          day,
          shiftCode: s.code,
          // The instants of an empty cell are not stored: asked of the database only when someone is on it.
          startsAt: first?.starts_at ?? `${day}T${s.start}:00`,
          endsAt: first?.ends_at ?? `${day}T${s.end}:00`,
          people: people.map((x) => ({
            assignmentId: x.id,
            userId: x.user_id,
            name: x.user_name,
            role: x.role as (typeof STAFF_ROLES)[number],
            checkedInAt: x.checked_in_at,
            late: (x.late_minutes ?? 0) > LATE_AFTER_MINUTES,
            absent: !x.checked_in_at && now.getTime() > new Date(x.starts_at).getTime() + UNDERSTAFFED_AFTER_MINUTES * MINUTE,
          })),
          minimum: minimumOf(post.staffing),
          short,
          gap: short.length > 0,
        });
      }
    }
  }
  return { posts: live.map((x) => postView(x, ctx.today)), days, cells };
}

export async function myShifts(ctx: Ctx, now = new Date()) {
  const rows = await duty.shiftsOfUser(ctx.db, ctx.actor.userId, new Date(now.getTime() - 12 * 60 * MINUTE));
  return { items: rows.map(assignmentView) };
}
