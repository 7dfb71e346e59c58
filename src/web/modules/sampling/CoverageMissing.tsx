/**
 * Who is still missing under the area shown, page by page: names and ID numbers masked by the server, with
 * where they live and the grid workers to call — the list a grid worker works through door to door.
 */
import { Alert, Card, Result, Table, Typography } from 'antd';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listMissing } from '../../../domain/sampling/api';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import type { MissingPerson } from './CoverageModel';

const PAGE_SIZE = 20;

/** Keyed by round and area in the dashboard: another area or round starts from its first page. */
export function CoverageMissing({ roundId, under, missing }: { roundId: number; under?: number; missing: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  // Read again with the dashboard; a new page keeps the last one on screen until it arrives.
  const query = useApiQuery(
    listMissing,
    { params: { id: roundId }, query: { under, page, pageSize: PAGE_SIZE } },
    { refetchInterval: 30_000, refetchOnWindowFocus: true, placeholderData: keepPreviousData },
  );
  const data = query.data ?? null;
  const loading = query.isFetching;
  const error = query.error ? errorText(query.error, t) : null;

  return (
    <Card size="small" title={t('samplingCoverage.missingTitle', { count: data?.total ?? missing })}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      {data && data.total === 0 && !loading ? (
        <Result status="success" title={t('samplingCoverage.noneMissing')} style={{ padding: 16 }} data-testid="coverage-none-missing" />
      ) : (
        <Table<MissingPerson>
          rowKey="residentId"
          size="small"
          loading={loading && !data}
          dataSource={data?.items ?? []}
          scroll={{ x: 'max-content' }}
          data-testid="coverage-missing-list"
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            showSizeChanger: false,
            size: 'small',
            onChange: setPage,
            showTotal: (n) => t('samplingCoverage.missingTotal', { count: n }),
          }}
          columns={[
            {
              title: t('samplingCoverage.col.name'),
              key: 'name',
              fixed: 'left',
              render: (_: unknown, m) => <span data-testid="coverage-missing-name">{m.name}</span>,
            },
            {
              title: t('samplingCoverage.col.idNumber'),
              key: 'id',
              render: (_: unknown, m) => <Typography.Text style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{m.idNumber ?? '—'}</Typography.Text>,
            },
            { title: t('samplingCoverage.col.area'), key: 'area', dataIndex: 'areaName' },
            { title: t('samplingCoverage.col.address'), key: 'address', render: (_: unknown, m) => m.address ?? '—' },
            {
              title: t('samplingCoverage.col.gridWorkers'),
              key: 'grid',
              render: (_: unknown, m) => (m.gridWorkers.length ? m.gridWorkers.join(t('samplingCoverage.listSeparator')) : t('samplingCoverage.noGridWorker')),
            },
          ]}
        />
      )}
    </Card>
  );
}
