import type { EChartsCoreOption } from 'echarts/core';
import type { Overview } from '../../../domain/overview/api';

/** ECharts options of the overview's charts, built from its answer (pure: easy to read and to test). */
type T = (key: string) => string;
const pct = (s: { done: number; of: number } | null) => (s && s.of ? Math.round((s.done / s.of) * 1000) / 10 : 0);

/** People under each kind of measure, per child area (stacked bars; a click drills down). */
export function measuresByChild(o: Overview, t: T): EChartsCoreOption {
  const kids = o.children.filter((c) => c.figures);
  const bar = (key: 'measures.central_isolation' | 'measures.home_isolation' | 'measures.home_monitoring', name: string) => ({
    type: 'bar',
    name,
    stack: 'measures',
    data: kids.map((c) => c.figures![key]),
  });
  return {
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 48 },
    xAxis: { type: 'category', data: kids.map((c) => c.name), axisLabel: { interval: 0, rotate: kids.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      bar('measures.central_isolation', t('overview.central')),
      bar('measures.home_isolation', t('overview.home')),
      bar('measures.home_monitoring', t('overview.homeMonitoring')),
    ],
  };
}

/** Shares per child: households visited of those to visit, people sampled of those due (percent). */
export function sharesByChild(o: Overview, t: T): EChartsCoreOption {
  const series = [];
  if (o.screening) series.push({ type: 'bar', name: t('overview.householdVisits'), data: o.children.map((c) => pct(c.screening)) });
  if (o.sampling) series.push({ type: 'bar', name: t('overview.coverage'), data: o.children.map((c) => pct(c.sampling)) });
  return {
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
    grid: { left: 40, right: 16, top: 36, bottom: 48 },
    xAxis: { type: 'category', data: o.children.map((c) => c.name), axisLabel: { interval: 0, rotate: o.children.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series,
  };
}

/** The last 14 days: people under measures, measures started, fever alerts, missed follow-ups, arrivals. */
export function trend(o: Overview, t: T): EChartsCoreOption {
  const line = (key: keyof Overview['trend'][number], name: string, yAxisIndex = 0) => ({
    type: 'line',
    name,
    smooth: true,
    yAxisIndex,
    data: o.trend.map((d) => d[key]),
  });
  return {
    legend: { top: 0 },
    grid: { left: 40, right: 40, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: o.trend.map((d) => d.day.slice(5)) },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      line('underMeasures', t('overview.underMeasures')),
      line('measuresStarted', t('overview.measuresStarted'), 1),
      line('alertsRaised', t('overview.alertsRaised'), 1),
      line('followUpsMissed', t('overview.followUpsMissed'), 1),
      line('arrivals', t('overview.arrivals'), 1),
    ],
  };
}
