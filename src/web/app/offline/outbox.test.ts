import { describe, expect, it } from 'vitest';
import { Outbox, type OutboxItem, type OutboxStorage, type SendOutcome, type Settled, backoffMs, isRetryable } from './outbox';

/** The device's storage as the browser's IndexedDB would keep it, readable by a second Outbox (a reload, another tab). */
class MemoryStorage implements OutboxStorage {
  data = new Map<string, OutboxItem>();
  async load() {
    return [...this.data.values()].map((i) => ({ ...i }));
  }
  async put(item: OutboxItem) {
    this.data.set(item.clientId, { ...item });
  }
  async remove(id: string) {
    this.data.delete(id);
  }
}

const item = (n: number, over: Partial<OutboxItem> = {}): OutboxItem => ({
  clientId: `c${n}`,
  kind: 'sampling.bind',
  method: 'POST',
  url: '/api/sampling/bindings',
  body: { clientId: `c${n}`, scan: `scan${n}` },
  userId: 7,
  seq: n,
  createdAt: '2026-12-01T00:00:00Z',
  ...over,
});

const ok = async (i: OutboxItem): Promise<SendOutcome> => ({ kind: 'done', answer: `ok ${i.clientId}` });

describe('the outbox', () => {
  it('stores a write before sending, sends in the order made, and a reload reads the same writes', async () => {
    const storage = new MemoryStorage();
    const sent: string[] = [];
    const box = new Outbox(storage, async (i) => {
      sent.push(i.clientId);
      return { kind: 'done', answer: i.clientId };
    });
    box.setUser(7);
    await box.add(item(3));
    await box.add(item(1));
    await box.add(item(2));
    await box.add(item(2)); // the same write twice is one write
    expect(storage.data.size).toBe(3);
    const reloaded = new Outbox(storage, ok);
    reloaded.setUser(7);
    await reloaded.add(item(1)); // waits for the stored writes to be read
    expect(reloaded.pending().map((i) => i.clientId)).toEqual(['c1', 'c2', 'c3']);
    expect(await box.flush()).toEqual({ stalled: false });
    expect(sent).toEqual(['c1', 'c2', 'c3']);
    expect(box.pending()).toEqual([]);
    expect(storage.data.size).toBe(0);
  });

  it('keeps the write that failed on the network and everything after it, then sends them once with the same ids', async () => {
    const storage = new MemoryStorage();
    let online = true;
    const sent: string[] = [];
    const box = new Outbox(storage, async (i) => {
      if (i.clientId === 'c2' && !online) throw new TypeError('Failed to fetch');
      sent.push(i.clientId);
      return { kind: 'done', answer: i.clientId };
    });
    box.setUser(7);
    for (const n of [1, 2, 3]) await box.add(item(n));
    online = false;
    expect(await box.flush()).toEqual({ stalled: true });
    expect(sent).toEqual(['c1']);
    expect(box.pending().map((i) => i.clientId)).toEqual(['c2', 'c3']);
    expect([...storage.data.keys()]).toEqual(['c2', 'c3']);
    online = true;
    expect(await box.flush()).toEqual({ stalled: false });
    expect(await box.flush()).toEqual({ stalled: false });
    expect(sent).toEqual(['c1', 'c2', 'c3']);
  });

  it('answers a submit with the answer online, with "queued" offline, and throws a refusal', async () => {
    let mode: 'up' | 'down' | 'refuse' = 'up';
    const box = new Outbox(new MemoryStorage(), async (i) =>
      mode === 'up' ? { kind: 'done', answer: `ok ${i.clientId}` } : mode === 'down' ? { kind: 'retry' } : { kind: 'rejected', error: new Error('NO') },
    );
    box.setUser(7);
    expect(await box.submit(item(1))).toEqual({ kind: 'done', answer: 'ok c1' });
    mode = 'down';
    expect(await box.submit(item(2))).toEqual({ kind: 'queued' });
    expect(box.pending()).toHaveLength(1);
    mode = 'refuse';
    await expect(box.submit(item(3))).rejects.toThrow('NO');
    // The refused write and the one before it (refused too, in order) are gone: resending cannot fix a refusal.
    expect(box.pending()).toEqual([]);
  });

  it('drops a refused write, tells the listeners, and goes on with the next', async () => {
    const box = new Outbox(new MemoryStorage(), async (i) =>
      i.clientId === 'c2' ? { kind: 'rejected', error: 'PERSON_NOT_REGISTERED' } : { kind: 'done', answer: i.clientId },
    );
    const seen: Settled[] = [];
    box.onSettled((s) => seen.push(s));
    box.setUser(7);
    for (const n of [1, 2, 3]) await box.add(item(n));
    await box.flush();
    expect(seen.map((s) => [s.item.clientId, s.outcome])).toEqual([
      ['c1', 'done'],
      ['c2', 'rejected'],
      ['c3', 'done'],
    ]);
    expect(box.pending()).toEqual([]);
  });

  it('sends only the signed-in user’s writes, and nothing while nobody is signed in', async () => {
    const sent: string[] = [];
    const box = new Outbox(new MemoryStorage(), async (i) => {
      sent.push(i.clientId);
      return { kind: 'done', answer: null };
    });
    await box.add(item(1, { userId: 7 }));
    await box.add(item(2, { userId: 8 }));
    await box.flush();
    expect(sent).toEqual([]);
    box.setUser(8);
    expect(box.pending().map((i) => i.clientId)).toEqual(['c2']);
    await box.flush();
    expect(sent).toEqual(['c2']);
    box.setUser(7);
    await box.flush();
    expect(sent).toEqual(['c2', 'c1']);
  });

  it('runs one flush at a time, and a write added during a run is sent by the next', async () => {
    const sent: string[] = [];
    const box = new Outbox(new MemoryStorage(), async (i) => {
      await new Promise((r) => setTimeout(r, 5));
      sent.push(i.clientId);
      return { kind: 'done', answer: i.clientId };
    });
    box.setUser(7);
    for (const n of [1, 2]) await box.add(item(n));
    const first = box.flush();
    await box.add(item(3));
    await Promise.all([first, box.flush(), box.flush()]);
    expect(sent).toEqual(['c1', 'c2', 'c3']);
  });

  it('two tabs on one device send each write once', async () => {
    const storage = new MemoryStorage();
    const sent: string[] = [];
    const send = async (i: OutboxItem): Promise<SendOutcome> => {
      await new Promise((r) => setTimeout(r, 2));
      sent.push(i.clientId);
      return { kind: 'done', answer: null };
    };
    // The browser's lock runs one tab's flush after the other's.
    let chain: Promise<unknown> = Promise.resolve();
    const lock = <T>(fn: () => Promise<T>): Promise<T> => {
      const next = chain.then(fn);
      chain = next.catch(() => undefined);
      return next;
    };
    const a = new Outbox(storage, send, lock);
    const b = new Outbox(storage, send, lock);
    a.setUser(7);
    b.setUser(7);
    for (const n of [1, 2, 3]) await a.add(item(n));
    await Promise.all([a.flush(), b.flush()]);
    expect(sent).toEqual(['c1', 'c2', 'c3']);
  });

  it('retries on no answer, timeouts, throttling and 5xx, not on other 4xx, with a growing capped wait', () => {
    expect([0, 408, 429, 500, 502, 503].map(isRetryable)).toEqual([true, true, true, true, true, true]);
    expect([400, 403, 404, 409, 422].map(isRetryable)).toEqual([false, false, false, false, false]);
    expect([1, 2, 3, 4, 5, 6, 10].map((n) => backoffMs(n))).toEqual([1000, 2000, 4000, 8000, 15000, 15000, 15000]);
  });
});
