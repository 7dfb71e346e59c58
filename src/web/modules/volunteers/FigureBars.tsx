/** Three thin bars per row — enlisted, volunteers, on duty — against the largest figure of the table. */
import { Progress, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FigureRow } from './types';

export function FigureBars({ row, max }: { row: FigureRow; max: number }) {
  const { t } = useTranslation();
  const bar = (value: number, colour: string, label: string) => (
    <Tooltip title={`${label}: ${value}`}>
      <Progress percent={(value / max) * 100} showInfo={false} size="small" strokeColor={colour} style={{ margin: 0, lineHeight: 1 }} />
    </Tooltip>
  );
  return (
    <div style={{ minWidth: 120 }}>
      {bar(row.enlisted, '#1677ff', t('volunteers.figures.enlisted'))}
      {bar(row.volunteers, '#52c41a', t('volunteers.figures.volunteers'))}
      {bar(row.onDuty, '#cf1322', t('volunteers.figures.onDuty'))}
    </div>
  );
}
