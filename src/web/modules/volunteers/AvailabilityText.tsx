/** "周一、周三 08:00–12:00 · 可远程" — when someone can serve, in one line. */
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { WEEKDAYS } from '../../../domain/volunteers/schemas';
import type { Availability } from '../../../domain/volunteers/api';

export function AvailabilityText({ value }: { value: Availability | null }) {
  const { t } = useTranslation();
  if (!value || (!value.days.length && !value.from && !value.to && !value.remoteOnly && !value.note))
    return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const days = WEEKDAYS.filter((d) => value.days.includes(d)).map((d) => t(`volunteers.weekday.${d}`));
  const parts = [
    days.length === 7 ? t('volunteers.availability.everyDay') : days.join(t('volunteers.availability.separator')),
    value.from || value.to ? `${value.from ?? ''}–${value.to ?? ''}` : '',
    value.remoteOnly ? t('volunteers.availability.remote') : '',
    value.note ?? '',
  ].filter(Boolean);
  return <span>{parts.join(' · ')}</span>;
}
