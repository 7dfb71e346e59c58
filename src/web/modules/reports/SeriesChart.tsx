/**
 * The last 14 days of one figure as plain SVG bars (no chart library: one series of at most 60 bars does not
 * need one). The figure is picked above the chart; each bar carries its value and date as a tooltip.
 */
import { Alert, Card, Empty, Segmented, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { series } from '../../../domain/reports/api';
import { FIGURE_COLUMNS, type FigureKey } from '../../../domain/reports/figures';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';

const CHART_KEYS: FigureKey[] = ['arrivals.today', 'measures.total', 'measures.startedToday', 'followUps.missed', 'alerts.raised', 'visits.households'];

/** A submit or reopen refetches the chart with the report (every query on screen is refetched after a write). */
export function SeriesChart({ areaId, to }: { areaId: number; to: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh';
  const [key, setKey] = useState<FigureKey>('measures.total');
  // Only the figure shown: the server then reads only the table it comes from.
  const answer = useApiQuery(series, { query: { areaId, days: 14, to, keys: key } }, { placeholderData: (previous) => previous });
  const items = answer.data?.items ?? null;
  const error = answer.error ? errorText(answer.error, t) : null;

  const label = (k: FigureKey) => {
    const c = FIGURE_COLUMNS.find((x) => x.key === k)!;
    return `${c.group[lang]} · ${c.name[lang]}`;
  };
  const values = items?.map((d) => d.figures[key] ?? 0) ?? [];
  const max = Math.max(1, ...values);
  const W = 28;
  const H = 160;
  return (
    <Card
      size="small"
      title={t('reports.chartTitle')}
      extra={
        <Segmented<FigureKey>
          size="small"
          value={key}
          onChange={setKey}
          options={CHART_KEYS.map((k) => ({ value: k, label: label(k) }))}
          data-testid="series-key"
        />
      }
    >
      {error && <Alert type="error" showIcon title={error} />}
      {!items && !error && <Spin />}
      {items && !items.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      {items && items.length > 0 && (
        <div style={{ overflowX: 'auto' }}>
          <svg width={items.length * W + 8} height={H + 40} role="img" aria-label={label(key)} data-testid="series-chart">
            {items.map((d, i) => {
              const v = d.figures[key] ?? 0;
              const h = Math.round((v / max) * H);
              return (
                <g key={d.day} transform={`translate(${4 + i * W},0)`} data-testid="series-bar">
                  <title>{`${d.day}: ${v}`}</title>
                  <rect x={4} y={H - h + 14} width={W - 8} height={Math.max(h, v ? 1 : 0)} fill="#1677ff" rx={2} />
                  <text x={W / 2} y={H - h + 10} textAnchor="middle" fontSize={10} fill="#555">
                    {v}
                  </text>
                  <text x={W / 2} y={H + 30} textAnchor="middle" fontSize={10} fill="#888">
                    {d.day.slice(5)}
                  </text>
                </g>
              );
            })}
          </svg>
        </div>
      )}
    </Card>
  );
}
