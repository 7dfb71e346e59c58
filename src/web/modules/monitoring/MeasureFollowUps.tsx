/** A measure's follow-ups: day, time, done or not, the reading and whether it raised an alert. */
import { Empty, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { listFollowUps } from '../../../domain/monitoring/api';
import { useApiQuery } from '../../app/query';
import { SymptomTags, Temperature } from './labels';
import type { FollowUp } from './types';

export function MeasureFollowUps({ measureId }: { measureId: number }) {
  const { t } = useTranslation();
  const { data } = useApiQuery(listFollowUps, { query: { measureId, pageSize: 200 } });
  return (
    <Table<FollowUp>
      rowKey="id"
      size="small"
      loading={!data}
      dataSource={data?.items ?? []}
      scroll={{ x: 'max-content' }}
      pagination={{ pageSize: 10, showSizeChanger: false }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('monitoring.followUp.noneForMeasure')} /> }}
      columns={[
        { title: t('monitoring.followUp.when'), key: 'when', render: (_: unknown, f: FollowUp) => `${f.day} ${f.time}` },
        {
          title: t('monitoring.field.state'),
          key: 'status',
          render: (_: unknown, f: FollowUp) =>
            f.overdue ? (
              <Tag color="red">{t('monitoring.followUp.overdue')}</Tag>
            ) : (
              <Tag color={f.status === 'done' ? 'green' : 'default'}>{t(`monitoring.followUp.status.${f.status}`)}</Tag>
            ),
        },
        {
          title: t('monitoring.followUp.reading'),
          key: 'reading',
          render: (_: unknown, f: FollowUp) => (
            <>
              <Temperature value={f.temperature} /> <SymptomTags symptoms={f.symptoms} />
              {f.alertId && <Tag color="red">{t('monitoring.followUp.alertRaised')}</Tag>}
            </>
          ),
        },
      ]}
    />
  );
}
