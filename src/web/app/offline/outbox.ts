/**
 * The field's outbox: every write made on a phone (a desk's binding, a visit, a follow-up's reading) is stored on
 * the device before it is sent, then sent in the order it was made. A network failure (no answer, a 5xx, an
 * expired session) stops the run and keeps the write and everything after it for the next run; an answer that
 * refuses the write (another 4xx) removes it and reports the refusal, since sending it again cannot help. Each
 * write carries the id the device made for it, so a resend whose first answer was lost gets the first result
 * (the server keeps one write per id), and a write is replayed only in the session of the user who made it.
 *
 * Kept apart from React and from the browser's storage so it can be tested on its own (outbox.test.ts); the
 * browser's instance is in runtime.ts.
 */

export interface OutboxItem {
  /** The device's id of this write (a v4 UUID); the server answers a resend with the first result. */
  clientId: string;
  /** Which kind of write, so a page can follow its own: 'sampling.bind', 'screening.visit', 'monitoring.followUp'. */
  kind: string;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body: unknown;
  /** Whose write it is: sent only while that user is signed in on the device. */
  userId: number;
  /** Order of making: writes go out in this order. */
  seq: number;
  createdAt: string;
  /** What it is about (a tube's, a follow-up's id), for the page that shows it as waiting. */
  ref?: number;
  /** A short text for the list of waiting writes (an address, a scan). */
  label?: string;
  /** Error codes meaning an earlier send of this same write already went in (a reading recorded twice). */
  doneCodes?: string[];
  meta?: Record<string, unknown>;
}

/** What sending one write came to: done (with the answer), try again later, or refused for good. */
export type SendOutcome = { kind: 'done'; answer: unknown } | { kind: 'retry' } | { kind: 'rejected'; error: unknown };

export type Settled = { item: OutboxItem; outcome: 'done'; answer: unknown } | { item: OutboxItem; outcome: 'rejected'; error: unknown };

export interface OutboxStorage {
  load(): Promise<OutboxItem[]>;
  put(item: OutboxItem): Promise<void>;
  remove(clientId: string): Promise<void>;
}

/** Runs `fn` alone among the device's tabs (the browser's Web Locks); by default just runs it. */
export type Exclusive = <T>(fn: () => Promise<T>) => Promise<T>;

