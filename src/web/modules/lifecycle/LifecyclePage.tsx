/**
 * The data lifecycle (数据生命周期, PIPL): the retention period of each class of personal records, the destruction
 * record of every run, legal holds, and the "emergency ended" purge. Periods, runs and the purge are
 * deployment-wide (the server answers them to a top-level administrator only); holds follow the user's scope.
 */
import { Alert, App, Button, InputNumber, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listRetention, listRuns, setRetention } from '../../../domain/lifecycle/api';
import type { DataClass } from '../../../domain/lifecycle/classes';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import type { ResponseOf } from '../../../domain/contract';

type Rule = ResponseOf<typeof listRetention>['items'][number];
import { EmergencyEndedPanel } from './EmergencyEndedPanel';
import { HoldsPanel } from './HoldsPanel';
import { monthsDroppedText } from './months-dropped';

export default function LifecyclePage() {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1100 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('nav.lifecycle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('lifecycle.intro')}
      </Typography.Paragraph>
      <Tabs
        items={[
          { key: 'retention', label: t('lifecycle.tabs.retention'), children: <RetentionPanel /> },
          { key: 'runs', label: t('lifecycle.tabs.runs'), children: <RunsPanel /> },
          { key: 'holds', label: t('lifecycle.tabs.holds'), children: <HoldsPanel /> },
          { key: 'ended', label: t('lifecycle.tabs.ended'), children: <EmergencyEndedPanel /> },
        ]}
      />
    </Space>
  );
}

/** A class's period, edited in place and saved on its own. */
function PeriodEditor({ dataClass, value }: { dataClass: DataClass; value: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [days, setDays] = useState<number | null>(value);
  const save = useApiMutation(setRetention, { invalidates: [listRetention] });
  return (
    <Space>
      <InputNumber min={1} max={3650} value={days} onChange={setDays} suffix={t('lifecycle.days')} style={{ width: 130 }} data-testid={`period-${dataClass}`} />
      <Button
        disabled={!days || days === value}
        loading={save.isPending}
        onClick={() =>
          days &&
          save.mutate(
            { params: { dataClass }, body: { periodDays: days } },
            { onSuccess: () => message.success(t('lifecycle.saved')), onError: (e) => message.error(errorText(e, t)) },
          )
        }
      >
        {t('common.save')}
      </Button>
    </Space>
  );
}

function RetentionPanel() {
  const { t } = useTranslation();
  const rules = useApiQuery(listRetention);
  if (rules.error) return <Alert type="error" showIcon title={errorText(rules.error, t)} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('lifecycle.retentionHelp')}</Typography.Text>
      <Table<Rule>
        rowKey="dataClass"
        size="small"
        loading={rules.isPending}
        dataSource={rules.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('lifecycle.dataClass'), dataIndex: 'dataClass', render: (c: DataClass) => t(`lifecycle.class.${c}`) },
          { title: t('lifecycle.referenceDate'), dataIndex: 'dataClass', key: 'ref', render: (c: DataClass) => t(`lifecycle.reference.${c}`) },
          {
            title: t('lifecycle.action'),
            dataIndex: 'action',
            render: (a: string) => <Tag color={a === 'delete' ? 'red' : 'blue'}>{t(`lifecycle.actions.${a}`)}</Tag>,
          },
          {
            title: t('lifecycle.period'),
            dataIndex: 'periodDays',
            render: (d: number, r: Rule) => <PeriodEditor key={`${r.dataClass}-${d}`} dataClass={r.dataClass} value={d} />,
          },
          {
            title: t('lifecycle.updated'),
            dataIndex: 'updatedAt',
            render: (at: string, r: Rule) => `${dayjs(at).format('YYYY-MM-DD HH:mm')}${r.updatedByName ? ` · ${r.updatedByName}` : ''}`,
          },
        ]}
      />
    </Space>
  );
}

function RunsPanel() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const runs = useApiQuery(listRuns, { query: { limit: 20, offset: (page - 1) * 20 } });
  if (runs.error) return <Alert type="error" showIcon title={errorText(runs.error, t)} />;
  return (
    <Table
      rowKey="id"
      size="small"
      loading={runs.isPending}
      dataSource={runs.data?.items ?? []}
      pagination={{ current: page, pageSize: 20, total: runs.data?.total ?? 0, onChange: setPage }}
      locale={{ emptyText: t('lifecycle.noRuns') }}
      scroll={{ x: 'max-content' }}
      expandable={{
        expandedRowRender: (r) => (
          <Table
            rowKey="dataClass"
            size="small"
            pagination={false}
            dataSource={r.items}
            columns={[
              { title: t('lifecycle.dataClass'), dataIndex: 'dataClass', render: (c: DataClass) => t(`lifecycle.class.${c}`) },
              { title: t('lifecycle.action'), dataIndex: 'action', render: (a: string) => t(`lifecycle.actions.${a}`) },
              { title: t('lifecycle.count'), dataIndex: 'count' },
              {
                title: t('lifecycle.monthsDropped'),
                dataIndex: 'partitionsDropped',
                render: (months?: { partition: string; rows: number }[]) => monthsDroppedText(months, t),
              },
              {
                title: t('lifecycle.digest'),
                dataIndex: 'digest',
                render: (d: string) => (
                  <Typography.Text code copyable={{ text: d }}>
                    {d.slice(0, 16)}…
                  </Typography.Text>
                ),
              },
            ]}
          />
        ),
      }}
      columns={[
        { title: t('lifecycle.runAt'), dataIndex: 'startedAt', render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss') },
        {
          title: t('lifecycle.runKind'),
          dataIndex: 'kind',
          render: (k: string) => <Tag color={k === 'emergency_ended' ? 'red' : undefined}>{t(`lifecycle.kinds.${k}`)}</Tag>,
        },
        { title: t('lifecycle.by'), dataIndex: 'actorName', render: (n: string | null) => n ?? t('lifecycle.system') },
        { title: t('lifecycle.total'), dataIndex: 'total' },
      ]}
    />
  );
}
