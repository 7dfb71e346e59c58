/**
 * The positives board's data: a flag per person of a positive tube, and the pure sums drawn from them — counts by
 * status, and where a held person stands in the retest window (a single-tube retest at home within 2 hours,
 * RETEST_HOURS in domain/sampling/rules.ts).
 */
import { FLAG_STATUSES, type FlagStatus, RETEST_WINDOW_MINUTES } from '../../../domain/sampling/rules';
import type { Flag } from '../../../domain/sampling/api';

export { FLAG_STATUSES, RETEST_WINDOW_MINUTES, type Flag, type FlagStatus };

export function countByStatus(flags: readonly Flag[]): Record<FlagStatus, number> {
  const c: Record<FlagStatus, number> = { held: 0, cleared: 0, confirmed: 0 };
  for (const f of flags) c[f.status] += 1;
  return c;
}

/**
 * Minutes since the flag, and for a held flag the minutes left in the retest window (negative: overdue). A
 * closed flag has no window left to watch.
 */
export function windowOf(f: Pick<Flag, 'status' | 'createdAt'>, now: number): { since: number; left: number | null } {
  const since = Math.max(0, Math.floor((now - Date.parse(f.createdAt)) / 60_000));
  return { since, left: f.status === 'held' ? RETEST_WINDOW_MINUTES - since : null };
}

/** Minutes as hours and minutes, the way a person says them: 0:45 → { h: 0, m: 45 }. */
export function hoursMinutes(minutes: number): { h: number; m: number } {
  const abs = Math.abs(minutes);
  return { h: Math.floor(abs / 60), m: abs % 60 };
}