/** A failure worth retrying: no answer (status 0), a timeout, too many requests, or the server failed (5xx). */
export function isRetryable(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/** Wait before the n-th retry (n from 1): 1 s, 2 s, 4 s … at most `max`. */
export function backoffMs(attempt: number, base = 1000, max = 15_000): number {
  return Math.min(max, base * 2 ** Math.max(0, attempt - 1));
}

/** What submitting a write came to for the page: its answer now, or kept on the device for later. */
export type SubmitResult<A> = { kind: 'done'; answer: A } | { kind: 'queued' };

const bySeq = (a: OutboxItem, b: OutboxItem) => a.seq - b.seq;

export class Outbox {
  private items: OutboxItem[] = [];
  private readonly loaded: Promise<void>;
  private running: Promise<boolean> | null = null;
  private readonly changed = new Set<() => void>();
  private readonly settledListeners = new Set<(s: Settled) => void>();
  /** What the last runs did to each write, read once by the submit that waits for it. */
  private readonly results = new Map<string, Settled>();
  private snapshot: readonly OutboxItem[] = [];
  private user: number | null = null;
  private lastSeq = 0;

  constructor(
    private readonly storage: OutboxStorage,
    private readonly send: (item: OutboxItem) => Promise<SendOutcome>,
    private readonly exclusive: Exclusive = (fn) => fn(),
  ) {
    this.loaded = this.reload().catch(() => undefined);
  }

  /** The signed-in user (null: nobody): only their writes are shown and sent. */
  setUser(userId: number | null) {
    if (this.user === userId) return;
    this.user = userId;
    this.publish();
  }

  get userId(): number | null {
    return this.user;
  }

  /** The signed-in user's writes still on the device, in order (the same array until something changes). */
  pending(): readonly OutboxItem[] {
    return this.snapshot;
  }

  /** Calls `fn` whenever the waiting writes change; returns the unsubscribe. */
  subscribe = (fn: () => void): (() => void) => {
    this.changed.add(fn);
    return () => this.changed.delete(fn);
  };

  /** Calls `fn` for every write that went in or was refused, whoever sent it (a page, or a replay). */
  onSettled(fn: (s: Settled) => void): () => void {
    this.settledListeners.add(fn);
    return () => this.settledListeners.delete(fn);
  }

  /** A number larger than every earlier one on this device, for ordering writes. */
  nextSeq(): number {
    this.lastSeq = Math.max(this.lastSeq + 1, Date.now() * 1000);
    return this.lastSeq;
  }

  /** Stored before anything is sent: a reload, a crash or a dead battery keeps the write. The same id twice is one write. */
  async add(item: OutboxItem): Promise<void> {
    await this.loaded;
    if (this.items.some((i) => i.clientId === item.clientId)) return;
    await this.storage.put(item);
    this.items = [...this.items, item].sort(bySeq);
    this.publish();
  }

  /**
   * Stores a write and sends what waits, this one included: its answer if it went in now, 'queued' if it waits for
   * the network; a refusal is thrown (the page shows it, as for any write).
   */
  async submit<A>(item: OutboxItem): Promise<SubmitResult<A>> {
    await this.add(item);
    await this.flush();
    const settled = this.results.get(item.clientId);
    this.results.delete(item.clientId);
    if (!settled) return { kind: 'queued' };
    if (settled.outcome === 'rejected') throw settled.error;
    return { kind: 'done', answer: settled.answer as A };
  }

  /**
   * Sends the signed-in user's writes in order until none is left or the network fails (then `stalled`). One run at
   * a time: a call during a run waits for it and then runs again, so a write added meanwhile is not left behind.
   */
  async flush(): Promise<{ stalled: boolean }> {
    while (this.running) await this.running.catch(() => undefined);
    const run = this.exclusive(() => this.run());
    this.running = run;
    try {
      return { stalled: await run };
    } finally {
      if (this.running === run) this.running = null;
    }
  }

  private async run(): Promise<boolean> {
    await this.loaded;
    // Another tab may have sent (or added) writes since this one last looked.
    await this.reload();
    for (;;) {
      const item = this.items.find((i) => i.userId === this.user);
      if (!item || this.user === null) return false;
      let outcome: SendOutcome;
      try {
        outcome = await this.send(item);
      } catch {
        outcome = { kind: 'retry' };
      }
      if (outcome.kind === 'retry') return true;
      await this.storage.remove(item.clientId);
      this.items = this.items.filter((i) => i.clientId !== item.clientId);
      this.publish();
      const settled: Settled =
        outcome.kind === 'done' ? { item, outcome: 'done', answer: outcome.answer } : { item, outcome: 'rejected', error: outcome.error };
      this.results.set(item.clientId, settled);
      // Nobody waits for a replayed write's result: keep only the latest few.
      if (this.results.size > 200) this.results.delete(this.results.keys().next().value as string);
      for (const fn of this.settledListeners) fn(settled);
    }
  }

  private async reload() {
    const stored = await this.storage.load();
    this.items = stored.filter((i) => i && typeof i.clientId === 'string').sort(bySeq);
    this.lastSeq = Math.max(this.lastSeq, ...this.items.map((i) => i.seq));
    this.publish();
  }

  private publish() {
    const mine = this.items.filter((i) => i.userId === this.user);
    const same = mine.length === this.snapshot.length && mine.every((i, n) => i === this.snapshot[n]);
    if (same) return;
    this.snapshot = mine;
    for (const fn of this.changed) fn();
  }
}
