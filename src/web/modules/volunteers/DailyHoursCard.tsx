/** A person's hours per day over the last 30 days: from deployments (theirs or their team's) and recorded work, at most 24 a day. */
import { Alert, Card, Empty, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import type { ResponseOf } from '../../../domain/contract';
import { useTranslation } from 'react-i18next';
import { serviceHours } from '../../../domain/volunteers/api';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';

type DayHours = ResponseOf<typeof serviceHours>['items'][number];

export function DailyHoursCard({ volunteerId }: { volunteerId: number }) {
  const { t } = useTranslation();
  const to = dayjs().format('YYYY-MM-DD');
  const from = dayjs().subtract(29, 'day').format('YYYY-MM-DD');
  const hours = useApiQuery(serviceHours, { query: { from, to, volunteerId } });
  const items = hours.data ? [...hours.data.items].reverse() : null;
  const error = hours.error ? errorText(hours.error, t) : null;

  return (
    <Card size="small" title={t('volunteers.hours.daily')} data-testid="daily-hours">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Table<DayHours>
        rowKey="on"
        size="small"
        loading={hours.isPending}
        dataSource={items ?? []}
        pagination={(items?.length ?? 0) > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('volunteers.hours.noDaily')} /> }}
        columns={[
          { title: t('volunteers.record.on'), dataIndex: 'on' },
          { title: t('volunteers.hours.hours'), dataIndex: 'hours', align: 'right' as const },
          {
            title: '',
            key: 'sources',
            render: (_: unknown, d: DayHours) => (
              <Space size={4} wrap>
                {d.sources.map((s) => (
                  <Tag key={s} color={s === 'deployment' ? 'blue' : 'gold'}>
                    {s === 'deployment' ? t('volunteers.hours.sourceDeployment') : t('volunteers.hours.sourceRecord')}
                  </Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
