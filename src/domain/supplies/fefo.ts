/**
 * Earliest expiry first (FEFO): which batches an issue of `qty` takes, from the store's batches of one item.
 * A batch without an expiry goes last; equal expiries go in the order they came in (lower batch id first).
 * Answers null when the batches together hold less than asked — the caller refuses with what is there.
 */
export interface BatchOnHand {
  batchId: number;
  expiresOn: string | null;
  qty: number;
}

export function fefoOrder<T extends BatchOnHand>(batches: readonly T[]): T[] {
  return [...batches].sort((a, b) => {
    if (a.expiresOn !== b.expiresOn) {
      if (a.expiresOn === null) return 1;
      if (b.expiresOn === null) return -1;
      return a.expiresOn < b.expiresOn ? -1 : 1;
    }
    return a.batchId - b.batchId;
  });
}

export function allocateFefo(batches: readonly BatchOnHand[], qty: number): { batchId: number; qty: number }[] | null {
  const out: { batchId: number; qty: number }[] = [];
  let left = qty;
  for (const b of fefoOrder(batches)) {
    if (left <= 0) break;
    if (b.qty <= 0) continue;
    const take = Math.min(b.qty, left);
    out.push({ batchId: b.batchId, qty: take });
    left -= take;
  }
  return left > 0 ? null : out;
}

/** Days of cover: stock ÷ the average daily use over the window. null when nothing was used (cover unbounded). */
export function daysOfCover(onHand: number, usedInWindow: number, windowDays: number): number | null {
  if (usedInWindow <= 0) return null;
  return Math.round((onHand / (usedInWindow / windowDays)) * 10) / 10;
}

/** Low when the cover is known and under the threshold, or when nothing is left of an item in use. */
export function isLow(onHand: number, cover: number | null, threshold: number): boolean {
  if (cover === null) return false;
  return onHand <= 0 || cover < threshold;
}
