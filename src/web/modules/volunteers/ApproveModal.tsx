/**
 * Approve an application: the volunteer is created (or the one with that ID number updated) with a
 * home membership in the branch; optionally an account with the volunteer role. A password the server
 * made up is shown once, here, for the secretary to pass on.
 */
import { Alert, App, Checkbox, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { type ApproveResult, approveEnlistment, type Enlistment, getEnlistment } from '../../../domain/volunteers/api';

interface Values {
  withAccount: boolean;
  username?: string;
  password?: string;
  areaId?: number;
}

export function ApproveModal({ enlistment, onClose, onDone }: { enlistment: Enlistment; onClose: () => void; onDone: (r: ApproveResult) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ApproveResult | null>(null);
  const withAccount = Form.useWatch('withAccount', form);
  // The single application says whether its ID number is a resident here (in the caller's scope).
  const { data: full } = useApiQuery(getEnlistment, { params: { id: enlistment.id } });
  const approve = useApiMutation(approveEnlistment);

  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      ...(v.areaId ? { areaId: v.areaId } : {}),
      ...(v.withAccount ? { account: { username: v.username!.trim(), ...(v.password ? { password: v.password } : {}) } } : {}),
    };
    setBusy(true);
    setError(null);
    try {
      const r = await approve.mutateAsync({ params: { id: enlistment.id }, body });
      message.success(t('volunteers.queue.approved'));
      if (r.account) setResult(r);
      else onDone(r);
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorText(e, t));
      setBusy(false);
    }
  };

  if (result?.account) {
    return (
      <Modal
        open
        title={t('volunteers.queue.accountTitle')}
        onOk={() => onDone(result)}
        onCancel={() => onDone(result)}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Descriptions size="small" column={1} data-testid="approve-account">
          <Descriptions.Item label={t('user.username')}>{result.account.username}</Descriptions.Item>
          {result.account.initialPassword && (
            <Descriptions.Item label={t('users.initialPassword')}>
              <Typography.Text copyable code data-testid="approve-initial-password">
                {result.account.initialPassword}
              </Typography.Text>
            </Descriptions.Item>
          )}
        </Descriptions>
        {result.account.initialPassword && <Alert type="warning" showIcon title={t('volunteers.queue.passwordOnce')} />}
      </Modal>
    );
  }

  return (
    <Modal
      open
      title={t('volunteers.queue.approveTitle', { name: enlistment.name })}
      okText={t('volunteers.queue.approve')}
      okButtonProps={{ loading: busy, 'data-testid': 'approve-confirm' }}
      onOk={() => void submit().catch(() => {})}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">{t('volunteers.queue.approveHint', { org: enlistment.orgName })}</Typography.Paragraph>
      {full && (
        <Typography.Paragraph data-testid="approve-resident">
          {full.residentId ? (
            <Link to={`/residents/${full.residentId}`} target="_blank">
              {t('volunteers.queue.isResidentLong')}
            </Link>
          ) : (
            <Typography.Text type="secondary">{t('volunteers.queue.notResidentLong')}</Typography.Text>
          )}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" initialValues={{ withAccount: false }} autoComplete="off">
        <Form.Item name="areaId" label={t('volunteers.queue.homeArea')} extra={t('volunteers.queue.homeAreaHint')}>
          <AreaTreeSelect allowClear style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="withAccount" valuePropName="checked">
          <Checkbox data-testid="approve-with-account">{t('volunteers.queue.withAccount')}</Checkbox>
        </Form.Item>
        {withAccount && (
          <>
            <Form.Item
              name="username"
              label={t('user.username')}
              rules={[
                { required: true, whitespace: true, message: t('validation.required') },
                { pattern: /^[A-Za-z0-9_.-]{3,40}$/, message: t('validation.username') },
              ]}
            >
              <Input maxLength={40} data-testid="approve-username" />
            </Form.Item>
            <Form.Item name="password" label={t('volunteers.queue.password')} extra={t('volunteers.queue.passwordHint')}>
              <Input.Password maxLength={200} autoComplete="new-password" data-testid="approve-password" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
