/**
 * The last 14 days of one figure as bars, on the product's one chart component (tooltips, resizing and the
 * look of every other chart). The figure is picked above the chart; each bar shows its value, and the
 * chart's label lists the days and values in words.
 */
import { Alert, Card, Empty, Segmented, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { series } from '../../../domain/reports/api';
import { FIGURE_COLUMNS, type FigureKey } from '../../../domain/reports/figures';
import { EChart } from '../../app/components/EChart';
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
  const days = items?.map((d) => d.day.slice(5)) ?? [];
  const values = items?.map((d) => d.figures[key] ?? 0) ?? [];
  // "03-01 5，03-02 7 …": what a screen reader says in place of the canvas.
  const summary = `${label(key)}：${days.map((d, i) => `${d} ${values[i]}`).join(lang === 'zh' ? '，' : ', ')}`;
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
        <EChart
          testId="series-chart"
          label={summary}
          height={220}
          option={{
            grid: { left: 40, right: 16, top: 24, bottom: 28 },
            xAxis: { type: 'category', data: days },
            yAxis: { type: 'value', minInterval: 1 },
            series: [{ type: 'bar', name: label(key), data: values, barMaxWidth: 24, label: { show: true, position: 'top', fontSize: 10 } }],
          }}
        />
      )}
    </Card>
  );
}
