import { describe, expect, it } from 'vitest';
import { SheetError, stallGuard } from './read-sheet';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The guard against a reader that hangs on a damaged file, which must not mistake a slow consumer for one. */
describe('stall guard', () => {
  it('does not call a file broken because the consumer was slow (a busy database between batches)', async () => {
    // The file is read to its end; the parser takes 1.1 s for each batch (under the 1.5 s limit), and the
    // consumer 1.3 s: together longer than the limit, which a guard timing from the last batch took for a stall.
    async function* parser() {
      for (let i = 0; i < 3; i++) {
        await sleep(1_100);
        yield i;
      }
    }
    const seen: number[] = [];
    for await (const n of stallGuard(parser(), () => true, 1_500)) {
      seen.push(n);
      await sleep(1_300);
    }
    expect(seen).toEqual([0, 1, 2]);
  }, 20_000);

  it('does not count the time the thread was kept from running (a busy machine) as a stall', async () => {
    let calls = 0;
    const held: AsyncIterator<number> = {
      next: async () => {
        if (calls++ > 0) return { done: true, value: undefined };
        // The thread is held for 6.4 s in pieces longer than the guard's tick, as on a machine with too much to do.
        for (let i = 0; i < 4; i++) {
          await sleep(0);
          const until = Date.now() + 1_600;
          while (Date.now() < until);
        }
        return { done: false, value: 1 };
      },
    };
    const seen: number[] = [];
    for await (const n of stallGuard(held, () => true, 1_500)) seen.push(n);
    expect(seen).toEqual([1]);
  }, 20_000);

  it('calls a reader that gives nothing after the file is read broken', async () => {
    const hanging: AsyncIterator<number> = { next: () => new Promise(() => {}) };
    const read = async () => {
      for await (const _ of stallGuard(hanging, () => true, 200)) {
        /* never */
      }
    };
    await expect(read()).rejects.toSatisfy((e: unknown) => e instanceof SheetError && e.problem === 'broken');
  }, 20_000);
});
