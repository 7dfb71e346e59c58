/** The way back up after drilling down: the round's area (or the caller's own, if deeper) down to the area shown. */
import { Breadcrumb } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../app/api';
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
  const [ancestors, setAncestors] = useState<TrailArea[]>([]);
  useEffect(() => {
    let cancelled = false;
    api
      .get<{ items: TrailArea[] }>(`/api/areas/${current.id}/ancestors`)
      .then((r) => !cancelled && setAncestors(r.items))
      // Without the chain the area's own name still shows; the browser's back button still goes up.
      .catch(() => !cancelled && setAncestors([]));
    return () => {
      cancelled = true;
    };
  }, [current.id]);

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
