/**
 * The store keeper's issue form, made for a phone: what (an item, or a kit), how many, to whom. The store takes the
 * earliest expiry first by itself; a shortage comes back as the server's sentence with what is there. The form's
 * client id is kept until it succeeds, so a retry after a lost answer is recorded once.
 */
import { Alert, Button, Form, InputNumber, Input, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { issue, listItems, listKits } from '../../../domain/supplies/api';
import { ISSUE_TARGETS } from '../../../domain/supplies/kinds';
import { newClientId } from '../../app/client-id';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';

interface Values {
  target: (typeof ISSUE_TARGETS)[number];
  targetId?: number;
  itemId?: number;
  kitId?: number;
  qty: number;
  note?: string;
}

export function IssueForm({ storeId }: { storeId: number }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [clientId, setClientId] = useState(newClientId);
  const [done, setDone] = useState<string | null>(null);
  const items = useApiQuery(listItems);
  const kits = useApiQuery(listKits);
  const send = useApiMutation(issue);
  const target = Form.useWatch('target', form);
  const submit = async () => {
    const v = await form.validateFields();
    setDone(null);
    try {
      const isKit = v.target === 'kit';
      const r = await send.mutateAsync({
        params: { id: storeId },
        body: {
          clientId,
          target: v.target,
          targetId: v.targetId ?? null,
          kitId: isKit ? v.kitId : null,
          kitCount: isKit ? v.qty : null,
          lines: isKit ? [] : [{ itemId: v.itemId!, qty: v.qty }],
          note: v.note || null,
        },
      });
      setDone(r.movement.lines.map((l) => `${l.itemName} ${-l.qty}${l.unit}${l.lot ? `（${l.lot}）` : ''}`).join('、'));
      setClientId(newClientId());
      form.resetFields(['qty', 'note']);
    } catch (e) {
      applyFieldErrors(form, e);
    }
  };
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <Form name="issue" form={form} layout="vertical" initialValues={{ target: 'post' }} data-testid="issue-form" size="large">
      <Form.Item name="target" label={t('supplies.issueTo')}>
        <Radio.Group optionType="button" options={ISSUE_TARGETS.map((x) => ({ value: x, label: t(`supplies.target.${x}`) }))} />
      </Form.Item>
      {target !== 'kit' && target !== 'other' && (
        <Form.Item name="targetId" label={t(`supplies.targetId.${target ?? 'post'}`)} rules={required}>
          <InputNumber min={1} precision={0} style={{ width: '100%' }} inputMode="numeric" />
        </Form.Item>
      )}
      {target === 'kit' ? (
        <Form.Item name="kitId" label={t('supplies.kit')} rules={required}>
          <Select options={(kits.data?.items ?? []).map((k) => ({ value: k.id, label: k.name }))} />
        </Form.Item>
      ) : (
        <Form.Item name="itemId" label={t('supplies.item')} rules={required}>
          <Select showSearch optionFilterProp="label" options={(items.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.name}（${i.unit}）` }))} />
        </Form.Item>
      )}
      <Form.Item name="qty" label={target === 'kit' ? t('supplies.kitCount') : t('supplies.qty')} rules={required}>
        <InputNumber min={1} precision={0} style={{ width: '100%' }} inputMode="numeric" />
      </Form.Item>
      <Form.Item name="note" label={t('supplies.note')}>
        <Input maxLength={500} />
      </Form.Item>
      {send.error && <Alert type="error" showIcon title={errorText(send.error, t)} style={{ marginBottom: 12 }} data-testid="issue-error" />}
      {done && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={<Typography.Text data-testid="issue-done">{t('supplies.issued', { what: done })}</Typography.Text>}
        />
      )}
      <Button type="primary" block onClick={submit} loading={send.isPending} data-testid="issue-submit">
        {t('supplies.issue')}
      </Button>
    </Form>
  );
}
