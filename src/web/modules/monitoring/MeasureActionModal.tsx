/**
 * The measure actions that need more than a click: cancel, change the end date, release (early), transfer
 * home ↔ site, change the grid worker / doctor. Each asks only what its endpoint needs (a reason where
 * the API requires one) and returns the updated measure.
 */
import { Alert, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assignMeasure, cancelMeasure, releaseMeasure, setEndDate, transferMeasure } from '../../../domain/monitoring/api';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';
import { UserSelect } from '../tasks/UserSelect';
import { SitePicker } from './SitePicker';
import type { Measure } from './types';
import { fieldRule } from '../../app/form-rules';

export type ModalAction = 'cancel' | 'end_date' | 'release' | 'release_early' | 'transfer' | 'assign';

interface Values {
  reason?: string;
  endsOn?: Dayjs;
  place?: 'home' | 'site';
  doctorId?: number | null;
  gridWorkerId?: number | null;
}

export function MeasureActionModal({
  measure,
  action,
  onClose,
  onDone,
}: {
  measure: Measure;
  action: ModalAction;
  onClose: () => void;
  onDone: (m: Measure) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const place = Form.useWatch('place', form);
  const [site, setSite] = useState<{ siteId: number | null; roomId: number | null }>({ siteId: null, roomId: null });
  const [error, setError] = useState<string | null>(null);
  const reasonRequired = action !== 'release' && action !== 'assign';
  const cancel = useApiMutation(cancelMeasure);
  const endDate = useApiMutation(setEndDate);
  const release = useApiMutation(releaseMeasure);
  const transfer = useApiMutation(transferMeasure);
  const assign = useApiMutation(assignMeasure);
  const busy = [cancel, endDate, release, transfer, assign].some((m) => m.isPending);

  const call = (v: Values): Promise<Measure> => {
    const params = { id: measure.id };
    // The form requires the reason where the route does.
    const reason = v.reason?.trim() ?? '';
    switch (action) {
      case 'cancel':
        return cancel.mutateAsync({ params, body: { reason } });
      case 'end_date':
        return endDate.mutateAsync({ params, body: { endsOn: v.endsOn!.format('YYYY-MM-DD'), reason } });
      case 'release':
      case 'release_early':
        return release.mutateAsync({ params, body: reason ? { reason } : {} });
      case 'transfer':
        return transfer.mutateAsync({
          params,
          body: {
            place: v.place ?? 'home',
            reason,
            ...(v.place === 'site' ? { siteId: site.siteId ?? undefined, roomId: site.roomId ?? undefined } : {}),
          },
        });
      case 'assign':
        return assign.mutateAsync({ params, body: { doctorId: v.doctorId ?? null, gridWorkerId: v.gridWorkerId ?? null } });
    }
  };

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      onDone(await call(v));
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorText(e, t));
    }
  };

  return (
    <Modal
      open
      title={t(`monitoring.action.${action}`)}
      okText={t(`monitoring.action.${action}`)}
      okButtonProps={{ loading: busy, danger: action === 'cancel' || action === 'release_early', 'data-testid': 'measure-action-ok' }}
      onOk={() => void submit().catch(() => {})}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          endsOn: dayjs(measure.endsOn),
          place: measure.place === 'home' ? 'site' : 'home',
          doctorId: measure.doctorId,
          gridWorkerId: measure.gridWorkerId,
        }}
      >
        {action === 'end_date' && (
          <Form.Item
            name="endsOn"
            label={t('monitoring.field.endsOn')}
            rules={[{ required: true, message: t('validation.required') }]}
            extra={t('monitoring.action.endDateHint', { current: measure.endsOn })}
          >
            <DatePicker style={{ width: '100%' }} data-testid="measure-ends-on" />
          </Form.Item>
        )}
        {action === 'transfer' && (
          <>
            <Form.Item name="place" label={t('monitoring.field.place')}>
              <Radio.Group
                options={[
                  { value: 'home', label: t('monitoring.place.home') },
                  { value: 'site', label: t('monitoring.place.site') },
                ]}
              />
            </Form.Item>
            {place === 'site' && (
              <Form.Item label={t('monitoring.site.siteAndRoom')}>
                <SitePicker siteId={site.siteId} roomId={site.roomId} onChange={(siteId, roomId) => setSite({ siteId, roomId })} />
              </Form.Item>
            )}
          </>
        )}
        {action === 'assign' && (
          <>
            <Form.Item name="doctorId" label={t('monitoring.field.doctor')}>
              <UserSelect role="doctor" known={measure.doctorId ? { id: measure.doctorId, name: measure.doctorName ?? '' } : null} />
            </Form.Item>
            <Form.Item name="gridWorkerId" label={t('monitoring.field.gridWorker')}>
              <UserSelect role="grid_worker" known={measure.gridWorkerId ? { id: measure.gridWorkerId, name: measure.gridWorkerName ?? '' } : null} />
            </Form.Item>
          </>
        )}
        {action !== 'assign' && (
          <Form.Item
            name="reason"
            label={t('monitoring.field.reason')}
            rules={[{ required: reasonRequired, whitespace: true, message: t('validation.required') }, fieldRule(cancelMeasure.body.shape.reason, t)]}
          >
            <Input.TextArea maxLength={200} showCount autoSize={{ minRows: 2, maxRows: 5 }} data-testid="measure-reason" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
