/**
 * The store keeper's issue form, made for a phone: what (an item, or a kit), how many, to whom. The store takes the
 * earliest expiry first by itself; a shortage comes back as the server's sentence with what is there.
 * It goes through the device's outbox (a store room in a basement has no network): without a connection the issue
 * is kept on the phone and sent when the network returns, under the form's client id, so it is recorded once
 * however often it is resent; its result (or a refusal, e.g. the stock ran out meanwhile) shows when it settles.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, InputNumber, Input, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { issue, listItems, listKits } from '../../../domain/supplies/api';
import { ISSUE_TARGETS } from '../../../domain/supplies/kinds';
import { newClientId } from '../../app/client-id';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useOfflineWrite, usePendingWrites, useSettledWrites } from '../../app/offline/use-outbox';
import { useApiQuery } from '../../app/query';

const KIND = 'supplies.issue';

type IssueAnswer = { movement: { lines: { itemName: string; qty: number; unit: string; lot: string | null }[] } };
const issuedText = (a: IssueAnswer) => a.movement.lines.map((l) => `${l.itemName} ${-l.qty}${l.unit}${l.lot ? `（${l.lot}）` : ''}`).join('、');

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
  const [settledError, setSettledError] = useState<string | null>(null);
  const items = useApiQuery(listItems);
  const kits = useApiQuery(listKits);
  const send = useOfflineWrite(issue, { kind: KIND });
  const pending = usePendingWrites(KIND).filter((w) => w.ref === storeId);
  const queryClient = useQueryClient();
  // An issue kept on the phone and sent later (the network came back, or after a reload): its result as it settles.
  useSettledWrites(KIND, (s) => {
    if (s.item.ref !== storeId) return;
    if (s.outcome === 'done' && s.answer) {
      setDone(issuedText(s.answer as IssueAnswer));
      setSettledError(null);
    } else if (s.outcome === 'rejected') setSettledError(errorText(s.error, t));
    void queryClient.invalidateQueries();
  });
  const target = Form.useWatch('target', form);
  const submit = async () => {
    const v = await form.validateFields();
    setDone(null);
    setSettledError(null);
    try {
      const isKit = v.target === 'kit';
      const item = items.data?.items.find((i) => i.id === v.itemId);
      const kit = kits.data?.items.find((k) => k.id === v.kitId);
      const label = isKit ? `${kit?.name ?? ''} × ${v.qty}` : `${item?.name ?? ''} ${v.qty}${item?.unit ?? ''}`;
      const r = await send.submit(
        {
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
        },
        { clientId, ref: storeId, label },
      );
      if (r.kind === 'done') setDone(issuedText(r.answer));
      // Kept on the phone or done, this issue is the outbox's now: the next one is a new record.
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
      {(send.error || settledError) && (
        <Alert type="error" showIcon title={send.error ? errorText(send.error, t) : settledError} style={{ marginBottom: 12 }} data-testid="issue-error" />
      )}
      {pending.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="issue-pending"
          title={t('supplies.issuePending', { count: pending.length })}
          description={pending.map((w) => w.label).join('、')}
        />
      )}
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
