/**
 * The village doctor's list for today, on a phone: their follow-ups ordered by time, overdue ones marked,
 * each recorded in place. Tomorrow's list is one tap away; a supervisor can see every follow-up in scope.
 */
import { Alert, Empty, Segmented, Space, Spin, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayFollowUps } from '../../../domain/monitoring/api';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { FollowUpCard } from './FollowUpCard';

/** The list follows readings recorded on other phones (paused while the tab is hidden). */
const REFRESH_MS = 60_000;

export default function DoctorTodayPage() {
  const { t } = useTranslation();
  const [when, setWhen] = useState<'today' | 'tomorrow'>('today');
  const [all, setAll] = useState(false);
  const day = when === 'tomorrow' ? dayjs().add(1, 'day').format('YYYY-MM-DD') : undefined;
  const list = useApiQuery(todayFollowUps, { query: { day, all: all ? 'true' : undefined } }, { refetchInterval: REFRESH_MS });
  const items = list.data?.items ?? null;
  const error = list.error ? errorText(list.error, t) : null;

  const waiting = items?.filter((f) => f.status === 'scheduled').length ?? 0;
  const overdue = items?.filter((f) => f.overdue).length ?? 0;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720, margin: '0 auto', display: 'flex' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('nav.followUpsToday')}
      </Typography.Title>
      <Space wrap>
        <Segmented<'today' | 'tomorrow'>
          value={when}
          onChange={setWhen}
          options={[
            { value: 'today', label: t('monitoring.followUp.today') },
            { value: 'tomorrow', label: t('monitoring.followUp.tomorrow') },
          ]}
          data-testid="follow-up-day"
        />
        <Space size={4}>
          <Switch size="small" checked={all} onChange={setAll} />
          {t('monitoring.followUp.allInScope')}
        </Space>
      </Space>
      {items && (
        <Typography.Text type="secondary" data-testid="follow-up-count">
          {t('monitoring.followUp.count', { count: items.length, waiting, overdue })}
        </Typography.Text>
      )}
      {error && <Alert type="error" showIcon title={error} />}
      {!items && !error && <Spin style={{ display: 'block', margin: '64px auto' }} />}
      {items && !items.length && <Empty description={t('monitoring.followUp.none')} data-testid="no-follow-ups" />}
      {items?.map((f) => (
        <FollowUpCard key={f.id} followUp={f} />
      ))}
    </Space>
  );
}
