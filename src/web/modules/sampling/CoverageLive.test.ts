import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type VisibilitySource, startLiveTicks } from './CoverageLive';

/** A tab whose visibility the test switches, firing 'visibilitychange' like a browser. */
function fakeTab(): VisibilitySource & { show(visible: boolean): void; listeners: number } {
  const listeners = new Set<() => void>();
  const tab = {
    visibilityState: 'visible' as DocumentVisibilityState,
    addEventListener: (_: 'visibilitychange', l: () => void) => void listeners.add(l),
    removeEventListener: (_: 'visibilitychange', l: () => void) => void listeners.delete(l),
    show(visible: boolean) {
      tab.visibilityState = visible ? 'visible' : 'hidden';
      for (const l of listeners) l();
    },
    get listeners() {
      return listeners.size;
    },
  };
  return tab;
}

describe('startLiveTicks', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('ticks every period while the tab is visible', () => {
    const tab = fakeTab();
    const onTick = vi.fn();
    startLiveTicks(onTick, 30_000, tab, Date.now);
    vi.advanceTimersByTime(29_999);
    expect(onTick).toHaveBeenCalledTimes(0);
    vi.advanceTimersByTime(1);
    expect(onTick).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    expect(onTick).toHaveBeenCalledTimes(3);
  });

  it('asks nothing while hidden, and catches up at once when shown after a long absence', () => {
    const tab = fakeTab();
    const onTick = vi.fn();
    startLiveTicks(onTick, 30_000, tab, Date.now);
    tab.show(false);
    vi.advanceTimersByTime(5 * 60_000);
    expect(onTick).toHaveBeenCalledTimes(0);
    tab.show(true);
    expect(onTick).toHaveBeenCalledTimes(1);
  });

  it('does not tick on a quick switch back (figures still fresh)', () => {
    const tab = fakeTab();
    const onTick = vi.fn();
    startLiveTicks(onTick, 30_000, tab, Date.now);
    vi.advanceTimersByTime(10_000);
    tab.show(false);
    tab.show(true);
    expect(onTick).toHaveBeenCalledTimes(0);
  });

  it('stops: no timer and no listener left behind', () => {
    const tab = fakeTab();
    const onTick = vi.fn();
    const stop = startLiveTicks(onTick, 30_000, tab, Date.now);
    expect(tab.listeners).toBe(1);
    stop();
    expect(tab.listeners).toBe(0);
    vi.advanceTimersByTime(120_000);
    tab.show(true);
    expect(onTick).not.toHaveBeenCalled();
  });
});
