/** Measures in scope, filtered by area, state and kind; each opens its page. Cadres propose a new one from here. */
import { Alert, Button, Card, Select, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { PagedList } from '../../app/components/PagedList';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { listMeasures } from '../../../domain/monitoring/api';
import { MEASURE_STATES, type MeasureState } from '../../../domain/monitoring/measures';
import { MEASURE_KINDS, type MeasureKind } from '../../../domain/policy/rules';
import { Masked } from '../residents/tags';
import { KindTag, StateTag } from './labels';
import type { Measure } from './types';

const PAGE_SIZE = 20;

export default function MeasuresPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { area } = useCurrentArea();
  const [params, setParams] = useSearchParams();
  // A value the server does not know (a hand-edited link) comes back as its error, shown above the table.
  const state = (params.get('state') ?? undefined) as MeasureState | undefined;
  const kind = (params.get('kind') ?? undefined) as MeasureKind | undefined;
  const [under, setUnder] = useState<number | undefined>();
  const [page, setPage] = useState(1);
  const measures = useApiQuery(
    listMeasures,
    { query: { under: under ?? area?.id, state, kind, page, pageSize: PAGE_SIZE } },
    // The page shown stays while the next one loads.
    { placeholderData: (previous) => previous },
  );
  const data = measures.data ?? { items: [], total: 0 };
  const error = measures.error ? errorText(measures.error, t) : null;

  const setFilter = (key: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(key, v);
    else next.delete(key);
    setParams(next, { replace: true });
    setPage(1);
  };
  const none = t('common.none');

  const place = (m: Measure) => (m.place === 'home' ? t('monitoring.place.home') : [m.siteName, m.roomCode].filter(Boolean).join(' · '));
  /** One measure on a phone: who, what, until when, where, and who follows it up. */
  const card = (m: Measure) => (
    <Space orientation="vertical" size={4} style={{ width: '100%' }} data-testid="measure-card">
      <Space wrap size={6}>
        <Link to={`/monitoring/measures/${m.id}`} data-testid="measure-link">
          <Typography.Text strong>{m.residentName}</Typography.Text>
        </Link>
        <KindTag kind={m.kind} />
        <StateTag state={m.state} />
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {m.startsOn} → {m.endsOn} · {place(m)}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {m.areaName} · {t('monitoring.field.doctor')} {m.doctorName ?? none} · {t('monitoring.field.gridWorker')} {m.gridWorkerName ?? none}
      </Typography.Text>
    </Space>
  );

  const columns = [
    {
      title: t('monitoring.field.resident'),
      key: 'resident',
      render: (_: unknown, m: Measure) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/monitoring/measures/${m.id}`} data-testid="measure-link">
            {m.residentName}
          </Link>
          <Masked value={m.idNumber} />
        </Space>
      ),
    },
    { title: t('monitoring.field.kind'), key: 'kind', render: (_: unknown, m: Measure) => <KindTag kind={m.kind} /> },
    { title: t('monitoring.field.state'), key: 'state', render: (_: unknown, m: Measure) => <StateTag state={m.state} /> },
    {
      title: t('monitoring.field.period'),
      key: 'period',
      render: (_: unknown, m: Measure) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {m.startsOn} → {m.endsOn}
        </span>
      ),
    },
    {
      title: t('monitoring.field.place'),
      key: 'place',
      render: (_: unknown, m: Measure) => place(m),
    },
    { title: t('monitoring.field.area'), dataIndex: 'areaName' },
    { title: t('monitoring.field.doctor'), key: 'doctor', render: (_: unknown, m: Measure) => m.doctorName ?? none },
    { title: t('monitoring.field.gridWorker'), key: 'grid', render: (_: unknown, m: Measure) => m.gridWorkerName ?? none },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.measures')}
        </Typography.Title>
        {can('measures.write') && (
          <Link to="/monitoring/measures/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="measure-new">
              {t('monitoring.propose.title')}
            </Button>
          </Link>
        )}
      </Space>
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <AreaTreeSelect
            value={under ?? null}
            onChange={(v) => (setUnder(v ?? undefined), setPage(1))}
            placeholder={t('tasks.allAreas')}
            allowClear
            style={{ minWidth: 200 }}
          />
          <Select
            allowClear
            placeholder={t('monitoring.allStates')}
            value={state}
            onChange={(v) => setFilter('state', v)}
            options={MEASURE_STATES.map((s) => ({ value: s, label: t(`monitoring.state.${s}`) }))}
            style={{ minWidth: 130 }}
            data-testid="measure-state-filter"
          />
          <Select
            allowClear
            placeholder={t('monitoring.allKinds')}
            value={kind}
            onChange={(v) => setFilter('kind', v)}
            options={MEASURE_KINDS.filter((k) => k !== 'none').map((k) => ({ value: k, label: t(`monitoring.kind.${k}`) }))}
            style={{ minWidth: 150 }}
          />
        </Space>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <PagedList<Measure>
          rowKey="id"
          testId="measure-table"
          renderCard={card}
          columns={columns}
          loading={measures.isFetching}
          data={data}
          current={page}
          pageSize={PAGE_SIZE}
          onPage={setPage}
          empty={t('monitoring.noMeasures')}
        />
      </Card>
    </Space>
  );
}
