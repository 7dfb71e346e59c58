/** Three thin bars per row — enlisted, volunteers, on duty — against the largest figure of the table. */
import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FigureRow } from '../../../domain/volunteers/api';

export function FigureBars({ row, max }: { row: FigureRow; max: number }) {
  const { t } = useTranslation();
  const bars = [
    { value: row.enlisted, colour: '#1677ff', label: t('volunteers.figures.enlisted') },
    { value: row.volunteers, colour: '#52c41a', label: t('volunteers.figures.volunteers') },
    { value: row.onDuty, colour: '#cf1322', label: t('volunteers.figures.onDuty') },
  ];
  return (
    <Tooltip title={bars.map((b) => `${b.label} ${b.value}`).join(' · ')}>
      <div style={{ minWidth: 120, display: 'flex', flexDirection: 'column', gap: 3 }} aria-hidden>
        {bars.map((b) => (
          <div key={b.colour} style={{ height: 6, borderRadius: 3, background: '#f0f0f0' }}>
            <div style={{ height: 6, borderRadius: 3, width: `${Math.min(100, (b.value / max) * 100)}%`, background: b.colour }} />
          </div>
        ))}
      </div>
    </Tooltip>
  );
}
