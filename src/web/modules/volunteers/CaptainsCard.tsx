/** Building and floor captains (楼栋长 / 楼层长) under an area: who they are, set or clear one. */
import { Alert, App, Button, Card, Empty, Input, List, Popconfirm, Segmented, Space, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type CaptainKind, listCaptains, setCaptain } from '../../../domain/volunteers/api';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { VolunteerSelect } from './VolunteerSelect';

export function CaptainsCard({ areaId, canWrite }: { areaId: number; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const captains = useApiQuery(listCaptains, { query: { under: areaId } });
  const set = useApiMutation(setCaptain, { invalidates: [listCaptains] });
  const items = captains.data?.items ?? [];
  const [kind, setKind] = useState<CaptainKind>('building');
  const [floor, setFloor] = useState('');
  const [volunteerId, setVolunteerId] = useState<number | null>(null);

  const put = async (body: { areaId: number; kind: CaptainKind; floor?: string; volunteerId: number | null }) => {
    try {
      await set.mutateAsync({ body });
      message.success(t('common.saved'));
      setVolunteerId(null);
    } catch (e) {
      message.error(errorText(e, t));
    }
  };

  return (
    <Card size="small" title={t('volunteers.links.captains')} data-testid="captains-card">
      {captains.error && <Alert type="error" showIcon title={errorText(captains.error, t)} style={{ marginBottom: 8 }} />}
      {captains.isPending ? (
        <Spin style={{ display: 'block', margin: '16px auto' }} />
      ) : items.length ? (
        <List
          size="small"
          dataSource={items}
          renderItem={(c) => (
            <List.Item
              actions={
                canWrite
                  ? [
                      <Popconfirm
                        key="clear"
                        title={t('volunteers.links.clearConfirm')}
                        onConfirm={() => void put({ areaId: c.areaId, kind: c.kind, ...(c.floor ? { floor: c.floor } : {}), volunteerId: null })}
                      >
                        <Button size="small" type="link" danger>
                          {t('volunteers.links.clear')}
                        </Button>
                      </Popconfirm>,
                    ]
                  : undefined
              }
            >
              <Space wrap size={4}>
                <Tag color={c.kind === 'building' ? 'red' : 'orange'}>{t(`volunteers.captainKind.${c.kind}`)}</Tag>
                <span>
                  {c.areaName}
                  {c.floor ? ` · ${t('volunteers.links.floorN', { floor: c.floor })}` : ''}
                </span>
                <Link to={`/volunteers/${c.volunteerId}`}>{c.volunteerName}</Link>
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('volunteers.links.noCaptains')} />
      )}
      {canWrite && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
          <Segmented<CaptainKind>
            value={kind}
            onChange={setKind}
            options={(['building', 'floor'] as const).map((k) => ({ value: k, label: t(`volunteers.captainKind.${k}`) }))}
          />
          {kind === 'floor' && (
            <Input value={floor} onChange={(e) => setFloor(e.target.value)} maxLength={20} placeholder={t('volunteers.links.floorPlaceholder')} />
          )}
          <VolunteerSelect value={volunteerId} onChange={(v) => setVolunteerId(typeof v === 'number' ? v : null)} data-testid="captain-volunteer" />
          <Button
            block
            disabled={!volunteerId || (kind === 'floor' && !floor.trim())}
            loading={set.isPending}
            onClick={() => volunteerId && void put({ areaId, kind, ...(kind === 'floor' ? { floor: floor.trim() } : {}), volunteerId })}
            data-testid="captain-set"
          >
            {t('volunteers.links.setCaptain')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
