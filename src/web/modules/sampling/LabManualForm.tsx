/**
 * One result entered by hand (a lab that phones a result in, or a retest read off a paper slip), through the same
 * call as a lab's system: POST /api/sampling/results with one item. The summary that comes back is drawn by the
 * page like a file's, so an unknown barcode or a contradicting result is said the same way.
 */
import { Alert, Button, DatePicker, Form, Input, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { receiveResults } from '../../../domain/sampling/api';
import { errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';
import { RESULT_KINDS, type ResultKind, type ResultsSummary } from './LabTypes';

interface Values {
  barcode: string;
  result: ResultKind;
  testedAt: Dayjs;
  lab: string;
}

export function LabManualForm({ onDone }: { onDone: (s: ResultsSummary) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const send = useApiMutation(receiveResults);
  const busy = send.isPending;
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: Values) => {
    setError(null);
    try {
      const summary = await send.mutateAsync({
        body: { results: [{ barcode: v.barcode.trim(), result: v.result, testedAt: v.testedAt.toISOString(), lab: v.lab.trim() }] },
      });
      onDone(summary);
      form.setFieldsValue({ barcode: '' });
    } catch (e) {
      // A barcode that is no barcode is not an error but a row of the summary (invalid rows), like in a file.
      setError(errorText(e, t));
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ result: 'negative', testedAt: dayjs() }}
      onFinish={(v) => void submit(v)}
      data-testid="lab-manual"
    >
      <Form.Item name="barcode" label={t('samplingLab.barcode')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input autoComplete="off" maxLength={64} data-testid="lab-manual-barcode" />
      </Form.Item>
      <Form.Item name="result" label={t('samplingLab.resultLabel')} rules={[{ required: true, message: t('validation.required') }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={RESULT_KINDS.map((r) => ({ value: r, label: t(`samplingLab.result.${r}`) }))}
          data-testid="lab-manual-result"
        />
      </Form.Item>
      <Form.Item name="testedAt" label={t('samplingLab.testedAt')} rules={[{ required: true, message: t('validation.required') }]}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs().endOf('day'))} />
      </Form.Item>
      <Form.Item name="lab" label={t('samplingLab.lab')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input maxLength={100} data-testid="lab-manual-lab" />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" loading={busy} data-testid="lab-manual-submit">
        {t('samplingLab.manualSubmit')}
      </Button>
    </Form>
  );
}
