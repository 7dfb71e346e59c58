import type { RosterPerson, RosterShift, ShiftKind, StaffNeed } from './types';

/**
 * Tiny rosters for the tests, written in local (China, +8 h) days and hours of one week. Monday 2026-03-02
 * 00:00 local is day 0; day 5 and 6 are the weekend.
 */
export const WEEK_START_MS = Date.UTC(2026, 2, 1, 16, 0, 0);
const HOUR = 3_600_000;

export function at(day: number, hour: number): number {
  return WEEK_START_MS + (day * 24 + hour) * HOUR;
}

export function shift(
  id: string,
  o: { day: number; hour: number; hours?: number; kind?: ShiftKind; post?: string; area?: string; needs?: StaffNeed[] },
): RosterShift {
  const hours = o.hours ?? 8;
  return {
    id,
    postId: o.post ?? 'P1',
    areaPath: o.area ?? '/c/t1/v1/',
    startMs: at(o.day, o.hour),
    endMs: at(o.day, o.hour + hours),
    kind: o.kind ?? (o.hour < 6 || o.hour >= 20 ? 'night' : 'day'),
    needs: o.needs ?? [{ role: 'guard', min: 1 }],
  };
}

export function person(id: string, o: Partial<Omit<RosterPerson, 'id'>> = {}): RosterPerson {
  return { id, roles: ['guard'], homeAreaPath: '/c/t1/v1/', availability: null, busy: [], ...o };
}

/** A post's three 8-hour shifts of one day: night 00–08, morning 08–16, evening 16–24. */
export function threeShifts(post: string, day: number, area = '/c/t1/v1/', needs?: StaffNeed[]): RosterShift[] {
  return [
    shift(`${post}-d${day}-n`, { day, hour: 0, kind: 'night', post, area, needs }),
    shift(`${post}-d${day}-m`, { day, hour: 8, kind: 'day', post, area, needs }),
    shift(`${post}-d${day}-e`, { day, hour: 16, kind: 'day', post, area, needs }),
  ];
}

/** A small county for the time-limit test: `posts` posts in villages of 4 towns, three shifts a day for a week. */
export function smallCounty(posts: number, people: number): { shifts: RosterShift[]; people: RosterPerson[] } {
  const villages = Array.from({ length: 16 }, (_, i) => `/c/t${i % 4}/v${i}/`);
  const shifts: RosterShift[] = [];
  for (let k = 0; k < posts; k++) {
    for (let d = 0; d < 7; d++) shifts.push(...threeShifts(`P${k}`, d, villages[(k * 7) % villages.length]));
  }
  const list = Array.from({ length: people }, (_, i) =>
    person(`U${i}`, { homeAreaPath: villages[(i * 5) % villages.length], roles: i % 9 === 0 ? ['guard', 'medic'] : ['guard'] }),
  );
  return { shifts, people: list };
}
