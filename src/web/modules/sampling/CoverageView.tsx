/**
 * The round picker above the coverage dashboard, shared by the menu page (/sampling/coverage) and a round's
 * own page (/sampling/rounds/:id/coverage). Open rounds come first; with no round chosen the first is shown.
 * The area drilled into is `under` in the URL, so a link shows the same place to whoever opens it.
 */
import { Alert, Card, Empty, Select, Space, Spin, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { getRound, listRounds } from '../../../domain/sampling/api';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { CoverageDashboard } from './CoverageDashboard';
import { orderRounds } from './CoverageModel';

const STATUS_COLOUR = { open: 'green', planned: 'blue', closed: 'default' } as const;

export function CoverageView({ roundId, onRound }: { roundId?: number; onRound: (id: number) => void }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const under = Number(params.get('under')) || undefined;
  const roundsQuery = useApiQuery(listRounds, {});
  const rounds = useMemo(() => (roundsQuery.data ? orderRounds(roundsQuery.data.items) : null), [roundsQuery.data]);
  // A round named in the link but not in the list (e.g. the list's own limits): asked for by id, so a
  // wrong or foreign id shows the server's "not found, or no access".
  const listed = rounds?.find((r) => r.id === roundId);
  const extraQuery = useApiQuery(getRound, { params: { id: roundId ?? 0 } }, { enabled: !!rounds && !!roundId && !listed });
  const extra = extraQuery.data ?? null;
  const failed = roundsQuery.error ?? (listed ? null : extraQuery.error);
  const error = failed ? errorText(failed, t) : null;

  const round = roundId ? (listed ?? (extra?.id === roundId ? extra : null)) : (rounds?.[0] ?? null);
  const options = useMemo(
    () =>
      [...(rounds ?? []), ...(extra && !rounds?.some((r) => r.id === extra.id) ? [extra] : [])].map((r) => ({
        value: r.id,
        label: (
          <Space size={4}>
            <Tag color={STATUS_COLOUR[r.status]} style={{ marginInlineEnd: 0 }}>
              {t(`samplingCoverage.roundStatus.${r.status}`)}
            </Tag>
            <span>{r.name}</span>
            <Typography.Text type="secondary">{r.areaName}</Typography.Text>
          </Space>
        ),
        search: `${r.name} ${r.areaName}`,
      })),
    [rounds, extra, t],
  );

  const setUnder = (id: number | undefined) => {
    const next = new URLSearchParams(params);
    if (id) next.set('under', String(id));
    else next.delete('under');
    setParams(next);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.samplingCoverage')}
        </Typography.Title>
        {rounds && rounds.length > 0 && (
          <Select
            data-testid="coverage-round"
            style={{ minWidth: 240, maxWidth: '100%' }}
            value={round?.id}
            options={options}
            showSearch={{ optionFilterProp: 'search' }}
            placeholder={t('samplingCoverage.pickRound')}
            onChange={(id: number) => onRound(id)}
          />
        )}
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {!rounds && !error && <Spin style={{ display: 'block', margin: '48px auto' }} />}
      {rounds && rounds.length === 0 && !roundId && (
        <Card size="small">
          <Empty description={t('samplingCoverage.noRounds')} data-testid="coverage-no-rounds" />
        </Card>
      )}
      {round && <CoverageDashboard key={round.id} round={round} under={under} onUnder={setUnder} />}
    </Space>
  );
}
