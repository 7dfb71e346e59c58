/**
 * The positives board's data: a flag per person of a positive tube, and the pure sums drawn from them — counts by
 * status, and where a held person stands in the retest window (a single-tube retest at home within 2 hours,
 * RETEST_HOURS in the sampling service).
 */
export const FLAG_STATUSES = ['held', 'cleared', 'confirmed'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

export interface Flag {
  id: number;
  roundId: number;
  residentId: number;
  name: string;
  idNumber: string | null;
  areaId: number;
  areaName: string;
  householdAddress: string | null;
  tubeBarcode: string;
  status: FlagStatus;
  gridWorkers: string[];
  createdAt: string;
  closedAt: string | null;
}

export const RETEST_WINDOW_MINUTES = 120;

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
