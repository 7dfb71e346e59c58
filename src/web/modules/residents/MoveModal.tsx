/**
 * A dated move: to another household or area (transfer), or out of the records (moved out). The
 * current stay ends that day and the new one begins, so rosters of earlier days stay true.
 */
import { Alert, App, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { type ResidentDetail, moveResident } from '../../../domain/residents/api';
import { moveResidentBody } from '../../../domain/residents/schemas';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { applyFieldErrors, errorText } from '../../app/errors';
import { fieldRule } from '../../app/form-rules';
import { useApiMutation } from '../../app/query';
import { fromDay, isFuture } from './dates';
import { HouseholdSelect } from './HouseholdSelect';

interface Values {
  kind: 'transfer' | 'out';
  target: 'household' | 'area';
  toHouseholdId?: number;
  toAreaId?: number;
  on: Dayjs;
  reason?: string;
}

export function MoveModal({ resident, onClose, onMoved }: { resident: ResidentDetail; onClose: () => void; onMoved: (r: ResidentDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const move = useApiMutation(moveResident);
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  const target = Form.useWatch('target', form);
  // The current stay began here; a move cannot be dated before it.
  const since = resident.stays.find((s) => !s.to)?.from;

  const submit = async () => {
    const v = await form.validateFields();
    const body: z.input<typeof moveResidentBody> = { kind: v.kind, on: fromDay(v.on) ?? '', reason: v.reason?.trim() || null };
    if (v.kind === 'transfer') {
      if (v.target === 'household') body.toHouseholdId = v.toHouseholdId;
      else body.toAreaId = v.toAreaId;
    }
    setError(null);
    try {
      const moved = await move.mutateAsync({ params: { id: resident.id }, body });
      message.success(t('residents.move.done'));
      onMoved(moved);
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorText(e, t));
    }
  };

  const required = { required: true, message: t('validation.required') };
  return (
    <Modal
      open
      title={t('residents.move.title', { name: resident.name })}
      okText={t('residents.move.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={move.isPending}
      onOk={() => void submit().catch(() => {})}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'move-submit' }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={{ kind: 'transfer', target: 'household', on: dayjs() }}>
        <Form.Item name="kind" label={t('residents.move.kind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'transfer', label: t('residents.move.transfer') },
              { value: 'out', label: t('residents.move.out') },
            ]}
          />
        </Form.Item>
        {kind === 'transfer' && (
          <>
            <Form.Item name="target" label={t('residents.move.target')}>
              <Radio.Group
                options={[
                  { value: 'household', label: t('residents.form.placeHousehold') },
                  { value: 'area', label: t('residents.form.placeArea') },
                ]}
              />
            </Form.Item>
            {target === 'area' ? (
              <Form.Item name="toAreaId" label={t('residents.move.toArea')} rules={[required]}>
                <AreaTreeSelect style={{ width: '100%' }} />
              </Form.Item>
            ) : (
              <Form.Item name="toHouseholdId" label={t('residents.move.toHousehold')} rules={[required]}>
                <HouseholdSelect exclude={resident.householdId ?? undefined} data-testid="move-household" />
              </Form.Item>
            )}
          </>
        )}
        {kind === 'out' && <Alert type="info" showIcon title={t('residents.move.outHint')} style={{ marginBottom: 16 }} />}
        <Form.Item name="on" label={t('residents.move.on')} extra={since ? t('residents.move.since', { date: since }) : undefined} rules={[required]}>
          <DatePicker
            style={{ width: '100%' }}
            allowClear={false}
            disabledDate={(d) => isFuture(d) || (since ? d.isBefore(dayjs(since), 'day') : false)}
            data-testid="move-on"
          />
        </Form.Item>
        <Form.Item name="reason" label={t('residents.move.reason')} rules={[fieldRule(moveResidentBody.shape.reason, t)]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
