/**
 * Coverage ("test everyone who should be") of one round at one area level: the total drawn big, the child
 * areas (click to drill down), the chart over the round's hours and the missing people. Live: read again
 * every 30 s while the tab is visible; a failed refresh keeps the last figures on screen with the error above.
 */
import { Alert, Button, Card, Empty, Result, Space, Spin, Tag, Typography } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { coverageHours, coverageWorkbook, getCoverage, listMissing } from '../../../domain/sampling/api';
import { ExportButton } from '../../app/components/ExportButton';
import { errorText } from '../../app/errors';
import { exportUrlOf, useApiQuery } from '../../app/query';
import { CoverageBreadcrumb } from './CoverageBreadcrumb';
import { CoverageChart } from './CoverageChart';
import { CoverageMissing } from './CoverageMissing';
import { type CoverageRound, clockTime } from './CoverageModel';
import { CoverageSummary } from './CoverageSummary';
import { CoverageTable } from './CoverageTable';

/** Live: read again every 30 s while the tab is shown (TanStack pauses a hidden tab), and at once when it comes back. */
const LIVE = { refetchInterval: 30_000, refetchOnWindowFocus: true } as const;

export function CoverageDashboard({ round, under, onUnder }: { round: CoverageRound; under?: number; onUnder: (areaId: number | undefined) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const input = { params: { id: round.id }, query: { under } };
  const coverage = useApiQuery(getCoverage, input, LIVE);
  const hours = useApiQuery(coverageHours, input, LIVE);
  const loading = coverage.isFetching || hours.isFetching;
  const failed = coverage.error ?? hours.error;
  const error = failed ? errorText(failed, t) : null;
  const updatedAt = coverage.dataUpdatedAt ? new Date(Math.max(coverage.dataUpdatedAt, hours.dataUpdatedAt)) : null;
  const refresh = () => Promise.all([getCoverage, coverageHours, listMissing].map((c) => client.invalidateQueries({ queryKey: [c.path] })));
  const key = `${round.id}:${under ?? ''}`;

  // Figures of another area or round are never shown under this one's heading while it loads.
  // (A query's answer belongs to its own round and area by its key.)
  const shown = coverage.data && hours.data ? { coverage: coverage.data, hours: hours.data } : null;
  const c = shown?.coverage;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" styles={{ body: { paddingBlock: 12 } }}>
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            {c ? (
              <CoverageBreadcrumb current={c.area} roundAreaPath={round.areaPath} onPick={(id, isTop) => onUnder(isTop ? undefined : id)} />
            ) : (
              <Typography.Text>{round.areaName}</Typography.Text>
            )}
            <Space wrap size={8}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="coverage-updated">
                {updatedAt ? t('samplingCoverage.updatedAt', { time: clockTime(updatedAt) }) : ''}
              </Typography.Text>
              <Button
                size="small"
                icon={<ReloadOutlined />}
                loading={loading}
                onClick={() => void refresh()}
                aria-label={t('samplingCoverage.refresh')}
                data-testid="coverage-refresh"
              />
              <ExportButton
                url={exportUrlOf(coverageWorkbook, { params: { id: round.id }, query: { under } })}
                fileName="coverage.xlsx"
                buttonProps={{ size: 'small', icon: <DownloadOutlined /> }}
                data-testid="coverage-export"
              >
                {t('samplingCoverage.export')}
              </ExportButton>
            </Space>
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('samplingCoverage.rosterDate', { date: c?.rosterDate ?? round.rosterDate })}
            {round.status !== 'open' && (
              <Tag style={{ marginInlineStart: 8 }} data-testid="coverage-round-status">
                {t(`samplingCoverage.roundStatus.${round.status}`)}
              </Tag>
            )}
          </Typography.Text>
        </Space>
      </Card>
      {error && (
        <Alert
          type="error"
          showIcon
          title={shown ? t('samplingCoverage.staleError', { error }) : error}
          data-testid="coverage-error"
          // A shared link may name an area outside this round or this user's reach: offer the round's top.
          action={
            !shown && under ? (
              <Button size="small" onClick={() => onUnder(undefined)} data-testid="coverage-to-top">
                {t('samplingCoverage.toTop')}
              </Button>
            ) : undefined
          }
        />
      )}
      {!shown && !error && <Spin style={{ display: 'block', margin: '48px auto' }} />}
      {c && c.total.roster === 0 && (
        <Card size="small">
          <Empty description={t('samplingCoverage.nobodyRostered', { name: c.area.name, date: c.rosterDate })} data-testid="coverage-nobody" />
        </Card>
      )}
      {c && shown && c.total.roster > 0 && (
        <>
          <Card size="small">
            <CoverageSummary total={c.total} />
            {c.total.due > 0 && c.total.missing === 0 && (
              <Result status="success" title={t('samplingCoverage.allSampled')} style={{ padding: '8px 0 0' }} data-testid="coverage-all-sampled" />
            )}
          </Card>
          {/* At a building (no areas below) the one row would only repeat the total. */}
          {c.items.some((r) => r.areaId !== null) && <CoverageTable rows={c.items} onOpen={(id) => onUnder(id)} />}
          <CoverageChart hours={shown.hours.items} due={c.total.due} timeZone={shown.hours.timeZone} />
          {c.total.missing > 0 && <CoverageMissing key={key} roundId={round.id} under={under} missing={c.total.missing} />}
        </>
      )}
    </Space>
  );
}
