/** "Could not do it": a task closes as failed with a reason (1–200 characters). */
import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { applyFieldErrors, errorText } from '../../app/errors';
import type { Task } from './types';

export function FailModal({ task, onClose, onDone }: { task: Task; onClose: () => void; onDone: (t: Task) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      onDone(await api.post<Task>(`/api/tasks/${task.id}/fail`, { reason: v.reason.trim() }));
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorText(e, t));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('tasks.failTitle', { title: task.title })}
      okText={t('tasks.fail')}
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'fail-confirm' }}
      onOk={() => void submit().catch(() => {})}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('tasks.failReason')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200 }]}>
          <Input.TextArea maxLength={200} showCount autoSize={{ minRows: 2, maxRows: 5 }} data-testid="fail-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
