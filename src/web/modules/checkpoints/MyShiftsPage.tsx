/**
 * 我的班次: my shifts on a phone, soonest first, the check-in by the post's QR code (scanned or typed), and swap and
 * leave requests: asked from a shift not yet started, answered here when a colleague asks me to take theirs.
 */
import { Alert, Button, Card, Input, List, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkIn, myShifts } from '../../../domain/checkpoints/api';
import { useApiMutation, useApiQuery } from '../../app/query';
import { MyRequests } from './MyRequests';
import { type RequestAsk, ShiftRequestModal } from './ShiftRequestModal';

export default function MyShiftsPage() {
  const { t } = useTranslation();
  const shifts = useApiQuery(myShifts);
  const [code, setCode] = useState('');
  const check = useApiMutation(checkIn, { onSuccess: () => setCode('') });
  const [ask, setAsk] = useState<RequestAsk | null>(null);
  return (
    <div style={{ maxWidth: 420, margin: '0 auto' }} data-testid="my-shifts">
      <Typography.Title level={4}>{t('checkpoints.myShifts.title')}</Typography.Title>
      <Card size="small" title={t('checkpoints.myShifts.checkIn')}>
        <Space.Compact style={{ width: '100%' }}>
          <Input size="large" value={code} onChange={(e) => setCode(e.target.value)} placeholder={t('checkpoints.myShifts.scan')} />
          <Button size="large" type="primary" disabled={!code} loading={check.isPending} onClick={() => check.mutate({ body: { code } })}>
            {t('checkpoints.myShifts.checkInButton')}
          </Button>
        </Space.Compact>
        {check.error && <Alert style={{ marginTop: 8 }} type="error" message={check.error.message} />}
        {check.data && (
          <Alert
            style={{ marginTop: 8 }}
            type={(check.data.lateMinutes ?? 0) > 5 ? 'warning' : 'success'}
            message={t('checkpoints.myShifts.checkedIn', { post: check.data.postName, minutes: check.data.lateMinutes ?? 0 })}
          />
        )}
      </Card>
      <List
        style={{ marginTop: 8 }}
        loading={shifts.isLoading}
        dataSource={shifts.data?.items ?? []}
        locale={{ emptyText: t('checkpoints.myShifts.none') }}
        renderItem={(s) => (
          <Card size="small" style={{ marginBottom: 8 }}>
            <Typography.Text strong>{s.postName}</Typography.Text>
            <div>
              {dayjs(s.startsAt).format('MM-DD HH:mm')} – {dayjs(s.endsAt).format('HH:mm')} · {s.shiftName}
            </div>
            <Space>
              <Tag>{t(`checkpoints.role.${s.role}`)}</Tag>
              {s.checkedInAt ? <Tag color="green">{t('checkpoints.myShifts.present')}</Tag> : <Tag>{t('checkpoints.myShifts.notYet')}</Tag>}
            </Space>
            {!s.checkedInAt && dayjs(s.startsAt).isAfter(dayjs()) && (
              <Space style={{ marginTop: 8 }}>
                <Button onClick={() => setAsk({ kind: 'swap', shift: s })} data-testid="ask-swap">
                  {t('checkpoints.requests.askSwap')}
                </Button>
                <Button onClick={() => setAsk({ kind: 'leave', shift: s })} data-testid="ask-leave">
                  {t('checkpoints.requests.askLeave')}
                </Button>
              </Space>
            )}
          </Card>
        )}
      />
      <Button block onClick={() => setAsk({ kind: 'leave', shift: null })} data-testid="ask-leave-range">
        {t('checkpoints.requests.askLeaveRange')}
      </Button>
      <MyRequests />
      <ShiftRequestModal ask={ask} onClose={() => setAsk(null)} />
    </div>
  );
}
