/** Record work done outside deployments (hours and what), or a liaison group's note on how someone performs. */
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addServiceRecord } from '../../../domain/volunteers/api';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';
import { isFuture } from '../residents/dates';
import { fieldRule } from '../../app/form-rules';

interface Values {
  on: Dayjs;
  hours?: number;
  work?: string;
  note?: string;
  liaisonGroup?: string;
}

export function ServiceRecordModal({ volunteer, onClose, onDone }: { volunteer: { id: number; name: string }; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useApiMutation(addServiceRecord);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await create.mutateAsync({
        body: {
          volunteerId: volunteer.id,
          on: v.on.format('YYYY-MM-DD'),
          hours: v.hours ?? 0,
          work: v.work?.trim() || null,
          note: v.note?.trim() || null,
          liaisonGroup: v.liaisonGroup?.trim() || null,
        },
      });
      message.success(t('common.saved'));
      onDone();
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorText(e, t));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('volunteers.record.title', { name: volunteer.name })}
      onOk={() => void submit().catch(() => {})}
      okButtonProps={{ loading: busy, 'data-testid': 'record-save' }}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ on: dayjs() }}>
        <Form.Item name="on" label={t('volunteers.record.on')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={isFuture} />
        </Form.Item>
        <Form.Item name="hours" label={t('volunteers.record.hours')}>
          <InputNumber min={0} max={24} step={0.5} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="work" label={t('volunteers.record.work')} rules={[fieldRule(addServiceRecord.body.shape.work, t)]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="note" label={t('volunteers.record.note')} rules={[fieldRule(addServiceRecord.body.shape.note, t)]}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} data-testid="record-note" />
        </Form.Item>
        <Form.Item name="liaisonGroup" label={t('volunteers.record.liaisonGroup')} rules={[fieldRule(addServiceRecord.body.shape.liaisonGroup, t)]}>
          <Input maxLength={60} placeholder={t('volunteers.record.liaisonGroupPlaceholder')} data-testid="record-liaison-group" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
