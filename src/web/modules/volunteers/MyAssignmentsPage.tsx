/**
 * "My assignments" for a signed-in volunteer on a phone: where to be and when (with a clash flagged),
 * teams, households looked after, captaincies. An account not linked to a volunteer is told so.
 */
import { Alert, Empty, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { myAssignments } from '../../../domain/volunteers/api';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { DeploymentList } from './DeploymentList';
import { CategoryTag } from './labels';
import { PersonLinks } from './PersonLinks';

export default function MyAssignmentsPage() {
  const { t } = useTranslation();
  const { data, error } = useApiQuery(myAssignments);

  if (error) return <Alert type="error" showIcon title={errorText(error, t)} />;
  if (!data) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720, margin: '0 auto', display: 'flex' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('nav.myAssignments')}
      </Typography.Title>
      {!data.volunteer ? (
        <Empty description={t('volunteers.mine.notVolunteer')} data-testid="not-volunteer" />
      ) : (
        <>
          <Space wrap size={8}>
            <Typography.Text strong style={{ fontSize: 16 }} data-testid="my-name">
              {data.volunteer.name}
            </Typography.Text>
            <CategoryTag category={data.volunteer.category} />
            <Typography.Text type="secondary">{data.volunteer.areaName}</Typography.Text>
          </Space>
          <DeploymentList items={data.deployments} title={t('volunteers.mine.deployments')} emptyText={t('volunteers.mine.noDeployments')} />
          <PersonLinks links={data} canOpenHouseholds={false} />
        </>
      )}
    </Space>
  );
}
