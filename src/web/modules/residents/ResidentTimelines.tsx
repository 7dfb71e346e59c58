/** Where the resident lived when (stays), and every recorded change (history), as timelines. */
import { Card, Empty, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { HistoryEntry, Stay } from '../../../domain/residents/api';

export function StaysTimeline({ stays }: { stays: Stay[] }) {
  const { t } = useTranslation();
  // Newest first: where they live now is what one looks for.
  const items = [...stays].reverse().map((s, i) => ({
    key: `${s.from}-${i}`,
    color: s.to ? 'gray' : 'green',
    title: (
      <span style={{ whiteSpace: 'nowrap' }}>
        {s.to ? t('residents.stays.range', { from: s.from, to: s.to }) : t('residents.stays.since', { from: s.from })}
      </span>
    ),
    content: (
      <div>
        {s.householdId ? (
          <Link to={`/residents/households/${s.householdId}`}>{s.address}</Link>
        ) : (
          <Typography.Text type="secondary">{t('residents.stays.noHousehold')}</Typography.Text>
        )}
        {s.areaName && <div style={{ color: 'rgba(0,0,0,.45)' }}>{s.areaName}</div>}
      </div>
    ),
  }));
  return (
    <Card size="small" title={t('residents.stays.title')} data-testid="stays">
      {items.length ? <Timeline items={items} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} />}
    </Card>
  );
}

/** Bookkeeping columns that change with the visible ones; listing them says nothing to a reader. */
const HIDDEN_CHANGES = new Set(['areaPath', 'namePinyin', 'nameInitials']);

export function HistoryTimeline({ history }: { history: HistoryEntry[] }) {
  const { t } = useTranslation();
  const items = [...history]
    .reverse()
    .map((h, i) => ({
      // Only edits list their fields; a move's or a merge's before/after are not field edits.
      changes: h.action === 'update' ? h.changes.filter((c) => !HIDDEN_CHANGES.has(c)) : [],
      h,
      i,
    }))
    .map(({ h, i, changes }) => ({
      key: `${h.at}-${i}`,
      color: h.action === 'reveal' ? 'orange' : h.action === 'move' ? 'green' : 'blue',
      title: <span style={{ whiteSpace: 'nowrap' }}>{dayjs(h.at).format('YYYY-MM-DD HH:mm')}</span>,
      content: (
        <div>
          <Typography.Text strong>{t(`residents.action.${h.action}`, { defaultValue: h.action })}</Typography.Text>
          {h.actorName && <Typography.Text type="secondary"> · {h.actorName}</Typography.Text>}
          {changes.length > 0 && (
            <div style={{ color: 'rgba(0,0,0,.65)' }}>
              {t('residents.history.changed', {
                fields: changes.map((c) => t(`residents.field.${c}`, { defaultValue: c })).join(t('residents.history.separator')),
              })}
            </div>
          )}
        </div>
      ),
    }));
  return (
    <Card size="small" title={t('residents.history.title')} data-testid="history">
      {items.length ? <Timeline items={items} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} />}
    </Card>
  );
}
