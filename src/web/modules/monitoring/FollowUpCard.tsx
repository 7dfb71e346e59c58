/** One follow-up of the doctor's day: time, who, where; recorded (with any alert raised) or a button to record. */
import { Alert, Button, Card, Space, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { usePendingWrites } from '../../app/offline/use-outbox';
import { SymptomTags, Temperature } from './labels';
import { RecordForm } from './RecordForm';
import type { FollowUp } from './types';

/** A reading recorded here refetches the list it is in, which then shows it. */
export function FollowUpCard({ followUp: f }: { followUp: FollowUp }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  const done = f.status === 'done';
  // A reading made here without network, not sent yet.
  const waiting = usePendingWrites('monitoring.followUp').some((w) => w.ref === f.id);

  return (
    <Card size="small" data-testid="follow-up" style={f.overdue ? { borderColor: '#ff7875' } : f.alertId ? { borderColor: '#cf1322' } : undefined}>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Space size={8} wrap>
          <Typography.Text strong style={{ fontSize: 18 }}>
            {f.time}
          </Typography.Text>
          <Link to={`/monitoring/measures/${f.measureId}`} style={{ fontSize: 16 }} data-testid="follow-up-name">
            {f.residentName}
          </Link>
          {f.overdue && (
            <Tag color="red" data-testid="follow-up-overdue">
              {t('monitoring.followUp.overdue')}
            </Tag>
          )}
          {done && <Tag color="green">{t('monitoring.followUp.status.done')}</Tag>}
          {waiting && !done && (
            <Tag color="orange" data-testid="follow-up-waiting">
              {t('outbox.waiting')}
            </Tag>
          )}
          {f.status === 'cancelled' && <Tag>{t('monitoring.followUp.status.cancelled')}</Tag>}
        </Space>
        <Typography.Text type="secondary">
          {f.areaName} · {f.day}
        </Typography.Text>
        {done && (
          <Space size={4} wrap data-testid="follow-up-reading">
            <Temperature value={f.temperature} />
            <SymptomTags symptoms={f.symptoms} />
            {f.note && <Typography.Text type="secondary">{f.note}</Typography.Text>}
          </Space>
        )}
        {f.alertId && (
          <Alert
            type="error"
            showIcon
            title={t('monitoring.followUp.alertRaised')}
            description={t('monitoring.followUp.alertRaisedHint')}
            data-testid="alert-raised"
          />
        )}
        {!done && !waiting && f.status === 'scheduled' && can('followups.write') && !open && (
          <Button type="primary" size="large" block icon={<EditOutlined />} onClick={() => setOpen(true)} data-testid="follow-up-record">
            {t('monitoring.followUp.record')}
          </Button>
        )}
        {open && !done && <RecordForm followUp={f} onCancel={() => setOpen(false)} onDone={() => setOpen(false)} />}
      </Space>
    </Card>
  );
}
