/** A site and one of its rooms with a free bed (full rooms are shown but disabled), as two selects. */
import { Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { listSites } from '../../../domain/monitoring/api';
import { useApiQuery } from '../../app/query';

/** The open sites in scope (none while loading or when the list cannot be read: the selects stay empty). */
export function useSites() {
  const { data } = useApiQuery(listSites);
  return (data?.items ?? []).filter((s) => !s.closedAt);
}

export function SitePicker({
  siteId,
  roomId,
  onChange,
}: {
  siteId?: number | null;
  roomId?: number | null;
  onChange: (siteId: number | null, roomId: number | null) => void;
}) {
  const { t } = useTranslation();
  const sites = useSites();
  const site = sites.find((s) => s.id === siteId);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Select<number>
        allowClear
        value={siteId ?? undefined}
        placeholder={t('monitoring.site.pickSite')}
        options={sites.map((s) => ({ value: s.id, label: `${s.name} · ${t('monitoring.site.free', { count: s.capacity - s.occupied })}` }))}
        onChange={(v) => onChange(v ?? null, null)}
        data-testid="site-pick"
        notFoundContent={t('monitoring.site.none')}
      />
      <Select<number>
        allowClear
        disabled={!site}
        value={roomId ?? undefined}
        placeholder={t('monitoring.site.pickRoom')}
        options={(site?.rooms ?? []).map((r) => ({ value: r.id, label: `${r.code} (${r.occupied}/${r.capacity})`, disabled: r.occupied >= r.capacity }))}
        onChange={(v) => onChange(siteId ?? null, v ?? null)}
        data-testid="room-pick"
      />
    </Space>
  );
}
