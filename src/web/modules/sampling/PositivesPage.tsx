/**
 * The positives board: the people of the round's positive tubes, held first — the list for action within seconds of a positive
 * pool. Each held person waits for a single-tube retest at home within 2 hours; the board shows how long ago they
 * were flagged and how much of that window is left, with the grid workers to call. It refreshes itself every 20 s.
 */
import { Alert, Card, Empty, List, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { getRound, listPositives } from '../../../domain/sampling/api';
import { useAuth } from '../../app/auth';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { BackTo } from '../monitoring/BackTo';
import { PositiveCaseButton } from './PositiveCaseButton';
import { PositivesBar, STATUS_COLOURS } from './PositivesBar';
import { FLAG_STATUSES, type Flag, type FlagStatus, countByStatus, hoursMinutes, windowOf } from './PositivesTypes';

const REFRESH_MS = 20_000;

function Since({ flag, now }: { flag: Flag; now: number }) {
  const { t } = useTranslation();
  const w = windowOf(flag, now);
  const duration = (minutes: number) => {
    const { h, m } = hoursMinutes(minutes);
    return h ? t('samplingPositives.hm', { h, m }) : t('samplingPositives.m', { m });
  };
  return (
    <Space wrap size={4}>
      <Typography.Text type="secondary" data-testid="positive-since">
        {t('samplingPositives.since', { d: duration(w.since), at: new Date(flag.createdAt).toLocaleTimeString() })}
      </Typography.Text>
      {w.left !== null &&
        (w.left >= 0 ? (
          <Tag color={w.left <= 30 ? 'orange' : 'blue'} data-testid="positive-window">
            {t('samplingPositives.left', { d: duration(w.left) })}
          </Tag>
        ) : (
          <Tag color="red" data-testid="positive-window">
            {t('samplingPositives.overdue', { d: duration(w.left) })}
          </Tag>
        ))}
    </Space>
  );
}

export default function PositivesPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { can } = useAuth();
  const [under, setUnder] = useState<number | null>(null);
  const [status, setStatus] = useState<FlagStatus | 'all'>('all');
  const roundId = Number(id);
  const roundQuery = useApiQuery(getRound, { params: { id: roundId } });
  // All statuses are read at once: the bar counts them all, the status filter only narrows the list. The board
  // refreshes itself while the tab is shown, and reads at once when the tab comes back.
  const positives = useApiQuery(
    listPositives,
    { params: { id: roundId }, query: { under: under ?? undefined } },
    { refetchInterval: REFRESH_MS, refetchOnWindowFocus: true },
  );
  const round = roundQuery.data ?? null;
  const flags = positives.data?.items ?? null;
  const failed = positives.error ?? roundQuery.error;
  const error = failed ? errorText(failed, t) : null;
  // The windows are counted from the moment of the last answer, as the board was read.
  const now = positives.dataUpdatedAt || positives.errorUpdatedAt;

  const counts = useMemo(() => countByStatus(flags ?? []), [flags]);
  const shown = (flags ?? []).filter((f) => status === 'all' || f.status === status);
  const canOpenResident = can('residents.read');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 960, margin: '0 auto', display: 'flex' }}>
      <BackTo to={`/sampling/rounds/${id}`} />
      <div>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="positives-title">
          {t('samplingPositives.title')}
          {round && ` · ${round.name}`}
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="positives-refreshed">
          {t('samplingPositives.refreshed', { at: new Date(now).toLocaleTimeString() })}
        </Typography.Text>
      </div>
      {error && <Alert type="error" showIcon title={error} data-testid="positives-error" />}

      <Card size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <PositivesBar counts={counts} onPick={(s) => setStatus(s)} />
          <Space wrap>
            <Segmented<FlagStatus | 'all'>
              data-testid="positives-status"
              value={status}
              onChange={setStatus}
              options={[
                { value: 'all', label: t('samplingPositives.all', { count: flags?.length ?? 0 }) },
                ...FLAG_STATUSES.map((s) => ({ value: s, label: `${t(`samplingPositives.status.${s}`)} ${counts[s]}` })),
              ]}
            />
            <AreaTreeSelect
              value={under}
              onChange={(a) => setUnder(a)}
              allowClear
              placeholder={t('samplingPositives.area')}
              style={{ minWidth: 200, maxWidth: '100%' }}
            />
          </Space>
        </Space>
      </Card>

      {!flags && !error && <Spin style={{ display: 'block', margin: '48px auto' }} />}
      {flags && !flags.length && <Empty data-testid="positives-empty" description={t('samplingPositives.none')} />}
      {flags && flags.length > 0 && (
        <List
          dataSource={shown}
          locale={{ emptyText: t('samplingPositives.noneOfStatus') }}
          renderItem={(f) => (
            <Card
              size="small"
              style={{ marginBottom: 8, borderLeft: `4px solid ${STATUS_COLOURS[f.status]}` }}
              data-testid="positive-row"
              data-status={f.status}
            >
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap>
                  <Typography.Text strong style={{ fontSize: 16 }}>
                    {canOpenResident ? <Link to={`/residents/${f.residentId}`}>{f.name}</Link> : f.name}
                  </Typography.Text>
                  <Typography.Text type="secondary">{f.idNumber}</Typography.Text>
                  <Tag color={STATUS_COLOURS[f.status]} data-testid="positive-status">
                    {t(`samplingPositives.status.${f.status}`)}
                  </Tag>
                  {f.status === 'confirmed' && <PositiveCaseButton resultId={f.retestResultId} />}
                </Space>
                <Typography.Text>
                  {f.areaName}
                  {f.householdAddress && ` · ${f.householdAddress}`}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('samplingPositives.tube', { barcode: f.tubeBarcode })} ·{' '}
                  {f.gridWorkers.length
                    ? t('samplingPositives.gridWorkers', { names: f.gridWorkers.join(t('samplingPositives.listSep')) })
                    : t('samplingPositives.noGridWorker')}
                </Typography.Text>
                <Since flag={f} now={now} />
                {f.closedAt && (
                  <Typography.Text type="secondary">{t('samplingPositives.closedAt', { at: new Date(f.closedAt).toLocaleString() })}</Typography.Text>
                )}
              </Space>
            </Card>
          )}
        />
      )}
    </Space>
  );
}
