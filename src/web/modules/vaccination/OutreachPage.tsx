/**
 * The outreach working list (疫苗接种动员): the people of a band under the chosen area, oldest first, with their state
 * and next dose, filtered by band, state and "due now". A phone shows one card per person; each opens their card.
 * Those who may manage make call (or visit) tasks for everyone due and not yet reached.
 */
import { Alert, App, Button, Card, Empty, Segmented, Select, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ResponseOf } from '../../../domain/contract';
import { makeCalls, outreach } from '../../../domain/vaccination/api';
import { type Band, BANDS, type MobilisationState, STATES } from '../../../domain/vaccination/kinds';
import { useAuth } from '../../app/auth';
import { ResponsiveList } from '../../app/components/ResponsiveList';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { stateColour } from './labels';
import { PolicyDrawer } from './PolicyDrawer';

type Row = ResponseOf<typeof outreach>['items'][number];
const PAGE_SIZE = 20;

export default function OutreachPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const { area } = useCurrentArea();
  const [band, setBand] = useState<Band>('60plus');
  const [state, setState] = useState<MobilisationState | undefined>();
  const [dueOnly, setDueOnly] = useState(true);
  const [page, setPage] = useState(1);
  const q = useApiQuery(
    outreach,
    { query: { under: area?.id, band, state, dueOnly: dueOnly ? 'true' : undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } },
    { placeholderData: (p) => p },
  );
  const calls = useApiMutation(makeCalls, { onSuccess: (r) => message.success(t('vaccination.callsMade', { count: r.created })) });
  const data = q.data ?? { items: [], total: 0 };
  const stateTag = (r: Row) => (
    <Tag color={stateColour[r.state]} data-testid="outreach-state">
      {t(`vaccination.state.${r.state}`)}
      {r.reason ? ` · ${t(`vaccination.reason.${r.reason}`)}` : ''}
    </Tag>
  );
  const due = (r: Row) => (r.due ? t(`vaccination.due.${r.due}`, { on: r.dueOn }) : t('vaccination.due.none'));
  const name = (r: Row) => (
    <Link to={`/vaccination/people/${r.residentId}`} data-testid="outreach-row">
      {r.name}
    </Link>
  );
  const card = (r: Row) => (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Space wrap>
        {name(r)}
        <Typography.Text type="secondary">{t('vaccination.age', { age: r.age ?? '—' })}</Typography.Text>
        {stateTag(r)}
        {r.needsRide && <Tag color="purple">{t(r.wheelchair ? 'vaccination.wheelchair' : 'vaccination.needsRide')}</Tag>}
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {r.areaName} · {t('vaccination.dosesCount', { count: r.doses })} · {due(r)}
      </Typography.Text>
    </Space>
  );
  const columns = [
    { title: t('vaccination.field.name'), key: 'name', render: (_: unknown, r: Row) => name(r) },
    { title: t('vaccination.field.age'), dataIndex: 'age' },
    { title: t('vaccination.field.area'), dataIndex: 'areaName' },
    { title: t('vaccination.field.phone'), dataIndex: 'phone' },
    { title: t('vaccination.field.state'), key: 'state', render: (_: unknown, r: Row) => stateTag(r) },
    { title: t('vaccination.field.doses'), dataIndex: 'doses' },
    { title: t('vaccination.field.due'), key: 'due', render: (_: unknown, r: Row) => due(r) },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.vaccination')}
        </Typography.Title>
        <PolicyDrawer />
      </Space>
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented<Band>
            value={band}
            onChange={(v) => (setBand(v), setPage(1))}
            options={BANDS.map((b) => ({ value: b, label: t(`vaccination.band.${b}`) }))}
            data-testid="outreach-band"
          />
          <Select<MobilisationState>
            allowClear
            placeholder={t('vaccination.field.state')}
            value={state}
            onChange={(v) => (setState(v), setPage(1))}
            options={STATES.map((s) => ({ value: s, label: t(`vaccination.state.${s}`) }))}
            style={{ minWidth: 140 }}
          />
          <Space size={4}>
            <Switch checked={dueOnly} onChange={(v) => (setDueOnly(v), setPage(1))} />
            <Typography.Text>{t('vaccination.dueOnly')}</Typography.Text>
          </Space>
          {can('vaccination.manage') && area && (
            <Button loading={calls.isPending} onClick={() => calls.mutate({ body: { areaId: area.id, band, kind: 'call' } })} data-testid="outreach-calls">
              {t('vaccination.makeCalls')}
            </Button>
          )}
        </Space>
        {(q.error ?? calls.error) && <Alert type="error" showIcon title={errorText(q.error ?? calls.error, t)} style={{ marginBottom: 12 }} />}
        <ResponsiveList<Row>
          rowKey="residentId"
          size="small"
          testId="outreach-table"
          renderCard={card}
          columns={columns}
          dataSource={data.items}
          loading={q.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('vaccination.nobody')} /> }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, showSizeChanger: false, onChange: setPage }}
        />
      </Card>
    </Space>
  );
}
