/**
 * The dashboard's heartbeat: a number that goes up every `everyMs` while the tab is visible, and at once
 * when a tab hidden longer than that comes back. A hidden tab (a screen left open on a wall, a phone in a
 * pocket) asks the server nothing — at the peak a county's commanders should not cost the coverage query.
 */
import { useEffect, useRef, useState } from 'react';

export function useLiveTick(everyMs = 30_000): number {
  const [tick, setTick] = useState(0);
  const last = useRef(Date.now());

  useEffect(() => {
    const bump = () => {
      last.current = Date.now();
      setTick((n) => n + 1);
    };
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') bump();
    }, everyMs);
    const onVisible = () => {
      if (document.visibilityState === 'visible' && Date.now() - last.current >= everyMs) bump();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [everyMs]);

  return tick;
}
