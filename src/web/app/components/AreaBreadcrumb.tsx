import { Breadcrumb, Skeleton } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api';
import type { Area } from '../types';

/** The chain from the user's scope down to `areaId`, via /areas/:id/ancestors. */
export function AreaBreadcrumb({ areaId, onPick }: { areaId: number; onPick?: (area: Area) => void }) {
  const [chain, setChain] = useState<Area[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    setChain(null);
    api
      .get<{ items: Area[] }>(`/api/areas/${areaId}/ancestors`)
      .then((r) => !cancelled && setChain(r.items))
      .catch(() => !cancelled && setChain([]));
    return () => {
      cancelled = true;
    };
  }, [areaId]);
  if (!chain) return <Skeleton.Input size="small" active />;
  return (
    <Breadcrumb
      items={chain.map((a) => ({
        key: a.id,
        title: onPick && a.id !== areaId ? <a onClick={() => onPick(a)}>{a.name}</a> : a.name,
      }))}
    />
  );
}
