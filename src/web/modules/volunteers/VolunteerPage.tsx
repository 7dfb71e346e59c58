/**
 * A person's page: profile (ID number and phones masked), memberships, teams, posts, households looked
 * after, captaincies, deployments from today on (a clash flagged), hours served in the last 30 days (in
 * all and per day), recorded work with the liaison groups' notes on how they perform, and the change
 * history. Laid out to work on a phone.
 */
import { Alert, App, Button, Card, Col, Descriptions, Row, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { ClockCircleOutlined, SendOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { Masked } from '../residents/tags';
import { AvailabilityText } from './AvailabilityText';
import { DeploymentList } from './DeploymentList';
import { DeploymentModal } from './DeploymentModal';
import { DailyHoursCard } from './DailyHoursCard';
import { CategoryTag, SkillTags } from './labels';
import { PersonHistory } from './PersonHistory';
import { PersonLinks } from './PersonLinks';
import { ServiceRecordModal } from './ServiceRecordModal';
import { ServiceRecordsCard } from './ServiceRecordsCard';
import { cancelDeployment, getVolunteer } from '../../../domain/volunteers/api';

export default function VolunteerPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { can } = useAuth();
  const { message } = App.useApp();
  const person = useApiQuery(getVolunteer, { params: { id: Number(id) || 0 } });
  const cancel = useApiMutation(cancelDeployment);
  const v = person.data;
  const [deploying, setDeploying] = useState(false);
  const [recording, setRecording] = useState(false);
  const canWrite = can('volunteers.write');

  if (person.error) return <Alert type="error" showIcon title={errorText(person.error, t)} />;
  if (!v) return <Spin style={{ display: 'block', margin: '64px auto' }} />;

  const none = t('common.none');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title={
          <Space wrap size={8}>
            <Typography.Text strong style={{ fontSize: 16 }} data-testid="volunteer-title">
              {v.name}
            </Typography.Text>
            <CategoryTag category={v.category} />
            {v.status === 'inactive' && <Tag>{t('volunteers.status.inactive')}</Tag>}
          </Space>
        }
        extra={
          canWrite && (
            <Space wrap size={4}>
              <Button size="small" icon={<SendOutlined />} onClick={() => setDeploying(true)} data-testid="deploy-volunteer">
                {t('volunteers.deploy.open')}
              </Button>
              <Button size="small" icon={<ClockCircleOutlined />} onClick={() => setRecording(true)} data-testid="record-service">
                {t('volunteers.record.open')}
              </Button>
            </Space>
          )
        }
        styles={{ header: { flexWrap: 'wrap', paddingBlock: 8 } }}
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={18}>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
              <Descriptions.Item label={t('volunteers.field.idNumber')}>
                <Masked value={v.idNumber} />
              </Descriptions.Item>
              <Descriptions.Item label={t('volunteers.field.phone')}>
                <Masked value={v.phone} />
              </Descriptions.Item>
              <Descriptions.Item label={t('volunteers.field.sex')}>{v.sex ? t(`residents.sex.${v.sex}`) : none}</Descriptions.Item>
              <Descriptions.Item label={t(v.birthDate ? 'volunteers.field.birthDate' : 'residents.field.age')}>
                {v.birthDate ? `${v.birthDate}${v.age !== null ? t('residents.ageSuffix', { age: v.age }) : ''}` : v.age !== null ? v.age : none}
              </Descriptions.Item>
              <Descriptions.Item label={t('volunteers.field.area')}>{v.areaName}</Descriptions.Item>
              <Descriptions.Item label={t('volunteers.person.resident')}>
                {v.residentId && can('residents.read') ? (
                  <Link to={`/residents/${v.residentId}`}>{t('volunteers.person.openResident')}</Link>
                ) : v.residentId ? (
                  t('volunteers.person.linked')
                ) : (
                  t('volunteers.person.standalone')
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('volunteers.field.skills')}>{v.skills.length ? <SkillTags skills={v.skills} /> : none}</Descriptions.Item>
              <Descriptions.Item label={t('volunteers.field.availability')}>
                <AvailabilityText value={v.availability} />
              </Descriptions.Item>
              <Descriptions.Item label={t('volunteers.field.healthStatus')}>{t(`volunteers.health.${v.healthStatus}`)}</Descriptions.Item>
              <Descriptions.Item label={t('volunteers.field.emergencyContact')}>
                {v.emergencyContact ? (
                  <span>
                    {v.emergencyContact.name} <Masked value={v.emergencyContact.phone} />
                  </span>
                ) : (
                  none
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('volunteers.person.account')}>{v.userId ? t('volunteers.person.hasAccount') : none}</Descriptions.Item>
              <Descriptions.Item label={t('volunteers.field.notes')}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{v.notes || none}</span>
              </Descriptions.Item>
            </Descriptions>
          </Col>
          <Col xs={24} lg={6}>
            <Statistic
              title={t('volunteers.person.hours30')}
              value={v.hours.last30Days}
              precision={v.hours.last30Days % 1 ? 1 : 0}
              suffix={t('volunteers.person.hoursUnit')}
              data-testid="hours-30"
            />
          </Col>
        </Row>
      </Card>
      <DeploymentList
        items={v.deployments}
        title={t('volunteers.person.deployments')}
        emptyText={t('volunteers.person.noDeployments')}
        onCancel={
          canWrite
            ? (d) =>
                cancel
                  .mutateAsync({ params: { id: d.id } })
                  .then(() => message.success(t('volunteers.deploy.cancelledDone')))
                  .catch((e) => message.error(errorText(e, t)))
            : undefined
        }
      />
      <PersonLinks links={v} canOpenHouseholds={can('residents.read')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <DailyHoursCard volunteerId={v.id} />
        </Col>
        <Col xs={24} xl={14}>
          <ServiceRecordsCard volunteerId={v.id} />
        </Col>
      </Row>
      <PersonHistory history={v.history} />
      {deploying && (
        <DeploymentModal volunteer={{ id: v.id, name: v.name, areaId: v.areaId }} onClose={() => setDeploying(false)} onDone={() => setDeploying(false)} />
      )}
      {recording && <ServiceRecordModal volunteer={v} onClose={() => setRecording(false)} onDone={() => setRecording(false)} />}
    </Space>
  );
}
