import { Breadcrumb, Skeleton } from 'antd';
import { listAncestors } from '../first-routes';
import { useApiQuery } from '../query';
import type { Area } from '../types';

/** The chain from the user's scope down to `areaId`, via /areas/:id/ancestors. */
export function AreaBreadcrumb({ areaId, onPick }: { areaId: number; onPick?: (area: Area) => void }) {
  const ancestors = useApiQuery(listAncestors, { params: { id: areaId } });
  if (ancestors.isPending) return <Skeleton.Input size="small" active />;
  const chain = ancestors.data?.items ?? [];
  return (
    <Breadcrumb
      items={chain.map((a) => ({
        key: a.id,
        title: onPick && a.id !== areaId ? <a onClick={() => onPick(a)}>{a.name}</a> : a.name,
      }))}
    />
  );
}
