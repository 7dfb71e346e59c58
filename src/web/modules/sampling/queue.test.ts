import { describe, expect, it } from 'vitest';
import { BindingQueue, type QueuedBinding, type SendOutcome, backoffMs, isRetryable } from './queue';

class MemoryStorage {
  data = new Map<string, string>();
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
}

const item = (n: number): QueuedBinding => ({ clientId: `c${n}`, tubeId: 1, barcode: 'TUBE0001', scan: `scan${n}`, scannedAt: '2026-12-01T00:00:00Z' });

describe('the desk queue', () => {
  it('stores an item before sending and sends in scan order', async () => {
    const storage = new MemoryStorage();
    const q = new BindingQueue(storage);
    q.add(item(1));
    q.add(item(2));
    q.add(item(3));
    q.add(item(2)); // the same scan twice is one item
    expect(JSON.parse(storage.getItem('wangge.sampling.queue')!)).toHaveLength(3);
    // A reload reads the same queue.
    expect(new BindingQueue(storage).pending().map((i) => i.clientId)).toEqual(['c1', 'c2', 'c3']);
    const sent: string[] = [];
    const report = await q.flush(async (i): Promise<SendOutcome<string>> => {
      sent.push(i.clientId);
      return { kind: 'done', answer: `ok ${i.clientId}` };
    });
    expect(sent).toEqual(['c1', 'c2', 'c3']);
    expect(report.done.map((d) => d.answer)).toEqual(['ok c1', 'ok c2', 'ok c3']);
    expect(report.stalled).toBe(false);
    expect(q.pending()).toEqual([]);
    expect(JSON.parse(storage.getItem('wangge.sampling.queue')!)).toEqual([]);
  });

  it('keeps the item that failed on the network and everything after it, then sends them on retry with the same ids', async () => {
    const storage = new MemoryStorage();
    const q = new BindingQueue(storage);
    [1, 2, 3].forEach((n) => q.add(item(n)));
    let online = true;
    const sent: string[] = [];
    const send = async (i: QueuedBinding): Promise<SendOutcome<string>> => {
      if (i.clientId === 'c2' && !online) throw new TypeError('Failed to fetch');
      sent.push(i.clientId);
      return { kind: 'done', answer: i.clientId };
    };
    online = false;
    const first = await q.flush(send);
    expect(first.stalled).toBe(true);
    expect(first.done.map((d) => d.answer)).toEqual(['c1']);
    expect(q.pending().map((i) => i.clientId)).toEqual(['c2', 'c3']);
    expect(new BindingQueue(storage).pending().map((i) => i.clientId)).toEqual(['c2', 'c3']);
    // A 5xx-style retry outcome stalls the same way.
    const stalled = await q.flush(async () => ({ kind: 'retry' }));
    expect(stalled).toEqual({ done: [], rejected: [], stalled: true });
    expect(q.pending()).toHaveLength(2);
    online = true;
    const second = await q.flush(send);
    expect(second.stalled).toBe(false);
    expect(sent).toEqual(['c1', 'c2', 'c3']);
    expect(q.pending()).toEqual([]);
  });

  it('drops an item the server refuses (4xx), reports it, and goes on with the next', async () => {
    const q = new BindingQueue(new MemoryStorage());
    [1, 2, 3].forEach((n) => q.add(item(n)));
    const report = await q.flush(
      async (i): Promise<SendOutcome<string>> =>
        i.clientId === 'c2' ? { kind: 'rejected', error: 'PERSON_NOT_REGISTERED' } : { kind: 'done', answer: i.clientId },
    );
    expect(report.done.map((d) => d.answer)).toEqual(['c1', 'c3']);
    expect(report.rejected).toEqual([{ item: item(2), error: 'PERSON_NOT_REGISTERED' }]);
    expect(q.pending()).toEqual([]);
  });

  it('runs one flush at a time', async () => {
    const q = new BindingQueue(new MemoryStorage());
    [1, 2].forEach((n) => q.add(item(n)));
    const sent: string[] = [];
    const send = async (i: QueuedBinding): Promise<SendOutcome<string>> => {
      await new Promise((r) => setTimeout(r, 5));
      sent.push(i.clientId);
      return { kind: 'done', answer: i.clientId };
    };
    await Promise.all([q.flush(send), q.flush(send)]);
    expect(sent).toEqual(['c1', 'c2']);
  });

  it('survives a broken stored value', () => {
    const storage = new MemoryStorage();
    storage.setItem('wangge.sampling.queue', '{not json');
    expect(new BindingQueue(storage).pending()).toEqual([]);
  });

  it('retries on no answer and 5xx, not on 4xx, with a growing capped wait', () => {
    expect([0, 500, 502, 503].map(isRetryable)).toEqual([true, true, true, true]);
    expect([400, 404, 409, 422].map(isRetryable)).toEqual([false, false, false, false]);
    expect([1, 2, 3, 4, 5, 6, 10].map((n) => backoffMs(n))).toEqual([1000, 2000, 4000, 8000, 15000, 15000, 15000]);
  });
});
