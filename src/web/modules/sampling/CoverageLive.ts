/**
 * The dashboard's heartbeat: a number that goes up every `everyMs` while the tab is visible, and at once
 * when a tab hidden longer than that comes back. A hidden tab (a screen left open on a wall, a phone in a
 * pocket) asks the server nothing — at the peak a county's commanders should not cost the coverage query.
 */
import { useEffect, useState } from 'react';

/** The part of `document` the ticker needs (a stand-in in unit tests). */
export interface VisibilitySource {
  readonly visibilityState: DocumentVisibilityState;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

/** Calls `onTick` on the schedule above; returns the function that stops it. */
export function startLiveTicks(onTick: () => void, everyMs: number, doc: VisibilitySource = document, now: () => number = Date.now): () => void {
  let last = now();
  const tick = () => {
    last = now();
    onTick();
  };
  const timer = setInterval(() => {
    if (doc.visibilityState === 'visible') tick();
  }, everyMs);
  const onVisible = () => {
    if (doc.visibilityState === 'visible' && now() - last >= everyMs) tick();
  };
  doc.addEventListener('visibilitychange', onVisible);
  return () => {
    clearInterval(timer);
    doc.removeEventListener('visibilitychange', onVisible);
  };
}

export function useLiveTick(everyMs = 30_000): number {
  const [tick, setTick] = useState(0);
  useEffect(() => startLiveTicks(() => setTick((n) => n + 1), everyMs), [everyMs]);
  return tick;
}
