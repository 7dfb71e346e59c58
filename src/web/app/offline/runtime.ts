/**
 * The browser's outbox (./outbox.ts): stored in IndexedDB (idb-keyval), sent through the app's one request
 * function, one tab at a time (Web Locks), again whenever the network comes back, and with a growing pause while a
 * run keeps failing. What went in is followed by a refresh of what the screens show.
 */
import { createStore, del, set, values } from 'idb-keyval';
import { ApiError, request } from '../api';
import { queryClient } from '../query';
import { type Exclusive, Outbox, type OutboxItem, type OutboxStorage, type SendOutcome, type SubmitResult, backoffMs, isRetryable } from './outbox';

function idbStorage(): OutboxStorage {
  const store = createStore('wangge-offline', 'outbox');
  // Where IndexedDB is refused (some private windows), writes wait in memory: kept until the tab closes.
  const memory = new Map<string, OutboxItem>();
  let broken = false;
  const guard = async <T>(fn: () => Promise<T>, fallback: () => T): Promise<T> => {
    if (broken) return fallback();
    try {
      return await fn();
    } catch {
      broken = true;
      return fallback();
    }
  };
  return {
    load: () =>
      guard(
        async () => ((await values(store)) as OutboxItem[]).concat([...memory.values()]),
        () => [...memory.values()],
      ),
    put: (item) =>
      guard(
        () => set(item.clientId, item, store),
        () => void memory.set(item.clientId, item),
      ),
    remove: (clientId) =>
      guard(
        () => del(clientId, store),
        () => void memory.delete(clientId),
      ),
  };
}

async function send(item: OutboxItem): Promise<SendOutcome> {
  try {
    return { kind: 'done', answer: await request(item.method, item.url, item.body) };
  } catch (e) {
    if (!(e instanceof ApiError)) return { kind: 'retry' };
    if (item.doneCodes?.includes(e.code)) return { kind: 'done', answer: null };
    // An ended session or a stale CSRF token: kept until the same person signs in again.
    if (isRetryable(e.status) || e.status === 401 || e.code === 'CSRF_FAILED') return { kind: 'retry' };
    return { kind: 'rejected', error: e };
  }
}

const exclusive: Exclusive = (fn) => {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? (locks.request('wangge-outbox', fn) as ReturnType<typeof fn>) : fn();
};

export const outbox = new Outbox(typeof indexedDB === 'undefined' ? memoryStorage() : idbStorage(), send, exclusive);

function memoryStorage(): OutboxStorage {
  const m = new Map<string, OutboxItem>();
  return { load: async () => [...m.values()], put: async (i) => void m.set(i.clientId, i), remove: async (id) => void m.delete(id) };
}

// Whatever went in changes what the screens show: refetch them (only those on screen refetch at once), once for a
// replay of many writes rather than once per write.
let refresh: ReturnType<typeof setTimeout> | null = null;
outbox.onSettled((s) => {
  if (s.outcome !== 'done' || refresh) return;
  refresh = setTimeout(() => {
    refresh = null;
    void queryClient.invalidateQueries();
  }, 200);
});

let attempts = 0;
let timer: ReturnType<typeof setTimeout> | null = null;

/** Sends what waits now; while the network keeps failing, tries again after 1 s, 2 s, 4 s … 15 s. */
export async function syncNow(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  const { stalled } = await outbox.flush();
  if (stalled && outbox.pending().length) {
    attempts += 1;
    timer = setTimeout(() => void syncNow(), backoffMs(attempts));
  } else attempts = 0;
}

/** A page's write: stored, sent with what waits before it, and retried later by itself when it has to wait. */
export async function submitWrite<A>(item: OutboxItem): Promise<SubmitResult<A>> {
  const result = await outbox.submit<A>(item);
  if (result.kind === 'queued' && !timer) {
    attempts += 1;
    timer = setTimeout(() => void syncNow(), backoffMs(attempts));
  }
  return result;
}

let started = false;

/** Who is signed in (null at sign-out): their waiting writes are shown and sent. Starts the replay on first call. */
export function startOutbox(userId: number | null) {
  outbox.setUser(userId);
  if (!started && typeof window !== 'undefined') {
    started = true;
    window.addEventListener('online', () => {
      attempts = 0;
      void syncNow();
    });
  }
  if (userId !== null) void syncNow();
}
