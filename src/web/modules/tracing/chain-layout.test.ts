import { describe, expect, it } from 'vitest';
import { type Chain, DAY_WIDTH, ROW_HEIGHT, timelineDays, timelinePositions } from './chain-layout';

const node = (id: string, on: string, generation: number): Chain['nodes'][number] => ({
  id,
  on,
  generation,
  kind: 'contact',
  name: null,
  inScope: true,
  caseId: null,
  classification: null,
  level: 'close',
  placement: 'to_find',
  openCaseId: null,
});

describe('the timeline drawing', () => {
  it('places people across by day and down by generation, side by side when they share both', () => {
    const at = timelinePositions([node('a', '2026-03-01', 0), node('b', '2026-03-03', 1), node('c', '2026-03-03', 1)]);
    expect(at.get('a')).toEqual({ x: 0, y: 0 });
    expect(at.get('b')).toEqual({ x: 2 * DAY_WIDTH, y: ROW_HEIGHT });
    expect(at.get('c')!.x).toBeGreaterThan(at.get('b')!.x);
    expect(at.get('c')!.y).toBe(ROW_HEIGHT);
  });

  it('labels every day from the first to the last', () => {
    expect(timelineDays([node('a', '2026-02-27', 0), node('b', '2026-03-01', 1)]).map((d) => d.day)).toEqual(['02-27', '02-28', '03-01']);
    expect(timelineDays([])).toEqual([]);
  });
});
