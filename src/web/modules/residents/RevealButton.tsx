/**
 * "Show the full value" next to a masked ID number or phone: asks why (the reason goes into the
 * audit trail with the reveal), then shows the value the server returns. Only with residents.reveal.
 */
import { App, Button, Form, Input, Modal, Space, Tooltip } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type RevealField, revealResident } from '../../../domain/residents/api';
import { useAuth } from '../../app/auth';
import { revealBody } from '../../../domain/residents/schemas';
import { errorText } from '../../app/errors';
import { fieldRule } from '../../app/form-rules';
import { useApiMutation } from '../../app/query';
import { Masked, mono } from './tags';

export function RevealableValue({ residentId, field, masked }: { residentId: number; field: RevealField; masked: string | null }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  // A reveal changes nothing shown elsewhere: no refetch.
  const reveal = useApiMutation(revealResident, { invalidates: false });
  const [value, setValue] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  if (value !== null)
    return (
      <span style={mono} data-testid={`revealed-${field}`}>
        {value}
      </span>
    );
  if (!masked) return <Masked value={null} />;

  const submit = async () => {
    const { reason } = await form.validateFields();
    try {
      const r = await reveal.mutateAsync({ params: { id: residentId }, body: { field, reason: reason.trim() } });
      setValue(r.value ?? '');
      setOpen(false);
    } catch (e) {
      message.error(errorText(e, t));
    }
  };

  return (
    <Space size={4} wrap>
      <Masked value={masked} />
      {can('residents.reveal') && (
        <Tooltip title={t('residents.reveal.button')}>
          <Button
            size="small"
            type="link"
            icon={<EyeOutlined />}
            data-testid={`reveal-${field}`}
            aria-label={t('residents.reveal.button')}
            onClick={() => setOpen(true)}
          />
        </Tooltip>
      )}
      {open && (
        <Modal
          open
          title={t('residents.reveal.title', { field: t(`residents.field.${field}`) })}
          okText={t('residents.reveal.confirm')}
          cancelText={t('common.cancel')}
          confirmLoading={reveal.isPending}
          onOk={() => void submit().catch(() => {})}
          onCancel={() => setOpen(false)}
          okButtonProps={{ 'data-testid': 'reveal-confirm' }}
        >
          <Form form={form} layout="vertical">
            <Form.Item
              name="reason"
              label={t('residents.reveal.reason')}
              extra={t('residents.reveal.hint')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }, fieldRule(revealBody.shape.reason, t)]}
            >
              <Input maxLength={200} data-testid="reveal-reason" autoFocus />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </Space>
  );
}
