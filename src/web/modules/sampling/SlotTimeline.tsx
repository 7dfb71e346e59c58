/**
 * The slot plan drawn: the plan's length beside its lower bound (people ÷ capacity — no plan can be shorter),
 * and the point's opening hours as a strip with each slot as a block whose fill is its load against its
 * capacity (red when over) — a chart, on the product's chart component. The two lengths and each slot's
 * load bar stay plain bars: single measures beside their numbers, like progress bars, not charts.
 */
import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Measured, toMinutes } from '../../../domain/sampling/slot-edits';
import { CustomChart } from 'echarts/charts';
import { use } from 'echarts/core';
import { EChart } from '../../app/components/EChart';

// The strip of slots is a custom series: registered here, where it is drawn, so other charts' pages do not carry it.
use([CustomChart]);

const RED = '#cf1322';
const BLUE = '#1677ff';
const GREY = '#f0f0f0';

export function LengthBars({ plan }: { plan: Pick<Measured, 'lowerBoundMinutes' | 'planMinutes'> }) {
  const { t } = useTranslation();
  const max = Math.max(1, plan.lowerBoundMinutes, plan.planMinutes);
  const row = (label: string, minutes: number, colour: string, testId: string) => (
    <div data-testid={testId}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text>{label}</Typography.Text>
        <Typography.Text strong>{t('samplingSlots.minutes', { n: minutes })}</Typography.Text>
      </Space>
      <div style={{ height: 10, borderRadius: 5, background: GREY, overflow: 'hidden' }} aria-hidden>
        <div style={{ width: `${(minutes / max) * 100}%`, height: '100%', background: colour }} />
      </div>
    </div>
  );
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {row(t('samplingSlots.lowerBound'), plan.lowerBoundMinutes, '#52c41a', 'slot-lower-bound')}
      {row(t('samplingSlots.planLength'), plan.planMinutes, BLUE, 'slot-plan-length')}
    </Space>
  );
}

/**
 * The opening hours as one strip on the product's chart component: each slot a block at its time, filled to
 * its load (capped at the block; red when over), its figures in the tooltip and, in words, in the label.
 */
export function HoursStrip({ plan, opensAt, closesAt }: { plan: Measured; opensAt: string; closesAt: string }) {
  const { t } = useTranslation();
  const open = toMinutes(opensAt);
  const close = open + Math.max(1, toMinutes(closesAt) - open);
  const tip = (s: Measured['slots'][number]) =>
    t('samplingSlots.slotTip', { start: s.start, end: s.end, load: s.load, capacity: s.capacity, wait: s.worstWaitMinutes });
  const clock = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  // One item per slot: [start, end, fill], in minutes of the day.
  const data = plan.slots.map((s) => ({ value: [toMinutes(s.start), toMinutes(s.end), Math.min(1, s.load / s.capacity)], over: s.over }));
  return (
    <EChart
      testId="slot-strip"
      label={`${t('samplingSlots.stripLabel')}：${plan.slots.map(tip).join('；')}`}
      height={110}
      option={{
        grid: { left: 16, right: 16, top: 8, bottom: 28 },
        tooltip: { trigger: 'item', formatter: (p: { dataIndex: number }) => tip(plan.slots[p.dataIndex]) },
        xAxis: { type: 'value', min: open, max: close, interval: 60, axisLabel: { formatter: (m: number) => clock(m) }, splitLine: { show: false } },
        yAxis: { type: 'value', min: 0, max: 1, show: false },
        series: [
          {
            type: 'custom',
            data,
            encode: { x: [0, 1] },
            renderItem: (params: { dataIndex: number }, api: StripApi) => {
              const [x0, top] = api.coord([api.value(0), 1]);
              const [x1, bottom] = api.coord([api.value(1), 0]);
              const height = bottom - top;
              const fill = api.value(2);
              const width = Math.max(1, x1 - x0);
              return {
                type: 'group',
                children: [
                  { type: 'rect', shape: { x: x0, y: top, width, height }, style: { fill: '#e6f4ff', stroke: '#91caff' } },
                  {
                    type: 'rect',
                    shape: { x: x0, y: top + height * (1 - fill), width, height: height * fill },
                    style: { fill: data[params.dataIndex].over ? RED : BLUE, opacity: 0.85 },
                  },
                ],
              };
            },
          },
        ],
      }}
    />
  );
}

/** What a custom series' drawing is given: the item's values and the axes' coordinates. */
interface StripApi {
  value: (dimension: number) => number;
  coord: (point: [number, number]) => [number, number];
}

/** One slot's load against its capacity as a bar; the part over capacity in red. */
export function LoadBar({ load, capacity }: { load: number; capacity: number }) {
  const max = Math.max(load, capacity, 1);
  const within = Math.min(load, capacity);
  return (
    <div
      style={{ position: 'relative', display: 'flex', height: 12, borderRadius: 6, background: GREY, overflow: 'hidden' }}
      aria-hidden
      data-testid="slot-load-bar"
    >
      <div style={{ width: `${(within / max) * 100}%`, background: BLUE }} />
      {load > capacity && <div style={{ width: `${((load - capacity) / max) * 100}%`, background: RED }} />}
      {/* the capacity mark */}
      <div style={{ position: 'absolute', left: `calc(${(capacity / max) * 100}% - 1px)`, top: 0, bottom: 0, width: 2, background: '#262626' }} />
    </div>
  );
}
