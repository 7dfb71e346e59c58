import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createUser, type Role, type UserView as User, updateUser } from '../../../domain/users/api';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { applyFieldErrors, errorText } from '../../app/errors';
import { localName, useLanguage } from '../../app/i18n';
import { useApiMutation } from '../../app/query';
import { fieldRule } from '../../app/form-rules';

interface Values {
  username: string;
  displayName: string;
  phone?: string;
  roles: string[];
  scopeAreaId: number;
  password: string;
}

/**
 * Create a user, or edit one (`user` given). The list shows phones masked, so on edit the phone
 * box starts empty and is sent only when something new is typed in it.
 */
export function UserFormModal({
  user,
  roles,
  defaultAreaId,
  onClose,
  onSaved,
}: {
  user?: User;
  roles: Role[];
  defaultAreaId?: number;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useApiMutation(createUser);
  const update = useApiMutation(updateUser);
  const [error, setError] = useState<string | null>(null);
  const editing = Boolean(user);

  const submit = async () => {
    const v = await form.validateFields();
    const phone = v.phone?.trim() || undefined;
    setError(null);
    try {
      if (user) {
        await update.mutateAsync({
          params: { id: user.id },
          body: { displayName: v.displayName.trim(), roles: v.roles, scopeAreaId: v.scopeAreaId, ...(phone ? { phone } : {}) },
        });
      } else {
        await create.mutateAsync({
          body: {
            username: v.username.trim(),
            displayName: v.displayName.trim(),
            phone: phone ?? null,
            roles: v.roles,
            scopeAreaId: v.scopeAreaId,
            password: v.password,
          },
        });
      }
      message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorText(e, t));
    }
  };

  const required = { required: true, message: t('validation.required') };
  return (
    <Modal
      open
      title={editing ? t('users.editTitle', { name: user?.displayName }) : t('users.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      onOk={() => void submit().catch(() => {})}
      onCancel={onClose}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        autoComplete="off"
        initialValues={user ? { displayName: user.displayName, roles: user.roles, scopeAreaId: user.scope.id } : { roles: [], scopeAreaId: defaultAreaId }}
      >
        <Form.Item
          name="username"
          label={t('user.username')}
          hidden={editing}
          rules={editing ? [] : [required, fieldRule(createUser.body.shape.username, t, 'validation.username')]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        {editing && (
          <Form.Item label={t('user.username')}>
            <Input value={user?.username} disabled />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('user.displayName')} rules={[required, fieldRule(createUser.body.shape.displayName, t)]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('user.phone')}
          extra={editing ? t('users.phoneKeep', { phone: user?.phone ?? t('common.none') }) : undefined}
          rules={[fieldRule(createUser.body.shape.phone, t, 'validation.phone')]}
        >
          <Input inputMode="tel" maxLength={14} />
        </Form.Item>
        <Form.Item name="roles" label={t('user.roles')} rules={[{ ...required, type: 'array', min: 1 }]}>
          <Select mode="multiple" options={roles.map((r) => ({ value: r.code, label: localName(r.name, lang) || r.code }))} optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="scopeAreaId" label={t('user.scope')} extra={t('users.scopeHint')} rules={[required]}>
          <AreaTreeSelect style={{ width: '100%' }} />
        </Form.Item>
        {!editing && (
          <Form.Item name="password" label={t('users.initialPassword')} extra={t('password.rules')} rules={[required]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
