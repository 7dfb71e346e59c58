/** The desk's round, point and desk number: remembered on the device, and picked alone when there is only one. */
import { useEffect, useState } from 'react';
import { listPoints, listRounds } from '../../../domain/sampling/api';
import { useApiQuery } from '../../app/query';
import { type DeskChoice, loadChoice, saveChoice } from './types';

export function useDeskChoice() {
  const [choice, setChoice] = useState<DeskChoice>(loadChoice);
  const roundsQuery = useApiQuery(listRounds, { query: { status: 'open' } });
  const pointsQuery = useApiQuery(listPoints, { params: { id: choice.roundId ?? 0 } }, { enabled: !!choice.roundId });
  const rounds = roundsQuery.data?.items ?? [];
  const points = choice.roundId ? (pointsQuery.data?.items ?? []) : [];

  // One open round (the usual day): no need to pick it. A remembered choice stays.
  const onlyRound = roundsQuery.data?.items.length === 1 ? roundsQuery.data.items[0].id : null;
  useEffect(() => {
    if (onlyRound) setChoice((c) => (c.roundId ? c : { roundId: onlyRound }));
  }, [onlyRound]);
  const onlyPoint = pointsQuery.data?.items.length === 1 ? pointsQuery.data.items[0].id : null;
  useEffect(() => {
    if (onlyPoint) setChoice((c) => (c.pointId || !c.roundId ? c : { roundId: c.roundId, pointId: onlyPoint, desk: 1 }));
  }, [onlyPoint]);

  const pick = (c: DeskChoice) => {
    setChoice(c);
    saveChoice(c);
  };
  return { choice, pick, rounds, points, error: roundsQuery.error ?? pointsQuery.error };
}
