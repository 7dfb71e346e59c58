/**
 * One resident: every field (ID number and phones masked, revealable with a reason), edit, a dated
 * move, where they lived when, and the change history. Laid out to work on a phone.
 */
import { Alert, Button, Card, Col, Descriptions, Row, Space, Spin, Typography } from 'antd';
import { EditOutlined, QrcodeOutlined, SwapOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { getResident } from '../../../domain/residents/api';
import { useAuth } from '../../app/auth';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { BackLink } from './BackLink';
import { MoveModal } from './MoveModal';
import { ResidentFormDrawer } from './ResidentFormDrawer';
import { HistoryTimeline, StaysTimeline } from './ResidentTimelines';
import { RevealableValue } from './RevealButton';
import { GroupTags, StatusTag } from './tags';

export default function ResidentPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { can } = useAuth();
  const navigate = useNavigate();
  const record = useApiQuery(getResident, { params: { id: Number(id) || 0 } });
  const r = record.data;
  const error = record.error ? errorText(record.error, t) : null;
  const [editing, setEditing] = useState(false);
  const [moving, setMoving] = useState(false);
  const canWrite = can('residents.write');

  if (error) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <BackLink />
        <Alert type="error" showIcon title={error} />
      </Space>
    );
  }
  if (!r) return <Spin style={{ display: 'block', margin: '64px auto' }} />;

  const none = t('common.none');
  const text = (v: string | null | undefined) => v || none;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <BackLink />
      <Card
        size="small"
        title={
          <Space wrap size={8}>
            <Typography.Text strong style={{ fontSize: 16 }} data-testid="resident-title">
              {r.name}
            </Typography.Text>
            <StatusTag status={r.status} />
            <GroupTags groups={r.groups} />
          </Space>
        }
        extra={
          <Space wrap size={4}>
            {/* A printed QR card for someone without a phone; moved-out and deceased people are not sampled. */}
            {(r.status === 'present' || r.status === 'away') && (
              <Button size="small" icon={<QrcodeOutlined />} onClick={() => navigate(`/sampling/qr-cards?residentId=${r.id}`)} data-testid="print-qr">
                {t('samplingQr.button')}
              </Button>
            )}
            {canWrite && (
              <Space wrap size={4}>
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-resident">
                  {t('common.edit')}
                </Button>
                {r.status !== 'moved_out' && r.status !== 'deceased' ? (
                  <Button size="small" icon={<SwapOutlined />} onClick={() => setMoving(true)} data-testid="move-resident">
                    {t('residents.move.open')}
                  </Button>
                ) : (
                  <Button size="small" icon={<SwapOutlined />} onClick={() => setMoving(true)} data-testid="move-resident">
                    {t('residents.move.back')}
                  </Button>
                )}
              </Space>
            )}
          </Space>
        }
        styles={{ header: { flexWrap: 'wrap', paddingBlock: 8 } }}
      >
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('residents.field.idType')}>{t(`residents.idType.${r.idType}`, { defaultValue: r.idType })}</Descriptions.Item>
          <Descriptions.Item label={t('residents.field.idNumber')}>
            <RevealableValue residentId={r.id} field="idNumber" masked={r.idNumber} />
          </Descriptions.Item>
          <Descriptions.Item label={t('residents.field.sex')}>{r.sex ? t(`residents.sex.${r.sex}`) : none}</Descriptions.Item>
          {/* Beside a masked ID number the server sends the age, not the birth date (it is part of the number). */}
          <Descriptions.Item label={t(r.birthDate ? 'residents.field.birthDate' : 'residents.field.age')}>
            {r.birthDate ? `${r.birthDate}${r.age !== null ? t('residents.ageSuffix', { age: r.age }) : ''}` : r.age !== null ? r.age : none}
          </Descriptions.Item>
          <Descriptions.Item label={t('residents.field.phone')}>
            <RevealableValue residentId={r.id} field="phone" masked={r.phone} />
          </Descriptions.Item>
          <Descriptions.Item label={t('residents.field.phone2')}>
            <RevealableValue residentId={r.id} field="phone2" masked={r.phone2} />
          </Descriptions.Item>
          <Descriptions.Item label={t('residents.field.household')}>
            {r.householdId ? <Link to={`/residents/households/${r.householdId}`}>{r.householdAddress}</Link> : none}
          </Descriptions.Item>
          <Descriptions.Item label={t('residents.field.relation')}>{r.relation ? t(`residents.relation.${r.relation}`) : none}</Descriptions.Item>
          <Descriptions.Item label={t('residents.field.area')}>{r.areaName}</Descriptions.Item>
          <Descriptions.Item label={t('residents.field.registeredAddress')}>{text(r.registeredAddress)}</Descriptions.Item>
          <Descriptions.Item label={t('residents.field.separated')}>{r.separated ? t('residents.yes') : t('residents.no')}</Descriptions.Item>
          {r.pregnancyDueDate && <Descriptions.Item label={t('residents.field.pregnancyDueDate')}>{r.pregnancyDueDate}</Descriptions.Item>}
          {r.careSchedule && <Descriptions.Item label={t('residents.field.careSchedule')}>{r.careSchedule}</Descriptions.Item>}
          {r.status === 'away' && (
            <>
              <Descriptions.Item label={t('residents.field.awayWhere')}>{text(r.awayWhere)}</Descriptions.Item>
              <Descriptions.Item label={t('residents.field.awaySince')}>{text(r.awaySince)}</Descriptions.Item>
            </>
          )}
          <Descriptions.Item label={t('residents.field.notes')}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{text(r.notes)}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <StaysTimeline stays={r.stays} />
        </Col>
        <Col xs={24} lg={14}>
          <HistoryTimeline history={r.history} />
        </Col>
      </Row>
      {editing && <ResidentFormDrawer resident={r} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
      {moving && <MoveModal resident={r} onClose={() => setMoving(false)} onMoved={() => setMoving(false)} />}
    </Space>
  );
}
