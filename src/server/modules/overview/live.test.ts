import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../db/engine';
import { FigureChanges } from './live';

/** A database whose `figures_changed` notifications the test sends by hand. */
function fakeDb() {
  let notify: () => void = () => undefined;
  const db = {
    listen: async (_channel: string, fn: () => void) => {
      notify = fn;
    },
  } as unknown as Db;
  return { db, notify: () => notify() };
}

afterEach(() => vi.useRealTimers());

describe('figure changes', () => {
  it('signals the first change at once, folds a burst into one more signal after the pause, and misses no last change', async () => {
    vi.useFakeTimers();
    const { db, notify } = fakeDb();
    const changes = new FigureChanges(db, 500);
    let signals = 0;
    await changes.subscribe(() => signals++);
    notify();
    expect(signals).toBe(1);
    // A burst within the pause: held, then one signal at its end.
    for (let n = 0; n < 20; n++) notify();
    expect(signals).toBe(1);
    vi.advanceTimersByTime(500);
    expect(signals).toBe(2);
    // Quiet afterwards: nothing more.
    vi.advanceTimersByTime(2_000);
    expect(signals).toBe(2);
    // A lone change later is again signalled at once.
    notify();
    expect(signals).toBe(3);
    changes.close();
  });
});
