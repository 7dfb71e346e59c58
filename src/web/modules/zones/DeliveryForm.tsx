/**
 * A day's delivery to a household, recorded by a captain on a phone: what was handed over, and the proof — a
 * signature photo (taken and uploaded at once, bound by the record) or the recipient's name. Through the device's
 * outbox with the form's own client id, so it is recorded once however often it is resent.
 */
import { Alert, Button, Form, Input, Radio, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { recordDistribution } from '../../../domain/zones/api-estate';
import { newClientId } from '../../app/client-id';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useOfflineWrite } from '../../app/offline/use-outbox';
import { PhotoInput } from '../../app/PhotoInput';

interface Values {
  items: string;
  confirmation: 'photo' | 'recipient';
  recipient?: string;
  photoIds?: number[];
}

export function DeliveryForm({
  zoneId,
  day,
  household,
  onDone,
  onCancel,
}: {
  zoneId: number;
  day: string;
  household: { householdId: number; address: string | null };
  onDone: (queued: boolean) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [clientId] = useState(newClientId);
  const [error, setError] = useState<string | null>(null);
  const save = useOfflineWrite(recordDistribution, { kind: 'zones.distribution' });
  const confirmation = Form.useWatch('confirmation', form) ?? 'recipient';

  const submit = async (v: Values) => {
    setError(null);
    try {
      const body = {
        clientId,
        householdId: household.householdId,
        day,
        items: v.items.trim(),
        confirmation: v.confirmation,
        recipient: v.confirmation === 'recipient' ? v.recipient?.trim() || undefined : undefined,
        photoIds: v.confirmation === 'photo' ? (v.photoIds ?? []) : undefined,
      };
      const r = await save.submit({ params: { id: zoneId }, body }, { clientId, ref: household.householdId, label: household.address ?? undefined });
      onDone(r.kind !== 'done');
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorText(e, t));
    }
  };

  const required = [{ required: true, whitespace: true, message: t('validation.required') }];
  return (
    <Form form={form} layout="vertical" initialValues={{ confirmation: 'recipient' }} onFinish={(v) => void submit(v)} data-testid="delivery-form">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form.Item name="items" label={t('zones.estate.items')} rules={required}>
        <Input size="large" maxLength={300} data-testid="delivery-items" />
      </Form.Item>
      <Form.Item name="confirmation" label={t('zones.estate.confirmation')}>
        <Radio.Group size="large">
          <Radio.Button value="recipient">{t('zones.estate.byRecipient')}</Radio.Button>
          <Radio.Button value="photo">{t('zones.estate.byPhoto')}</Radio.Button>
        </Radio.Group>
      </Form.Item>
      {confirmation === 'recipient' ? (
        <Form.Item name="recipient" label={t('zones.estate.recipient')} rules={required}>
          <Input size="large" maxLength={50} data-testid="delivery-recipient" />
        </Form.Item>
      ) : (
        <Form.Item name="photoIds" label={t('zones.estate.byPhoto')} rules={[{ required: true, message: t('validation.required') }]}>
          <PhotoInput max={3} />
        </Form.Item>
      )}
      <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
        <Button size="large" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button size="large" type="primary" htmlType="submit" loading={save.isPending} data-testid="delivery-save">
          {t('common.save')}
        </Button>
      </Space>
    </Form>
  );
}
