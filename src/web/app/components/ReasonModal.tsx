/**
 * Asks for a reason (1–200 characters) before a step the server refuses without one — a task that could
 * not be done, an application refused, a locked report reopened. Shows the server's error (and marks the
 * field it names) and stays open until the step succeeds or the person cancels.
 */
import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../errors';

export function ReasonModal(p: {
  title: string;
  okText: string;
  label: string;
  /** Prefix of the test ids: `<prefix>-reason` on the field, `<prefix>-confirm` on the button. */
  testId: string;
  /** Sends the step with the trimmed reason; throws the API error to keep the dialog open. */
  onSubmit: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await p.onSubmit(v.reason.trim());
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorText(e, t));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={p.title}
      okText={p.okText}
      okButtonProps={{ danger: true, loading: busy, 'data-testid': `${p.testId}-confirm` }}
      onOk={() => void submit().catch(() => {})}
      onCancel={p.onClose}
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={p.label} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200 }]}>
          <Input.TextArea maxLength={200} showCount autoSize={{ minRows: 2, maxRows: 5 }} data-testid={`${p.testId}-reason`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
