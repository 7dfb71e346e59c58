import { Alert, App, Form, type FormInstance, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changePassword } from '../first-routes';
import { applyFieldErrors, errorText } from '../errors';
import { useApiMutation } from '../query';

export interface ChangePasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** The three fields of a password change (current, new, repeated); shared by the menu's dialog and the forced screen. */
export function ChangePasswordFields({ form }: { form: FormInstance<ChangePasswordValues> }) {
  const { t } = useTranslation();
  return (
    <Form form={form} layout="vertical" autoComplete="off">
      <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('validation.required') }]}>
        <Input.Password data-testid="password-current" autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="newPassword" label={t('password.new')} extra={t('password.rules')} rules={[{ required: true, message: t('validation.required') }]}>
        <Input.Password data-testid="password-new" autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('validation.required') },
          ({ getFieldValue }) => ({
            validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
          }),
        ]}
      >
        <Input.Password data-testid="password-confirm" autoComplete="new-password" />
      </Form.Item>
    </Form>
  );
}

/** Sends a password change; the server judges strength and its message is shown as it comes. */
export function usePasswordChange(form: FormInstance<ChangePasswordValues>, onDone: () => void | Promise<void>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const change = useApiMutation(changePassword, { invalidates: false });
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      await change.mutateAsync({ body: { currentPassword: v.currentPassword, newPassword: v.newPassword } });
      message.success(t('password.changed'));
      await onDone();
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorText(e, t));
    }
  };
  return { submit: () => void submit().catch(() => {}), error, busy: change.isPending };
}

/**
 * Change one's own password from the user menu. Rendered only while open (the parent mounts it), so every
 * opening starts with an empty form.
 */
export function ChangePasswordModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ChangePasswordValues>();
  const { submit, error, busy } = usePasswordChange(form, onClose);
  return (
    <Modal
      open
      title={t('password.changeTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <ChangePasswordFields form={form} />
    </Modal>
  );
}
