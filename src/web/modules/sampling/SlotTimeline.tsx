/**
 * The slot plan drawn: the plan's length beside its lower bound (people ÷ capacity — no plan can be shorter),
 * and the point's opening hours as a strip with each slot as a block whose fill is its load against its
 * capacity (red when over). Plain SVG, like SeriesChart: a few dozen blocks need no chart library.
 */
import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Measured, toMinutes } from '../../../domain/sampling/slot-edits';

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

/** The opening hours as one strip; each slot a block at its time, filled to its load (capped at the block). */
export function HoursStrip({ plan, opensAt, closesAt }: { plan: Measured; opensAt: string; closesAt: string }) {
  const { t } = useTranslation();
  const open = toMinutes(opensAt);
  const span = Math.max(1, toMinutes(closesAt) - open);
  const W = 720;
  const H = 56;
  const x = (hhmm: string) => ((toMinutes(hhmm) - open) / span) * W;
  const hours: number[] = [];
  for (let m = Math.ceil(open / 60) * 60; m <= open + span; m += 60) hours.push(m);
  return (
    <div style={{ overflowX: 'auto' }}>
      <svg
        viewBox={`0 0 ${W} ${H + 18}`}
        style={{ width: '100%', minWidth: 320 }}
        role="img"
        aria-label={t('samplingSlots.stripLabel')}
        data-testid="slot-strip"
      >
        <rect x={0} y={0} width={W} height={H} fill="#fafafa" stroke="#d9d9d9" />
        {plan.slots.map((s) => {
          const x0 = x(s.start);
          const w = Math.max(1, x(s.end) - x0);
          const fill = Math.min(1, s.load / s.capacity);
          return (
            <g key={s.id}>
              <title>{t('samplingSlots.slotTip', { start: s.start, end: s.end, load: s.load, capacity: s.capacity, wait: s.worstWaitMinutes })}</title>
              <rect x={x0} y={4} width={w} height={H - 8} fill="#e6f4ff" stroke="#91caff" />
              <rect x={x0} y={4 + (H - 8) * (1 - fill)} width={w} height={(H - 8) * fill} fill={s.over ? RED : BLUE} opacity={0.85} />
            </g>
          );
        })}
        {hours.map((m) => {
          const hx = ((m - open) / span) * W;
          return (
            <g key={m}>
              <line x1={hx} x2={hx} y1={H} y2={H + 4} stroke="#8c8c8c" />
              <text x={Math.min(W - 14, Math.max(14, hx))} y={H + 15} fontSize={11} textAnchor="middle" fill="#595959">
                {`${String(Math.floor(m / 60) % 24).padStart(2, '0')}:00`}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
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
