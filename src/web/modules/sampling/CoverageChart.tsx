/**
 * The round's hours as plain SVG, in the manner of the daily report's SeriesChart (no chart library): people
 * first sampled in each hour as bars, the running total as a line, and the number due as a dashed line — the
 * gap between the two lines is who is still missing, and the slope shows whether the pace will close it.
 */
import { Card, Empty, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type HourPoint, fillHours } from './CoverageModel';

const W = 26;
const H = 160;
const TOP = 18;
const LEFT = 4;

export function CoverageChart({ hours, due, timeZone }: { hours: HourPoint[]; due: number; timeZone: string }) {
  const { t } = useTranslation();
  const points = fillHours(hours);
  const last = points[points.length - 1]?.cumulative ?? 0;
  const max = Math.max(1, due, last);
  const y = (v: number) => TOP + H - (v / max) * H;
  const width = Math.max(points.length * W + LEFT * 2, 280);
  const line = points.map((p, i) => `${LEFT + i * W + W / 2},${y(p.cumulative)}`).join(' ');
  return (
    <Card
      size="small"
      title={t('samplingCoverage.chartTitle')}
      extra={
        <Space size={12} wrap style={{ fontSize: 12 }}>
          <span>
            <span style={{ display: 'inline-block', width: 14, height: 3, background: '#1677ff', verticalAlign: 'middle', marginInlineEnd: 4 }} />
            {t('samplingCoverage.chartCumulative')}
          </span>
          <span>
            <span style={{ display: 'inline-block', width: 14, borderTop: '2px dashed #cf1322', verticalAlign: 'middle', marginInlineEnd: 4 }} />
            {t('samplingCoverage.chartDue', { due })}
          </span>
        </Space>
      }
    >
      {!points.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('samplingCoverage.chartEmpty')} />
      ) : (
        <>
          <div style={{ overflowX: 'auto' }}>
            <svg width={width} height={TOP + H + 34} role="img" aria-label={t('samplingCoverage.chartTitle')} data-testid="coverage-chart">
              {points.map((p, i) => {
                const h = (p.sampled / max) * H;
                const showLabel = i === 0 || p.hour.endsWith('T00:00') || i % 3 === 0;
                return (
                  <g key={p.hour} transform={`translate(${LEFT + i * W},0)`} data-testid="coverage-hour">
                    <title>{t('samplingCoverage.chartTip', { hour: p.hour.replace('T', ' '), sampled: p.sampled, cumulative: p.cumulative })}</title>
                    <rect x={5} y={TOP + H - h} width={W - 10} height={Math.max(h, p.sampled ? 1 : 0)} fill="#91caff" rx={2} />
                    {showLabel && (
                      <text x={W / 2} y={TOP + H + 14} textAnchor="middle" fontSize={10} fill="#888">
                        {p.hour.slice(11, 13)}
                      </text>
                    )}
                    {(i === 0 || p.hour.endsWith('T00:00')) && (
                      <text x={2} y={TOP + H + 28} fontSize={10} fill="#888">
                        {p.hour.slice(5, 10)}
                      </text>
                    )}
                  </g>
                );
              })}
              <line x1={0} x2={width} y1={y(due)} y2={y(due)} stroke="#cf1322" strokeWidth={1.5} strokeDasharray="5 4" />
              <polyline points={line} fill="none" stroke="#1677ff" strokeWidth={2} />
              {/* A dot per hour, so a round of one hour so far still shows its point on the line. */}
              {points.map((p, i) => (
                <circle key={p.hour} cx={LEFT + i * W + W / 2} cy={y(p.cumulative)} r={2.5} fill="#1677ff" />
              ))}
              {points.length > 0 && (
                <text x={LEFT + (points.length - 1) * W + W / 2} y={y(last) - 6} textAnchor="middle" fontSize={11} fill="#1677ff" fontWeight={600}>
                  {last}
                </text>
              )}
            </svg>
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('samplingCoverage.chartZone', { zone: timeZone })}
          </Typography.Text>
        </>
      )}
    </Card>
  );
}
