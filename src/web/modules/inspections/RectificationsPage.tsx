/** The rectification board (整改台账): orders in scope, overdue first, with their state; each opens its phone page. */
import { Alert, Card, Empty, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ResponseOf } from '../../../domain/contract';
import { listOrders } from '../../../domain/inspections/api';
import { ResponsiveList } from '../../app/components/ResponsiveList';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { severityColour, statusColour, when } from './labels';

type Order = ResponseOf<typeof listOrders>['items'][number];
type Filter = 'unclosed' | 'overdue' | 'reported' | 'closed';
const PAGE_SIZE = 20;

export default function RectificationsPage() {
  const { t } = useTranslation();
  const { area } = useCurrentArea();
  const [status, setStatus] = useState<Filter>('unclosed');
  const [page, setPage] = useState(1);
  const q = useApiQuery(listOrders, { query: { under: area?.id, status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } }, { placeholderData: (p) => p });
  const data = q.data ?? { items: [], total: 0 };
  const state = (o: Order) => (
    <Space size={4} wrap>
      <Tag color={statusColour[o.status]}>{t(`inspections.status.${o.status}`)}</Tag>
      {o.overdue && <Tag color="red">{t('inspections.overdue')}</Tag>}
      {o.escalatedAt && <Tag color="volcano">{t('inspections.escalated')}</Tag>}
    </Space>
  );
  const link = (o: Order) => (
    <Link to={`/inspections/rectifications/${o.id}`} data-testid="order-row">
      {o.itemText}
    </Link>
  );
  const card = (o: Order) => (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      {link(o)}
      <Space size={4} wrap>
        <Tag color={severityColour[o.severity]}>{t(`inspections.severity.${o.severity}`)}</Tag>
        {state(o)}
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {o.targetName} · {o.unitAreaName} · {t('inspections.deadline', { at: when(o.deadlineAt) })}
      </Typography.Text>
    </Space>
  );
  const columns = [
    { title: t('inspections.field.item'), key: 'item', render: (_: unknown, o: Order) => link(o) },
    { title: t('inspections.field.target'), dataIndex: 'targetName' },
    { title: t('inspections.field.unit'), dataIndex: 'unitAreaName' },
    {
      title: t('inspections.field.severity'),
      key: 'severity',
      render: (_: unknown, o: Order) => <Tag color={severityColour[o.severity]}>{t(`inspections.severity.${o.severity}`)}</Tag>,
    },
    { title: t('inspections.field.deadline'), key: 'deadline', render: (_: unknown, o: Order) => when(o.deadlineAt) },
    { title: t('inspections.field.status'), key: 'status', render: (_: unknown, o: Order) => state(o) },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('nav.inspectionsRectifications')}
      </Typography.Title>
      <Card size="small">
        <Segmented<Filter>
          value={status}
          onChange={(v) => (setStatus(v), setPage(1))}
          options={(['unclosed', 'overdue', 'reported', 'closed'] as const).map((v) => ({ value: v, label: t(`inspections.filter.${v}`) }))}
          style={{ marginBottom: 12 }}
        />
        {q.error && <Alert type="error" showIcon title={errorText(q.error, t)} style={{ marginBottom: 12 }} />}
        <ResponsiveList<Order>
          rowKey="id"
          size="small"
          testId="order-table"
          renderCard={card}
          columns={columns}
          dataSource={data.items}
          loading={q.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inspections.noOrders')} /> }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, showSizeChanger: false, onChange: setPage }}
        />
      </Card>
    </Space>
  );
}
