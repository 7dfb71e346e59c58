/**
 * The reads the service worker keeps for a reload without network (vite.config.ts, OFFLINE_READS) are one person's
 * view: they are dropped when that person signs out, so the next one at the device never sees them.
 */
export const API_CACHE = 'wangge-api';

export async function forgetOfflineReads(): Promise<void> {
  if (typeof caches === 'undefined') return;
  await caches.delete(API_CACHE).catch(() => false);
}
