/**
 * Who is still missing under the area shown, page by page: names and ID numbers masked by the server, with
 * where they live and the grid workers to call — the list a grid worker works through door to door.
 */
import { Alert, Card, Result, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { errorText } from '../../app/errors';
import type { MissingPerson } from './CoverageModel';

const PAGE_SIZE = 20;

export function CoverageMissing({ roundId, under, tick, missing }: { roundId: number; under?: number; tick: number; missing: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: MissingPerson[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  // Another area or round starts from its first page.
  useEffect(() => setPage(1), [roundId, under]);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    api
      .get<{ items: MissingPerson[]; total: number }>(`/api/sampling/rounds/${roundId}/coverage/missing`, { under, page, pageSize: PAGE_SIZE })
      .then((r) => {
        if (cancelled) return;
        setData(r);
        setError(null);
      })
      .catch((e) => !cancelled && setError(errorText(e, t)))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [roundId, under, page, tick, t]);

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
