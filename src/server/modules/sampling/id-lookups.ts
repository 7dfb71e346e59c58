/**
 * The desk finds a person by a scanned ID card: legitimate, and also the one place where someone without
 * the reveal permission can test whether a number is registered. So each user may look up only so many
 * numbers in a window (in this process's memory, like the login limiter), every miss is audited (a hit is
 * audited by its binding), and the answer shows the name masked.
 */
export const ID_LOOKUPS_PER_WINDOW = 60;
export const ID_LOOKUP_WINDOW_MS = 10 * 60_000;

const seen = new Map<number, number[]>();

/** Counts one lookup by `userId`; the minutes to wait when over the limit, else null. */
export function idLookupWait(userId: number, now = Date.now()): number | null {
  const recent = (seen.get(userId) ?? []).filter((t) => t > now - ID_LOOKUP_WINDOW_MS);
  if (recent.length >= ID_LOOKUPS_PER_WINDOW) {
    seen.set(userId, recent);
    return Math.max(1, Math.ceil((recent[0] + ID_LOOKUP_WINDOW_MS - now) / 60_000));
  }
  recent.push(now);
  seen.set(userId, recent);
  // Keep the map small: forget users with nothing in the window.
  if (seen.size > 10_000) for (const [k, v] of seen) if (!v.some((t) => t > now - ID_LOOKUP_WINDOW_MS)) seen.delete(k);
  return null;
}
