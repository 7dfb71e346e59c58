/** 新增采样点: where it is, whom it serves, its desks and hours (its capacity per hour follows). */
import { Alert, Button, Col, Form, Input, InputNumber, Modal, Row, Segmented, Space, TimePicker, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createPoint, listPoints } from '../../../domain/sampling/api';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';
import type { PointFull, RoundFull } from './round-types';
import { fieldRule } from '../../app/form-rules';

interface Values {
  name: string;
  address?: string;
  areaId: number;
  serves: { areaId?: number | null }[];
  kind: 'fixed' | 'mobile';
  desks: number;
  hours: [Dayjs, Dayjs];
  perDeskHour: number;
  staff?: string;
}

export function PointFormModal({ round, onClose, onCreated }: { round: RoundFull; onClose: () => void; onCreated: (p: PointFull) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = useApiMutation(createPoint, { invalidates: [listPoints] });
  const busy = save.isPending;
  const [error, setError] = useState<string | null>(null);
  const desks = Form.useWatch('desks', form) ?? 0;
  const per = Form.useWatch('perDeskHour', form) ?? 0;
  const required = { required: true, message: t('validation.required') };

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      const servesAreaIds = [...new Set((v.serves ?? []).map((s) => s.areaId).filter((x): x is number => Boolean(x)))];
      const p = await save.mutateAsync({
        params: { id: round.id },
        body: {
          name: v.name.trim(),
          ...(v.address?.trim() ? { address: v.address.trim() } : {}),
          areaId: v.areaId,
          servesAreaIds,
          kind: v.kind,
          desks: v.desks,
          opensAt: v.hours[0].format('HH:mm'),
          closesAt: v.hours[1].format('HH:mm'),
          perDeskHour: v.perDeskHour,
          ...(v.staff?.trim() ? { staff: v.staff.trim() } : {}),
        },
      });
      onCreated(p);
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorText(e, t));
    }
  };

  const half = { xs: 24, sm: 12 };
  return (
    <Modal
      open
      title={t('samplingRounds.newPoint')}
      onCancel={onClose}
      okText={t('common.save')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => {})}
      okButtonProps={{ 'data-testid': 'point-save' }}
      destroyOnHidden
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        autoComplete="off"
        data-testid="point-form"
        initialValues={{
          areaId: round.areaId,
          serves: [],
          kind: 'fixed',
          desks: 2,
          hours: [dayjs('07:00', 'HH:mm'), dayjs('19:00', 'HH:mm')],
          perDeskHour: 60,
        }}
      >
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item
              name="name"
              label={t('samplingRounds.point.name')}
              rules={[{ ...required, whitespace: true }, fieldRule(createPoint.body.shape.name, t)]}
            >
              <Input maxLength={100} data-testid="point-name" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="kind" label={t('samplingRounds.point.kind')}>
              <Segmented options={(['fixed', 'mobile'] as const).map((k) => ({ value: k, label: t(`samplingRounds.kind.${k}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label={t('samplingRounds.point.address')} rules={[fieldRule(createPoint.body.shape.address, t)]}>
          <Input maxLength={200} data-testid="point-address" />
        </Form.Item>
        <Form.Item name="areaId" label={t('samplingRounds.point.area')} rules={[required]} extra={t('samplingRounds.point.areaHint', { area: round.areaName })}>
          <AreaTreeSelect style={{ width: '100%' }} data-testid="point-area" />
        </Form.Item>
        <Typography.Text>{t('samplingRounds.point.serves')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {t('samplingRounds.point.servesHint')}
        </Typography.Paragraph>
        <Form.List name="serves">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" size={8} style={{ width: '100%', marginBottom: 16 }}>
              {fields.map((f) => (
                <Space.Compact key={f.key} style={{ width: '100%' }}>
                  <Form.Item name={[f.name, 'areaId']} noStyle>
                    <AreaTreeSelect style={{ width: '100%' }} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('samplingRounds.point.servesRemove')} />
                </Space.Compact>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
                {t('samplingRounds.point.servesAdd')}
              </Button>
            </Space>
          )}
        </Form.List>
        <Row gutter={12}>
          <Col xs={12} sm={6}>
            <Form.Item name="desks" label={t('samplingRounds.point.desks')} rules={[required]}>
              <InputNumber min={1} max={100} style={{ width: '100%' }} data-testid="point-desks" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="perDeskHour" label={t('samplingRounds.point.perDeskHour')} rules={[required]}>
              <InputNumber min={1} max={600} style={{ width: '100%' }} data-testid="point-per-desk" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="hours" label={t('samplingRounds.point.hours')} rules={[required]}>
              <TimePicker.RangePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} allowClear={false} order />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" data-testid="point-capacity">
          {t('samplingRounds.capacityLine', { desks, per, total: desks * per })}
        </Typography.Paragraph>
        <Form.Item name="staff" label={t('samplingRounds.point.staff')} rules={[fieldRule(createPoint.body.shape.staff, t)]}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t('samplingRounds.point.staffPlaceholder')} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}
