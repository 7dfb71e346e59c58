/**
 * Asking from 我的班次: a swap of one shift with a named colleague, leave on one shift, or leave on a range of days
 * (every shift of mine in it). The server checks the rest (a shift already started, one already asked about).
 */
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Assignment } from '../../../domain/checkpoints/api';
import { createRosterRequest, requestColleagues } from '../../../domain/checkpoints/api-requests';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';

export type RequestAsk = { kind: 'swap'; shift: Assignment } | { kind: 'leave'; shift: Assignment } | { kind: 'leave'; shift: null };

export function ShiftRequestModal({ ask, onClose }: { ask: RequestAsk | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ colleagueId?: number; range?: [Dayjs, Dayjs]; reason?: string }>();
  const swapShift = ask?.kind === 'swap' ? ask.shift : null;
  const colleagues = useApiQuery(requestColleagues, { query: { assignmentId: swapShift?.id ?? 0 } }, { enabled: !!swapShift });
  const send = useApiMutation(createRosterRequest);
  const submit = async () => {
    if (!ask) return;
    const v = await form.validateFields();
    const reason = v.reason?.trim() ? { reason: v.reason.trim() } : {};
    const body =
      ask.kind === 'swap'
        ? { kind: 'swap' as const, assignmentId: ask.shift.id, colleagueId: v.colleagueId, ...reason }
        : ask.shift
          ? { kind: 'leave' as const, assignmentId: ask.shift.id, ...reason }
          : { kind: 'leave' as const, fromDay: v.range?.[0].format('YYYY-MM-DD'), toDay: v.range?.[1].format('YYYY-MM-DD'), ...reason };
    send.mutate(
      { body },
      {
        onSuccess: () => {
          message.success(t('checkpoints.requests.sent'));
          form.resetFields();
          onClose();
        },
        onError: (e) => message.error(errorText(e, t)),
      },
    );
  };
  const title = !ask
    ? ''
    : ask.kind === 'swap'
      ? t('checkpoints.requests.askSwap')
      : ask.shift
        ? t('checkpoints.requests.askLeave')
        : t('checkpoints.requests.askLeaveRange');
  return (
    <Modal
      open={!!ask}
      title={title}
      onCancel={onClose}
      onOk={submit}
      okText={t('checkpoints.requests.send')}
      confirmLoading={send.isPending}
      destroyOnHidden
      data-testid="shift-request-modal"
    >
      {ask?.shift && (
        <p>{`${ask.shift.postName} · ${dayjs(ask.shift.startsAt).format('MM-DD HH:mm')}–${dayjs(ask.shift.endsAt).format('HH:mm')} · ${ask.shift.shiftName}`}</p>
      )}
      <Form form={form} layout="vertical">
        {ask?.kind === 'swap' && (
          <Form.Item
            name="colleagueId"
            label={t('checkpoints.requests.colleague')}
            rules={[{ required: true, message: t('checkpoints.requests.pickColleague') }]}
          >
            <Select
              size="large"
              showSearch
              optionFilterProp="label"
              loading={colleagues.isLoading}
              placeholder={t('checkpoints.requests.pickColleague')}
              options={(colleagues.data?.items ?? []).map((c) => ({ value: c.userId, label: c.name }))}
            />
          </Form.Item>
        )}
        {ask?.kind === 'leave' && !ask.shift && (
          <Form.Item name="range" label={t('checkpoints.requests.range')} rules={[{ required: true, message: t('checkpoints.requests.range') }]}>
            <DatePicker.RangePicker size="large" style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('checkpoints.requests.reason')}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
