/**
 * Random sampling of targets (随机抽查), reproducible: the same seed over the same candidates draws the same
 * targets, so a plan's draw can be shown to anyone who doubts it. Candidates are sorted by id first, so the order
 * a query returned them in does not matter.
 */
import { mulberry32 } from '../random';

function hashSeed(seed: string): number {
  // FNV-1a, 32-bit.
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Draws n of the candidate ids (all of them when there are fewer), in the order drawn. */
export function drawSample(candidateIds: number[], n: number, seed: string): number[] {
  const pool = [...new Set(candidateIds)].sort((x, y) => x - y);
  const rand = mulberry32(hashSeed(seed));
  const take = Math.min(n, pool.length);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(rand() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, take);
}
