import { describe, expect, it } from 'vitest';
import { greenChannelFigures, problemCounts, responseMinutes } from './estate';

describe('the sealed estate’s figures', () => {
  it('measures the green channel’s response times against its target', () => {
    expect(responseMinutes('2022-07-01T08:00:00Z', '2022-07-01T08:25:00Z')).toBe(25);
    expect(responseMinutes('2022-07-01T08:00:00Z', null)).toBeNull();
    const rows = [
      { requestedAt: '2022-07-01T08:00:00Z', respondedAt: '2022-07-01T08:10:00Z' },
      { requestedAt: '2022-07-01T09:00:00Z', respondedAt: '2022-07-01T09:45:00Z' },
      { requestedAt: '2022-07-01T10:00:00Z', respondedAt: '2022-07-01T10:30:00Z' },
      { requestedAt: '2022-07-01T11:00:00Z', respondedAt: null },
    ];
    expect(greenChannelFigures(rows, 30)).toEqual({ requests: 4, answered: 3, withinTarget: 2, medianMinutes: 30, maxMinutes: 45 });
  });

  it('counts problems as the seed does: solved apart, transferred and assigned together', () => {
    const outcomes = [...Array(86).fill('solved'), ...Array(15).fill('transferred'), ...Array(7).fill('assigned'), 'open'];
    expect(problemCounts(outcomes)).toEqual({ open: 1, solved: 86, transferred: 15, assigned: 7, handedOn: 22 });
  });
});
