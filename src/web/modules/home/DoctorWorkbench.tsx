/** The village doctor's workbench: today's follow-ups (to do, done, late) and the open fever alerts, then the inbox. */
import { Alert, Card, Space, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { listAlerts, todayFollowUps } from '../../app/first-routes';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { BigLink } from './BigLink';
import { Inbox } from './Inbox';

export function DoctorWorkbench() {
  const { t } = useTranslation();
  const today = useApiQuery(todayFollowUps, { query: {} });
  const alerts = useApiQuery(listAlerts, { query: { status: 'open' } });
  const items = today.data?.items ?? [];
  const toDo = items.filter((f) => f.status === 'scheduled');
  const late = toDo.filter((f) => f.overdue).length;
  const openAlerts = alerts.data?.items.length ?? 0;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {today.error && <Alert type="error" showIcon title={errorText(today.error, t)} />}
      <Card size="small" title={t('workbench.followUpsToday')}>
        <Space size={32} wrap>
          <Statistic title={t('workbench.toDo')} value={toDo.length} data-testid="wb-followups-todo" />
          <Statistic title={t('workbench.done')} value={items.length - toDo.length} />
          <Statistic title={t('workbench.late')} value={late} styles={{ content: late ? { color: '#cf1322' } : undefined }} />
        </Space>
      </Card>
      <BigLink to="/monitoring/today" testId="wb-followups">
        {toDo.length ? t('workbench.startFollowUps', { count: toDo.length }) : t('workbench.openFollowUps')}
      </BigLink>
      {openAlerts > 0 && (
        <BigLink to="/monitoring/alerts" danger testId="wb-alerts">
          {t('workbench.openAlerts', { count: openAlerts })}
        </BigLink>
      )}
      <Inbox />
    </Space>
  );
}
