/**
 * Disinfection jobs in scope (消杀): planned ones first (a case's terminal job past its deadline on top), then those
 * done; the week's figures by area above. A worker records a job done from here, or starts one on the spot.
 */
import { Alert, Button, Card, Empty, Select, Space, Statistic, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ResponseOf } from '../../../domain/contract';
import { figures, listJobs } from '../../../domain/fieldwork/api';
import { useAuth } from '../../app/auth';
import { ResponsiveList } from '../../app/components/ResponsiveList';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { methodLabel, when } from './labels';
import { RoundModal } from './RoundModal';

type Job = ResponseOf<typeof listJobs>['items'][number];
const PAGE_SIZE = 20;
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

export default function DisinfectionPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { area } = useCurrentArea();
  const [page, setPage] = useState(1);
  const [planning, setPlanning] = useState(false);
  const [status, setStatus] = useState<'planned' | 'done' | undefined>();
  const q = useApiQuery(listJobs, { query: { under: area?.id, status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } }, { placeholderData: (p) => p });
  const week = useApiQuery(figures, { query: { under: area?.id, from: daysAgo(6), to: daysAgo(0) } });
  const data = q.data ?? { items: [], total: 0 };
  const state = (j: Job) => (
    <Space size={4} wrap>
      <Tag color={j.kind === 'terminal' ? 'volcano' : 'blue'}>{t(`fieldwork.kind.${j.kind}`)}</Tag>
      {j.status === 'done' ? (
        <Tag color="green">{t('fieldwork.status.done')}</Tag>
      ) : (
        <Tag color={j.overdue ? 'red' : 'gold'}>{t(j.overdue ? 'fieldwork.overdue' : 'fieldwork.status.planned')}</Tag>
      )}
    </Space>
  );
  const action = (j: Job) =>
    j.status === 'planned' && can('fieldwork.record') ? (
      <Link to={`/fieldwork/disinfection/new?jobId=${j.id}`} data-testid="job-record">
        <Button size="small" type="primary">
          {t('fieldwork.recordDone')}
        </Button>
      </Link>
    ) : null;
  const place = (j: Job) => `${j.place}${j.address ? ` · ${j.address}` : ''} · ${j.areaName}`;
  const card = (j: Job) => (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text strong>{place(j)}</Typography.Text>
        {state(j)}
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {j.status === 'done'
          ? t('fieldwork.doneLine', { at: when(j.doneAt), m2: j.areaM2, team: j.teamName ?? '', method: methodLabel(t, j.method) })
          : t('fieldwork.dueLine', { at: when(j.dueAt) || j.plannedOn })}
      </Typography.Text>
      {action(j)}
    </Space>
  );
  const columns = [
    { title: t('fieldwork.field.place'), key: 'place', render: (_: unknown, j: Job) => place(j) },
    { title: t('fieldwork.field.state'), key: 'state', render: (_: unknown, j: Job) => state(j) },
    { title: t('fieldwork.field.due'), key: 'due', render: (_: unknown, j: Job) => when(j.dueAt) || j.plannedOn },
    { title: t('fieldwork.field.team'), dataIndex: 'teamName' },
    {
      title: t('fieldwork.field.disinfectant'),
      key: 'what',
      render: (_: unknown, j: Job) => [j.disinfectant, j.concentration, methodLabel(t, j.method)].filter(Boolean).join(' · '),
    },
    { title: t('fieldwork.field.areaM2'), dataIndex: 'areaM2' },
    { title: t('fieldwork.field.doneAt'), key: 'done', render: (_: unknown, j: Job) => when(j.doneAt) },
    { title: '', key: 'action', render: (_: unknown, j: Job) => action(j) },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.fieldworkDisinfection')}
        </Typography.Title>
        <Space wrap>
          {can('fieldwork.plan') && <Button onClick={() => setPlanning(true)}>{t('fieldwork.newRound')}</Button>}
          {can('fieldwork.record') && (
            <Link to="/fieldwork/disinfection/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="job-new">
                {t('fieldwork.newJob')}
              </Button>
            </Link>
          )}
        </Space>
      </Space>
      <RoundModal open={planning} onClose={() => setPlanning(false)} />
      <Card size="small">
        <Space size="large" wrap>
          <Statistic title={t('fieldwork.weekJobs')} value={week.data?.jobs ?? 0} />
          <Statistic title={t('fieldwork.weekM2')} value={week.data?.areaM2 ?? 0} />
        </Space>
      </Card>
      <Card size="small">
        {q.error && <Alert type="error" showIcon title={errorText(q.error, t)} style={{ marginBottom: 12 }} />}
        <Select
          allowClear
          value={status}
          onChange={(s) => (setStatus(s), setPage(1))}
          placeholder={t('fieldwork.field.state')}
          options={(['planned', 'done'] as const).map((s) => ({ value: s, label: t(`fieldwork.status.${s}`) }))}
          style={{ width: 160, marginBottom: 12 }}
        />
        <ResponsiveList<Job>
          rowKey="id"
          size="small"
          testId="job-table"
          renderCard={card}
          columns={columns}
          dataSource={data.items}
          loading={q.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fieldwork.noJobs')} /> }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, showSizeChanger: false, onChange: setPage }}
        />
      </Card>
    </Space>
  );
}
