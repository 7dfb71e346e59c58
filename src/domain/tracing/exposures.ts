/**
 * Exposure suggestions (issue 16, point 4): people the system saw at the same place as a case in the same window,
 * gathered from several sources, folded into one suggestion per person and ranked. The weights are the order an
 * investigator calls people in: the household first (they shared meals and rooms), then a venue where both stayed a
 * while, the same sampling desk in the same hour (a queue), the same building, a checkpoint passed near the same time.
 * The level and certainty are a proposal the investigator confirms in the add-contacts dialog.
 */
export const EXPOSURE_SOURCES = ['household', 'venue', 'sampling', 'building', 'checkpoint'] as const;
export type ExposureSource = (typeof EXPOSURE_SOURCES)[number];

const WEIGHT: Record<ExposureSource, number> = { household: 100, venue: 60, sampling: 40, building: 30, checkpoint: 20 };

/** One sighting: a person at a place, and how long their time there overlapped the case's (null: they live there). */
export interface Sighting {
  /** One person: the registry id when known, else the phone, else the name as written. */
  key: string;
  residentId: number | null;
  source: ExposureSource;
  place: string;
  from: Date;
  to: Date;
  overlapMinutes: number | null;
}

export interface Suggestion {
  key: string;
  residentId: number | null;
  score: number;
  level: 'close' | 'general';
  exposureKind: 'household' | 'venue' | 'other';
  certainty: 'high' | 'medium' | 'low';
  lastSeen: Date;
  reasons: Sighting[];
}

/** Minutes at a venue together after which the suggestion is a close contact (the 9th edition's 15 minutes face to face). */
export const CLOSE_VENUE_MINUTES = 15;

function scoreOf(s: Sighting): number {
  // Up to one extra weight's tenth per hour together, so a long overlap outranks a short one of the same source.
  return WEIGHT[s.source] + Math.min(10, (s.overlapMinutes ?? 0) / 6);
}

/** One suggestion per person, its reasons newest first, best score first; a second source adds a fifth of its weight. */
export function rankSightings(sightings: Sighting[], limit = 200): Suggestion[] {
  const by = new Map<string, Sighting[]>();
  for (const s of sightings) {
    const list = by.get(s.key);
    if (list) list.push(s);
    else by.set(s.key, [s]);
  }
  const out: Suggestion[] = [];
  for (const [key, list] of by) {
    // The same place and window seen twice (a trajectory row and the case's own record of it) is one reason.
    const seen = new Set<string>();
    const reasons = list
      .sort((a, b) => scoreOf(b) - scoreOf(a) || b.from.getTime() - a.from.getTime())
      .filter((s) => {
        const k = `${s.source}|${s.place}|${s.from.getTime()}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
    const scores = reasons.map(scoreOf);
    const sources = new Set(reasons.map((r) => r.source));
    const best = reasons[0];
    const score = Math.round(scores[0] + (sources.size - 1) * 0.2 * 30 + Math.min(reasons.length - 1, 5));
    const household = sources.has('household');
    const longVenue = reasons.some((r) => r.source === 'venue' && (r.overlapMinutes ?? 0) >= CLOSE_VENUE_MINUTES);
    out.push({
      key,
      residentId: best.residentId ?? list.find((s) => s.residentId)?.residentId ?? null,
      score,
      level: household || longVenue ? 'close' : 'general',
      exposureKind: household ? 'household' : sources.has('venue') ? 'venue' : 'other',
      certainty: household ? 'high' : sources.size > 1 || longVenue ? 'medium' : 'low',
      lastSeen: new Date(Math.max(...reasons.map((r) => r.to.getTime()))),
      reasons,
    });
  }
  return out.sort((a, b) => b.score - a.score || b.lastSeen.getTime() - a.lastSeen.getTime()).slice(0, limit);
}

/** Minutes two windows share (0 when they do not meet). */
export function overlapMinutes(a0: Date, a1: Date, b0: Date, b1: Date): number {
  const ms = Math.min(a1.getTime(), b1.getTime()) - Math.max(a0.getTime(), b0.getTime());
  return Math.max(0, Math.round(ms / 60_000));
}

/** A trajectory row's window widened to whole hours (a desk's records are compared by the hour). */
export function hourWindow(startsAt: Date, endsAt: Date | null): { from: Date; to: Date } {
  const H = 3_600_000;
  const from = new Date(Math.floor(startsAt.getTime() / H) * H);
  const end = endsAt ?? new Date(startsAt.getTime() + H);
  const to = new Date(Math.max(from.getTime() + H, Math.ceil(end.getTime() / H) * H));
  return { from, to };
}
