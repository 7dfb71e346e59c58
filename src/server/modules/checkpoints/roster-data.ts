import { STAFF_ROLES } from '../../../domain/checkpoints/kinds';
import { minutesOf } from '../../../domain/checkpoints/shifts';
import { addDays } from '../../../domain/policy/rules';
import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { type RosterCandidate, rosterCandidates } from '../volunteers';
import { shiftEndsSql, shiftStartsSql } from './duty-repo';
import type { RosterAssignment, RosterPerson, RosterProblem, RosterShift, TimeWindow } from './roster';
import { approvedLeave } from './requests-repo';

/**
 * The roster problem of an area's week, read from the database: the shifts of its open posts (from their
 * templates, with the instants the assignments would store), the people the volunteers module says may be put on
 * duty, and the assignments that stay as they are. Shift ids are `post|day|code`, person ids the user's id.
 */
export interface ShiftRow {
  post_id: number;
  area_path: string;
  staffing: Record<string, number>;
  day: string;
  code: string;
  start: string;
  starts_at: Date;
  ends_at: Date;
}
export interface HeldRow {
  id: number;
  post_id: number;
  area_path: string;
  day: string;
  shift_code: string;
  user_id: number;
  role: string;
  starts_at: Date;
  ends_at: Date;
  fill_id: number | null;
  checked_in_at: Date | null;
}

export const shiftIdOf = (postId: number, day: string, code: string) => `${postId}|${day}|${code}`;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// A night shift starting before 06:00 or from 20:00 on (the 00–08 of three shifts, the 20–08 of two).
const isNight = (start: string) => minutesOf(start) < 360 || minutesOf(start) >= 1200;

export async function shiftsOfWeek(db: Queryable, p: { underPath: string; from: string; to: string; tz: string }): Promise<ShiftRow[]> {
  const q = new SqlParams();
  const from = q.add(p.from);
  const to = q.add(p.to);
  const tz = q.add(p.tz);
  const under = q.add(`${p.underPath}%`);
  return db.query<ShiftRow>(
    `SELECT p.id AS post_id, p.area_path, p.staffing, d.day::text AS day, s->>'code' AS code, s->>'start' AS start,
            ${shiftStartsSql('d.day', "(s->>'start')", tz)} AS starts_at, ${shiftEndsSql('d.day', "(s->>'start')", "(s->>'end')", tz)} AS ends_at
       FROM checkpoint_posts p
       CROSS JOIN LATERAL (SELECT g::date AS day FROM generate_series(${from}::date, ${to}::date, interval '1 day') g) d
       CROSS JOIN jsonb_array_elements(p.shifts) s
      WHERE p.area_path LIKE ${under} AND p.opens_on <= d.day AND (p.closes_on IS NULL OR p.closes_on >= d.day)
      ORDER BY p.id, d.day, s->>'start'`,
    q.values,
  );
}

/** Every assignment of the people (or at the area's posts) touching the days, a day either side for rest rules. */
export async function heldAssignments(db: Queryable, p: { underPath: string; userIds: number[]; from: string; to: string }): Promise<HeldRow[]> {
  return db.query<HeldRow>(
    `SELECT x.id, x.post_id, x.area_path, x.day::text AS day, x.shift_code, x.user_id, x.role, x.starts_at, x.ends_at, x.fill_id, x.checked_in_at
       FROM checkpoint_assignments x
      WHERE x.day BETWEEN ($3::date - 1) AND ($4::date + 1) AND (x.user_id = ANY($2::int[]) OR x.area_path LIKE $1)`,
    [`${p.underPath}%`, p.userIds, p.from, p.to],
  );
}

/** Made by the optimiser and nobody checked in: a new fill may replace it. Hand edits and check-ins stay. */
export const replaceable = (a: Pick<HeldRow, 'fill_id' | 'checked_in_at'>) => a.fill_id !== null && a.checked_in_at === null;

