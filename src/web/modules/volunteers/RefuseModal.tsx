/** Refuse an application with a reason (1–200 characters), which the applicant's branch keeps. */
import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { applyFieldErrors, errorText } from '../../app/errors';
import type { Enlistment } from './types';

export function RefuseModal({ enlistment, onClose, onDone }: { enlistment: Enlistment; onClose: () => void; onDone: (e: Enlistment) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<Enlistment>(`/api/enlistments/${enlistment.id}/refuse`, { reason: v.reason.trim() });
      message.success(t('volunteers.queue.refused'));
      onDone(r);
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorText(e, t));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('volunteers.queue.refuseTitle', { name: enlistment.name })}
      okText={t('volunteers.queue.refuse')}
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'refuse-confirm' }}
      onOk={() => void submit().catch(() => {})}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('volunteers.queue.reason')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200 }]}>
          <Input.TextArea maxLength={200} showCount autoSize={{ minRows: 2, maxRows: 5 }} data-testid="refuse-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
