import { useEffect, useState } from 'react';
import { getOverview, overviewChanges } from '../../../domain/overview/api';
import { queryClient, urlOf } from '../../app/query';

/**
 * Keeps the overview live: the server says `change` when figures change anywhere (and `ready` on each
 * (re)connect, when changes may have been missed), and the overview is read again — no chart polls. The
 * stream ends every few minutes and EventSource reconnects by itself. Returns whether it is connected.
 */
export function useOverviewLive(enabled = true): boolean {
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource(urlOf(overviewChanges, { query: { seconds: 300 } }));
    const refresh = () => queryClient.invalidateQueries({ queryKey: [getOverview.path] });
    source.addEventListener('ready', () => {
      setConnected(true);
      refresh();
    });
    source.addEventListener('change', refresh);
    source.onerror = () => setConnected(false);
    return () => source.close();
  }, [enabled]);
  return connected;
}
