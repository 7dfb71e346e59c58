/** Receiving goods bought or brought in from outside: one line (item, quantity, lot, expiry) per batch. */
import { Alert, Button, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listItems, receive } from '../../../domain/supplies/api';
import { newClientId } from '../../app/client-id';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';

export function ReceiveForm({ storeId }: { storeId: number }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ source: 'purchase' | 'transfer_in'; itemId: number; qty: number; lot?: string; expiresOn?: Dayjs; occurredOn: Dayjs }>();
  const [clientId, setClientId] = useState(newClientId);
  const items = useApiQuery(listItems);
  const send = useApiMutation(receive);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await send.mutateAsync({
        params: { id: storeId },
        body: {
          clientId,
          source: v.source,
          occurredOn: v.occurredOn.format('YYYY-MM-DD'),
          lines: [{ itemId: v.itemId, qty: v.qty, lot: v.lot || null, expiresOn: v.expiresOn ? v.expiresOn.format('YYYY-MM-DD') : null }],
        },
      });
      setClientId(newClientId());
      form.resetFields(['qty', 'lot', 'expiresOn']);
    } catch (e) {
      applyFieldErrors(form, e);
    }
  };
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <Form name="receive" form={form} layout="vertical" initialValues={{ source: 'purchase', occurredOn: dayjs() }} data-testid="receive-form">
      <Form.Item name="source" label={t('supplies.source')}>
        <Select options={['purchase', 'transfer_in'].map((s) => ({ value: s, label: t(`supplies.receiptSource.${s}`) }))} />
      </Form.Item>
      <Form.Item name="itemId" label={t('supplies.item')} rules={required}>
        <Select showSearch optionFilterProp="label" options={(items.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.name}（${i.unit}）` }))} />
      </Form.Item>
      <Form.Item name="qty" label={t('supplies.qty')} rules={required}>
        <InputNumber min={1} precision={0} style={{ width: '100%' }} inputMode="numeric" />
      </Form.Item>
      <Form.Item name="lot" label={t('supplies.lot')}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="expiresOn" label={t('supplies.expiresOn')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="occurredOn" label={t('supplies.receivedOn')} rules={required}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      {send.error && <Alert type="error" showIcon title={errorText(send.error, t)} style={{ marginBottom: 12 }} />}
      <Button type="primary" block onClick={submit} loading={send.isPending} data-testid="receive-submit">
        {t('supplies.receive')}
      </Button>
    </Form>
  );
}
