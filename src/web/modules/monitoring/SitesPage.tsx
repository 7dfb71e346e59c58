/** Isolation sites in scope: capacity and occupancy drawn per site and per room; create a site, add rooms. */
import { Alert, Button, Card, Col, Empty, Progress, Row, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { useCurrentArea } from '../../app/current-area';
import { listSites } from '../../../domain/monitoring/api';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { SiteFormModal } from './SiteFormModal';
import type { Room, Site } from './types';

function RoomCell({ room }: { room: Room }) {
  const full = room.occupied >= room.capacity;
  const colour = full ? '#cf1322' : room.occupied ? '#fa8c16' : '#52c41a';
  return (
    <Tooltip title={`${room.code}: ${room.occupied}/${room.capacity}`}>
      <div
        style={{
          width: 56,
          border: `1px solid ${colour}`,
          borderRadius: 4,
          padding: '2px 4px',
          fontSize: 12,
          textAlign: 'center',
          background: full ? '#fff1f0' : undefined,
        }}
        data-testid="room"
      >
        <div>{room.code}</div>
        <div style={{ color: colour }}>
          {room.occupied}/{room.capacity}
        </div>
      </div>
    </Tooltip>
  );
}

export default function SitesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { area } = useCurrentArea();
  const sites = useApiQuery(listSites, { query: { under: area?.id } });
  const data = sites.data;
  const error = sites.error ? errorText(sites.error, t) : null;
  const [editing, setEditing] = useState<Site | 'new' | null>(null);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.isolationSites')}
        </Typography.Title>
        {can('measures.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="site-new">
            {t('monitoring.site.create')}
          </Button>
        )}
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {!data && !error && <Spin style={{ display: 'block', margin: '64px auto' }} />}
      {data && !data.items.length && <Empty description={t('monitoring.site.none')} />}
      <Row gutter={[16, 16]}>
        {data?.items.map((s) => (
          <Col xs={24} lg={12} key={s.id}>
            <Card
              size="small"
              data-testid="site-card"
              title={
                <Space size={6} wrap>
                  {s.name}
                  {s.closedAt && <Tag>{t('monitoring.site.closed')}</Tag>}
                </Space>
              }
              extra={
                can('measures.write') &&
                !s.closedAt && (
                  <Button size="small" onClick={() => setEditing(s)}>
                    {t('monitoring.site.addRooms')}
                  </Button>
                )
              }
            >
              <Typography.Text type="secondary">{[s.areaName, s.address].filter(Boolean).join(' · ')}</Typography.Text>
              <Progress
                percent={s.capacity ? Math.round((s.occupied / s.capacity) * 100) : 0}
                status={s.capacity && s.occupied >= s.capacity ? 'exception' : 'normal'}
                format={() => t('monitoring.site.occupancy', { occupied: s.occupied, capacity: s.capacity })}
              />
              {s.rooms.length ? (
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginTop: 8 }}>
                  {s.rooms.map((r) => (
                    <RoomCell key={r.id} room={r} />
                  ))}
                </div>
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('monitoring.site.noRooms')} />
              )}
            </Card>
          </Col>
        ))}
      </Row>
      {editing && (
        <SiteFormModal site={editing === 'new' ? undefined : editing} areaId={area?.id} onClose={() => setEditing(null)} onDone={() => setEditing(null)} />
      )}
    </Space>
  );
}
