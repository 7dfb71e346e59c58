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
