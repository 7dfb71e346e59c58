import { Card, Col, Progress, Row, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Overview } from '../../../domain/overview/api';
import { SuppliesOverviewCard } from '../supplies/SuppliesOverviewCard';
import { ZonesCard } from './ZonesCard';
import { HelpPanelCard } from './HelpPanelCard';

/**
 * The overview's headline figures. Each card says what it counts: a share is shown as "done / of" with its
 * meaning underneath, never a bare percentage; a panel with nothing open says so instead of showing 0.
 */
export function FigureCard({
  title,
  value,
  suffix,
  note,
  testId,
  danger,
  children,
}: {
  title: string;
  value: number | string;
  suffix?: string;
  note: ReactNode;
  testId: string;
  danger?: boolean;
  children?: ReactNode;
}) {
  return (
    <Col xs={12} md={8} xl={6} xxl={4}>
      <Card size="small" style={{ height: '100%' }} data-testid={testId}>
        <Statistic title={title} value={value} suffix={suffix} styles={{ content: danger ? { color: '#cf1322' } : undefined }} />
        {children}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {note}
        </Typography.Text>
      </Card>
    </Col>
  );
}

const percent = (s: { done: number; of: number }) => (s.of ? Math.round((s.done / s.of) * 100) : 0);

export function FigureCards({ o }: { o: Overview }) {
  const { t } = useTranslation();
  const f = o.figures;
  return (
    <Row gutter={[12, 12]}>
      {f && (
        <>
          <FigureCard
            testId="fig-measures"
            title={t('overview.underMeasures')}
            value={f['measures.total']}
            note={t('overview.underMeasuresNote', { started: f['measures.startedToday'], released: f['measures.releasedToday'] })}
          />
          <FigureCard
            testId="fig-alerts"
            title={t('overview.alertsOpen')}
            value={f['alerts.open']}
            danger={f['alerts.open'] > 0}
            note={t('overview.alertsNote', { raised: f['alerts.raised'] })}
          />
          <FigureCard
            testId="fig-follow-ups"
            title={t('overview.followUps')}
            value={f['followUps.done']}
            suffix={`/ ${f['followUps.due']}`}
            danger={f['followUps.missed'] > 0}
            note={t('overview.followUpsNote', { missed: f['followUps.missed'] })}
          />
          <FigureCard
            testId="fig-arrivals"
            title={t('overview.arrivalsToday')}
            value={f['arrivals.today']}
            note={t('overview.arrivalsNote', { total: f['arrivals.total'] })}
          />
        </>
      )}
      <FigureCard
        testId="fig-screening"
        title={t('overview.householdVisits')}
        value={o.screening ? o.screening.done : '—'}
        suffix={o.screening ? `/ ${o.screening.of}` : undefined}
        note={o.screening ? t('overview.visitsNote', { campaigns: o.screening.campaigns, gap: o.screening.of - o.screening.done }) : t('overview.noCampaign')}
      >
        {o.screening && <Progress percent={percent(o.screening)} size="small" />}
      </FigureCard>
      <FigureCard
        testId="fig-sampling"
        title={t('overview.coverage')}
        value={o.sampling ? o.sampling.done : '—'}
        suffix={o.sampling ? `/ ${o.sampling.of}` : undefined}
        danger={!!o.sampling?.held}
        note={
          o.sampling ? t('overview.coverageNote', { round: o.sampling.roundName, held: o.sampling.held, exempt: o.sampling.exempt }) : t('overview.noRound')
        }
      >
        {o.sampling && <Progress percent={percent(o.sampling)} size="small" />}
      </FigureCard>
      <FigureCard
        testId="fig-tasks"
        title={t('overview.overdueTasks')}
        value={o.tasks.overdue}
        suffix={`/ ${o.tasks.open}`}
        danger={o.tasks.overdue > 0}
        note={t('overview.overdueTasksNote')}
      />
      <FigureCard
        testId="fig-volunteers"
        title={t('overview.onDuty')}
        value={o.volunteers.onDuty}
        suffix={`/ ${o.volunteers.total}`}
        note={t('overview.onDutyNote')}
      />
      {o.checkpoints && (
        <FigureCard
          testId="fig-checkpoints"
          title={t('checkpoints.panel.title')}
          value={o.checkpoints.understaffedNow}
          suffix={`/ ${o.checkpoints.posts}`}
          danger={o.checkpoints.understaffedNow > 0}
          note={t('checkpoints.panel.note', { ...o.checkpoints, names: o.checkpoints.understaffed.map((p) => p.name).join('、') })}
        />
      )}
      {o.help && <HelpPanelCard help={o.help} />}
      {o.tracing && (
        <FigureCard
          testId="fig-tracing"
          title={t('tracing.panel.title')}
          value={o.tracing.toFindLate}
          suffix={`/ ${o.tracing.toFind}`}
          danger={o.tracing.toFindLate > 0}
          note={t('tracing.panel.note', {
            ...o.tracing,
            placed: o.tracing.placedWithin24hPct ?? '—',
            known: o.tracing.knownBeforePct ?? '—',
          })}
        />
      )}
      {o.supplies && <SuppliesOverviewCard panel={o.supplies} />}
      {o.zones && <ZonesCard zones={o.zones} />}
      {o.inspections && (
        <FigureCard
          testId="fig-inspections"
          title={t('inspections.panel.title')}
          value={o.inspections.overdueOrders}
          suffix={`/ ${o.inspections.openOrders}`}
          danger={o.inspections.overdueOrders > 0}
          note={t('inspections.panel.note', { ...o.inspections, passRate: o.inspections.passRate ?? '—' })}
        />
      )}
      {o.fieldwork && (
        <FigureCard
          testId="fig-fieldwork"
          title={t('fieldwork.panel.title')}
          value={o.fieldwork.jobsToday}
          suffix={t('fieldwork.panel.m2', { m2: o.fieldwork.areaM2Today })}
          danger={o.fieldwork.terminalOverdue > 0}
          note={t('fieldwork.panel.note', { ...o.fieldwork, coverage: o.fieldwork.campaignCoveragePct ?? '—' })}
        />
      )}
      {o.enterprises && (
        <FigureCard
          testId="fig-enterprises"
          title={t('enterprises.panel.title')}
          value={o.enterprises.resumed}
          suffix={`/ ${o.enterprises.total}`}
          danger={o.enterprises.suspended > 0}
          note={t('enterprises.panel.note', o.enterprises)}
        />
      )}
    </Row>
  );
}
