/**
 * One campaign: households visited of total per grid, the list of households not visited yet with
 * who answers for each, and closing it — after which its stored coverage report is shown.
 */
import { Alert, Button, Card, Descriptions, Popconfirm, Progress, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { campaignProgress, closeCampaign, type GridProgress, type Target, unvisitedHouseholds } from '../../../domain/screening/api/campaigns';
import { useAuth } from '../../app/auth';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { CampaignStatus } from './CampaignsPage';

function GridBars({ items }: { items: GridProgress[] }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={4} data-testid="campaign-progress">
      {items.map((g) => (
        <div key={g.key ?? 'none'} data-testid="grid-progress">
          <Typography.Text>{g.name ?? t('screening.noGrid')}</Typography.Text>
          <Progress percent={g.coverage} format={() => `${g.visited} / ${g.households}`} />
        </div>
      ))}
    </Space>
  );
}

export default function CampaignPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useAuth();
  const [page, setPage] = useState(1);
  const progress = useApiQuery(campaignProgress, { params: { id }, query: { by: 'grid' } });
  const unvisitedQuery = useApiQuery(unvisitedHouseholds, { params: { id }, query: { page, pageSize: 20 } });
  // Closing refetches the progress, whose campaign then carries the stored coverage report.
  const closing = useApiMutation(closeCampaign);
  const campaign = progress.data?.campaign;
  const grids = progress.data?.items ?? [];
  const unvisited = unvisitedQuery.data;
  const failure = progress.error ?? unvisitedQuery.error ?? closing.error;
  const error = failure ? errorText(failure, t) : null;

  const close = async () => {
    await closing.mutateAsync({ params: { id } }).catch(() => {});
  };

  if (error && !campaign) return <Alert type="error" showIcon title={error} />;
  if (!campaign) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  const cov = campaign.coverage;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 960, margin: '0 auto', display: 'flex' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="campaign-title">
            {campaign.name}
          </Typography.Title>
          <CampaignStatus c={campaign} />
        </Space>
        {campaign.status === 'open' && can('screening.manage') && (
          <Popconfirm title={t('screening.closeConfirm')} onConfirm={() => void close()}>
            <Button danger loading={closing.isPending} data-testid="campaign-close">
              {t('screening.close')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      <Typography.Text type="secondary">
        {campaign.areaName} · {campaign.startsOn} ~ {campaign.endsOn} · {t('screening.lookback', { days: campaign.lookbackDays })}
      </Typography.Text>
      {error && <Alert type="error" showIcon title={error} />}
      {cov && (
        <Card size="small" title={t('screening.coverageReport')} data-testid="campaign-coverage">
          <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
            <Descriptions.Item label={t('screening.cov.households')}>{cov.households}</Descriptions.Item>
            <Descriptions.Item label={t('screening.cov.visited')}>
              {cov.visited} ({cov.coverage}%)
            </Descriptions.Item>
            <Descriptions.Item label={t('screening.cov.nobodyHome')}>{cov.nobodyHome}</Descriptions.Item>
            <Descriptions.Item label={t('screening.cov.refused')}>{cov.refused}</Descriptions.Item>
            <Descriptions.Item label={t('screening.cov.notTried')}>{cov.notTried}</Descriptions.Item>
            <Descriptions.Item label={t('screening.cov.arrivals')}>{cov.arrivals}</Descriptions.Item>
            <Descriptions.Item label={t('screening.cov.withSymptoms')}>{cov.withSymptoms}</Descriptions.Item>
            <Descriptions.Item label={t('screening.cov.fever')}>{cov.fever}</Descriptions.Item>
            <Descriptions.Item label={t('screening.cov.withNeeds')}>{cov.withNeeds}</Descriptions.Item>
            <Descriptions.Item label={t('screening.cov.peopleAdded')}>{cov.peopleAdded}</Descriptions.Item>
            <Descriptions.Item label={t('screening.cov.peopleMovedOut')}>{cov.peopleMovedOut}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      <Card size="small" title={t('screening.progressByGrid')}>
        <GridBars items={cov ? cov.byGrid : grids} />
      </Card>
      <Card size="small" title={t('screening.unvisited', { count: unvisited?.total ?? 0 })}>
        <Table<Target>
          rowKey="id"
          size="small"
          scroll={{ x: true }}
          dataSource={unvisited?.items ?? []}
          loading={unvisitedQuery.isFetching}
          data-testid="unvisited-table"
          pagination={{ current: page, pageSize: 20, total: unvisited?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: t('screening.address'), dataIndex: 'address' },
            { title: t('screening.grid'), render: (_, r) => r.gridName ?? r.areaName },
            {
              title: t('screening.lastOutcome'),
              render: (_, r) =>
                r.lastOutcome ? (
                  <Tag color={r.lastOutcome === 'refused' ? 'red' : 'orange'}>{t(`screening.outcomeName.${r.lastOutcome}`)}</Tag>
                ) : (
                  <Tag>{t('screening.notTried')}</Tag>
                ),
            },
            { title: t('screening.attemptsCol'), dataIndex: 'attempts' },
            {
              title: t('screening.responsible'),
              render: (_, r) =>
                r.responsible.userName ??
                (r.responsible.role ? t('screening.roleAt', { role: t(`tasks.role.${r.responsible.role}`, { defaultValue: r.responsible.role }) }) : '—'),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
