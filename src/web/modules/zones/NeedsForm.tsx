/**
 * A household's needs, taken by a building or floor captain on a phone: checkboxes with big targets, an appointment
 * day for dialysis, chemotherapy or a pregnancy check, a note. Through the device's outbox with the form's own
 * client id, so a survey taken without network is sent later and recorded once however often it is resent.
 */
import { Alert, Button, Checkbox, DatePicker, Form, Input, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { recordNeeds } from '../../../domain/zones/api-estate';
import { APPOINTMENT_NEEDS, NEEDS, type Need } from '../../../domain/zones/estate';
import { newClientId } from '../../app/client-id';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useOfflineWrite } from '../../app/offline/use-outbox';

interface Values {
  needs: Need[];
  appointmentOn?: Dayjs | null;
  note?: string;
}

export function NeedsForm({
  zoneId,
  household,
  onDone,
  onCancel,
}: {
  zoneId: number;
  household: { householdId: number; address: string | null; needs: Need[] };
  onDone: (queued: boolean) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [clientId] = useState(newClientId);
  const [error, setError] = useState<string | null>(null);
  const save = useOfflineWrite(recordNeeds, { kind: 'zones.needs' });
  const needs = Form.useWatch('needs', form) ?? [];

  const submit = async (v: Values) => {
    setError(null);
    try {
      const body = {
        clientId,
        householdId: household.householdId,
        needs: v.needs ?? [],
        appointmentOn: v.appointmentOn ? v.appointmentOn.format('YYYY-MM-DD') : null,
        note: v.note?.trim() || undefined,
      };
      const r = await save.submit({ params: { id: zoneId }, body }, { clientId, ref: household.householdId, label: household.address ?? undefined });
      onDone(r.kind !== 'done');
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorText(e, t));
    }
  };

  return (
    <Form form={form} layout="vertical" initialValues={{ needs: household.needs }} onFinish={(v) => void submit(v)} data-testid="needs-form">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form.Item name="needs" label={t('zones.estate.needs')}>
        <Checkbox.Group style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: 12 }}>
          {NEEDS.map((n) => (
            <Checkbox key={n} value={n} style={{ fontSize: 16, padding: '6px 0' }} data-testid={`need-${n}`}>
              {t(`zones.need.${n}`)}
            </Checkbox>
          ))}
        </Checkbox.Group>
      </Form.Item>
      {needs.some((n) => APPOINTMENT_NEEDS.includes(n)) && (
        <Form.Item name="appointmentOn" label={t('zones.estate.appointmentOn')}>
          <DatePicker size="large" style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('zones.note')}>
        <Input.TextArea maxLength={300} rows={2} />
      </Form.Item>
      <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
        <Button size="large" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button size="large" type="primary" htmlType="submit" loading={save.isPending} data-testid="needs-save">
          {t('common.save')}
        </Button>
      </Space>
    </Form>
  );
}