/** Offset of local time from UTC at an instant, in minutes (China: 480). */
export function utcOffsetMinutes(timeZone: string, at: Date): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return Math.round((local - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The roles a volunteer may fill at a post, from their category and skills. */
export function rolesOf(c: Pick<RosterCandidate, 'category' | 'skills'>): string[] {
  const roles = new Set<string>();
  if (c.category === 'police') roles.add('police');
  else roles.add('volunteer');
  if (c.category?.startsWith('party_')) roles.add('party_member');
  if (c.category === 'medical' || c.skills.includes('medical')) roles.add('medical');
  return STAFF_ROLES.filter((r) => roles.has(r));
}

/** Weekly availability (days of the week, hours) as time windows over the days asked; null = always. */
export function availabilityWindows(a: RosterCandidate['availability'], from: string, to: string, offsetMin: number): TimeWindow[] | null {
  if (!a || ((!a.days || a.days.length === 0) && !a.from && !a.to)) return null;
  const windows: TimeWindow[] = [];
  for (let day = addDays(from, -1); day <= addDays(to, 1); day = addDays(day, 1)) {
    const midnight = Date.parse(`${day}T00:00:00Z`) - offsetMin * 60_000;
    if (a.days?.length && !a.days.includes(WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()])) continue;
    const start = a.from ? minutesOf(a.from) : 0;
    let end = a.to ? minutesOf(a.to) : 1440;
    if (end <= start) end += 1440;
    windows.push({ startMs: midnight + start * 60_000, endMs: midnight + end * 60_000 });
  }
  // Touching windows are one: a night shift across midnight lies in two whole days that follow each other.
  const merged: TimeWindow[] = [];
  for (const w of windows) {
    const last = merged[merged.length - 1];
    if (last && w.startMs <= last.endMs) last.endMs = Math.max(last.endMs, w.endMs);
    else merged.push({ ...w });
  }
  return merged;
}

/** A candidate as the solver sees them; null when they cannot stand at a post (remote work only). */
export function personOf(c: RosterCandidate, from: string, to: string, offset: number): RosterPerson | null {
  if (c.availability?.remoteOnly) return null;
  return {
    id: String(c.user_id),
    roles: rolesOf(c),
    homeAreaPath: c.area_path,
    availability: availabilityWindows(c.availability, from, to, offset),
    busy: c.deployments.map((d) => ({
      startMs: Date.parse(`${d.starts_on}T00:00:00Z`) - offset * 60_000,
      endMs: Date.parse(`${d.ends_on}T00:00:00Z`) - offset * 60_000 + DAY,
    })),
  };
}

export interface WeekProblem {
  problem: RosterProblem;
  shifts: Map<string, ShiftRow>;
  /** The optimiser's unchecked assignments of the week, replaced when the fill is saved. */
  replaced: HeldRow[];
  fixedKeys: Set<string>;
}

export async function buildProblem(db: Queryable, scope: Scope, p: { underPath: string; from: string; days: number; tz: string }): Promise<WeekProblem> {
  const to = addDays(p.from, p.days - 1);
  const shiftRows = await shiftsOfWeek(db, { underPath: p.underPath, from: p.from, to, tz: p.tz });
  const candidates = await rosterCandidates(db, scope, { underPath: p.underPath, from: p.from, to });
  const offset = utcOffsetMinutes(p.tz, new Date(`${p.from}T12:00:00Z`));
  const shifts = new Map(shiftRows.map((s) => [shiftIdOf(s.post_id, s.day, s.code), s]));
  const rosterShifts: RosterShift[] = shiftRows.map((s) => ({
    id: shiftIdOf(s.post_id, s.day, s.code),
    postId: String(s.post_id),
    areaPath: s.area_path,
    startMs: new Date(s.starts_at).getTime(),
    endMs: new Date(s.ends_at).getTime(),
    kind: isNight(s.start) ? 'night' : 'day',
    needs: STAFF_ROLES.filter((r) => (s.staffing[r] ?? 0) > 0).map((r) => ({ role: r, min: s.staffing[r] })),
  }));
  const people = new Map<string, RosterPerson>();
  for (const c of candidates) {
    const person = personOf(c, p.from, to, offset);
    if (person) people.set(person.id, person);
  }
  for (const leave of await approvedLeave(db, { userIds: candidates.map((c) => c.user_id), from: p.from, to })) {
    const person = people.get(String(leave.user_id));
    if (!person) continue;
    if (leave.from_day && leave.to_day) {
      person.busy.push({
        startMs: Date.parse(`${leave.from_day}T00:00:00Z`) - offset * 60_000,
        endMs: Date.parse(`${leave.to_day}T00:00:00Z`) - offset * 60_000 + DAY,
      });
    } else for (const s of leave.shifts) person.busy.push({ startMs: Date.parse(s.startsAt), endMs: Date.parse(s.endsAt) });
  }
  const held = await heldAssignments(db, { underPath: p.underPath, userIds: candidates.map((c) => c.user_id), from: p.from, to });
  const fixed: RosterAssignment[] = [];
  const replaced: HeldRow[] = [];
  for (const a of held) {
    const shiftId = shiftIdOf(a.post_id, a.day, a.shift_code);
    const inWeek = shifts.has(shiftId);
    if (inWeek && replaceable(a)) {
      replaced.push(a);
      continue;
    }
    const personId = String(a.user_id);
    if (inWeek) {
      fixed.push({ shiftId, personId, role: a.role });
      // Someone put on a shift by hand who is not among the candidates: known to the rules for that shift only.
      if (!people.has(personId)) {
        people.set(personId, { id: personId, roles: [], homeAreaPath: a.area_path, availability: [], busy: [] });
      }
      const person = people.get(personId)!;
      if (!person.roles.includes(a.role) && !candidates.some((c) => String(c.user_id) === personId)) person.roles.push(a.role);
      if (person.availability && !candidates.some((c) => String(c.user_id) === personId)) {
        person.availability.push({ startMs: new Date(a.starts_at).getTime(), endMs: new Date(a.ends_at).getTime() });
      }
    } else if (people.has(personId)) {
      // On duty elsewhere (another area's post, or outside the days): the person is busy then.
      people.get(personId)!.busy.push({ startMs: new Date(a.starts_at).getTime(), endMs: new Date(a.ends_at).getTime() });
    }
  }
  const weekStartMs = Date.parse(`${p.from}T00:00:00Z`) - offset * 60_000;
  return {
    problem: { weekStartMs, utcOffsetMinutes: offset, shifts: rosterShifts, people: [...people.values()], fixed },
    shifts,
    replaced,
    fixedKeys: new Set(fixed.map((f) => `${f.shiftId}#${f.personId}`)),
  };
}

/**
 * Stores a fill: the optimiser's unchecked assignments of the week go, the new ones come. An assignment made by
 * hand meanwhile wins: a new one that would put its person in two places at once is left out.
 */
export async function saveFill(
  tx: Queryable,
  p: { fillId: number; replacedIds: number[]; rows: { shift: ShiftRow; userId: number; role: string }[]; by: number | null },
): Promise<number> {
  if (p.replacedIds.length) await tx.query('DELETE FROM checkpoint_assignments WHERE id = ANY($1::int[]) AND checked_in_at IS NULL', [p.replacedIds]);
  if (!p.rows.length) return 0;
  const r = p.rows;
  const inserted = await tx.query<{ id: number }>(
    `INSERT INTO checkpoint_assignments (post_id, area_path, day, shift_code, user_id, role, starts_at, ends_at, created_by, fill_id)
     SELECT v.post_id, v.area_path, v.day, v.code, v.user_id, v.role, v.starts_at, v.ends_at, $9, $10
       FROM unnest($1::int[], $2::text[], $3::date[], $4::text[], $5::int[], $6::text[], $7::timestamptz[], $8::timestamptz[])
            AS v(post_id, area_path, day, code, user_id, role, starts_at, ends_at)
      WHERE NOT EXISTS (SELECT 1 FROM checkpoint_assignments x WHERE x.user_id = v.user_id AND x.starts_at < v.ends_at AND x.ends_at > v.starts_at)
     ON CONFLICT (post_id, day, shift_code, user_id) DO NOTHING RETURNING id`,
    [
      r.map((x) => x.shift.post_id),
      r.map((x) => x.shift.area_path),
      r.map((x) => x.shift.day),
      r.map((x) => x.shift.code),
      r.map((x) => x.userId),
      r.map((x) => x.role),
      r.map((x) => x.shift.starts_at),
      r.map((x) => x.shift.ends_at),
      p.by,
      p.fillId,
    ],
  );
  return inserted.length;
}
