/** Dates as the field sees them: calendar days in the deployment's time zone, written YYYY-MM-DD. */
export function todayIn(timeZone: string, at?: Date): string {
  if (at) return dayFormat(timeZone).format(at);
  // Every request asks; the answer changes once a day. Formatting is recomputed at most once a second.
  const second = Math.floor(Date.now() / 1000);
  const hit = recent.get(timeZone);
  if (hit && hit.second === second) return hit.day;
  const day = dayFormat(timeZone).format(new Date(second * 1000));
  recent.set(timeZone, { second, day });
  return day;
}
const recent = new Map<string, { second: number; day: string }>();

// Building a formatter costs more than a whole scoped query; every request asks for "today".
const formats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    // en-CA formats as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, f);
  }
  return f;
}

/** The day `years` years before `day` (YYYY-MM-DD); 29 Feb falls back to 28 Feb. */
export function yearsBefore(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const target = new Date(Date.UTC(y - years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

function offsetOf(timeZone: string, at: Date): string {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-]\d{2}):?(\d{2})?/.exec(name);
  return m ? `${m[1]}:${m[2] ?? '00'}` : '+00:00';
}

/** `day` at `hhmm` in the deployment's time zone, as an ISO instant with its offset. */
export function localInstant(day: string, hhmm: string, timeZone: string): string {
  return `${day}T${hhmm}:00${offsetOf(timeZone, new Date(`${day}T${hhmm}:00Z`))}`;
}
