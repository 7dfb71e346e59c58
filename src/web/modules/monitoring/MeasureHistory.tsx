/** A measure's audited transitions, oldest first: what, who, when, and the reason or fields changed. */
import { Empty, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from './types';

function detail(h: HistoryEntry): string | null {
  const after = h.after ?? {};
  const reason = typeof after.reason === 'string' ? after.reason : null;
  const ends = typeof after.endsOn === 'string' ? after.endsOn : typeof after.ends_on === 'string' ? after.ends_on : null;
  return [ends && h.action === 'end_date' ? `→ ${ends}` : null, reason].filter(Boolean).join(' · ') || null;
}

export function MeasureHistory({ history }: { history: HistoryEntry[] }) {
  const { t } = useTranslation();
  if (!history.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('monitoring.history.empty')} />;
  return (
    <Timeline
      data-testid="measure-history"
      items={history.map((h, i) => ({
        key: i,
        content: (
          <div>
            <Typography.Text strong>{t(`monitoring.history.${h.action}`, { defaultValue: h.action })}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
              {h.actorName ?? t('common.none')} · {dayjs(h.at).format('YYYY-MM-DD HH:mm')}
            </Typography.Text>
            {detail(h) && <div>{detail(h)}</div>}
          </div>
        ),
      }))}
    />
  );
}
