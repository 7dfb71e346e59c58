import { describe, expect, it } from 'vitest';
import { type Sighting, hourWindow, overlapMinutes, rankSightings } from './exposures';

const t = (h: number, m = 0) => new Date(Date.UTC(2026, 2, 20, h, m));
const s = (key: string, source: Sighting['source'], from: Date, overlap: number | null, place = 'P'): Sighting => ({
  key,
  residentId: Number(key.replace(/\D/g, '')) || null,
  source,
  place,
  from,
  to: new Date(from.getTime() + 3_600_000),
  overlapMinutes: overlap,
});

describe('exposure suggestions', () => {
  it('folds one person seen by several sources into one suggestion, ranked above a single sighting', () => {
    const out = rankSightings([
      s('r1', 'checkpoint', t(9), 0),
      s('r2', 'sampling', t(9), 60),
      s('r1', 'sampling', t(10), 60),
      s('r3', 'household', t(0), null),
    ]);
    expect(out.map((x) => x.key)).toEqual(['r3', 'r1', 'r2']);
    expect(out[1].reasons.map((r) => r.source)).toEqual(['sampling', 'checkpoint']);
    expect(out[0]).toMatchObject({ level: 'close', exposureKind: 'household', certainty: 'high' });
    expect(out[2]).toMatchObject({ level: 'general', certainty: 'low' });
  });

  it('counts the same place and window seen twice once, and makes a long stay at a venue a close contact', () => {
    const out = rankSightings([s('r4', 'venue', t(12), 40), s('r4', 'venue', t(12), 40)]);
    expect(out[0].reasons).toHaveLength(1);
    expect(out[0]).toMatchObject({ level: 'close', exposureKind: 'venue', certainty: 'medium' });
    expect(rankSightings([s('r5', 'venue', t(12), 5)])[0].level).toBe('general');
  });

  it('widens a window to whole hours and measures overlaps', () => {
    expect(hourWindow(t(9, 20), t(10, 5))).toEqual({ from: t(9), to: t(11) });
    expect(hourWindow(t(9, 20), null)).toEqual({ from: t(9), to: t(11) });
    expect(overlapMinutes(t(9), t(10), t(9, 30), t(11))).toBe(30);
    expect(overlapMinutes(t(9), t(10), t(10), t(11))).toBe(0);
  });
});
