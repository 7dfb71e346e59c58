import { describe, expect, it } from 'vitest';
import { type CoverageRow, clockTime, drillTrail, fillHours, orderRounds, percent, rateTone, sortRows } from './CoverageModel';

const row = (name: string, sampled: number, missing: number, areaId: number | null = name.length): CoverageRow => ({
  areaId,
  name,
  kind: 'grid',
  roster: sampled + missing,
  due: sampled + missing,
  sampled,
  exempt: 0,
  missing,
  rate: sampled + missing ? sampled / (sampled + missing) : null,
});

describe('orderRounds', () => {
  it('puts open rounds first, then planned, then closed, keeping newest-first within each', () => {
    const rounds = [
      { id: 5, status: 'closed' as const },
      { id: 4, status: 'planned' as const },
      { id: 3, status: 'open' as const },
      { id: 2, status: 'closed' as const },
      { id: 1, status: 'open' as const },
    ];
    expect(orderRounds(rounds).map((r) => r.id)).toEqual([3, 1, 4, 5, 2]);
  });
});

describe('sortRows', () => {
  const rows = [row('a', 9, 1, 1), row('b', 1, 9, 2), row('c', 0, 0, 3), row('d', 5, 5, 4), row('e', 10, 10, 5)];

  it('by rate: lowest first, more missing first on a tie, nobody due last', () => {
    expect(sortRows(rows, 'rate').map((r) => r.name)).toEqual(['b', 'e', 'd', 'a', 'c']);
  });

  it('by missing: most missing first', () => {
    expect(sortRows(rows, 'missing').map((r) => r.name)).toEqual(['e', 'b', 'd', 'a', 'c']);
  });

  it("by name: the server's (area tree) order, and the input is not changed", () => {
    const copy = [...rows];
    sortRows(rows, 'rate');
    expect(rows).toEqual(copy);
    expect(sortRows(rows, 'name').map((r) => r.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

describe('percent and rateTone', () => {
  it('never rounds up to 100 % while someone is missing', () => {
    expect(percent(0.9999)).toBe(99);
    expect(percent(1)).toBe(100);
    expect(percent(0.5)).toBe(50);
    expect(percent(null)).toBeNull();
  });

  it('bands a rate: red under 60 %, orange under 95 %, green above', () => {
    expect([null, 0, 0.59, 0.6, 0.94, 0.95, 1].map(rateTone)).toEqual(['none', 'low', 'low', 'mid', 'mid', 'high', 'high']);
  });
});

describe('drillTrail', () => {
  const county = { id: 1, name: 'County', path: '/1/' };
  const town = { id: 5, name: 'Town', path: '/1/5/' };
  const village = { id: 23, name: 'Village', path: '/1/5/23/' };
  const grid = { id: 40, name: 'Grid', path: '/1/5/23/40/' };

  it('starts at the round area, not above it, and ends at the area shown', () => {
    expect(drillTrail([county, town, village, grid], grid, '/1/5/').map((a) => a.id)).toEqual([5, 23, 40]);
  });

  it('adds the area itself when the ancestors list left it out', () => {
    expect(drillTrail([county, town], village, '/1/').map((a) => a.id)).toEqual([1, 5, 23]);
  });

  it('is the area alone at the top', () => {
    expect(drillTrail([county, town], town, '/1/5/').map((a) => a.id)).toEqual([5]);
  });
});

describe('fillHours', () => {
  it('fills quiet hours with 0 and carries the running total, across midnight', () => {
    const filled = fillHours([
      { hour: '2026-04-01T22:00', sampled: 3, cumulative: 3 },
      { hour: '2026-04-02T01:00', sampled: 2, cumulative: 5 },
    ]);
    expect(filled).toEqual([
      { hour: '2026-04-01T22:00', sampled: 3, cumulative: 3 },
      { hour: '2026-04-01T23:00', sampled: 0, cumulative: 3 },
      { hour: '2026-04-02T00:00', sampled: 0, cumulative: 3 },
      { hour: '2026-04-02T01:00', sampled: 2, cumulative: 5 },
    ]);
  });

  it('keeps the last hours when there are too many, and is empty for no sampling', () => {
    const filled = fillHours(
      [
        { hour: '2026-04-01T00:00', sampled: 1, cumulative: 1 },
        { hour: '2026-04-01T09:00', sampled: 1, cumulative: 2 },
      ],
      4,
    );
    expect(filled.map((p) => p.hour)).toEqual(['2026-04-01T06:00', '2026-04-01T07:00', '2026-04-01T08:00', '2026-04-01T09:00']);
    expect(filled[0].cumulative).toBe(1);
    expect(fillHours([])).toEqual([]);
  });
});

describe('clockTime', () => {
  it('pads each part to two digits', () => {
    expect(clockTime(new Date(2026, 3, 1, 7, 5, 9))).toBe('07:05:09');
  });
});
