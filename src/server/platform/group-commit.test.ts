import { describe, expect, it } from 'vitest';
import { firstPerClientId, groupCommit } from './group-commit';

/** A writer whose writes take a few milliseconds, recording the batches it was given. */
function recorder(opts: { failOn?: number; delayMs?: number; maxItems?: number; maxWaitMs?: number; concurrency?: number } = {}) {
  const batches: number[][] = [];
  const alone: number[] = [];
  const wait = () => new Promise((r) => setTimeout(r, opts.delayMs ?? 5));
  const w = groupCommit<number, string>({
    maxItems: opts.maxItems ?? 50,
    maxWaitMs: opts.maxWaitMs ?? 0,
    concurrency: opts.concurrency ?? 1,
    async writeMany(items) {
      batches.push(items);
      await wait();
      if (items.includes(opts.failOn ?? -1)) throw new Error('the batch failed');
      return items.map((i) => `wrote ${i}`);
    },
    async writeOne(item) {
      alone.push(item);
      await wait();
      if (item === opts.failOn) throw new Error(`record ${item} is bad`);
      return `wrote ${item} alone`;
    },
  });
  return { w, batches, alone };
}

describe('group commit', () => {
  it('answers a lone record after one write of its own', async () => {
    const { w, batches } = recorder();
    expect(await w.write(7)).toBe('wrote 7');
    expect(batches).toEqual([[7]]);
  });

  it('gathers records arriving while a write is in flight into the next write, each answered with its own outcome', async () => {
    const { w, batches } = recorder({ delayMs: 10 });
    const first = w.write(0);
    await new Promise((r) => setImmediate(r)); // the first write is now in flight
    const rest = Array.from({ length: 30 }, (_, i) => w.write(i + 1));
    expect(await Promise.all([first, ...rest])).toEqual(Array.from({ length: 31 }, (_, i) => `wrote ${i}`));
    expect(batches).toEqual([[0], Array.from({ length: 30 }, (_, i) => i + 1)]);
    expect(w.stats).toMatchObject({ batches: 2, items: 31, fallbacks: 0 });
  });

  it('never puts more than maxItems in one write, nor runs more writes at once than allowed', async () => {
    let running = 0;
    let most = 0;
    const sizes: number[] = [];
    const w = groupCommit<number, number>({
      maxItems: 8,
      maxWaitMs: 0,
      concurrency: 2,
      async writeMany(items) {
        running++;
        most = Math.max(most, running);
        sizes.push(items.length);
        await new Promise((r) => setTimeout(r, 3));
        running--;
        return items;
      },
      writeOne: async (i) => i,
    });
    const all = await Promise.all(Array.from({ length: 100 }, (_, i) => w.write(i)));
    expect(all).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Math.max(...sizes)).toBe(8);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(100);
    expect(most).toBe(2);
  });

  it('waits up to maxWaitMs for company before writing', async () => {
    const { w, batches } = recorder({ maxWaitMs: 20 });
    const a = w.write(1);
    await new Promise((r) => setTimeout(r, 5));
    const b = w.write(2);
    await Promise.all([a, b]);
    expect(batches).toEqual([[1, 2]]);
  });

  it('writes at once when maxItems are waiting, without waiting the full time', async () => {
    const { w, batches } = recorder({ maxWaitMs: 10_000, maxItems: 3 });
    const t = Date.now();
    await Promise.all([w.write(1), w.write(2), w.write(3)]);
    expect(Date.now() - t).toBeLessThan(1000);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('a bad record fails only itself: its batch is written again record by record', async () => {
    const { w, batches, alone } = recorder({ failOn: 3, delayMs: 2 });
    const first = w.write(0);
    await new Promise((r) => setImmediate(r));
    const rest = [1, 2, 3, 4].map((i) =>
      w.write(i).then(
        (o) => o,
        (e: Error) => e.message,
      ),
    );
    expect(await first).toBe('wrote 0');
    expect(await Promise.all(rest)).toEqual(['wrote 1 alone', 'wrote 2 alone', 'record 3 is bad', 'wrote 4 alone']);
    expect(batches).toEqual([[0], [1, 2, 3, 4]]);
    expect(alone).toEqual([1, 2, 3, 4]);
    expect(w.stats.fallbacks).toBe(1);
    // The writer goes on after a failed batch.
    expect(await w.write(5)).toBe('wrote 5');
  });

  it('a lone record whose write fails gets that error', async () => {
    const { w } = recorder({ failOn: 9 });
    await expect(w.write(9)).rejects.toThrow('the batch failed');
  });
});

describe('firstPerClientId', () => {
  it('keeps the first record of each client id in order, and answers a repeat with the repeat outcome', () => {
    const items = [
      { id: 'a', v: 1 },
      { id: 'b', v: 2 },
      { id: 'a', v: 3 },
      { id: 'c', v: 4 },
      { id: 'b', v: 5 },
    ];
    const batch = firstPerClientId(items, (x) => x.id);
    expect(batch.unique.map((x) => x.v)).toEqual([1, 2, 4]);
    // Numbered 1, 2, 3 among the unique ones, as a statement's ordinality numbers them.
    expect(batch.outcomes((n) => `#${n}`, 'repeat')).toEqual(['#1', '#2', 'repeat', '#3', 'repeat']);
  });
});
