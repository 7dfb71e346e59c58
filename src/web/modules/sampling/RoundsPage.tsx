/** 核酸轮次: the rounds the user sees (their own and those of the areas above), filtered by status, and a new one. */
import { Alert, Button, Card, Empty, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { listRounds } from '../../../domain/sampling/api';
import { useAuth } from '../../app/auth';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { RoundFormDrawer } from './RoundFormDrawer';
import type { RoundStatus } from './round-types';

const STATUS_COLOURS: Record<RoundStatus, string> = { planned: 'default', open: 'processing', closed: 'success' };

export function RoundStatusTag({ status }: { status: RoundStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid="round-status">
      {t(`samplingRounds.status.${status}`)}
    </Tag>
  );
}

type Filter = 'all' | RoundStatus;

export default function RoundsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<Filter>('all');
  const [creating, setCreating] = useState(false);
  const rounds = useApiQuery(listRounds, { query: { status: filter === 'all' ? undefined : filter } });
  const items = rounds.data?.items ?? null;
  const error = rounds.error ? errorText(rounds.error, t) : null;
  const canManage = can('sampling.manage');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 960, margin: '0 auto', display: 'flex' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.samplingRounds')}
        </Typography.Title>
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="round-new">
            {t('samplingRounds.new')}
          </Button>
        )}
      </Space>
      <Segmented<Filter>
        value={filter}
        onChange={setFilter}
        options={(['all', 'planned', 'open', 'closed'] as const).map((s) => ({
          value: s,
          label: s === 'all' ? t('samplingRounds.all') : t(`samplingRounds.status.${s}`),
        }))}
        data-testid="round-filter"
      />
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          action={
            <Button size="small" onClick={() => void rounds.refetch()}>
              {t('common.retry')}
            </Button>
          }
        />
      )}
      {!items && !error && <Spin style={{ display: 'block', margin: '64px auto' }} />}
      {items && !items.length && (
        <Empty description={filter === 'all' ? (canManage ? t('samplingRounds.emptyManage') : t('samplingRounds.emptyRead')) : t('samplingRounds.emptyFilter')}>
          {canManage && filter === 'all' && (
            <Button type="primary" onClick={() => setCreating(true)}>
              {t('samplingRounds.new')}
            </Button>
          )}
        </Empty>
      )}
      {items?.map((r) => (
        <Card key={r.id} size="small" data-testid="round-card">
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <Space wrap>
              <Link to={`/sampling/rounds/${r.id}`} style={{ fontSize: 16, fontWeight: 600 }}>
                {r.name}
              </Link>
              <RoundStatusTag status={r.status} />
            </Space>
            <Typography.Text type="secondary">
              {t('samplingRounds.cardLine', { area: r.areaName, from: r.startsOn, to: r.endsOn, roster: r.rosterDate, pool: r.poolDefault })}
            </Typography.Text>
          </Space>
        </Card>
      ))}
      {creating && <RoundFormDrawer onClose={() => setCreating(false)} onCreated={(r) => navigate(`/sampling/rounds/${r.id}`)} />}
    </Space>
  );
}
