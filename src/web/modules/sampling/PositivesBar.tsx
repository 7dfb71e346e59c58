/** The round's flags by status as one stacked bar (held red, cleared green, confirmed dark red) with a tag per status; a tag filters the list. */
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FLAG_STATUSES, type FlagStatus } from './PositivesTypes';

export const STATUS_COLOURS: Record<FlagStatus, string> = { held: '#fa541c', cleared: '#52c41a', confirmed: '#a8071a' };

export function PositivesBar({ counts, onPick }: { counts: Record<FlagStatus, number>; onPick: (s: FlagStatus) => void }) {
  const { t } = useTranslation();
  const total = FLAG_STATUSES.reduce((n, s) => n + counts[s], 0);
  return (
    <div data-testid="positives-bar">
      <div style={{ display: 'flex', height: 14, borderRadius: 7, background: '#f0f0f0', overflow: 'hidden' }} aria-hidden>
        {total > 0 && FLAG_STATUSES.map((s) => <div key={s} style={{ width: `${(counts[s] / total) * 100}%`, background: STATUS_COLOURS[s] }} />)}
      </div>
      <Space wrap size={4} style={{ marginTop: 8 }}>
        {FLAG_STATUSES.map((s) => (
          <Tag
            key={s}
            color={STATUS_COLOURS[s]}
            style={{ cursor: 'pointer', fontSize: 14, padding: '2px 8px' }}
            onClick={() => onPick(s)}
            data-testid={`positives-count-${s}`}
          >
            {t(`samplingPositives.status.${s}`)} {counts[s]}
          </Tag>
        ))}
        <Typography.Text type="secondary">{t('samplingPositives.total', { count: total })}</Typography.Text>
      </Space>
    </div>
  );
}
