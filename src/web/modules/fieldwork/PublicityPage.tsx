/** Publicity (宣传): counts per village and kind, then the items placed, newest first, each with its photo. */
import { Alert, Button, Card, Empty, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ResponseOf } from '../../../domain/contract';
import { getPolicy, listPublicity, publicityCountsRoute } from '../../../domain/fieldwork/api';
import { useAuth } from '../../app/auth';
import { ResponsiveList } from '../../app/components/ResponsiveList';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { PhotoThumbs } from '../../app/PhotoInput';
import { useApiQuery } from '../../app/query';
import { kindName } from './labels';

type Item = ResponseOf<typeof listPublicity>['items'][number];
type Row = ResponseOf<typeof publicityCountsRoute>['rows'][number];
const PAGE_SIZE = 20;

export default function PublicityPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { area } = useCurrentArea();
  const [page, setPage] = useState(1);
  const policy = useApiQuery(getPolicy, {});
  const counts = useApiQuery(publicityCountsRoute, { query: { under: area?.id } });
  const q = useApiQuery(listPublicity, { query: { under: area?.id, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } }, { placeholderData: (p) => p });
  const kinds = policy.data?.publicityKinds;
  const name = (code: string) => kindName(kinds, code, i18n.language);
  const used = (counts.data?.kinds ?? []).filter((k) => counts.data?.total[k]);
  const countColumns = [
    { title: t('fieldwork.field.village'), dataIndex: 'areaName', fixed: 'left' as const },
    ...used.map((k) => ({ title: name(k), key: k, render: (_: unknown, r: Row) => r.counts[k] ?? 0 })),
    { title: t('fieldwork.total'), dataIndex: 'total' },
  ];
  const line = (i: Item) => `${name(i.kind)} × ${i.count} · ${i.areaName}${i.place ? ` · ${i.place}` : ''} · ${i.placedOn}`;
  const columns = [
    { title: t('fieldwork.field.publicityKind'), key: 'kind', render: (_: unknown, i: Item) => name(i.kind) },
    { title: t('fieldwork.field.count'), dataIndex: 'count' },
    { title: t('fieldwork.field.village'), dataIndex: 'areaName' },
    { title: t('fieldwork.field.place'), dataIndex: 'place' },
    { title: t('fieldwork.field.placedOn'), dataIndex: 'placedOn' },
    { title: t('fieldwork.field.photo'), key: 'photos', render: (_: unknown, i: Item) => <PhotoThumbs photos={i.photos} /> },
    { title: t('fieldwork.field.by'), dataIndex: 'createdByName' },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.fieldworkPublicity')}
        </Typography.Title>
        {can('fieldwork.record') && (
          <Link to="/fieldwork/publicity/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="publicity-new">
              {t('fieldwork.newPublicity')}
            </Button>
          </Link>
        )}
      </Space>
      <Card size="small" title={t('fieldwork.countsTitle')}>
        {counts.error && <Alert type="error" showIcon title={errorText(counts.error, t)} />}
        <Table<Row> rowKey="areaId" size="small" columns={countColumns} dataSource={counts.data?.rows ?? []} pagination={false} scroll={{ x: 'max-content' }} />
      </Card>
      <Card size="small">
        {q.error && <Alert type="error" showIcon title={errorText(q.error, t)} style={{ marginBottom: 12 }} />}
        <ResponsiveList<Item>
          rowKey="id"
          size="small"
          testId="publicity-table"
          renderCard={(i) => (
            <Space orientation="vertical" size={4}>
              <Typography.Text>{line(i)}</Typography.Text>
              <PhotoThumbs photos={i.photos} />
            </Space>
          )}
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fieldwork.noPublicity')} /> }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: q.data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
        />
      </Card>
    </Space>
  );
}
