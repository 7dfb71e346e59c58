/**
 * Arrivals (returnees) found by visits or registered by hand: where from, the origin's risk level looked up for
 * the arrival date, and — for those who may — the policy's decision for each, proposing the measure it gives.
 */
import { Alert, Button, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ResponseOf } from '../../../domain/contract';
import { RISK_LEVELS, type RiskLevel } from '../../../domain/policy/rules';
import { type Arrival, listArrivals, proposeForArrival } from '../../../domain/screening/api/arrivals';
import { useAuth } from '../../app/auth';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { DecisionView } from '../monitoring/DecisionView';
import type { Decision } from '../monitoring/types';
import { RiskTag } from './RiskAreasPage';

export default function ArrivalsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [level, setLevel] = useState<RiskLevel | undefined>();
  const [page, setPage] = useState(1);
  const arrivals = useApiQuery(listArrivals, { query: { level, page, pageSize: 50 } });
  const data = arrivals.data;
  const proposing = useApiMutation(proposeForArrival);
  const [proposed, setProposed] = useState<({ arrival: Arrival } & ResponseOf<typeof proposeForArrival>) | null>(null);
  const failure = arrivals.error ?? proposing.error;
  const error = failure ? errorText(failure, t) : null;
  const busy = proposing.isPending ? proposing.variables?.params.id : null;

  const propose = async (a: Arrival) => {
    const r = await proposing.mutateAsync({ params: { id: a.id }, body: {} }).catch(() => null);
    if (r) setProposed({ arrival: a, ...r });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1100, margin: '0 auto', display: 'flex' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('nav.arrivals')}
      </Typography.Title>
      <Select
        allowClear
        placeholder={t('screening.risk.level')}
        style={{ width: 200 }}
        value={level}
        onChange={(v) => (setPage(1), setLevel(v))}
        options={RISK_LEVELS.map((l) => ({ value: l, label: t(`monitoring.risk.${l}`) }))}
      />
      {error && <Alert type="error" showIcon title={error} />}
      <Table<Arrival>
        rowKey="id"
        size="small"
        scroll={{ x: true }}
        loading={arrivals.isFetching}
        dataSource={data?.items ?? []}
        data-testid="arrivals-table"
        pagination={{ current: page, pageSize: 50, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('screening.arrival.person'), render: (_, a) => <Link to={`/residents/${a.residentId}`}>{a.residentName}</Link> },
          { title: t('screening.arrival.where'), dataIndex: 'areaName' },
          {
            title: t('screening.arrival.origin'),
            render: (_, a) => `${a.originName}${a.originScope ? ` · ${t(`monitoring.originScope.${a.originScope}`)}` : ''}`,
          },
          { title: t('screening.risk.level'), render: (_, a) => <RiskTag level={a.originRiskLevel ?? 'none'} /> },
          { title: t('screening.arrivedOn'), dataIndex: 'arrivedOn' },
          { title: t('screening.transportNo'), dataIndex: 'transportNo', render: (v: string | null) => v ?? '—' },
          { title: t('screening.arrival.source'), render: (_, a) => <Tag>{t(a.visitId ? 'screening.arrival.byVisit' : 'screening.arrival.byHand')}</Tag> },
          ...(can('measures.write')
            ? [
                {
                  title: t('common.actions'),
                  render: (_: unknown, a: Arrival) => (
                    <Button size="small" loading={busy === a.id} onClick={() => void propose(a)} data-testid="arrival-propose">
                      {t('screening.arrival.propose')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {proposed && (
        <Modal open title={proposed.arrival.residentName} onCancel={() => setProposed(null)} footer={null}>
          {/* The decision view is typed by monitoring's own (older) shape: the same fields, with the nullable ones it already reads as such. */}
          <DecisionView decision={proposed.decision as Decision} />
          {proposed.measure ? (
            <Link to={`/monitoring/measures/${proposed.measure.id}`} data-testid="arrival-measure">
              {t('screening.arrival.openMeasure')}
            </Link>
          ) : (
            <Typography.Text type="secondary">{t('screening.arrival.noMeasure')}</Typography.Text>
          )}
        </Modal>
      )}
    </Space>
  );
}
