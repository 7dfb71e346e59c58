/**
 * Coverage ("test everyone who should be") of one round at one area level: the total drawn big, the child
 * areas (click to drill down), the chart over the round's hours and the missing people. Live: read again
 * every 30 s while the tab is visible; a failed refresh keeps the last figures on screen with the error above.
 */
import { Alert, Button, Card, Empty, Result, Space, Spin, Tag, Typography } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, withQuery } from '../../app/api';
import { errorText } from '../../app/errors';
import { CoverageBreadcrumb } from './CoverageBreadcrumb';
import { CoverageChart } from './CoverageChart';
import { useLiveTick } from './CoverageLive';
import { CoverageMissing } from './CoverageMissing';
import { type Coverage, type CoverageRound, type HourPoint, clockTime } from './CoverageModel';
import { CoverageSummary } from './CoverageSummary';
import { CoverageTable } from './CoverageTable';

interface Hours {
  timeZone: string;
  items: HourPoint[];
}

export function CoverageDashboard({ round, under, onUnder }: { round: CoverageRound; under?: number; onUnder: (areaId: number | undefined) => void }) {
  const { t } = useTranslation();
  const live = useLiveTick(30_000);
  const [manual, setManual] = useState(0);
  const tick = live + manual;
  const [data, setData] = useState<{ coverage: Coverage; hours: Hours; key: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const key = `${round.id}:${under ?? ''}`;

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    const base = `/api/sampling/rounds/${round.id}/coverage`;
    Promise.all([api.get<Coverage>(base, { under }), api.get<Hours>(`${base}/hours`, { under })])
      .then(([coverage, hours]) => {
        if (cancelled) return;
        setData({ coverage, hours, key });
        setError(null);
        setUpdatedAt(new Date());
      })
      .catch((e) => !cancelled && setError(errorText(e, t)))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [round.id, under, key, tick, t]);

  // Figures of another area or round are never shown under this one's heading while it loads.
  const shown = data?.key === key ? data : null;
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
                onClick={() => setManual((n) => n + 1)}
                aria-label={t('samplingCoverage.refresh')}
                data-testid="coverage-refresh"
              />
              <Button
                size="small"
                icon={<DownloadOutlined />}
                href={withQuery(`/api/sampling/rounds/${round.id}/coverage.xlsx`, { under })}
                data-testid="coverage-export"
              >
                {t('samplingCoverage.export')}
              </Button>
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
          {c.total.missing > 0 && <CoverageMissing roundId={round.id} under={under} tick={tick} missing={c.total.missing} />}
        </>
      )}
    </Space>
  );
}
