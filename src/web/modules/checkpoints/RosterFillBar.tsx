/**
 * 一键排班: fills the chosen area's week (the greedy fill, then the optimiser), shows its progress while it runs —
 * phase, time so far, and the optimiser's gap to its proven lower bound — and refreshes the board when it is done.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Progress, Space, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { fillRoster, latestRosterFill, roster } from '../../../domain/checkpoints/api';
import type { RosterFill } from '../../../domain/checkpoints/api';
import { useApiMutation, useApiQuery } from '../../app/query';
import { errorText } from '../../app/errors';

const PHASE_PERCENT: Record<RosterFill['phase'], number> = { queued: 5, greedy: 20, optimising: 60, saving: 90, done: 100 };

export function RosterFillBar({ areaId, from, canFill }: { areaId: number | null; from: string; canFill: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const latest = useApiQuery(
    latestRosterFill,
    { query: { areaId: areaId ?? 0 } },
    { enabled: areaId !== null, refetchInterval: (q) => (q.state.data?.fill?.status === 'running' ? 2000 : false) },
  );
  const start = useApiMutation(fillRoster, { invalidates: [latestRosterFill] });
  const client = useQueryClient();
  const fill = latest.data?.fill ?? null;
  // When a fill this screen watched finishes, the board is read again.
  const wasRunning = useRef(false);
  useEffect(() => {
    if (fill?.status === 'running') wasRunning.current = true;
    else if (wasRunning.current && fill) {
      wasRunning.current = false;
      void client.invalidateQueries({ queryKey: [roster.path] });
    }
  }, [fill, client]);
  const run = () => areaId !== null && start.mutate({ body: { areaId, from, days: 7 } }, { onError: (e) => message.error(errorText(e, t)) });
  const gap = fill?.gapPct;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="roster-fill">
      <Space wrap>
        {canFill && (
          <Button
            type="primary"
            onClick={run}
            loading={start.isPending}
            disabled={areaId === null || fill?.status === 'running'}
            data-testid="roster-fill-button"
          >
            {t('checkpoints.fill.button')}
          </Button>
        )}
        {areaId === null && <Typography.Text type="secondary">{t('checkpoints.fill.pickArea')}</Typography.Text>}
      </Space>
      {fill && fill.status === 'running' && (
        <Alert
          type="info"
          data-testid="roster-fill-progress"
          title={
            <Space direction="vertical" style={{ width: '100%' }}>
              <span>
                {t(`checkpoints.fill.phase.${fill.phase}`)} · {t('checkpoints.fill.elapsed', { seconds: fill.elapsedSeconds })}
                {gap != null && ` · ${t('checkpoints.fill.gap', { gap: gap.toFixed(1) })}`}
              </span>
              <Progress percent={PHASE_PERCENT[fill.phase]} status="active" showInfo={false} />
            </Space>
          }
        />
      )}
      {fill && fill.status === 'done' && (
        <Alert
          type={fill.feasible ? 'success' : 'warning'}
          data-testid="roster-fill-result"
          title={t(fill.feasible ? 'checkpoints.fill.doneFull' : 'checkpoints.fill.doneShort', {
            from: fill.from,
            assigned: fill.assigned ?? 0,
            unfilled: fill.unfilled ?? 0,
          })}
          description={t(fill.optimal ? 'checkpoints.fill.optimal' : 'checkpoints.fill.quality', {
            objective: (fill.objective ?? 0).toFixed(0),
            bound: (fill.lowerBound ?? 0).toFixed(0),
            gap: (fill.gapPct ?? 0).toFixed(1),
            seconds: fill.elapsedSeconds,
          })}
        />
      )}
      {fill && fill.status === 'failed' && <Alert type="error" title={t('checkpoints.fill.failed')} />}
    </Space>
  );
}
