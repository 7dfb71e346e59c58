/**
 * Transmission chains (传播链): the chains with a person in the viewer's area, from the server's latest snapshot,
 * and the chosen one drawn — narrowed by dates or area first when it is large. Reached from the menu and from a
 * case's page (`?caseId=`), which opens that case's chain at once.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, DatePicker, Empty, Segmented, Space, Spin, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { ResponseOf } from '../../../domain/contract';
import { getChain, listChains, recomputeChains } from '../../../domain/tracing/api-chains';
import { useAuth } from '../../app/auth';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { ResponsiveList } from '../../app/components/ResponsiveList';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';

const ChainGraph = lazy(() => import('./ChainGraph').then((m) => ({ default: m.ChainGraph })));
type ChainItem = ResponseOf<typeof listChains>['items'][number];
const PAGE_SIZE = 20;
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

export default function ChainsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const caseId = Number(params.get('caseId')) || undefined;
  const [under, setUnder] = useState<number | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [activeOnly, setActiveOnly] = useState(!caseId);
  const [page, setPage] = useState(1);
  const [mode, setMode] = useState<'tree' | 'timeline'>('tree');
  const window = { from: day(range?.[0]), to: day(range?.[1]), under };
  const list = useApiQuery(
    listChains,
    { query: { ...window, active: activeOnly ? 'true' : undefined, caseId, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } },
    { placeholderData: (previous) => previous },
  );
  const chosen = Number(params.get('chain')) || (caseId ? list.data?.items[0]?.chainId : undefined);
  const chain = useApiQuery(getChain, { params: { id: chosen ?? 0 }, query: window }, { enabled: !!chosen });
  const recompute = useApiMutation(recomputeChains, { invalidates: [listChains, getChain] });
  const data = list.data ?? { computedAt: null, items: [], total: 0 };

  const choose = (c: ChainItem) => {
    const next = new URLSearchParams(params);
    next.set('chain', String(c.chainId));
    setParams(next, { replace: true });
  };
  const card = (c: ChainItem) => (
    <Space orientation="vertical" size={2} style={{ width: '100%' }} data-testid="chain-item">
      <Space wrap size={6}>
        <Typography.Link strong onClick={() => choose(c)}>
          {t('tracing.chain.name', { name: c.indexName ?? t('tracing.chain.outside'), id: c.chainId })}
        </Typography.Link>
        {c.active ? <Tag color="red">{t('tracing.chain.active')}</Tag> : <Tag>{t('tracing.chain.quiet')}</Tag>}
        {c.chainId === chosen && <Tag color="blue">{t('tracing.chain.shown')}</Tag>}
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('tracing.chain.figures', { cases: c.cases, contacts: c.contacts, first: c.firstOn, last: c.lastOn })}
      </Typography.Text>
    </Space>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.tracingChains')}
        </Typography.Title>
        <Space wrap>
          <Typography.Text type="secondary" data-testid="chains-computed">
            {data.computedAt ? t('tracing.chain.computedAt', { at: dayjs(data.computedAt).format('MM-DD HH:mm:ss') }) : t('tracing.chain.notComputed')}
          </Typography.Text>
          {can('tracing.write') && (
            <Button icon={<ReloadOutlined />} loading={recompute.isPending} onClick={() => recompute.mutate({})} data-testid="chains-recompute">
              {t('tracing.chain.recompute')}
            </Button>
          )}
        </Space>
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
          <DatePicker.RangePicker value={range} onChange={(v) => (setRange(v), setPage(1))} allowEmpty={[true, true]} />
          <Checkbox checked={activeOnly} onChange={(e) => (setActiveOnly(e.target.checked), setPage(1))}>
            {t('tracing.chain.activeOnly')}
          </Checkbox>
        </Space>
        {list.error && <Alert type="error" showIcon title={errorText(list.error, t)} style={{ marginBottom: 12 }} />}
        <ResponsiveList<ChainItem>
          rowKey="chainId"
          size="small"
          testId="chain-list"
          renderCard={card}
          columns={[{ key: 'chain', title: t('tracing.chain.column'), render: (_: unknown, c: ChainItem) => card(c) }]}
          dataSource={data.items}
          loading={list.isFetching}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={data.computedAt ? t('tracing.chain.none') : t('tracing.chain.notComputed')} />,
          }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, showSizeChanger: false, onChange: setPage }}
        />
      </Card>
      {chosen && (
        <Card
          size="small"
          title={t('tracing.chain.drawing', { id: chosen })}
          extra={
            <Segmented<'tree' | 'timeline'>
              value={mode}
              onChange={setMode}
              options={[
                { value: 'tree', label: t('tracing.chain.tree') },
                { value: 'timeline', label: t('tracing.chain.timeline') },
              ]}
            />
          }
        >
          {chain.error && <Alert type="warning" showIcon title={errorText(chain.error, t)} style={{ marginBottom: 12 }} data-testid="chain-error" />}
          {chain.isLoading && <Spin />}
          {chain.data && (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Typography.Text type="secondary">
                {t('tracing.chain.drawn', { drawn: chain.data.nodes.length, people: chain.data.people, links: chain.data.edges.length })}
              </Typography.Text>
              <Legend />
              <Suspense fallback={<Spin />}>
                <ChainGraph chain={chain.data} mode={mode} />
              </Suspense>
            </Space>
          )}
        </Card>
      )}
    </Space>
  );
}

function Legend() {
  const { t } = useTranslation();
  const item = (colour: string, label: string, square = false) => (
    <Space size={4}>
      <span style={{ display: 'inline-block', width: 12, height: 12, background: colour, borderRadius: square ? 3 : 6 }} />
      <Typography.Text style={{ fontSize: 12 }}>{label}</Typography.Text>
    </Space>
  );
  return (
    <Space wrap size={12}>
      {item('#f5222d', t('tracing.chain.legendCase'), true)}
      {item('#fa8c16', t('tracing.level.close'))}
      {item('#faad14', t('tracing.level.secondary'))}
      {item('#1677ff', t('tracing.level.general'))}
      {item('#bfbfbf', t('tracing.chain.outside'))}
    </Space>
  );
}
