/** Risk zones in scope (风险区域): level, countdown to the next lifting and the rule that blocks it. */
import { Alert, Button, Card, Segmented, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { listZones } from '../../../domain/zones/api';
import { useAuth } from '../../app/auth';
import { PagedList } from '../../app/components/PagedList';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { localName, useLanguage } from '../../app/i18n';
import { useApiQuery } from '../../app/query';
import { DeclareZoneModal } from './DeclareZoneModal';
import { LevelTag, LiftSummary, type Zone, useZonePolicy } from './labels';

const PAGE_SIZE = 20;

export default function ZonesPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { area } = useCurrentArea();
  const [status, setStatus] = useState<'active' | 'lifted' | 'all'>('active');
  const [page, setPage] = useState(1);
  const [declaring, setDeclaring] = useState(false);
  const policy = useZonePolicy();
  const zones = useApiQuery(
    listZones,
    { query: { status, under: area?.id, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } },
    { placeholderData: (previous) => previous },
  );
  const data = zones.data ?? { items: [], total: 0 };
  const error = zones.error ? errorText(zones.error, t) : null;

  const name = (z: Zone) => (
    <Link to={`/zones/${z.id}`} data-testid="zone-link">
      {z.areaName}
    </Link>
  );
  const card = (z: Zone) => (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Space wrap size={6}>
        <Typography.Text strong>{name(z)}</Typography.Text>
        <LevelTag level={z.level} name={z.levelName} />
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('zones.since', { day: z.levelSince })}
      </Typography.Text>
      <LiftSummary zone={z} />
    </Space>
  );
  const columns = [
    { title: t('zones.area'), key: 'area', render: (_: unknown, z: Zone) => name(z) },
    { title: t('zones.level'), key: 'level', render: (_: unknown, z: Zone) => <LevelTag level={z.level} name={z.levelName} /> },
    { title: t('zones.levelSince'), dataIndex: 'levelSince' },
    { title: t('zones.declaredOn'), dataIndex: 'declaredOn' },
    { title: t('zones.lifting'), key: 'lift', render: (_: unknown, z: Zone) => <LiftSummary zone={z} /> },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.zones')}
        </Typography.Title>
        {can('zones.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDeclaring(true)} data-testid="zone-new">
            {t('zones.declare')}
          </Button>
        )}
      </Space>
      {policy.data && (
        <Typography.Text type="secondary" data-testid="zone-policy-name">
          {t('zones.policyInForce', { name: localName(policy.data.set.name, lang) })}
        </Typography.Text>
      )}
      <Card size="small">
        <Segmented
          value={status}
          onChange={(v) => (setStatus(v as typeof status), setPage(1))}
          options={(['active', 'lifted', 'all'] as const).map((s) => ({ value: s, label: t(`zones.status.${s}`) }))}
          style={{ marginBottom: 12 }}
        />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <PagedList<Zone>
          rowKey="id"
          testId="zone-table"
          renderCard={card}
          columns={columns}
          loading={zones.isFetching}
          data={data}
          current={page}
          pageSize={PAGE_SIZE}
          onPage={setPage}
          empty={t('zones.none')}
        />
      </Card>
      {declaring && <DeclareZoneModal onClose={() => setDeclaring(false)} onDone={(id) => navigate(`/zones/${id}`)} />}
    </Space>
  );
}
