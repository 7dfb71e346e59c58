/**
 * Editing the roster rules and weights (policy data): every field checked with the schema the server uses
 * (`rosterPolicyBody`), saved as a new version; the server's refusals are shown on their fields.
 */
import { Alert, App, Button, Form, Input, InputNumber, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { type rosterPolicy, updateRosterPolicy } from '../../../domain/checkpoints/api';
import { rosterPolicyBody } from '../../../domain/checkpoints/schemas';
import type { ResponseOf } from '../../../domain/contract';
import { applyFieldErrors, errorText } from '../../app/errors';
import { fieldRule } from '../../app/form-rules';
import { useApiMutation } from '../../app/query';

type Policy = ResponseOf<typeof rosterPolicy>;
const S = rosterPolicyBody.shape;
const W = S.weights.shape;

export function RosterRulesForm({ policy, onDone }: { policy: Policy; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const save = useApiMutation(updateRosterPolicy);
  const { version, since, note, ...values } = policy;
  const submit = async () => {
    const v = await form.validateFields();
    save.mutate(
      { body: v },
      {
        onSuccess: (p) => {
          message.success(t('checkpoints.rules.saved', { version: p.version }));
          onDone();
        },
        onError: (e) => {
          if (!applyFieldErrors(form, e)) message.error(errorText(e, t));
        },
      },
    );
  };
  const number = (name: string | string[], label: string, schema: Parameters<typeof fieldRule>[0]) => (
    <Form.Item name={name} label={t(`checkpoints.rules.${label}`)} rules={[{ required: true, message: t('validation.required') }, fieldRule(schema, t)]}>
      <InputNumber style={{ width: 160 }} />
    </Form.Item>
  );
  return (
    <Form form={form} layout="vertical" initialValues={{ ...values, note: '' }} data-testid="roster-rules-form">
      <Alert type="info" style={{ marginBottom: 12 }} message={t('checkpoints.rules.editHint')} />
      {number('restHours', 'restHours', S.restHours)}
      {number('weeklyHourCap', 'weeklyHourCap', S.weeklyHourCap)}
      {number('maxShiftsPerDay', 'maxShiftsPerDay', S.maxShiftsPerDay)}
      <Form.Item name="banNightThenMorning" label={t('checkpoints.rules.banNightThenMorning')} valuePropName="checked">
        <Switch />
      </Form.Item>
      {number('morningStartsBeforeHour', 'morningStartsBeforeHour', S.morningStartsBeforeHour)}
      {number('freeNights', 'freeNights', S.freeNights)}
      {number('freeWeekendShifts', 'freeWeekendShifts', S.freeWeekendShifts)}
      {number(['weights', 'unfilled'], 'weightUnfilled', W.unfilled)}
      {number(['weights', 'travelPerStep'], 'weightTravel', W.travelPerStep)}
      {number(['weights', 'extraNight'], 'weightNight', W.extraNight)}
      {number(['weights', 'extraWeekendShift'], 'weightWeekend', W.extraWeekendShift)}
      <Form.Item name="note" label={t('checkpoints.rules.note')} rules={[{ required: true, whitespace: true, message: t('checkpoints.rules.noteRequired') }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Space>
        <Button type="primary" loading={save.isPending} onClick={submit} data-testid="roster-rules-save">
          {t('checkpoints.rules.save')}
        </Button>
        <Button onClick={onDone}>{t('checkpoints.rules.cancel')}</Button>
      </Space>
    </Form>
  );
}
