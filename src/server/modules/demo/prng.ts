import { mulberry32 } from '../../../domain/random';

/** A seeded generator with the demo's helpers, so the same seed number always gives the same demo. */
export function seededRandom(seed: number) {
  const next = mulberry32(seed);
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
  };
}
