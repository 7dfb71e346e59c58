import { describe, expect, it } from 'vitest';
import { fitWithin } from './photo-shrink';

describe('fitWithin', () => {
  it('caps the long side and keeps the proportions', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3000, 4000)).toEqual({ width: 1200, height: 1600 });
  });
  it('never enlarges a small picture, and never rounds a side to nothing', () => {
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(10000, 2)).toEqual({ width: 1600, height: 1 });
  });
});
