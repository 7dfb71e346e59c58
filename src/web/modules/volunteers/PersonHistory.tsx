/** Every recorded change of a volunteer, newest first. */
import { Card, Empty, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../../domain/volunteers/api';

export function PersonHistory({ history }: { history: HistoryEntry[] }) {
  const { t } = useTranslation();
  const items = [...history].reverse().map((h, i) => ({
    key: `${h.at}-${i}`,
    title: <span style={{ whiteSpace: 'nowrap' }}>{dayjs(h.at).format('YYYY-MM-DD HH:mm')}</span>,
    content: (
      <div>
        <Typography.Text strong>{t(`audit.actions.${h.action}`, { defaultValue: h.action })}</Typography.Text>
        {h.actorName && <Typography.Text type="secondary"> · {h.actorName}</Typography.Text>}
      </div>
    ),
  }));
  return (
    <Card size="small" title={t('volunteers.person.history')} data-testid="history">
      {items.length ? <Timeline items={items} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} />}
    </Card>
  );
}
