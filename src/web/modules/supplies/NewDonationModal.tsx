/** Records a donation: the donor, money or goods (received into a store at once), restricted use, 公示 by name or not. */
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createDonation, listItems, listStores } from '../../../domain/supplies/api';
import { DONOR_KINDS } from '../../../domain/supplies/kinds';
import { newClientId } from '../../app/client-id';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { useCurrentArea } from '../../app/current-area';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';

interface Values {
  kind: 'money' | 'goods';
  donorKind: (typeof DONOR_KINDS)[number];
  donorName: string;
  donorPhone?: string;
  donorIdNumber?: string;
  amount?: number;
  restrictedUse?: string;
  discloseName: boolean;
  receivedOn: Dayjs;
  areaId: number;
  storeId?: number;
  itemId?: number;
  qty?: number;
  lot?: string;
  expiresOn?: Dayjs;
}

export function NewDonationModal({ onClose, onDone }: { onClose: () => void; onDone: (id: number) => void }) {
  const { t } = useTranslation();
  const { area } = useCurrentArea();
  const [form] = Form.useForm<Values>();
  const [clientId] = useState(newClientId);
  const kind = Form.useWatch('kind', form);
  const items = useApiQuery(listItems);
  const stores = useApiQuery(listStores, { query: {} });
  const create = useApiMutation(createDonation);
  const submit = async () => {
    const v = await form.validateFields();
    const goods = v.kind === 'goods';
    try {
      const d = await create.mutateAsync({
        body: {
          clientId,
          kind: v.kind,
          donorKind: v.donorKind,
          donorName: v.donorName,
          donorPhone: v.donorPhone || null,
          donorIdNumber: v.donorIdNumber || null,
          amount: v.amount ?? null,
          restrictedUse: v.restrictedUse || null,
          discloseName: v.discloseName,
          receivedOn: v.receivedOn.format('YYYY-MM-DD'),
          areaId: v.areaId,
          storeId: goods ? v.storeId : null,
          lines: goods ? [{ itemId: v.itemId!, qty: v.qty!, lot: v.lot || null, expiresOn: v.expiresOn ? v.expiresOn.format('YYYY-MM-DD') : null }] : [],
        },
      });
      onDone(d.id);
    } catch (e) {
      applyFieldErrors(form, e);
    }
  };
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <Modal
      open
      title={t('supplies.newDonation')}
      onCancel={onClose}
      onOk={submit}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'donation-save' }}
    >
      {create.error && <Alert type="error" showIcon title={errorText(create.error, t)} style={{ marginBottom: 12 }} />}
      <Form
        name="donation"
        form={form}
        layout="vertical"
        initialValues={{ kind: 'goods', donorKind: 'firm', discloseName: true, receivedOn: dayjs(), areaId: area?.id }}
        data-testid="donation-form"
      >
        <Form.Item name="kind" label={t('supplies.donationKindLabel')}>
          <Radio.Group optionType="button" options={['goods', 'money'].map((k) => ({ value: k, label: t(`supplies.donationKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="donorKind" label={t('supplies.donorKindLabel')}>
          <Select options={DONOR_KINDS.map((k) => ({ value: k, label: t(`supplies.donorKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="donorName" label={t('supplies.donor')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="donorPhone" label={t('supplies.donorPhone')}>
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        {kind === 'money' ? (
          <Form.Item name="amount" label={t('supplies.amount')} rules={required}>
            <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="storeId" label={t('supplies.intoStore')} rules={required}>
              <Select options={(stores.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
            <Form.Item name="itemId" label={t('supplies.item')} rules={required}>
              <Select options={(items.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.name}（${i.unit}）` }))} />
            </Form.Item>
            <Form.Item name="qty" label={t('supplies.qty')} rules={required}>
              <InputNumber min={1} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="lot" label={t('supplies.lot')}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="expiresOn" label={t('supplies.expiresOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
        <Form.Item name="restrictedUse" label={t('supplies.restrictedUse')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="receivedOn" label={t('supplies.receivedOn')} rules={required}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="areaId" label={t('supplies.area')} rules={required}>
          <AreaTreeSelect />
        </Form.Item>
        <Form.Item name="discloseName" label={t('supplies.discloseName')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
