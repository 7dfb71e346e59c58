/** Registers an enterprise: the credit code is checked by the server (a wrong check character is named on the field). */
import { Alert, Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { createEnterprise } from '../../../domain/enterprises/api';
import { listUsers } from '../../../domain/users/api';
import { useAuth } from '../../app/auth';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';

interface Values {
  creditCode: string;
  name: string;
  industry: string;
  headcount: number;
  hasDormitory: boolean;
  hasCanteen: boolean;
  areaId: number;
  cadreUserId?: number;
}

export function RegisterModal(p: { onClose: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [userSearch, setUserSearch] = useState('');
  const users = useApiQuery(listUsers, { query: { q: userSearch || undefined, page: 1, pageSize: 20 } }, { enabled: can('users.read') });
  const create = useApiMutation(createEnterprise, {
    onSuccess: (e) => navigate(`/enterprises/${e.id}`),
    onError: (e) => applyFieldErrors(form, e),
  });
  const submit = async () => {
    const v = await form.validateFields();
    create.mutate({ body: { ...v, hasDormitory: !!v.hasDormitory, hasCanteen: !!v.hasCanteen } });
  };
  return (
    <Modal
      open
      title={t('enterprises.register')}
      onCancel={p.onClose}
      onOk={submit}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'enterprise-save' }}
    >
      {create.error && <Alert type="error" showIcon title={errorText(create.error, t)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ headcount: 0, hasDormitory: false, hasCanteen: false }}>
        <Form.Item name="creditCode" label={t('enterprises.field.creditCode')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={20} data-testid="enterprise-credit-code" />
        </Form.Item>
        <Form.Item name="name" label={t('enterprises.field.name')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={100} data-testid="enterprise-name" />
        </Form.Item>
        <Form.Item name="industry" label={t('enterprises.field.industry')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={60} data-testid="enterprise-industry" />
        </Form.Item>
        <Form.Item name="headcount" label={t('enterprises.field.headcount')}>
          <InputNumber min={0} max={1_000_000} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="hasDormitory" valuePropName="checked" noStyle>
          <Checkbox>{t('enterprises.field.dormitory')}</Checkbox>
        </Form.Item>
        <Form.Item name="hasCanteen" valuePropName="checked">
          <Checkbox>{t('enterprises.field.canteen')}</Checkbox>
        </Form.Item>
        <Form.Item name="areaId" label={t('enterprises.field.area')} rules={[{ required: true, message: t('validation.required') }]}>
          <AreaTreeSelect data-testid="enterprise-area" />
        </Form.Item>
        {can('users.read') && (
          <Form.Item name="cadreUserId" label={t('enterprises.field.cadre')}>
            <Select
              allowClear
              showSearch
              filterOption={false}
              onSearch={setUserSearch}
              options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.scope.name}）` }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
