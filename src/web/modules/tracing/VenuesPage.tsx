/**
 * Venue codes (场所码): the register of an area's venues, each with its printable QR code (the public scan page's
 * address) and its visits — masked, and kept only for the policy's days.
 */
import { Button, Card, Drawer, Form, Input, Modal, Space, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined, PrinterOutlined, QrcodeOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../domain/contract';
import { createVenue, listVenues, updateVenue, venueVisits } from '../../../domain/tracing/api-exposures';
import { useAuth } from '../../app/auth';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { ResponsiveList } from '../../app/components/ResponsiveList';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { QrCode } from '../sampling/QrCode';

type Venue = ResponseOf<typeof listVenues>['items'][number];
type Visit = ResponseOf<typeof venueVisits>['items'][number];
const PRINT_CSS = `
@media print {
  body * { visibility: hidden !important; }
  .venue-qr-print, .venue-qr-print * { visibility: visible !important; }
  .venue-qr-print { position: absolute; left: 0; top: 0; width: 100%; text-align: center; }
}`;
const scanUrl = (token: string) => `${window.location.origin}/venue/${token}`;

export default function VenuesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const writable = can('tracing.write');
  const [page, setPage] = useState(1);
  const list = useApiQuery(listVenues, { query: { limit: 50, offset: (page - 1) * 50 } });
  const [adding, setAdding] = useState(false);
  const [printing, setPrinting] = useState<Venue | null>(null);
  const [visitsOf, setVisitsOf] = useState<Venue | null>(null);
  const update = useApiMutation(updateVenue);

  const columns = [
    { title: t('tracing.venues.name'), dataIndex: 'name' },
    { title: t('tracing.field.area'), dataIndex: 'areaName' },
    { title: t('tracing.venues.visits'), key: 'visits', render: (_: unknown, v: Venue) => <a onClick={() => setVisitsOf(v)}>{v.visits}</a> },
    {
      title: t('tracing.venues.active'),
      key: 'active',
      render: (_: unknown, v: Venue) => (
        <Switch
          size="small"
          checked={v.active}
          disabled={!writable}
          onChange={(active) => void update.mutateAsync({ params: { id: v.id }, body: { active } }).catch(() => {})}
        />
      ),
    },
    {
      title: '',
      key: 'qr',
      render: (_: unknown, v: Venue) => (
        <Button size="small" icon={<QrcodeOutlined />} onClick={() => setPrinting(v)} data-testid="venue-qr">
          {t('tracing.venues.qr')}
        </Button>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.tracingVenues')}
        </Typography.Title>
        {writable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="venue-add">
            {t('tracing.venues.add')}
          </Button>
        )}
      </Space>
      <ResponsiveList<Venue>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isLoading}
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        testId="venue-list"
        renderCard={(v) => (
          <Card size="small" title={v.name} extra={<Button size="small" icon={<QrcodeOutlined />} onClick={() => setPrinting(v)} />}>
            {v.areaName} · {t('tracing.venues.visits')} <a onClick={() => setVisitsOf(v)}>{v.visits}</a> {!v.active && <Tag>{t('tracing.venues.stopped')}</Tag>}
          </Card>
        )}
      />
      {adding && <AddVenueModal onClose={() => setAdding(false)} />}
      {printing && (
        <Modal open title={printing.name} onCancel={() => setPrinting(null)} footer={null}>
          <style>{PRINT_CSS}</style>
          <div className="venue-qr-print" style={{ textAlign: 'center' }}>
            <Typography.Title level={3}>{printing.name}</Typography.Title>
            <QrCode text={scanUrl(printing.token)} sizeMm={70} label={printing.name} />
            <Typography.Paragraph>{t('tracing.venues.scanHint')}</Typography.Paragraph>
            <Typography.Text type="secondary" copyable data-testid="venue-url">
              {scanUrl(printing.token)}
            </Typography.Text>
          </div>
          <Button block icon={<PrinterOutlined />} style={{ marginTop: 12 }} onClick={() => window.print()}>
            {t('tracing.venues.print')}
          </Button>
        </Modal>
      )}
      {visitsOf && <VisitsDrawer venue={visitsOf} onClose={() => setVisitsOf(null)} />}
    </Space>
  );
}

function AddVenueModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ areaId: number; name: string; address?: string }>();
  const create = useApiMutation(createVenue);
  return (
    <Modal open title={t('tracing.venues.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending}>
      {create.error && <Typography.Text type="danger">{errorText(create.error, t)}</Typography.Text>}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          void create
            .mutateAsync({ body: { areaId: v.areaId, name: v.name.trim(), address: v.address?.trim() || null } })
            .then(onClose)
            .catch(() => {})
        }
      >
        <Form.Item name="areaId" label={t('tracing.field.area')} rules={[{ required: true, message: t('validation.required') }]}>
          <AreaTreeSelect />
        </Form.Item>
        <Form.Item name="name" label={t('tracing.venues.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={100} data-testid="venue-name" />
        </Form.Item>
        <Form.Item name="address" label={t('tracing.venues.address')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function VisitsDrawer({ venue, onClose }: { venue: Venue; onClose: () => void }) {
  const { t } = useTranslation();
  const visits = useApiQuery(venueVisits, { params: { id: venue.id }, query: { limit: 100, offset: 0 } });
  return (
    <Drawer open title={venue.name} onClose={onClose} size="large">
      <Typography.Paragraph type="secondary">{t('tracing.venues.kept', { days: visits.data?.keptDays ?? '…' })}</Typography.Paragraph>
      <Table<Visit>
        rowKey="id"
        size="small"
        loading={visits.isLoading}
        dataSource={visits.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('tracing.scan.name'), dataIndex: 'name' },
          { title: t('tracing.scan.phone'), dataIndex: 'phone' },
          { title: t('tracing.venues.visitedAt'), key: 'at', render: (_: unknown, v: Visit) => dayjs(v.visitedAt).format('MM-DD HH:mm') },
          {
            title: t('tracing.venues.matched'),
            key: 'm',
            render: (_: unknown, v: Visit) => (v.matched ? t('tracing.venues.matchedYes') : t('tracing.venues.matchedNo')),
          },
        ]}
      />
    </Drawer>
  );
}
