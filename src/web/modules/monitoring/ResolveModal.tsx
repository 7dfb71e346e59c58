/** Resolving a fever alert: sent to the fever clinic, a false alarm, or other — with a note. */
import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { resolveAlert } from '../../../domain/monitoring/api';
import { RESOLUTIONS } from '../../../domain/monitoring/schemas';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';
import type { FeverAlert } from './types';
import { fieldRule } from '../../app/form-rules';

export function ResolveModal({ alert, onClose, onDone }: { alert: FeverAlert; onClose: () => void; onDone: (a: FeverAlert) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ resolution: (typeof RESOLUTIONS)[number]; note?: string }>();
  const [error, setError] = useState<string | null>(null);
  const resolve = useApiMutation(resolveAlert);

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      onDone(await resolve.mutateAsync({ params: { id: alert.id }, body: { resolution: v.resolution, note: v.note?.trim() || undefined } }));
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorText(e, t));
    }
  };

  return (
    <Modal
      open
      title={t('monitoring.alert.resolveTitle', { name: alert.residentName })}
      okText={t('monitoring.alert.resolve')}
      okButtonProps={{ loading: resolve.isPending, 'data-testid': 'resolve-ok' }}
      onOk={() => void submit().catch(() => {})}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="resolution" label={t('monitoring.alert.resolution')} rules={[{ required: true, message: t('validation.required') }]}>
          <Radio.Group data-testid="resolve-resolution" options={RESOLUTIONS.map((r) => ({ value: r, label: t(`monitoring.resolution.${r}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('monitoring.followUp.note')} rules={[fieldRule(resolveAlert.body.shape.note, t)]}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} data-testid="resolve-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
