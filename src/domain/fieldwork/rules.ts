import type { JobKind } from './kinds';

/**
 * The rules a disinfection job's record must meet, pure so the phone form and the server agree. Each problem
 * names its error code and the field it belongs to; the server refuses with the first.
 */
export interface JobProblem {
  code: 'FIELDWORK_AFTER_PHOTO' | 'FIELDWORK_AREA_RANGE' | 'FIELDWORK_FUTURE';
  field: string;
  reason: string;
}

/** A phone's clock may run a little ahead of the server's. */
export const CLOCK_SLACK_MS = 5 * 60_000;

export function jobProblems(
  j: { kind: JobKind; areaM2: number; doneAt: Date; afterPhotoIds: readonly number[] },
  p: { maxJobAreaM2: number },
  now: Date,
): JobProblem[] {
  const out: JobProblem[] = [];
  // A terminal disinfection is the proof a case's home was made safe: its after-photo is that proof.
  if (j.kind === 'terminal' && !j.afterPhotoIds.length) out.push({ code: 'FIELDWORK_AFTER_PHOTO', field: 'afterPhotoIds', reason: 'required' });
  // Stored to a tenth of a square metre: anything less is no area at all.
  if (!(j.areaM2 >= 0.1) || j.areaM2 > p.maxJobAreaM2) out.push({ code: 'FIELDWORK_AREA_RANGE', field: 'areaM2', reason: 'area_range' });
  if (j.doneAt.getTime() > now.getTime() + CLOCK_SLACK_MS) out.push({ code: 'FIELDWORK_FUTURE', field: 'doneAt', reason: 'in_future' });
  return out;
}

/** The terminal job's deadline: the case's opening plus the policy's hours. */
export function terminalDeadline(openedAt: Date, hours: number): Date {
  return new Date(openedAt.getTime() + hours * 3_600_000);
}

/** A household's checklist after a visit: the items ticked before and now, in the campaign's order; complete when all are. */
export function tickItems(items: readonly { code: string }[], before: readonly string[], now: readonly string[]) {
  const codes = new Set(items.map((i) => i.code));
  const unknown = now.filter((c) => !codes.has(c));
  const have = new Set([...before, ...now]);
  const ticked = items.map((i) => i.code).filter((c) => have.has(c));
  return { unknown, ticked, complete: ticked.length === items.length };
}

/** Share in per cent with one decimal; null when there is nothing to share. */
export function pct(n: number, of: number): number | null {
  return of ? Math.round((1000 * n) / of) / 10 : null;
}
