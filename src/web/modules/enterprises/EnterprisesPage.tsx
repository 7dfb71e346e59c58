/** The register of enterprises (企业台账) in scope: state, staff, today's ledger; a cadre registers a new one here. */
import { Alert, Button, Card, Empty, Input, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ResponseOf } from '../../../domain/contract';
import { listEnterprises } from '../../../domain/enterprises/api';
import { ENTERPRISE_STATES, type EnterpriseState } from '../../../domain/enterprises/policy';
import { useAuth } from '../../app/auth';
import { ResponsiveList } from '../../app/components/ResponsiveList';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { RegisterModal } from './RegisterModal';
import { statusColour } from './labels';

type Item = ResponseOf<typeof listEnterprises>['items'][number];
const PAGE_SIZE = 20;

export default function EnterprisesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { area } = useCurrentArea();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<EnterpriseState | undefined>();
  const [search, setSearch] = useState('');
  const [registering, setRegistering] = useState(false);
  const q = useApiQuery(
    listEnterprises,
    { query: { under: area?.id, status, q: search || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } },
    { placeholderData: (p) => p },
  );
  const data = q.data ?? { items: [], total: 0 };
  const state = (i: Item) => (
    <Tag color={statusColour[i.status]} data-testid="enterprise-status">
      {t(`enterprises.status.${i.status}`)}
    </Tag>
  );
  const ledger = (i: Item) =>
    i.status === 'resumed' ? (
      <Tag color={i.ledgerToday ? 'green' : 'orange'}>{i.ledgerToday ? t('enterprises.ledgerSent') : t('enterprises.ledgerMissing')}</Tag>
    ) : null;
  const link = (i: Item) => (
    <Link to={`/enterprises/${i.id}`} data-testid="enterprise-row">
      {i.name}
    </Link>
  );
  const card = (i: Item) => (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Space wrap>
        {link(i)}
        {state(i)}
        {ledger(i)}
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {i.industry} · {i.areaName} · {t('enterprises.staffOf', { staff: i.staffCount, headcount: i.headcount })}
      </Typography.Text>
    </Space>
  );
  const columns = [
    { title: t('enterprises.field.name'), key: 'name', render: (_: unknown, i: Item) => link(i) },
    { title: t('enterprises.field.creditCode'), dataIndex: 'creditCode' },
    { title: t('enterprises.field.industry'), dataIndex: 'industry' },
    { title: t('enterprises.field.area'), dataIndex: 'areaName' },
    { title: t('enterprises.field.status'), key: 'status', render: (_: unknown, i: Item) => state(i) },
    { title: t('enterprises.field.ledger'), key: 'ledger', render: (_: unknown, i: Item) => ledger(i) },
    { title: t('enterprises.field.staff'), key: 'staff', render: (_: unknown, i: Item) => `${i.staffCount} / ${i.headcount}` },
    { title: t('enterprises.field.cadre'), dataIndex: 'cadreName' },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.enterprises')}
        </Typography.Title>
        {can('enterprises.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="enterprise-new">
            {t('enterprises.register')}
          </Button>
        )}
      </Space>
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('enterprises.field.status')}
            value={status}
            onChange={(v) => (setStatus(v), setPage(1))}
            options={ENTERPRISE_STATES.map((s) => ({ value: s, label: t(`enterprises.status.${s}`) }))}
            data-testid="enterprise-status-filter"
          />
          <Input.Search allowClear placeholder={t('enterprises.search')} onSearch={(v) => (setSearch(v.trim()), setPage(1))} style={{ width: 220 }} />
        </Space>
        {q.error && <Alert type="error" showIcon title={errorText(q.error, t)} style={{ marginBottom: 12 }} />}
        <ResponsiveList<Item>
          rowKey="id"
          size="small"
          testId="enterprise-table"
          renderCard={card}
          columns={columns}
          dataSource={data.items}
          loading={q.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('enterprises.none')} /> }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, showSizeChanger: false, onChange: setPage }}
        />
      </Card>
      {registering && <RegisterModal onClose={() => setRegistering(false)} />}
    </Space>
  );
}
