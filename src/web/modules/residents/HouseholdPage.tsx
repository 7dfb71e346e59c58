/** One household: address, area, head, masked phone, notes (editable), its members, and who looks after it (党员联户, captains). */
import { Alert, Button, Card, Descriptions, Space, Spin, Typography } from 'antd';
import { EditOutlined, QrcodeOutlined, UserAddOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { getHousehold } from '../../../domain/residents/api';
import { useAuth } from '../../app/auth';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { HouseholdCarers } from '../volunteers/HouseholdCarers';
import { BackLink } from './BackLink';
import { HouseholdFormModal } from './HouseholdFormModal';
import { ResidentFormDrawer } from './ResidentFormDrawer';
import { ResidentTable } from './ResidentTable';
import { Masked } from './tags';

export default function HouseholdPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { can } = useAuth();
  const navigate = useNavigate();
  const record = useApiQuery(getHousehold, { params: { id: Number(id) || 0 } });
  const h = record.data;
  const error = record.error ? errorText(record.error, t) : null;
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const canWrite = can('residents.write');

  if (error) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <BackLink />
        <Alert type="error" showIcon title={error} />
      </Space>
    );
  }
  if (!h) return <Spin style={{ display: 'block', margin: '64px auto' }} />;

  const none = t('common.none');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <BackLink />
      <Card
        size="small"
        title={
          <Typography.Text strong style={{ whiteSpace: 'normal' }} data-testid="household-title">
            {h.address}
          </Typography.Text>
        }
        extra={
          <Space wrap size={4}>
            {/* The household group code and one card per member, for families without phones. */}
            <Button size="small" icon={<QrcodeOutlined />} onClick={() => navigate(`/sampling/qr-cards?householdId=${h.id}`)} data-testid="print-household-qr">
              {t('samplingQr.button')}
            </Button>
            {canWrite && (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('residents.field.area')}>{h.areaName}</Descriptions.Item>
          <Descriptions.Item label={t('residents.household.head')}>
            {h.headResidentId ? <Link to={`/residents/${h.headResidentId}`}>{h.headName}</Link> : none}
          </Descriptions.Item>
          <Descriptions.Item label={t('residents.field.phone')}>
            <Masked value={h.phone} />
          </Descriptions.Item>
          <Descriptions.Item label={t('residents.field.villageGroup')}>{h.villageGroup || none}</Descriptions.Item>
          <Descriptions.Item label={t('residents.field.houseNo')}>{h.houseNo || none}</Descriptions.Item>
          <Descriptions.Item label={t('residents.household.unitRoom')}>{[h.unit, h.room].filter(Boolean).join(' / ') || none}</Descriptions.Item>
          <Descriptions.Item label={t('residents.household.memberCount')}>{h.memberCount}</Descriptions.Item>
          <Descriptions.Item label={t('residents.field.notes')} span={{ xs: 1, sm: 2, lg: 2 }}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{h.notes || none}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={t('residents.household.members')}
        extra={
          canWrite && (
            <Button size="small" type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)} data-testid="add-member">
              {t('residents.household.addMember')}
            </Button>
          )
        }
      >
        <ResidentTable variant="members" items={h.members} empty={t('residents.household.noMembers')} />
      </Card>
      {can('volunteers.read') && <HouseholdCarers householdId={h.id} areaId={h.areaId} />}
      {editing && <HouseholdFormModal household={h} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
      {adding && (
        <ResidentFormDrawer
          household={h}
          onClose={() => setAdding(false)}
          // Stay here: members of a household are usually entered one after another (the save refreshes the list).
          onSaved={() => setAdding(false)}
        />
      )}
    </Space>
  );
}
