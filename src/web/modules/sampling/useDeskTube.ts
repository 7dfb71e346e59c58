/**
 * The desk's tube: its open tube after a reload, the one it opens, and its members read again after each change.
 * Offline, the tube on screen stays as it was (a failed read keeps the last answer); the queue shows what waits.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { getTube, listTubes } from '../../../domain/sampling/api';
import { queryKeyOf, useApiQuery } from '../../app/query';
import type { DeskChoice, Tube } from './types';

export function useDeskTube(choice: DeskChoice) {
  const client = useQueryClient();
  const ready = !!(choice.roundId && choice.pointId && choice.desk);
  const [tubeId, setTubeId] = useState<number | null>(null);
  const open = useApiQuery(
    listTubes,
    { query: { roundId: choice.roundId ?? 0, pointId: choice.pointId, desk: choice.desk, status: 'open' } },
    { enabled: ready, staleTime: 0 },
  );
  // Another desk chosen: its open tube, once read.
  const found = ready ? (open.data?.items[0]?.id ?? null) : null;
  useEffect(() => setTubeId(found), [found]);
  const detail = useApiQuery(getTube, { params: { id: tubeId ?? 0 } }, { enabled: tubeId !== null, retry: false });
  const tube: Tube | null = tubeId !== null ? (detail.data ?? null) : null;

  /** Reads a tube again (after bindings, a removal, a close); offline it stays as it was. */
  const loadTube = (id: number) => client.invalidateQueries({ queryKey: queryKeyOf(getTube, { params: { id } }) });
  /** A tube just opened at this desk: shown at once, empty. */
  const showOpened = (opened: Omit<Tube, 'members'>) => {
    client.setQueryData(queryKeyOf(getTube, { params: { id: opened.id } }), { ...opened, members: [] });
    setTubeId(opened.id);
  };
  return { tube, loadTube, showOpened, error: open.error };
}
