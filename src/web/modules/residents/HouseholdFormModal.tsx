/**
 * Create a household, or edit one (`household` given). The phone is shown masked, so on edit its box
 * starts empty and is sent only when something new is typed.
 */
import { Alert, App, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { type HouseholdDetail, createHousehold, updateHousehold } from '../../../domain/residents/api';
import { checkPhone } from '../../../domain/residents/identity';
import { createHouseholdBody, type updateHouseholdBody } from '../../../domain/residents/schemas';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { applyFieldErrors, errorText } from '../../app/errors';
import { fieldRule } from '../../app/form-rules';
import { useApiMutation } from '../../app/query';

interface Values {
  areaId: number;
  address: string;
  villageGroup?: string;
  houseNo?: string;
  unit?: string;
  room?: string;
  phone?: string;
  notes?: string;
  headResidentId?: number | null;
}

const blank = (s: string | undefined) => s?.trim() || null;

export function HouseholdFormModal({
  household,
  defaultAreaId,
  onClose,
  onSaved,
}: {
  household?: HouseholdDetail;
  defaultAreaId?: number;
  onClose: () => void;
  onSaved: (h: HouseholdDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useApiMutation(createHousehold);
  const update = useApiMutation(updateHousehold);
  const busy = create.isPending || update.isPending;
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const v = await form.validateFields();
    const body: z.input<typeof updateHouseholdBody> & { areaId: number; address: string } = {
      areaId: v.areaId,
      address: v.address.trim(),
      villageGroup: blank(v.villageGroup),
      houseNo: blank(v.houseNo),
      unit: blank(v.unit),
      room: blank(v.room),
      notes: blank(v.notes),
    };
    const phone = v.phone?.trim();
    if (phone) body.phone = phone;
    else if (!household) body.phone = null;
    setError(null);
    try {
      const saved = household
        ? await update.mutateAsync({ params: { id: household.id }, body: { ...body, headResidentId: v.headResidentId ?? null } })
        : await create.mutateAsync({ body });
      message.success(t('common.saved'));
      onSaved(saved);
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorText(e, t));
    }
  };

  const phoneRule = {
    validator: (_: unknown, v?: string) => (!v?.trim() || checkPhone(v).ok ? Promise.resolve() : Promise.reject(new Error(t('validation.phone')))),
  };

  return (
    <Modal
      open
      title={household ? t('residents.household.editTitle') : t('residents.household.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => {})}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'household-save' }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        autoComplete="off"
        initialValues={
          household
            ? {
                areaId: household.areaId,
                address: household.address,
                villageGroup: household.villageGroup ?? undefined,
                houseNo: household.houseNo ?? undefined,
                unit: household.unit ?? undefined,
                room: household.room ?? undefined,
                notes: household.notes ?? undefined,
                headResidentId: household.headResidentId,
              }
            : { areaId: defaultAreaId }
        }
      >
        <Form.Item
          name="areaId"
          label={t('residents.field.area')}
          extra={household ? t('residents.household.areaHint') : undefined}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <AreaTreeSelect style={{ width: '100%' }} data-testid="household-area" />
        </Form.Item>
        <Form.Item
          name="address"
          label={t('residents.field.address')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }, fieldRule(createHouseholdBody.shape.address, t)]}
        >
          <Input maxLength={200} placeholder={t('residents.household.addressPlaceholder')} data-testid="household-address" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12} sm={6}>
            <Form.Item name="villageGroup" label={t('residents.field.villageGroup')} rules={[fieldRule(createHouseholdBody.shape.villageGroup, t)]}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="houseNo" label={t('residents.field.houseNo')} rules={[fieldRule(createHouseholdBody.shape.houseNo, t)]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="unit" label={t('residents.field.unit')} rules={[fieldRule(createHouseholdBody.shape.unit, t)]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="room" label={t('residents.field.room')} rules={[fieldRule(createHouseholdBody.shape.room, t)]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="phone"
          label={t('residents.field.phone')}
          extra={household ? t('residents.keepMasked', { value: household.phone ?? t('common.none') }) : undefined}
          rules={[phoneRule]}
        >
          <Input inputMode="tel" maxLength={30} />
        </Form.Item>
        {household && (
          <Form.Item name="headResidentId" label={t('residents.household.head')}>
            <Select allowClear options={household.members.map((m) => ({ value: m.id, label: m.name }))} notFoundContent={t('residents.household.noMembers')} />
          </Form.Item>
        )}
        <Form.Item name="notes" label={t('residents.field.notes')} rules={[fieldRule(createHouseholdBody.shape.notes, t)]}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
