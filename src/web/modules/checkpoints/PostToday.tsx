/** Today's figures of one post, and its hours as a chart (the chart's code is fetched only when there is one to draw). */
import { Card, Empty, Skeleton, Statistic } from 'antd';
import { Suspense, lazy } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../domain/contract';
import type { crossingFigures } from '../../../domain/checkpoints/api';

const PostHourlyChart = lazy(() => import('./PostHourlyChart'));
type Figures = ResponseOf<typeof crossingFigures>;

export function PostToday({ figures, loading }: { figures: Figures | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const f = figures?.total;
  const stats = [
    { key: 'checked', value: f?.checked, color: undefined },
    { key: 'letThrough', value: f?.letThrough, color: '#389e0d' },
    { key: 'turnedBack', value: f?.turnedBack, color: '#cf1322' },
    { key: 'vehiclesTurnedBack', value: f?.vehiclesTurnedBack, color: '#cf1322' },
  ] as const;
  return (
    <Card size="small" title={t('checkpoints.post.today')} data-testid="post-today">
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(130px, 1fr))', gap: 8 }}>
        {stats.map((s) => (
          <div key={s.key} data-testid={`post-figure-${s.key}`}>
            <Statistic
              title={t(`checkpoints.figures.${s.key}`)}
              value={s.value ?? 0}
              loading={loading}
              styles={{ content: s.color ? { color: s.color } : undefined }}
            />
          </div>
        ))}
      </div>
      {figures && f && f.checked > 0 ? (
        <Suspense fallback={<Skeleton active paragraph={{ rows: 4 }} />}>
          <PostHourlyChart hours={figures.hours} />
        </Suspense>
      ) : (
        !loading && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('checkpoints.post.noCrossingsToday')} />
      )}
    </Card>
  );
}
