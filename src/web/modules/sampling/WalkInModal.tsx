/**
 * 临时登记: a person at the desk whose ID number the registry does not know. The desk types their name
 * (read off the ID card) and, if they give them, a phone and where they live; the server registers them at
 * the point's area and binds them into the open tube in one step. The request's client id is made once per
 * dialog, so pressing the button twice or retrying after a lost answer registers and binds once.
 */
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { walkIn } from '../../../domain/sampling/api';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';
import { newClientId } from '../../app/client-id';
import type { BindAnswer } from './types';
import { fieldRule } from '../../app/form-rules';

interface Values {
  name: string;
  phone?: string;
  address?: string;
}

export function WalkInModal(p: { idNumber: string; tubeId: number; onClose: () => void; onDone: (answer: BindAnswer) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const clientId = useMemo(() => newClientId(), []);
  // The desk reads its tube again itself (onDone): nothing else on screen changes.
  const register = useApiMutation(walkIn, { invalidates: false });
  const busy = register.isPending;
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      const answer = await register.mutateAsync({
        body: {
          clientId,
          tubeId: p.tubeId,
          idNumber: p.idNumber,
          name: v.name.trim(),
          phone: v.phone?.trim() || undefined,
          address: v.address?.trim() || undefined,
        },
      });
      p.onDone(answer);
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorText(e, t));
    }
  };

  return (
    <Modal
      open
      title={t('sampling.walkIn.title')}
      okText={t('sampling.walkIn.submit')}
      okButtonProps={{ loading: busy, 'data-testid': 'walkin-submit' }}
      onOk={() => void submit().catch(() => {})}
      onCancel={p.onClose}
      mask={{ closable: false }}
    >
      <Typography.Paragraph type="secondary">{t('sampling.walkIn.explain')}</Typography.Paragraph>
      <Typography.Paragraph>
        {t('sampling.walkIn.idNumber')} <Typography.Text strong>{p.idNumber}</Typography.Text>
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="walkin-error" />}
      <Form form={form} layout="vertical">
        <Form.Item
          name="name"
          label={t('sampling.walkIn.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }, fieldRule(walkIn.body.shape.name, t)]}
        >
          <Input size="large" maxLength={50} autoFocus data-testid="walkin-name" />
        </Form.Item>
        <Form.Item name="phone" label={t('sampling.walkIn.phone')} rules={[fieldRule(walkIn.body.shape.phone, t)]}>
          <Input size="large" inputMode="tel" maxLength={30} />
        </Form.Item>
        <Form.Item name="address" label={t('sampling.walkIn.address')} rules={[fieldRule(walkIn.body.shape.address, t)]}>
          <Input size="large" maxLength={200} placeholder={t('sampling.walkIn.addressHint')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
