/**
 * Changing the fever threshold and the time to act on an alert, for those who manage policy: a new version of the
 * set (a draft copied from it, with the same rules), published from the day picked — the server validates and
 * audits each step, and a published set is never changed in place.
 */
import { App, DatePicker, Form, InputNumber, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../domain/contract';
import { createSet, type listSets, publishSet, replaceSet } from '../../../domain/policy/api';
import { errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';

type ListedSet = ResponseOf<typeof listSets>['items'][number];

/** The ranges a person may pick (the server checks the same). */
export const THRESHOLD_RANGE = { min: 37, max: 39 } as const;
export const DUE_MINUTES_RANGE = { min: 5, max: 1440 } as const;

interface Values {
  feverThreshold: number;
  alertDueMinutes: number;
  effectiveFrom: Dayjs;
}

export function PolicyThresholdsModal({ set, onClose, onSaved }: { set: ListedSet; onClose: () => void; onSaved: (id: number) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const copy = useApiMutation(createSet, { invalidates: false });
  const replace = useApiMutation(replaceSet, { invalidates: false });
  const publish = useApiMutation(publishSet);
  const thresholdMessage = t('monitoring.policy.thresholdRange', { min: THRESHOLD_RANGE.min.toFixed(1), max: THRESHOLD_RANGE.max.toFixed(1) });
  const busy = copy.isPending || replace.isPending || publish.isPending;

  const save = async (v: Values) => {
    try {
      const draft = await copy.mutateAsync({ body: { copyOf: set.id } });
      await replace.mutateAsync({
        params: { id: draft.id },
        body: { rules: draft.rules as never, feverThreshold: v.feverThreshold, alertDueMinutes: v.alertDueMinutes },
      });
      const published = await publish.mutateAsync({ params: { id: draft.id }, body: { effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD') } });
      message.success(t('monitoring.policy.thresholdsSaved', { version: published.version }));
      onSaved(published.id);
    } catch (e) {
      message.error(errorText(e, t));
    }
  };

  return (
    <Modal
      open
      title={t('monitoring.policy.editThresholds')}
      okText={t('monitoring.policy.saveVersion')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'thresholds-save' } as never}
    >
      <Typography.Paragraph type="secondary">{t('monitoring.policy.thresholdsHelp')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ feverThreshold: set.feverThreshold, alertDueMinutes: set.alertDueMinutes, effectiveFrom: dayjs() }}
        onFinish={(v) => void save(v)}
      >
        <Form.Item
          name="feverThreshold"
          label={t('monitoring.policy.feverThreshold')}
          rules={[
            { required: true, message: thresholdMessage },
            { type: 'number', ...THRESHOLD_RANGE, message: thresholdMessage },
          ]}
        >
          <InputNumber step={0.1} precision={1} suffix="°C" style={{ width: '100%' }} data-testid="thresholds-fever" />
        </Form.Item>
        <Form.Item
          name="alertDueMinutes"
          label={t('monitoring.policy.alertDueMinutes')}
          rules={[
            { required: true, message: t('monitoring.policy.dueRange', DUE_MINUTES_RANGE) },
            { type: 'number', ...DUE_MINUTES_RANGE, message: t('monitoring.policy.dueRange', DUE_MINUTES_RANGE) },
          ]}
        >
          <InputNumber step={5} precision={0} suffix={t('monitoring.policy.minutesUnit')} style={{ width: '100%' }} data-testid="thresholds-due" />
        </Form.Item>
        <Form.Item
          name="effectiveFrom"
          label={t('monitoring.policy.effectiveFrom')}
          rules={[{ required: true, message: t('monitoring.policy.effectiveFromRequired') }]}
        >
          <DatePicker allowClear={false} disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: '100%' }} data-testid="thresholds-from" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
