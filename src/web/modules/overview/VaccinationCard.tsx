import { Card, Space, Statistic } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useTranslation } from 'react-i18next';
import type { Overview } from '../../../domain/overview/api';
import { EChart } from '../../app/components/EChart';

type Panel = NonNullable<Overview['vaccination']>;

/** Coverage (primary course complete) of the 60+ and the 80+ per village, as percent bars. */
export function coverageBars(v: Panel, t: (k: string) => string): EChartsCoreOption {
  return {
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (x: number | null) => (x === null ? '—' : `${x}%`) },
    grid: { left: 40, right: 16, top: 36, bottom: 48 },
    xAxis: { type: 'category', data: v.byVillage.map((r) => r.name), axisLabel: { interval: 0, rotate: v.byVillage.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      { type: 'bar', name: t('vaccination.band.60plus'), data: v.byVillage.map((r) => r.rate60) },
      { type: 'bar', name: t('vaccination.band.80plus'), data: v.byVillage.map((r) => r.rate80) },
    ],
  };
}

/** The vaccination panel of the overview (疫苗接种动员): coverage by village, agreed and waiting, refused. */
export function VaccinationCard({ vaccination }: { vaccination: Panel }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('vaccination.panel.title')} data-testid="panel-vaccination">
      <Space size="large" wrap style={{ marginBottom: 8 }}>
        <Statistic title={t('vaccination.panel.agreedWaiting')} value={vaccination.agreedWaiting} />
        <Statistic title={t('vaccination.panel.refused')} value={vaccination.refused} />
      </Space>
      {vaccination.byVillage.length > 0 && <EChart testId="chart-vaccination" option={coverageBars(vaccination, t)} />}
    </Card>
  );
}
