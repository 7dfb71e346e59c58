/**
 * A post's day by hour on the product's one chart component: people checked as bars, those turned back beside
 * them. Its own chunk (the chart library is loaded only when a post has crossings to draw); the label tells the
 * same hour by hour for those who cannot see the canvas.
 */
import { useTranslation } from 'react-i18next';
import { EChart } from '../../app/components/EChart';

export default function PostHourlyChart({ hours }: { hours: { hour: number; checked: number; turnedBack: number }[] }) {
  const { t } = useTranslation();
  const busy = hours.filter((h) => h.checked > 0);
  const label = t('checkpoints.post.hourlyLabel', {
    hours: busy.map((h) => `${h.hour}:00 ${h.checked}/${h.turnedBack}`).join(', '),
  });
  return (
    <EChart
      height={220}
      testId="post-hourly"
      label={label}
      option={{
        grid: { left: 32, right: 8, top: 32, bottom: 24 },
        legend: { top: 0 },
        xAxis: { type: 'category', data: hours.map((h) => String(h.hour)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { type: 'bar', name: t('checkpoints.figures.checked'), data: hours.map((h) => h.checked) },
          { type: 'bar', name: t('checkpoints.figures.turnedBack'), data: hours.map((h) => h.turnedBack), itemStyle: { color: '#f5222d' } },
        ],
      }}
    />
  );
}
