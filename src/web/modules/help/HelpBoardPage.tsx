/**
 * The triage boards (分拣看板): one per step of a kind's pipeline, and the dispatch queue after it. Open requests
 * at the step, the longest-waiting first, the overdue in red; a count on every step's tab.
 */
import { Card, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { helpBoard, helpBoardCounts, helpPolicyRoute } from '../../../domain/help/api';
import type { ResponseOf } from '../../../domain/contract';
import { ResponsiveList } from '../../app/components/ResponsiveList';
import { useCurrentArea } from '../../app/current-area';
import { localName, useLanguage } from '../../app/i18n';
import { useApiQuery } from '../../app/query';
import { waited } from './labels';

type Item = ResponseOf<typeof helpBoard>['items'][number];
const PAGE_SIZE = 50;

export default function HelpBoardPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { area } = useCurrentArea();
  const [kind, setKind] = useState('medicine');
  const [step, setStep] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const policy = useApiQuery(helpPolicyRoute);
  const counts = useApiQuery(helpBoardCounts, { query: { under: area?.id } }, { refetchInterval: 30_000 });
  const steps = [
    ...(policy.data?.kinds.find((k) => k.code === kind)?.steps.map((s) => ({ code: s.code, name: localName(s.name, lang) })) ?? []),
    { code: 'dispatch', name: t('help.dispatch') },
  ];
  const current = step && steps.some((s) => s.code === step) ? step : (steps[0]?.code ?? 'dispatch');
  const board = useApiQuery(
    helpBoard,
    { query: { kind: kind as never, step: current, under: area?.id, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } },
    { enabled: Boolean(policy.data), refetchInterval: 30_000 },
  );
  const countOf = (code: string) => counts.data?.items.find((c) => c.kind === kind && c.step === code);
  const label = (s: { code: string; name: string }) => {
    const c = countOf(s.code);
    return (
      <span>
        {s.name} <Tag color={c?.overdue ? 'red' : 'default'}>{c?.open ?? 0}</Tag>
      </span>
    );
  };
  const card = (r: Item) => (
    <Link to={`/help/requests/${r.id}`} data-testid="help-board-item">
      <Space orientation="vertical" size={2}>
        <Space wrap>
          <Typography.Text strong>{r.need}</Typography.Text>
          {r.overdue && <Tag color="red">{t('help.overdue')}</Tag>}
        </Space>
        <Typography.Text type="secondary">
          {r.code} · {r.areaName} · {t('help.waited', { time: waited(r.stepSince) })}
        </Typography.Text>
      </Space>
    </Link>
  );
  return (
    <Card
      title={t('help.board.title')}
      extra={
        <Select
          value={kind}
          style={{ minWidth: 140 }}
          onChange={(k) => {
            setKind(k);
            setStep(null);
            setPage(1);
          }}
          options={policy.data?.kinds.map((k) => ({ value: k.code, label: localName(k.name, lang) }))}
          data-testid="help-board-kind"
        />
      }
    >
      {/* A select, not tabs: five steps with their counts do not fit a phone's width side by side. */}
      <Select
        value={current}
        style={{ width: '100%', marginBottom: 12 }}
        onChange={(s) => (setStep(s), setPage(1))}
        options={steps.map((s) => ({ value: s.code, label: label(s), title: s.name }))}
        data-testid="help-board-step"
      />
      <ResponsiveList<Item>
        testId="help-board"
        rowKey="id"
        loading={board.isLoading}
        dataSource={board.data?.items ?? []}
        renderCard={card}
        onRow={(r) => ({ style: r.overdue ? { background: '#fff1f0' } : undefined })}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: board.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('help.field.need'), render: (_, r) => <Link to={`/help/requests/${r.id}`}>{r.need}</Link> },
          { title: t('help.field.code'), dataIndex: 'code' },
          { title: t('help.field.area'), dataIndex: 'areaName' },
          { title: t('help.field.tier'), dataIndex: 'tier', render: (v: string) => localName(policy.data?.tiers.find((x) => x.code === v)?.name, lang) },
          { title: t('help.field.waited'), render: (_, r) => waited(r.stepSince) },
          {
            title: t('help.field.dueAt'),
            render: (_, r) => <Typography.Text type={r.overdue ? 'danger' : undefined}>{new Date(r.dueAt).toLocaleString()}</Typography.Text>,
          },
        ]}
      />
    </Card>
  );
}
