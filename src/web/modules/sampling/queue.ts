/**
 * The desk's offline queue of bindings, kept apart from React so it can be tested without a browser.
 * Every scan becomes an item with a client-made id, written to storage before it is sent; items go out
 * one at a time in the order they were scanned. A network failure (no answer, or a 5xx) stops the run and
 * keeps the item and everything after it; a 4xx answer removes the item and reports the error (resending
 * cannot fix it). Since the id is the desk's, a resend whose first answer was lost gets the first result.
 */

export interface QueuedBinding {
  clientId: string;
  tubeId: number;
  barcode: string;
  scan: string;
  scannedAt: string;
}

/** What sending one item came to: done (answer), retry later (network, 5xx) or refused for good (4xx). */
export type SendOutcome<A> = { kind: 'done'; answer: A } | { kind: 'retry' } | { kind: 'rejected'; error: unknown };

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** A failure worth retrying: the request never got an answer (status 0) or the server failed (5xx). */
export function isRetryable(status: number): boolean {
  return status === 0 || status >= 500;
}

/** Wait before the n-th retry (n from 1): 1 s, 2 s, 4 s … at most `max`. */
export function backoffMs(attempt: number, base = 1000, max = 15_000): number {
  return Math.min(max, base * 2 ** Math.max(0, attempt - 1));
}

export interface FlushReport<A> {
  done: { item: QueuedBinding; answer: A }[];
  rejected: { item: QueuedBinding; error: unknown }[];
  /** true when a network failure stopped the run with items left. */
  stalled: boolean;
}

export class BindingQueue {
  private items: QueuedBinding[];
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly storage: StorageLike,
    private readonly key = 'wangge.sampling.queue',
  ) {
    this.items = BindingQueue.read(storage, key);
  }

  private static read(storage: StorageLike, key: string): QueuedBinding[] {
    try {
      const raw = storage.getItem(key);
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed) ? (parsed as QueuedBinding[]).filter((i) => i && typeof i.clientId === 'string') : [];
    } catch {
      return [];
    }
  }

  private persist() {
    this.storage.setItem(this.key, JSON.stringify(this.items));
  }

  /** Stored before anything is sent: a reload or a crash keeps the scan. */
  add(item: QueuedBinding) {
    if (this.items.some((i) => i.clientId === item.clientId)) return;
    this.items.push(item);
    this.persist();
  }

  pending(): readonly QueuedBinding[] {
    return this.items;
  }

  /**
   * Sends the queue in order. Only one run at a time: a second call while one runs waits for it and
   * reports nothing of its own.
   */
  async flush<A>(send: (item: QueuedBinding) => Promise<SendOutcome<A>>): Promise<FlushReport<A>> {
    const report: FlushReport<A> = { done: [], rejected: [], stalled: false };
    if (this.running) {
      await this.running;
      return report;
    }
    const run = (async () => {
      while (this.items.length) {
        const item = this.items[0];
        let outcome: SendOutcome<A>;
        try {
          outcome = await send(item);
        } catch {
          outcome = { kind: 'retry' };
        }
        if (outcome.kind === 'retry') {
          report.stalled = true;
          return;
        }
        this.items = this.items.filter((i) => i.clientId !== item.clientId);
        this.persist();
        if (outcome.kind === 'done') report.done.push({ item, answer: outcome.answer });
        else report.rejected.push({ item, error: outcome.error });
      }
    })();
    this.running = run;
    try {
      await run;
    } finally {
      this.running = null;
    }
    return report;
  }
}
