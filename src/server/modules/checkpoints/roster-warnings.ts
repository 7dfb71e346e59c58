import type { RosterWarning } from '../../../domain/checkpoints/api';
import { STAFF_ROLES } from '../../../domain/checkpoints/kinds';
import type { Staffing } from '../../../domain/checkpoints/schemas';
import { addDays } from '../../../domain/policy/rules';
import type { Queryable } from '../../db/engine';
import type { Ctx } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import { areaTree } from '../areas';
import type { Scope } from '../../platform/scope';
import { rosterCandidates } from '../volunteers';
import { type RosterPerson, type RosterShift, checkRoster } from './roster';
import { personOf, rolesOf, shiftIdOf, utcOffsetMinutes } from './roster-data';
import { rosterPolicyInForce } from './roster-policy';

/**
 * The roster rules a hand edit breaks, for the person's week (Monday to Sunday, the week the weekly cap counts):
 * their assignments anywhere that week, their skills, availability and deployments as the volunteers module
 * knows them, and the rules in force. Their shifts of the two days either side of the week are seen too, for rest
 * and night → morning across the week's edges (never counted towards the week's hours). Warned, never refused: the
 * person assigning may know better (a stand-in, an emergency). Only the rules the new shift takes part in are
 * answered; understaffing is the board's to show. `taking` names someone else's assignment the person would take
 * (a swap not yet approved): it is checked as if it were theirs.
 */
export async function handEditWarnings(
  db: Queryable,
  scope: Scope,
  p: { userId: number; postId: number; day: string; shiftCode: string; timeZone: string; taking?: number },
): Promise<RosterWarning[]> {
  const weekday = (new Date(`${p.day}T00:00:00Z`).getUTCDay() + 6) % 7;
  const from = addDays(p.day, -weekday);
  const to = addDays(from, 6);
  const rows = await db.query<{
    id: number;
    post_id: number;
    area_path: string;
    staffing: Staffing;
    day: string;
    shift_code: string;
    role: string;
    starts_at: Date;
    ends_at: Date;
  }>(
    `SELECT x.id, x.post_id, x.area_path, p.staffing, x.day::text AS day, x.shift_code, x.role, x.starts_at, x.ends_at
       FROM checkpoint_assignments x JOIN checkpoint_posts p ON p.id = x.post_id
      WHERE (x.user_id = $1 OR x.id = $4) AND x.day BETWEEN ($2::date - 2) AND ($3::date + 2)`,
    [p.userId, from, to, p.taking ?? 0],
  );
  const asShift = (r: (typeof rows)[number]): RosterShift => ({
    id: shiftIdOf(r.post_id, r.day, r.shift_code),
    postId: String(r.post_id),
    areaPath: r.area_path,
    startMs: new Date(r.starts_at).getTime(),
    endMs: new Date(r.ends_at).getTime(),
    // Shifts from 20:00 or before 06:00 are nights (the same split the fill makes).
    kind: isNightStart(new Date(r.starts_at), p.timeZone) ? 'night' : 'day',
    needs: STAFF_ROLES.filter((role) => (r.staffing[role] ?? 0) > 0).map((role) => ({ role, min: 0 })),
  });
  const week = rows.filter((r) => r.day >= from && r.day <= to);
  const around = rows.filter((r) => r.day < from || r.day > to).map(asShift);
  const shifts = week.map(asShift);
  const offset = utcOffsetMinutes(p.timeZone, new Date(`${from}T12:00:00Z`));
  const [candidate] = await rosterCandidates(db, scope, { userIds: [p.userId], from, to });
  // An account that is not a volunteer (a cadre, a police officer's own login): nothing is known of their skills or hours.
  const person: RosterPerson = (candidate && personOf(candidate, from, to, offset)) || {
    id: String(p.userId),
    roles: [...STAFF_ROLES],
    homeAreaPath: week[0]?.area_path ?? '/',
    availability: null,
    busy: [],
  };
  person.around = around;
  const { policy } = await rosterPolicyInForce(db);
  const mine = shiftIdOf(p.postId, p.day, p.shiftCode);
  const problem = { weekStartMs: Date.parse(`${from}T00:00:00Z`) - offset * 60_000, utcOffsetMinutes: offset, shifts, people: [person] };
  const assignments = week.map((r) => ({ shiftId: shiftIdOf(r.post_id, r.day, r.shift_code), personId: person.id, role: r.role }));
  return checkRoster(problem, assignments, policy)
    .filter((v) => v.kind !== 'understaffed' && v.shiftIds.includes(mine))
    .map((v) => ({ kind: v.kind, params: v.params }));
}

function isNightStart(at: Date, timeZone: string): boolean {
  const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(at));
  return hour < 6 || hour >= 20;
}

/** The people a hand edit may choose from under an area: the fill's candidates, with the roles they may fill. */
export async function rosterPeople(ctx: Ctx, under?: number) {
  let underPath: string | undefined;
  if (under) {
    const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, under);
    if (!area) throw badRequest('VALIDATION_FAILED', {}, { under: 'not_found' });
    underPath = area.path;
  }
  const list = await rosterCandidates(ctx.db, ctx.actor.scope, { underPath, from: ctx.today, to: ctx.today });
  return { items: list.map((c) => ({ userId: c.user_id, name: c.name, roles: rolesOf(c) as (typeof STAFF_ROLES)[number][] })) };
}
