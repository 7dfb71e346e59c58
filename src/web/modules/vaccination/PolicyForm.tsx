/**
 * Editing the vaccination policy (policy data): every field checked with the schema the server uses
 * (`vaccinationPolicyBody`), saved as a new version in force at once; the server's refusals are shown on their fields.
 */
import { Alert, App, Button, Form, Input, InputNumber, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../domain/contract';
import { type getPolicy, updatePolicy } from '../../../domain/vaccination/api';
import { BANDS } from '../../../domain/vaccination/kinds';
import { vaccinationPolicyBody } from '../../../domain/vaccination/policy';
import { applyFieldErrors, errorText } from '../../app/errors';
import { fieldRule } from '../../app/form-rules';
import { useApiMutation } from '../../app/query';

type Policy = ResponseOf<typeof getPolicy>;
const S = vaccinationPolicyBody.shape;
const MIN_AGE = S.bands.element.shape.minAge;

export function PolicyForm({ policy, onDone }: { policy: Policy; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const save = useApiMutation(updatePolicy);
  const { version, since, note, bands, ...values } = policy;
  // One row per band in a fixed order, so a refusal on bands.1.minAge lands on the 80+ field.
  const ordered = BANDS.map((code) => ({ code, minAge: bands.find((b) => b.code === code)?.minAge ?? 60 }));
  const submit = async () => {
    const v = await form.validateFields();
    save.mutate(
      { body: { ...v, bands: BANDS.map((code, i) => ({ code, minAge: v.bands[i].minAge })) } },
      {
        onSuccess: (p) => {
          message.success(t('vaccination.policy.saved', { version: p.version }));
          onDone();
        },
        onError: (e) => {
          if (!applyFieldErrors(form, e)) message.error(errorText(e, t));
        },
      },
    );
  };
  const number = (name: string | (string | number)[], label: string, schema: Parameters<typeof fieldRule>[0]) => (
    <Form.Item key={String(name)} name={name} label={label} rules={[{ required: true, message: t('validation.required') }, fieldRule(schema, t)]}>
      <InputNumber style={{ width: 160 }} />
    </Form.Item>
  );
  return (
    <Form form={form} layout="vertical" initialValues={{ ...values, bands: ordered, note: '' }} data-testid="vaccination-policy-form">
      <Alert type="info" style={{ marginBottom: 12 }} title={t('vaccination.policy.editHint')} />
      {BANDS.map((code, i) => number(['bands', i, 'minAge'], t('vaccination.policy.bandMinAge', { band: t(`vaccination.band.${code}`) }), MIN_AGE))}
      {number('primaryDoses', t('vaccination.policy.primaryDoses'), S.primaryDoses)}
      {number('doseIntervalDays', t('vaccination.policy.doseIntervalDays'), S.doseIntervalDays)}
      {number('boosters', t('vaccination.policy.boosters'), S.boosters)}
      {number('boosterAfterMonths', t('vaccination.policy.boosterAfterMonths'), S.boosterAfterMonths)}
      {number('observationMinutes', t('vaccination.policy.observationMinutes'), S.observationMinutes)}
      {number('rideTripMinutes', t('vaccination.policy.rideTripMinutes'), S.rideTripMinutes)}
      <Form.Item name="note" label={t('vaccination.policy.note')} rules={[{ required: true, whitespace: true, message: t('vaccination.policy.noteRequired') }]}>
        <Input maxLength={200} data-testid="vaccination-policy-note" />
      </Form.Item>
      <Space>
        <Button type="primary" loading={save.isPending} onClick={submit} data-testid="vaccination-policy-save">
          {t('vaccination.policy.save')}
        </Button>
        <Button onClick={onDone}>{t('vaccination.policy.cancel')}</Button>
      </Space>
    </Form>
  );
}
