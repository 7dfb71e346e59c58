/**
 * Every chart of the product goes through here: ECharts (Apache, well kept, canvas) with the parts we use
 * registered once — so the bundle carries bars, lines and pies, not the whole library (the slot plan's custom
 * series registers itself, so the overview's chart file does not carry it) — and one look:
 * tooltips, legends and resizing with the container. Pages pass an ECharts option; clicks come back with
 * the item's data index. A canvas says nothing to a screen reader: `label` names the chart and lists what
 * it shows (the figures in words), read out in its place — and read by the browser tests.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';

echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** The product's palette: antd's primary blue first, then the colours of the measures and alerts. */
export const CHART_COLOURS = ['#1677ff', '#fa8c16', '#52c41a', '#f5222d', '#722ed1', '#13c2c2', '#eb2f96', '#faad14'];

export interface EChartProps {
  option: EChartsCoreOption;
  height?: number;
  /** Called with the clicked item's index in its series (a bar, a point). */
  onClickItem?: (dataIndex: number) => void;
  dark?: boolean;
  testId?: string;
  /** The chart in words for those who cannot see it, e.g. "近 14 天 · 管控人数：03-01 5，03-02 7 …". */
  label?: string;
}

export function EChart({ option, height = 280, onClickItem, dark, testId, label }: EChartProps) {
  const spoken = label ? { role: 'img', 'aria-label': label } : {};
  return (
    <div data-testid={testId} {...spoken}>
      <ReactEChartsCore
        echarts={echarts}
        option={{ color: CHART_COLOURS, tooltip: { trigger: 'axis' }, backgroundColor: 'transparent', animationDuration: 300, ...option }}
        theme={dark ? 'dark' : undefined}
        notMerge
        style={{ height, width: '100%' }}
        onEvents={onClickItem ? { click: (p: { dataIndex: number }) => onClickItem(p.dataIndex) } : undefined}
      />
    </div>
  );
}
