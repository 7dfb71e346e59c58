/**
 * Shift templates of a post: three 8-hour shifts, two 12-hour shifts, or custom ones, each from a start to an
 * end in local time (an end at or before its start runs past midnight; 00:00 as an end is midnight). A post
 * open around the clock must be covered all 24 hours: `coverGaps` names the minutes no shift covers.
 */
export const SHIFT_KINDS = ['three_8', 'two_12', 'custom'] as const;
export type ShiftKind = (typeof SHIFT_KINDS)[number];

export interface Shift {
  /** Short and stable: the roster and check-ins name a shift by it. */
  code: string;
  name: string;
  /** HH:MM, local time. */
  start: string;
  end: string;
}

export const TEMPLATES: Record<Exclude<ShiftKind, 'custom'>, Shift[]> = {
  three_8: [
    { code: 'A', name: '早班', start: '08:00', end: '16:00' },
    { code: 'B', name: '中班', start: '16:00', end: '00:00' },
    { code: 'C', name: '夜班', start: '00:00', end: '08:00' },
  ],
  two_12: [
    { code: 'D', name: '白班', start: '08:00', end: '20:00' },
    { code: 'N', name: '夜班', start: '20:00', end: '08:00' },
  ],
};

export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

export function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}
function hhmm(m: number): string {
  const x = ((m % 1440) + 1440) % 1440;
  return `${String(Math.floor(x / 60)).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`;
}

/** A shift's length in minutes (an end at or before the start is the next day). */
export function shiftMinutes(s: Pick<Shift, 'start' | 'end'>): number {
  const d = minutesOf(s.end) - minutesOf(s.start);
  return d > 0 ? d : d + 1440;
}

/** Stretches of the day no shift covers, as [start, end) in HH:MM; empty when the shifts cover all 24 hours. */
export function coverGaps(shifts: Pick<Shift, 'start' | 'end'>[]): { start: string; end: string }[] {
  const covered = new Uint8Array(1440);
  for (const s of shifts) {
    const from = minutesOf(s.start);
    const len = shiftMinutes(s);
    for (let i = 0; i < len; i++) covered[(from + i) % 1440] = 1;
  }
  const gaps: { start: string; end: string }[] = [];
  let i = 0;
  while (i < 1440) {
    if (covered[i]) {
      i++;
      continue;
    }
    const from = i;
    while (i < 1440 && !covered[i]) i++;
    gaps.push({ start: hhmm(from), end: hhmm(i) });
  }
  // A gap across midnight is one gap.
  if (gaps.length > 1 && gaps[0].start === '00:00' && gaps[gaps.length - 1].end === '00:00') {
    const last = gaps.pop()!;
    gaps[0] = { start: last.start, end: gaps[0].end };
  }
  return gaps;
}

/** Codes must be unique, and a shift not longer than 24 hours. */
export function duplicateCodes(shifts: Pick<Shift, 'code'>[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const s of shifts) (seen.has(s.code) ? dup : seen).add(s.code);
  return [...dup];
}
