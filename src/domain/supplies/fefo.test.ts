import { describe, expect, it } from 'vitest';
import { allocateFefo, daysOfCover, isLow } from './fefo';

describe('earliest expiry first', () => {
  const batches = [
    { batchId: 1, expiresOn: null, qty: 100 },
    { batchId: 2, expiresOn: '2027-03-01', qty: 10 },
    { batchId: 3, expiresOn: '2026-12-31', qty: 5 },
    { batchId: 4, expiresOn: '2027-03-01', qty: 10 },
  ];
  it('takes the earliest expiry first, equal expiries in arrival order, undated last', () => {
    expect(allocateFefo(batches, 22)).toEqual([
      { batchId: 3, qty: 5 },
      { batchId: 2, qty: 10 },
      { batchId: 4, qty: 7 },
    ]);
    expect(allocateFefo(batches, 30)?.at(-1)).toEqual({ batchId: 1, qty: 5 });
  });
  it('answers null when the batches hold less than asked, and skips empty ones', () => {
    expect(allocateFefo(batches, 126)).toBeNull();
    expect(allocateFefo([{ batchId: 9, expiresOn: '2026-01-01', qty: 0 }, ...batches], 1)).toEqual([{ batchId: 3, qty: 1 }]);
  });
});

describe('days of cover', () => {
  it('is stock over the average daily use; unknown without use', () => {
    expect(daysOfCover(70, 140, 7)).toBe(3.5);
    expect(daysOfCover(10, 0, 7)).toBeNull();
  });
  it('is low under the threshold or at zero, never without use', () => {
    expect(isLow(20, 2, 3)).toBe(true);
    expect(isLow(0, 0, 3)).toBe(true);
    expect(isLow(500, 25, 3)).toBe(false);
    expect(isLow(0, null, 3)).toBe(false);
  });
});
