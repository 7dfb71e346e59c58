/** Cadres linked to village groups (a cadre looks after a group of a village): list under an area, add, end. */
import { Alert, App, Button, Card, Empty, Input, List, Popconfirm, Space } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api';
import { errorText } from '../../app/errors';
import type { GroupRef } from './types';
import { VolunteerSelect } from './VolunteerSelect';

type GroupLink = GroupRef & { volunteerId: number; volunteerName: string };

export function GroupLinksCard({ areaId, canWrite }: { areaId: number; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [items, setItems] = useState<GroupLink[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [volunteerId, setVolunteerId] = useState<number | null>(null);
  const [group, setGroup] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    api
      .get<{ items: GroupLink[] }>('/api/group-links', { under: areaId })
      .then((r) => (setItems(r.items), setError(null)))
      .catch((e) => setError(errorText(e, t)));
  }, [areaId, t]);
  useEffect(load, [load]);

  const act = async (call: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await call();
      message.success(t('common.saved'));
      load();
    } catch (e) {
      message.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('volunteers.links.groups')} data-testid="group-links-card">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      {items.length ? (
        <List
          size="small"
          dataSource={items}
          renderItem={(g) => (
            <List.Item
              actions={
                canWrite
                  ? [
                      <Popconfirm
                        key="end"
                        title={t('volunteers.links.clearConfirm')}
                        onConfirm={() => void act(() => api.post(`/api/group-links/${g.id}/remove`))}
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
                <span>
                  {g.areaName} · {g.villageGroup}
                </span>
                <Link to={`/volunteers/${g.volunteerId}`}>{g.volunteerName}</Link>
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('volunteers.links.noGroups')} />
      )}
      {canWrite && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
          <Input value={group} onChange={(e) => setGroup(e.target.value)} maxLength={40} placeholder={t('volunteers.links.groupPlaceholder')} />
          <VolunteerSelect value={volunteerId} onChange={(v) => setVolunteerId(typeof v === 'number' ? v : null)} />
          <Button
            block
            loading={busy}
            disabled={!volunteerId || !group.trim()}
            onClick={() =>
              volunteerId &&
              void act(async () => {
                await api.post('/api/group-links', { volunteerId, areaId, villageGroup: group.trim() });
                setGroup('');
                setVolunteerId(null);
              })
            }
          >
            {t('volunteers.links.addGroup')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
