/** The catalogue (deployment-wide): items with unit and pack size, and kits such as 保供包; adding one of each. */
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { createItem, createKit, listItems, listKits } from '../../../domain/supplies/api';
import { CATEGORIES, UNIT_CODES } from '../../../domain/supplies/kinds';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { kitCode } from './qr';
import { QrSvg } from './ShelfLabels';

export function CatalogueCard() {
  const { t } = useTranslation();
  const items = useApiQuery(listItems);
  const kits = useApiQuery(listKits);
  const addItem = useApiMutation(createItem);
  const addKit = useApiMutation(createKit);
  const [itemForm] = Form.useForm();
  const [kitForm] = Form.useForm();
  const saveItem = async () => {
    const v = await itemForm.validateFields();
    try {
      await addItem.mutateAsync({ body: v });
      itemForm.resetFields();
    } catch (e) {
      applyFieldErrors(itemForm, e);
    }
  };
  const saveKit = async () => {
    const v = await kitForm.validateFields();
    try {
      await addKit.mutateAsync({ body: { name: v.name, lines: [{ itemId: v.itemId, qty: v.qty }] } });
      kitForm.resetFields();
    } catch (e) {
      applyFieldErrors(kitForm, e);
    }
  };
  const required = [{ required: true, message: t('validation.required') }];
  const error = addItem.error ?? addKit.error;
  return (
    <Card size="small" title={t('supplies.catalogue')} data-testid="catalogue">
      {error && <Alert type="error" showIcon title={errorText(error, t)} style={{ marginBottom: 8 }} />}
      <Space wrap size={4} style={{ marginBottom: 8 }}>
        {(items.data?.items ?? []).map((i) => (
          <Tag key={i.id}>
            {i.name}（{t(`supplies.category.${i.category}`)} · {i.unit}
            {i.packSize > 1 ? ` · ${t('supplies.packOf', { n: i.packSize, unit: i.unit })}` : ''}）
          </Tag>
        ))}
      </Space>
      <Form form={itemForm} layout="inline" initialValues={{ category: 'protective', unit: UNIT_CODES[0], packSize: 1 }}>
        <Form.Item name="name" rules={required}>
          <Input placeholder={t('supplies.item')} maxLength={100} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="category">
          <Select style={{ width: 110 }} options={CATEGORIES.map((c) => ({ value: c, label: t(`supplies.category.${c}`) }))} />
        </Form.Item>
        <Form.Item name="unit">
          <Select style={{ width: 80 }} options={UNIT_CODES.map((u) => ({ value: u, label: u }))} />
        </Form.Item>
        <Form.Item name="packSize" label={t('supplies.packSize')}>
          <InputNumber min={1} precision={0} style={{ width: 80 }} />
        </Form.Item>
        <Button onClick={saveItem} loading={addItem.isPending}>
          {t('supplies.addItem')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 4px' }}>
        {t('supplies.kits')}：
        {(kits.data?.items ?? []).map((k) => `${k.name}（${k.lines.map((l) => `${l.itemName}×${l.qty}`).join('、')}）`).join('；') || t('common.none')}
      </Typography.Paragraph>
      {/* A kit's label: stuck on each packed kit, scanned when it is handed out. */}
      <Space wrap size="small" style={{ marginBottom: 8 }} data-testid="kit-labels">
        {(kits.data?.items ?? []).map((k) => (
          <QrSvg key={k.id} text={kitCode(k.id)} label={k.name} />
        ))}
      </Space>
      <Form form={kitForm} layout="inline">
        <Form.Item name="name" rules={required}>
          <Input placeholder={t('supplies.kitName')} maxLength={100} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="itemId" rules={required}>
          <Select style={{ width: 140 }} placeholder={t('supplies.item')} options={(items.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))} />
        </Form.Item>
        <Form.Item name="qty" rules={required}>
          <InputNumber min={1} precision={0} placeholder={t('supplies.qty')} style={{ width: 90 }} />
        </Form.Item>
        <Button onClick={saveKit} loading={addKit.isPending}>
          {t('supplies.addKit')}
        </Button>
      </Form>
    </Card>
  );
}
