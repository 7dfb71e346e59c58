/** The way back up after drilling down: the round's area (or the caller's own, if deeper) down to the area shown. */
import { Breadcrumb } from 'antd';
import { listAncestors } from '../../../domain/areas/api';
import { useApiQuery } from '../../app/query';
import { type TrailArea, drillTrail } from './CoverageModel';

export function CoverageBreadcrumb({
  current,
  roundAreaPath,
  onPick,
}: {
  current: TrailArea;
  roundAreaPath: string;
  onPick: (areaId: number, isTop: boolean) => void;
}) {
  // Without the chain (still loading, or refused) the area's own name still shows; the browser's back button still goes up.
  const ancestors = useApiQuery(listAncestors, { params: { id: current.id } }).data?.items ?? [];

  const trail = drillTrail(ancestors, current, roundAreaPath);
  return (
    <Breadcrumb
      data-testid="coverage-trail"
      items={trail.map((a, i) => ({
        key: a.id,
        title:
          i < trail.length - 1 ? (
            <a onClick={() => onPick(a.id, i === 0)} data-testid="coverage-trail-link">
              {a.name}
            </a>
          ) : (
            <span data-testid="coverage-trail-current">{a.name}</span>
          ),
      }))}
    />
  );
}
