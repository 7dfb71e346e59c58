/** The donations ledger (捐赠台账): money and goods in, donors' numbers masked; a new donation; the 公示 list. */
import { Alert, Button, Card, Empty, Space, Statistic, Tag, Typography } from 'antd';
import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { ResponseOf } from '../../../domain/contract';
import { listDonations } from '../../../domain/supplies/api';
import { useAuth } from '../../app/auth';
import { ResponsiveList } from '../../app/components/ResponsiveList';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { NewDonationModal } from './NewDonationModal';

type Donation = ResponseOf<typeof listDonations>['items'][number];
const PAGE_SIZE = 20;

export const yuan = (n: number) => `¥${n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export default function DonationsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { area } = useCurrentArea();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const list = useApiQuery(listDonations, { query: { under: area?.id, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } }, { placeholderData: (p) => p });
  const data = list.data ?? { items: [], total: 0, moneyTotal: 0 };
  const what = (d: Donation) => (d.kind === 'money' ? yuan(d.amount ?? 0) : d.goods.map((g) => `${g.itemName} ${g.qty}${g.unit}`).join('、'));
  const card = (d: Donation) => (
    <Space orientation="vertical" size={2}>
      <Space wrap size={6}>
        <Link to={`/supplies/donations/${d.id}`} data-testid="donation-link">
          <Typography.Text strong>{d.donorName}</Typography.Text>
        </Link>
        <Tag color={d.kind === 'money' ? 'gold' : 'blue'}>{t(`supplies.donationKind.${d.kind}`)}</Tag>
        <Typography.Text>{what(d)}</Typography.Text>
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {d.receiptNo} · {d.receivedOn} · {t(`supplies.donorKind.${d.donorKind}`)}
        {d.restrictedUse ? ` · ${t('supplies.restrictedUse')}：${d.restrictedUse}` : ''}
      </Typography.Text>
    </Space>
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.suppliesDonations')}
        </Typography.Title>
        <Space wrap>
          <Link to="/supplies/disclosure">
            <Button icon={<PrinterOutlined />} data-testid="disclosure-link">
              {t('supplies.disclosure')}
            </Button>
          </Link>
          {can('supplies.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="donation-new">
              {t('supplies.newDonation')}
            </Button>
          )}
        </Space>
      </Space>
      {list.error && <Alert type="error" showIcon title={errorText(list.error, t)} />}
      <Card size="small">
        <Space size="large" style={{ marginBottom: 12 }}>
          <Statistic title={t('supplies.donationCount')} value={data.total} />
          <Statistic title={t('supplies.moneyTotal')} value={yuan(data.moneyTotal)} />
        </Space>
        <ResponsiveList<Donation>
          rowKey="id"
          size="small"
          testId="donation-list"
          renderCard={card}
          dataSource={data.items}
          loading={list.isFetching}
          columns={[
            { title: t('supplies.receiptNo'), dataIndex: 'receiptNo' },
            { title: t('supplies.donor'), key: 'donor', render: (_: unknown, d: Donation) => card(d) },
            { title: t('supplies.donorPhone'), key: 'phone', render: (_: unknown, d: Donation) => d.donorPhone ?? t('common.none') },
            { title: t('supplies.area'), dataIndex: 'areaName' },
          ]}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supplies.noDonations')} /> }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, showSizeChanger: false, onChange: setPage }}
        />
      </Card>
      {creating && <NewDonationModal onClose={() => setCreating(false)} onDone={(id) => navigate(`/supplies/donations/${id}`)} />}
    </Space>
  );
}
