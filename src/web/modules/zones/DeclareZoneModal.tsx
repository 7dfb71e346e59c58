/** Declares an area a risk zone at a level of the rules in force, from a day (the command center). */
import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { declareZone } from '../../../domain/zones/api';
import type { ZoneLevelCode } from '../../../domain/zones/rules';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { useCurrentArea } from '../../app/current-area';
import { applyFieldErrors, errorText } from '../../app/errors';
import { localName, useLanguage } from '../../app/i18n';
import { useApiMutation } from '../../app/query';
import { useZonePolicy } from './labels';

interface Values {
  areaId: number;
  level: ZoneLevelCode;
  fromOn: Dayjs;
  note?: string;
}

export function DeclareZoneModal({ onClose, onDone }: { onClose: () => void; onDone: (id: number) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [form] = Form.useForm<Values>();
  const policy = useZonePolicy();
  // The area being looked at (the header's) is the usual one to declare: an estate opened from the overview.
  const { area } = useCurrentArea();
  const declare = useApiMutation(declareZone);
  const error = declare.error ? errorText(declare.error, t) : null;
  const required = [{ required: true, message: t('validation.required') }];

  const submit = async () => {
    const v = await form.validateFields();
    try {
      const z = await declare.mutateAsync({
        body: { areaId: v.areaId, level: v.level, fromOn: v.fromOn.format('YYYY-MM-DD'), note: v.note?.trim() || undefined },
      });
      onDone(z.id);
    } catch (e) {
      applyFieldErrors(form, e);
    }
  };

  return (
    <Modal
      open
      title={t('zones.declare')}
      okText={t('zones.declareOk')}
      okButtonProps={{ loading: declare.isPending, 'data-testid': 'zone-declare-ok' }}
      onOk={() => void submit().catch(() => {})}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="zone-error" />}
      <Form form={form} layout="vertical" initialValues={{ fromOn: dayjs(), level: 'high', areaId: area?.id }}>
        <Form.Item name="areaId" label={t('zones.area')} rules={required} extra={t('zones.areaHint')}>
          <AreaTreeSelect data-testid="zone-area" />
        </Form.Item>
        <Form.Item name="level" label={t('zones.level')} rules={required}>
          <Select options={(policy.data?.levels ?? []).map((l) => ({ value: l.code, label: localName(l.name, lang) }))} data-testid="zone-level-select" />
        </Form.Item>
        <Form.Item name="fromOn" label={t('zones.fromOn')} rules={required}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('zones.note')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
