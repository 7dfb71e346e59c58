/** Stores and stock (仓库与库存): stores in scope with their low items, and every store × item low first. */
import { Alert, Button, Card, Empty, Form, Input, Modal, Select, Space, Switch, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ResponseOf } from '../../../domain/contract';
import { createStore, listStock, listStores } from '../../../domain/supplies/api';
import { STORE_LEVELS } from '../../../domain/supplies/kinds';
import { useAuth } from '../../app/auth';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { ResponsiveList } from '../../app/components/ResponsiveList';
import { useCurrentArea } from '../../app/current-area';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { CatalogueCard } from './CatalogueCard';
import { CoverTag } from './CoverTag';

type Store = ResponseOf<typeof listStores>['items'][number];
type Line = ResponseOf<typeof listStock>['items'][number];

export default function StoresPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { area } = useCurrentArea();
  const [lowOnly, setLowOnly] = useState(false);
  const [creating, setCreating] = useState(false);
  const stores = useApiQuery(listStores, { query: { under: area?.id } });
  const stock = useApiQuery(listStock, { query: { under: area?.id, lowOnly: lowOnly ? 'true' : undefined } });
  const error = stores.error ?? stock.error;

  const storeCard = (s: Store) => (
    <Space orientation="vertical" size={2}>
      <Space wrap size={6}>
        <Link to={`/supplies/stores/${s.id}`} data-testid="store-link">
          <Typography.Text strong>{s.name}</Typography.Text>
        </Link>
        <Tag>{t(`supplies.level.${s.level}`)}</Tag>
        {s.lowItems > 0 && <Tag color="red">{t('supplies.lowCount', { count: s.lowItems })}</Tag>}
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {s.areaName} · {t('supplies.itemCount', { count: s.items })}
      </Typography.Text>
    </Space>
  );
  const lineCard = (l: Line) => (
    <Space orientation="vertical" size={2}>
      <Space wrap size={6}>
        <Typography.Text strong>{l.itemName}</Typography.Text>
        <Typography.Text>
          {l.onHand} {l.unit}
        </Typography.Text>
        <CoverTag line={l} />
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {l.storeName}
        {l.nextExpiry ? ` · ${t('supplies.nextExpiry')} ${l.nextExpiry}` : ''}
      </Typography.Text>
    </Space>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.suppliesStores')}
        </Typography.Title>
        {can('supplies.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="store-new">
            {t('supplies.newStore')}
          </Button>
        )}
      </Space>
      {error && <Alert type="error" showIcon title={errorText(error, t)} />}
      <Card size="small" title={t('supplies.stores')}>
        <ResponsiveList<Store>
          rowKey="id"
          size="small"
          testId="store-list"
          renderCard={storeCard}
          dataSource={stores.data?.items ?? []}
          loading={stores.isFetching}
          pagination={false}
          columns={[
            { title: t('supplies.store'), key: 'name', render: (_: unknown, s: Store) => storeCard(s) },
            { title: t('supplies.area'), dataIndex: 'areaName' },
          ]}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supplies.noStores')} /> }}
        />
      </Card>
      <Card
        size="small"
        title={t('supplies.stock')}
        extra={
          <Space>
            <Typography.Text type="secondary">{t('supplies.lowOnly')}</Typography.Text>
            <Switch size="small" checked={lowOnly} onChange={setLowOnly} data-testid="stock-low-only" />
          </Space>
        }
      >
        <ResponsiveList<Line>
          rowKey={(l) => `${l.storeId}:${l.itemId}`}
          size="small"
          testId="stock-list"
          renderCard={lineCard}
          dataSource={stock.data?.items ?? []}
          loading={stock.isFetching}
          pagination={false}
          columns={[
            { title: t('supplies.store'), dataIndex: 'storeName' },
            { title: t('supplies.item'), dataIndex: 'itemName' },
            { title: t('supplies.onHand'), key: 'onHand', render: (_: unknown, l: Line) => `${l.onHand} ${l.unit}` },
            { title: t('supplies.cover'), key: 'cover', render: (_: unknown, l: Line) => <CoverTag line={l} /> },
            { title: t('supplies.nextExpiry'), key: 'exp', render: (_: unknown, l: Line) => l.nextExpiry ?? t('common.none') },
          ]}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supplies.noStock')} /> }}
        />
      </Card>
      {can('supplies.manage') && <CatalogueCard />}
      {creating && <NewStoreModal onClose={() => setCreating(false)} />}
    </Space>
  );
}

function NewStoreModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string; level: (typeof STORE_LEVELS)[number]; areaId: number }>();
  const create = useApiMutation(createStore);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await create.mutateAsync({ body: v });
      onClose();
    } catch (e) {
      applyFieldErrors(form, e);
    }
  };
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <Modal open title={t('supplies.newStore')} onCancel={onClose} onOk={submit} okButtonProps={{ loading: create.isPending, 'data-testid': 'store-save' }}>
      {create.error && <Alert type="error" showIcon title={errorText(create.error, t)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ level: 'village' }}>
        <Form.Item name="name" label={t('supplies.store')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="level" label={t('supplies.levelLabel')} rules={required}>
          <Select options={STORE_LEVELS.map((l) => ({ value: l, label: t(`supplies.level.${l}`) }))} />
        </Form.Item>
        <Form.Item name="areaId" label={t('supplies.area')} rules={required}>
          <AreaTreeSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
