/**
 * Hours served over the last 30 days up to the chosen day, by branch, team or category, or per person
 * (the recognition list, most hours first). From deployments and recorded work.
 */
import { Alert, Card, Empty, Segmented, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ResponseOf } from '../../../domain/contract';
import { serviceTotals } from '../../../domain/volunteers/api';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';

type By = 'branch' | 'team' | 'category' | 'person';
type Total = ResponseOf<typeof serviceTotals>['items'][number];

export function ServiceTotalsCard({ under, on }: { under: number; on: string }) {
  const { t } = useTranslation();
  const [by, setBy] = useState<By>('branch');
  const from = dayjs(on).subtract(29, 'day').format('YYYY-MM-DD');
  const totals = useApiQuery(serviceTotals, { query: { from, to: on, under, by } });
  const items = totals.data?.items ?? [];
  const loading = totals.isPending;
  const error = totals.error ? errorText(totals.error, t) : null;

  const columns = [
    {
      title: t('volunteers.figures.name'),
      key: 'name',
      render: (_: unknown, r: Total) =>
        by === 'person' ? (
          <Link to={`/volunteers/${r.key}`}>{r.name}</Link>
        ) : by === 'category' ? (
          t(`volunteers.category.${r.key}`, { defaultValue: r.name })
        ) : (
          r.name
        ),
    },
    ...(by === 'person' ? [] : [{ title: t('volunteers.hours.people'), dataIndex: 'people', align: 'right' as const }]),
    { title: t('volunteers.hours.hours'), dataIndex: 'hours', align: 'right' as const, render: (h: number) => (h % 1 ? h.toFixed(1) : h) },
  ];
  return (
    <Card size="small" title={t('volunteers.hours.title', { from, to: on })} data-testid="service-totals">
      <Segmented<By>
        value={by}
        onChange={setBy}
        options={(['branch', 'team', 'category', 'person'] as const).map((k) => ({ value: k, label: t(`volunteers.hours.by.${k}`) }))}
        style={{ marginBottom: 12, maxWidth: '100%', overflowX: 'auto' }}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<Total>
        rowKey={(r) => String(r.key)}
        size="small"
        columns={columns}
        dataSource={items}
        loading={loading}
        pagination={items.length > 10 ? { pageSize: 10, showSizeChanger: false, size: 'small' } : false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('volunteers.hours.empty')} /> }}
      />
    </Card>
  );
}
