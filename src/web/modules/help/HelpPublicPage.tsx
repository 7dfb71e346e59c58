/**
 * The public help page (群众求助), reached by an area's QR code or link, no account needed. One column for a
 * phone. The page makes one client id per request and keeps it until the answer comes, so sending again after a
 * lost answer is recorded once. The answer: a tracking code to look the request up, and the code to read out to
 * whoever delivers.
 */
import { Alert, Button, Card, Form, Input, Radio, Result, Select, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { helpIntakeForm, helpSubmit } from '../../../domain/help/api';
import { checkPhone } from '../../../domain/residents/identity';
import { newClientId } from '../../app/client-id';
import { errorText } from '../../app/errors';
import { localName, useLanguage } from '../../app/i18n';
import { useApiMutation, useApiQuery } from '../../app/query';
import { PublicShell } from './PublicShell';

interface Values {
  kind: string;
  need: string;
  name?: string;
  phone: string;
  address?: string;
  tier: string;
}

export default function HelpPublicPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { token = '' } = useParams();
  const [form] = Form.useForm<Values>();
  const info = useApiQuery(helpIntakeForm, { params: { token } });
  const send = useApiMutation(helpSubmit, { invalidates: false });
  const [clientId, setClientId] = useState(newClientId);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ code: string; handoverCode: string; merged: boolean; call120: boolean } | null>(null);
  const tier = Form.useWatch('tier', form);

  if (info.error) {
    return (
      <PublicShell>
        <Result status="warning" title={t('help.public.notFound')} subTitle={errorText(info.error, t)} data-testid="help-unavailable" />
      </PublicShell>
    );
  }
  if (!info.data) return <Spin style={{ display: 'block', margin: '30vh auto' }} />;
  const tiers = info.data.tiers;
  const urgent = tiers.find((x) => x.code === tier)?.call120;

  const submit = async (v: Values) => {
    setError(null);
    try {
      const body = {
        clientId,
        kind: v.kind as never,
        need: v.need.trim(),
        name: v.name?.trim() || null,
        phone: v.phone.trim(),
        address: v.address?.trim() || null,
        tier: v.tier,
      };
      setDone(await send.mutateAsync({ params: { token }, body }));
      setClientId(newClientId());
      form.resetFields();
      window.scrollTo(0, 0);
    } catch (e) {
      setError(errorText(e, t));
    }
  };

  if (done) {
    return (
      <PublicShell>
        <Result
          status="success"
          title={done.merged ? t('help.public.mergedTitle') : t('help.public.doneTitle')}
          subTitle={t('help.public.doneText')}
          data-testid="help-done"
          extra={
            <Space orientation="vertical" style={{ width: '100%' }}>
              {done.call120 && <Alert type="error" showIcon title={t('help.public.call120')} />}
              <Typography.Title level={3} copyable data-testid="help-tracking-code" style={{ margin: 0 }}>
                {done.code}
              </Typography.Title>
              <Typography.Text>
                {t('help.public.handover')}{' '}
                <Typography.Text strong data-testid="help-handover-code">
                  {done.handoverCode}
                </Typography.Text>
              </Typography.Text>
              <Link to={`/ask/track/${done.code}`}>{t('help.public.lookup')}</Link>
              <Button onClick={() => setDone(null)}>{t('help.public.another')}</Button>
            </Space>
          }
        />
      </PublicShell>
    );
  }

  const phoneRule = {
    validator: (_: unknown, v?: string) => {
      if (!v?.trim()) return Promise.reject(new Error(t('help.public.phoneNeeded')));
      return checkPhone(v).ok ? Promise.resolve() : Promise.reject(new Error(t('validation.phone')));
    },
  };
  return (
    <PublicShell>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Card size="small">
          <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 4 }} data-testid="help-area">
            {info.data.areaName}
          </Typography.Title>
          <Typography.Paragraph style={{ marginBottom: 0 }}>{t('help.public.intro')}</Typography.Paragraph>
        </Card>
        {error && <Alert type="error" showIcon title={error} data-testid="help-error" />}
        <Card size="small">
          <Form
            form={form}
            layout="vertical"
            initialValues={{ tier: tiers.find((x) => x.code === 'h24')?.code ?? tiers[0]?.code }}
            onFinish={(v) => void submit(v)}
          >
            <Form.Item name="kind" label={t('help.field.kind')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select data-testid="help-kind" options={info.data.kinds.map((k) => ({ value: k.code, label: localName(k.name, lang) }))} />
            </Form.Item>
            <Form.Item name="need" label={t('help.field.need')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
              <Input.TextArea rows={3} maxLength={500} data-testid="help-need" placeholder={t('help.public.needHint')} />
            </Form.Item>
            <Form.Item name="tier" label={t('help.field.tier')}>
              <Radio.Group data-testid="help-tier" options={tiers.map((x) => ({ value: x.code, label: localName(x.name, lang) }))} />
            </Form.Item>
            {urgent && <Alert type="error" showIcon title={t('help.public.call120')} style={{ marginBottom: 12 }} />}
            <Form.Item name="phone" label={t('help.field.phone')} required rules={[phoneRule]}>
              <Input inputMode="tel" maxLength={30} data-testid="help-phone" />
            </Form.Item>
            <Form.Item name="name" label={t('help.field.name')}>
              <Input maxLength={50} data-testid="help-name" />
            </Form.Item>
            <Form.Item name="address" label={t('help.field.address')}>
              <Input maxLength={200} data-testid="help-address" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={send.isPending} data-testid="help-submit">
              {t('help.public.submit')}
            </Button>
          </Form>
        </Card>
      </Space>
    </PublicShell>
  );
}
