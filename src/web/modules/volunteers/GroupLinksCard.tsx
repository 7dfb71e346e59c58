/** Cadres linked to village groups (a cadre looks after a group of a village): list under an area, add, end. */
import { Alert, App, Button, Card, Empty, Input, List, Popconfirm, Space, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { addGroupLink, listGroupLinks, removeGroupLink } from '../../../domain/volunteers/api';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { VolunteerSelect } from './VolunteerSelect';

export function GroupLinksCard({ areaId, canWrite }: { areaId: number; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const links = useApiQuery(listGroupLinks, { query: { under: areaId } });
  const add = useApiMutation(addGroupLink, { invalidates: [listGroupLinks] });
  const remove = useApiMutation(removeGroupLink, { invalidates: [listGroupLinks] });
  const items = links.data?.items ?? [];
  const [volunteerId, setVolunteerId] = useState<number | null>(null);
  const [group, setGroup] = useState('');

  const act = async (call: () => Promise<unknown>) => {
    try {
      await call();
      message.success(t('common.saved'));
    } catch (e) {
      message.error(errorText(e, t));
    }
  };

  return (
    <Card size="small" title={t('volunteers.links.groups')} data-testid="group-links-card">
      {links.error && <Alert type="error" showIcon title={errorText(links.error, t)} style={{ marginBottom: 8 }} />}
      {links.isPending ? (
        <Spin style={{ display: 'block', margin: '16px auto' }} />
      ) : items.length ? (
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
                        onConfirm={() => void act(() => remove.mutateAsync({ params: { id: g.id } }))}
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
            loading={add.isPending || remove.isPending}
            disabled={!volunteerId || !group.trim()}
            onClick={() =>
              volunteerId &&
              void act(async () => {
                await add.mutateAsync({ body: { volunteerId, areaId, villageGroup: group.trim() } });
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
