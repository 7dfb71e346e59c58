/**
 * The volunteer's workbench: where to be today and next (their deployments), then their tasks. An account not yet
 * linked to a volunteer profile is told what to do about it — who links it, and the account name to give them.
 */
import { Alert, Card, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { myAssignments } from '../../app/first-routes';
import { useMe } from '../../app/auth';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { BigLink } from './BigLink';
import { Inbox } from './Inbox';

export function VolunteerWorkbench() {
  const { t } = useTranslation();
  const me = useMe();
  const mine = useApiQuery(myAssignments);
  if (mine.error) return <Alert type="error" showIcon title={errorText(mine.error, t)} />;
  if (!mine.data) return <Spin style={{ display: 'block', margin: '32px auto' }} />;
  const { volunteer, deployments } = mine.data;
  if (!volunteer) {
    return (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Alert
          type="info"
          showIcon
          title={t('workbench.notLinked')}
          description={
            <Space orientation="vertical" size={4}>
              <span>{t('workbench.notLinkedStep')}</span>
              <span>
                {t('workbench.yourAccount')}{' '}
                <Typography.Text strong copyable data-testid="wb-username">
                  {me.username}
                </Typography.Text>
              </span>
            </Space>
          }
          data-testid="wb-not-linked"
        />
        <Inbox />
      </Space>
    );
  }
  const next = deployments[0];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('workbench.shifts')} data-testid="wb-shifts">
        {next ? (
          <Space orientation="vertical" size={2}>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {next.areaName}
              {next.place ? ` · ${next.place}` : ''}
            </Typography.Text>
            <Typography.Text type="secondary">
              {next.startsOn}
              {next.endsOn && next.endsOn !== next.startsOn ? ` → ${next.endsOn}` : ''}
            </Typography.Text>
            {deployments.length > 1 && <Typography.Text type="secondary">{t('workbench.moreShifts', { count: deployments.length - 1 })}</Typography.Text>}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('volunteers.mine.noDeployments')}</Typography.Text>
        )}
      </Card>
      <BigLink to="/me/assignments" primary={false} testId="wb-assignments">
        {t('workbench.myAssignments')}
      </BigLink>
      <Inbox />
    </Space>
  );
}
