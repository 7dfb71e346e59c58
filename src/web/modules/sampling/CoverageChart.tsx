/**
 * The round's hours on the product's one chart component: people first sampled in each hour as bars, the
 * running total as a line, and the number due as a dashed line — the gap between the two lines is who is
 * still missing, and the slope shows whether the pace will close it. The chart's label tells the same
 * hour by hour for those who cannot see it.
 */
import { Card, Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../app/components/EChart';
import { type HourPoint, fillHours } from './CoverageModel';

const BAR = '#91caff';
const LINE = '#1677ff';
const DUE = '#cf1322';

export function CoverageChart({ hours, due, timeZone }: { hours: HourPoint[]; due: number; timeZone: string }) {
  const { t } = useTranslation();
  const points = fillHours(hours);
  const last = points[points.length - 1]?.cumulative ?? 0;
  const tip = (p: (typeof points)[number]) => t('samplingCoverage.chartTip', { hour: p.hour.replace('T', ' '), sampled: p.sampled, cumulative: p.cumulative });
  const summary = [t('samplingCoverage.chartTitle'), ...points.map(tip), t('samplingCoverage.chartDue', { due })].join('；');
  return (
    <Card size="small" title={t('samplingCoverage.chartTitle')}>
      {!points.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('samplingCoverage.chartEmpty')} />
      ) : (
        <>
          <EChart
            testId="coverage-chart"
            label={summary}
            height={240}
            option={{
              legend: { top: 0 },
              grid: { left: 40, right: 24, top: 36, bottom: 40 },
              tooltip: {
                trigger: 'axis',
                formatter: (params: { dataIndex: number }[]) => (params[0] ? tip(points[params[0].dataIndex]) : ''),
              },
              xAxis: {
                type: 'category',
                data: points.map((p) => p.hour),
                // The hour under each bar; the day under the first hour and under each midnight.
                axisLabel: {
                  formatter: (hour: string, i: number) =>
                    i === 0 || hour.endsWith('T00:00') ? `${hour.slice(11, 13)}\n${hour.slice(5, 10)}` : hour.slice(11, 13),
                },
              },
              yAxis: { type: 'value', minInterval: 1, max: (v: { max: number }) => Math.max(v.max, due, 1) },
              series: [
                { type: 'bar', name: t('samplingCoverage.chartHourly'), data: points.map((p) => p.sampled), itemStyle: { color: BAR }, barMaxWidth: 18 },
                {
                  type: 'line',
                  name: t('samplingCoverage.chartCumulative'),
                  data: points.map((p) => p.cumulative),
                  itemStyle: { color: LINE },
                  // The total so far at the end of the line.
                  endLabel: { show: true, formatter: String(last), color: LINE, fontWeight: 600 },
                },
                {
                  type: 'line',
                  name: t('samplingCoverage.chartDue', { due }),
                  data: points.map(() => due),
                  symbol: 'none',
                  itemStyle: { color: DUE },
                  lineStyle: { type: 'dashed', width: 1.5 },
                  tooltip: { show: false },
                },
              ],
            }}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('samplingCoverage.chartZone', { zone: timeZone })}
          </Typography.Text>
        </>
      )}
    </Card>
  );
}
