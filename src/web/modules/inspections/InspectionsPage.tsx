/** Inspections in scope (督导检查), newest first; an inspector starts a new one from here. */
import { Alert, Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ResponseOf } from '../../../domain/contract';
import { listInspections } from '../../../domain/inspections/api';
import { useAuth } from '../../app/auth';
import { ResponsiveList } from '../../app/components/ResponsiveList';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { kindLabel, when } from './labels';

type Item = ResponseOf<typeof listInspections>['items'][number];
const PAGE_SIZE = 20;

export default function InspectionsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { area } = useCurrentArea();
  const [page, setPage] = useState(1);
  const q = useApiQuery(listInspections, { query: { under: area?.id, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } }, { placeholderData: (p) => p });
  const data = q.data ?? { items: [], total: 0 };
  const verdict = (i: Item) => (
    <Space size={4}>
      <Typography.Text strong>{i.score}</Typography.Text>
      {i.vetoed && <Tag color="red">{t('inspections.vetoed')}</Tag>}
      <Tag color={i.passed ? 'green' : 'red'}>{i.passed ? t('inspections.passed') : t('inspections.failed')}</Tag>
    </Space>
  );
  const link = (i: Item) => (
    <Link to={`/inspections/${i.id}`} data-testid="inspection-row">
      {i.targetName}
    </Link>
  );
  const card = (i: Item) => (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Space wrap>
        {link(i)}
        {verdict(i)}
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {kindLabel(t, i.targetKind)} · {t(`inspections.mode.${i.mode}`)} · {when(i.inspectedAt)} · {i.inspectorName}
      </Typography.Text>
    </Space>
  );
  const columns = [
    { title: t('inspections.field.target'), key: 'target', render: (_: unknown, i: Item) => link(i) },
    { title: t('inspections.field.kind'), key: 'kind', render: (_: unknown, i: Item) => kindLabel(t, i.targetKind) },
    { title: t('inspections.field.mode'), key: 'mode', render: (_: unknown, i: Item) => t(`inspections.mode.${i.mode}`) },
    { title: t('inspections.field.inspectedAt'), key: 'at', render: (_: unknown, i: Item) => when(i.inspectedAt) },
    { title: t('inspections.field.inspector'), dataIndex: 'inspectorName' },
    { title: t('inspections.field.score'), key: 'score', render: (_: unknown, i: Item) => verdict(i) },
    { title: t('inspections.field.failedItems'), dataIndex: 'failedItems' },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.inspections')}
        </Typography.Title>
        {can('inspections.inspect') && (
          <Link to="/inspections/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="inspection-new">
              {t('inspections.new')}
            </Button>
          </Link>
        )}
      </Space>
      <Card size="small">
        {q.error && <Alert type="error" showIcon title={errorText(q.error, t)} style={{ marginBottom: 12 }} />}
        <ResponsiveList<Item>
          rowKey="id"
          size="small"
          testId="inspection-table"
          renderCard={card}
          columns={columns}
          dataSource={data.items}
          loading={q.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inspections.none')} /> }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, showSizeChanger: false, onChange: setPage }}
        />
      </Card>
    </Space>
  );
}
