/**
 * Recording a follow-up on a phone: a big numeric temperature (34.0–43.0, one decimal), symptoms and a
 * note. The reading comes back from the server; a fever (or a listed symptom) says loudly that an alert went out.
 */
import { Alert, Button, Checkbox, Form, Input, InputNumber } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { recordFollowUp } from '../../../domain/monitoring/api';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useOfflineWrite } from '../../app/offline/use-outbox';
import { SYMPTOMS } from '../../../domain/policy/rules';
import { temperatureProblem } from './forms';

// The visit form of screening checks temperatures the same way and imports the check from here.
export { temperatureProblem };
import type { FollowUp, Symptom } from './types';
import { fieldRule } from '../../app/form-rules';

interface Values {
  temperature: number | null;
  symptoms: Symptom[];
  note?: string;
}

export function RecordForm({ followUp, onDone, onCancel }: { followUp: FollowUp; onDone: (f: FollowUp) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  // Through the device's outbox: without network the reading is kept and sent later. The follow-up is its own key:
  // "already recorded" on a resend means the first send went in.
  const record = useOfflineWrite(recordFollowUp, { kind: 'monitoring.followUp', doneCodes: ['FOLLOW_UP_DONE'] });

  const submit = async (v: Values) => {
    setError(null);
    try {
      const r = await record.submit(
        {
          params: { id: followUp.id },
          // The temperature's validator has refused an empty one.
          body: { temperature: v.temperature as number, symptoms: v.symptoms ?? [], note: v.note?.trim() || undefined },
        },
        { ref: followUp.id, label: followUp.residentName },
      );
      // Kept for later (the card says it waits) or recorded before: the list's refetch shows the reading.
      if (r.kind === 'done' && r.answer) onDone(r.answer);
      else onCancel();
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorText(e, t));
    }
  };

  return (
    <Form form={form} layout="vertical" initialValues={{ symptoms: [] }} onFinish={(v) => void submit(v)} style={{ marginTop: 8 }} data-testid="record-form">
      <Form.Item
        name="temperature"
        label={t('monitoring.followUp.temperature')}
        rules={[
          {
            validator: (_, v: number | null) => {
              const p = temperatureProblem(v);
              return p ? Promise.reject(new Error(t(`monitoring.followUp.tempProblem.${p}`))) : Promise.resolve();
            },
          },
        ]}
      >
        {/* No min/max here: antd would silently clamp 44 to 43.0; the validator says what is wrong instead. */}
        <InputNumber<number>
          size="large"
          inputMode="decimal"
          step={0.1}
          placeholder="36.5"
          suffix="°C"
          style={{ width: '100%', fontSize: 28 }}
          styles={{ input: { fontSize: 28, height: 56 } }}
          data-testid="record-temperature"
        />
      </Form.Item>
      <Form.Item name="symptoms" label={t('monitoring.situation.symptoms')}>
        <Checkbox.Group options={SYMPTOMS.map((s) => ({ value: s, label: t(`monitoring.symptom.${s}`) }))} />
      </Form.Item>
      <Form.Item name="note" label={t('monitoring.followUp.note')} rules={[fieldRule(recordFollowUp.body.shape.note, t)]}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <div style={{ display: 'flex', gap: 8 }}>
        <Button type="primary" size="large" htmlType="submit" loading={record.isPending} style={{ flex: 1 }} data-testid="record-submit">
          {t('monitoring.followUp.save')}
        </Button>
        <Button size="large" onClick={onCancel} disabled={record.isPending}>
          {t('common.cancel')}
        </Button>
      </div>
    </Form>
  );
}
