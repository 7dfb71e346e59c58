/**
 * The venue's public scan page (场所码), reached by its printed QR code, no account: name and phone (the ID number
 * when the visitor gives it), told how long the visit is kept. One column for a phone.
 */
import { Alert, Button, Card, Form, Input, Result, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { venueScan, venueScanForm } from '../../../domain/tracing/api-exposures';
import { checkPhone } from '../../../domain/residents/identity';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { PublicShell } from '../help/PublicShell';

interface Values {
  name: string;
  phone: string;
  idNumber?: string;
}

export default function VenueScanPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const [form] = Form.useForm<Values>();
  const info = useApiQuery(venueScanForm, { params: { token } }, { retry: false });
  const send = useApiMutation(venueScan, { invalidates: false });
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ venueName: string; visitedAt: string | Date; keptDays: number } | null>(null);

  if (info.error) {
    return (
      <PublicShell>
        <Result status="warning" title={t('tracing.scan.notFound')} subTitle={errorText(info.error, t)} data-testid="scan-unavailable" />
      </PublicShell>
    );
  }
  if (!info.data) return <Spin style={{ display: 'block', margin: '30vh auto' }} />;

  if (done) {
    return (
      <PublicShell>
        <Result
          status="success"
          title={t('tracing.scan.doneTitle', { venue: done.venueName })}
          subTitle={t('tracing.scan.doneText', { at: dayjs(done.visitedAt).format('MM-DD HH:mm'), days: done.keptDays })}
          data-testid="scan-done"
          extra={<Button onClick={() => setDone(null)}>{t('tracing.scan.another')}</Button>}
        />
      </PublicShell>
    );
  }

  const submit = async (v: Values) => {
    setError(null);
    try {
      setDone(await send.mutateAsync({ params: { token }, body: { name: v.name.trim(), phone: v.phone.trim(), idNumber: v.idNumber?.trim() || null } }));
      form.resetFields();
    } catch (e) {
      setError(errorText(e, t));
    }
  };
  const phoneRule = {
    validator: (_: unknown, v?: string) => (v?.trim() && checkPhone(v).ok ? Promise.resolve() : Promise.reject(new Error(t('validation.phone')))),
  };
  return (
    <PublicShell>
      <Card size="small">
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="scan-venue">
          {info.data.venueName}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('tracing.scan.intro', { area: info.data.areaName, days: info.data.keptDays })}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item name="name" label={t('tracing.scan.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input maxLength={50} autoComplete="name" data-testid="scan-name" />
          </Form.Item>
          <Form.Item name="phone" label={t('tracing.scan.phone')} rules={[phoneRule]}>
            <Input inputMode="tel" maxLength={30} autoComplete="tel" data-testid="scan-phone" />
          </Form.Item>
          <Form.Item name="idNumber" label={t('tracing.scan.idNumber')} extra={t('tracing.scan.idOptional')}>
            <Input maxLength={30} data-testid="scan-id" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={send.isPending} data-testid="scan-submit">
            {t('tracing.scan.submit')}
          </Button>
        </Form>
      </Card>
    </PublicShell>
  );
}
