import type { Shift } from '../../../domain/checkpoints/shifts';
import { minutesOf } from '../../../domain/checkpoints/shifts';
import { addDays } from '../../../domain/policy/rules';
import { todayIn } from '../../platform/dates';

/** The local day and minute of the day of an instant in the deployment's time zone. */
const formats = new Map<string, Intl.DateTimeFormat>();
export function localClock(timeZone: string, at: Date): { day: string; minute: number } {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, f);
  }
  const [h, m] = f.format(at).split(':').map(Number);
  return { day: todayIn(timeZone, at), minute: h * 60 + m };
}

/** The shift of a template running at an instant, and the day it started on (a night shift started yesterday). */
export function shiftAt(shifts: Shift[], timeZone: string, at: Date): { shift: Shift; day: string } | null {
  const { day, minute } = localClock(timeZone, at);
  for (const s of shifts) {
    const start = minutesOf(s.start);
    const end = minutesOf(s.end);
    const wraps = end <= start;
    if (!wraps && minute >= start && minute < end) return { shift: s, day };
    if (wraps && minute >= start) return { shift: s, day };
    if (wraps && minute < end) return { shift: s, day: addDays(day, -1) };
  }
  return null;
}
