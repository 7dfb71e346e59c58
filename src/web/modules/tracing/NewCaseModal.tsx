/** Opens a case for a registry person: classification from the rule set in force, the dates, how found, where isolated. */
import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { createCase } from '../../../domain/tracing/api';
import { FOUND_BY } from '../../../domain/tracing/kinds';
import { applyFieldErrors, errorText } from '../../app/errors';
import { localName, useLanguage } from '../../app/i18n';
import { useApiMutation } from '../../app/query';
import { ResidentSelect } from '../monitoring/ResidentSelect';
import { useTracingPolicy } from './labels';

interface Values {
  residentId: number;
  classification: string;
  onsetOn?: Dayjs;
  testedOn?: Dayjs;
  reportedOn: Dayjs;
  foundBy: (typeof FOUND_BY)[number];
  isolatedAt?: string;
  isolatedOn?: Dayjs;
}

const day = (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null);
const notFuture = (d: Dayjs) => d.isAfter(dayjs().endOf('day'));

export function NewCaseModal({ onClose, onDone }: { onClose: () => void; onDone: (id: number) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [form] = Form.useForm<Values>();
  const { policy } = useTracingPolicy();
  const create = useApiMutation(createCase);
  const error = create.error ? errorText(create.error, t) : null;
  const required = [{ required: true, message: t('validation.required') }];

  const submit = async () => {
    const v = await form.validateFields();
    try {
      const c = await create.mutateAsync({
        body: {
          residentId: v.residentId,
          classification: v.classification,
          onsetOn: day(v.onsetOn),
          testedOn: day(v.testedOn),
          reportedOn: day(v.reportedOn)!,
          foundBy: v.foundBy,
          isolatedAt: v.isolatedAt?.trim() || null,
          isolatedOn: day(v.isolatedOn),
        },
      });
      onDone(c.id);
    } catch (e) {
      applyFieldErrors(form, e);
    }
  };

  return (
    <Modal
      open
      title={t('tracing.newCase')}
      okText={t('tracing.openCase')}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'case-create-ok' }}
      onOk={() => void submit().catch(() => {})}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="case-error" />}
      <Form form={form} layout="vertical" initialValues={{ reportedOn: dayjs(), foundBy: 'pool_retest', classification: 'confirmed' }}>
        <Form.Item name="residentId" label={t('tracing.field.person')} rules={required}>
          <ResidentSelect data-testid="case-resident" />
        </Form.Item>
        <Form.Item name="classification" label={t('tracing.field.classification')} rules={required}>
          <Select
            options={(policy.data?.caseClasses ?? []).map((c) => ({ value: c.code, label: localName(c.name, lang) }))}
            data-testid="case-classification"
          />
        </Form.Item>
        <Form.Item name="foundBy" label={t('tracing.field.foundBy')} rules={required}>
          <Select options={FOUND_BY.map((f) => ({ value: f, label: t(`tracing.foundBy.${f}`) }))} />
        </Form.Item>
        <Form.Item name="onsetOn" label={t('tracing.field.onsetOn')}>
          <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
        </Form.Item>
        <Form.Item name="testedOn" label={t('tracing.field.testedOn')}>
          <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
        </Form.Item>
        <Form.Item name="reportedOn" label={t('tracing.field.reportedOn')} rules={required}>
          <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
        </Form.Item>
        <Form.Item name="isolatedAt" label={t('tracing.field.isolatedAt')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="isolatedOn" label={t('tracing.field.isolatedOn')}>
          <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
