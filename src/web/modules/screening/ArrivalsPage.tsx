/**
 * Arrivals (returnees) found by visits or registered by hand: where from, the origin's risk level looked up for
 * the arrival date, and — for those who may — the policy's decision for each, proposing the measure it gives.
 */
import { Alert, Button, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { errorText } from '../../app/errors';
import { RISK_LEVELS } from '../../../domain/policy/rules';
import { DecisionView } from '../monitoring/DecisionView';
import type { Decision, Measure } from '../monitoring/types';
import { RiskTag } from './RiskAreasPage';

interface Arrival {
  id: number;
  residentId: number;
  residentName: string;
  areaName: string;
  originName: string;
  originScope: string | null;
  originRiskLevel: string;
  arrivedOn: string;
  transportNo: string | null;
  visitId: number | null;
}

export default function ArrivalsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [level, setLevel] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: Arrival[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [proposed, setProposed] = useState<{ arrival: Arrival; decision: Decision; measure: Measure | null } | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setData(await api.get<{ items: Arrival[]; total: number }>('/api/arrivals', { level, page, pageSize: 50 }));
    } catch (e) {
      setError(errorText(e, t));
    }
  }, [level, page, t]);
  useEffect(() => {
    void load();
  }, [load]);

  const propose = async (a: Arrival) => {
    setBusy(a.id);
    setError(null);
    try {
      const r = await api.post<{ decision: Decision; measure: Measure | null }>(`/api/arrivals/${a.id}/propose`, {});
      setProposed({ arrival: a, ...r });
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(null);
    }
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
        loading={!data && !error}
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
          { title: t('screening.risk.level'), render: (_, a) => <RiskTag level={a.originRiskLevel} /> },
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
          <DecisionView decision={proposed.decision} />
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
