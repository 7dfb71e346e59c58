import { describe, expect, it } from 'vitest';
import { chainsOf, commonPath, generationsOf } from './chains';

describe('chainsOf', () => {
  it('joins a case, its contacts and their contacts into one chain named by its smallest case', () => {
    // Case 7 (person 1) met 2 and 3; 3 met 4 (secondary). Case 9 (person 10) met 11 only.
    const chains = chainsOf(
      [
        { caseId: 7, personId: 1 },
        { caseId: 9, personId: 10 },
      ],
      [
        { from: 1, to: 2 },
        { from: 1, to: 3 },
        { from: 3, to: 4 },
        { from: 10, to: 11 },
      ],
    );
    expect([1, 2, 3, 4].map((p) => chains.get(p))).toEqual([7, 7, 7, 7]);
    expect([10, 11].map((p) => chains.get(p))).toEqual([9, 9]);
  });

  it('merges two chains through a contact who became a case, keeping the older number', () => {
    // Person 2 is a contact of case 7 and later case 12 with contacts of their own.
    const chains = chainsOf(
      [
        { caseId: 12, personId: 2 },
        { caseId: 7, personId: 1 },
      ],
      [
        { from: 2, to: 5 },
        { from: 1, to: 2 },
      ],
    );
    expect(new Set([1, 2, 5].map((p) => chains.get(p)))).toEqual(new Set([7]));
  });

  it('gives a case without contacts a chain of its own', () => {
    expect(chainsOf([{ caseId: 3, personId: 30 }], []).get(30)).toBe(3);
  });

  it('handles a long chain without deep recursion', () => {
    const links = Array.from({ length: 100_000 }, (_, i) => ({ from: i + 1, to: i + 2 }));
    const chains = chainsOf([{ caseId: 1, personId: 1 }], links);
    expect(chains.get(100_001)).toBe(1);
  });
});

describe('commonPath and generationsOf', () => {
  it('finds the area all members share', () => {
    expect(commonPath(['/1/5/9/', '/1/5/12/', '/1/5/9/30/'])).toBe('/1/5/');
    expect(commonPath(['/1/5/9/'])).toBe('/1/5/9/');
    expect(commonPath(['/1/5/', '/2/'])).toBe('/');
  });

  it('counts generations from the first cases', () => {
    const g = generationsOf(
      [1],
      [
        { from: 1, to: 2 },
        { from: 2, to: 3 },
        { from: 1, to: 3 },
      ],
    );
    expect(Object.fromEntries(g)).toEqual({ 1: 0, 2: 1, 3: 1 });
  });
});
