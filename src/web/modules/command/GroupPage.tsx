/** A group's page: its duties, area and dates, its members with their roles and duties, and their open work. */
import { Alert, Button, Card, Descriptions, Input, List, Select, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { MEMBER_ROLES, getGroup, setMembers } from '../../../domain/command/api';
import { listUsers } from '../../../domain/users/api';
import { useAuth } from '../../app/auth';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { taskTitle } from '../tasks/task-title';

type Role = (typeof MEMBER_ROLES)[number];
interface Draft {
  userId: number;
  name: string;
  role: Role;
  duty: string;
}

export default function GroupPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const id = Number(useParams().id);
  const q = useApiQuery(getGroup, { params: { id } });
  const [draft, setDraft] = useState<Draft[] | null>(null);
  const [search, setSearch] = useState('');
  const users = useApiQuery(listUsers, { query: { q: search || undefined, page: 1, pageSize: 20 } }, { enabled: draft !== null && can('users.read') });
  const save = useApiMutation(setMembers, { onSuccess: () => setDraft(null) });
  if (q.error) return <Alert type="error" showIcon title={errorText(q.error, t)} />;
  const g = q.data;
  if (!g) return null;
  const edit = () => setDraft(g.members.map((m) => ({ userId: m.userId, name: m.name, role: m.role, duty: m.duty ?? '' })));
  const change = (i: number, patch: Partial<Draft>) => setDraft((d) => d!.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 860 }}>
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {g.name}
        </Typography.Title>
        <Tag>{t(`command.kind.${g.kind}`)}</Tag>
        <Tag color={g.active ? 'green' : 'default'}>{g.active ? t('command.active') : t('command.inactive')}</Tag>
      </Space>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('command.field.area')}>{g.areaName}</Descriptions.Item>
          <Descriptions.Item label={t('command.field.dates')}>
            {String(g.startsOn).slice(0, 10)} – {g.endsOn ? String(g.endsOn).slice(0, 10) : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('command.field.duties')} span={2}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{g.duties ?? '—'}</Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={t('command.field.members')}
        extra={
          can('command.manage') && draft === null ? (
            <Button size="small" onClick={edit} data-testid="members-edit">
              {t('common.edit')}
            </Button>
          ) : null
        }
      >
        {save.error && <Alert type="error" showIcon title={errorText(save.error, t)} style={{ marginBottom: 12 }} />}
        {draft === null ? (
          <List
            size="small"
            dataSource={g.members}
            locale={{ emptyText: t('command.noMembers') }}
            renderItem={(m) => (
              <List.Item>
                <Space wrap>
                  <Tag color={m.role === 'lead' ? 'red' : m.role === 'deputy' ? 'orange' : 'default'}>{t(`command.role.${m.role}`)}</Tag>
                  <Typography.Text strong>{m.name}</Typography.Text>
                  <Typography.Text type="secondary">
                    {m.areaName}
                    {m.duty ? ` · ${m.duty}` : ''}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {draft.map((m, i) => (
              <Space key={m.userId} wrap>
                <Typography.Text strong>{m.name}</Typography.Text>
                <Select
                  value={m.role}
                  style={{ width: 100 }}
                  onChange={(role) => change(i, { role })}
                  options={MEMBER_ROLES.map((r) => ({ value: r, label: t(`command.role.${r}`) }))}
                />
                <Input
                  value={m.duty}
                  maxLength={200}
                  placeholder={t('command.field.duty')}
                  onChange={(e) => change(i, { duty: e.target.value })}
                  style={{ width: 200 }}
                />
                <Button type="text" icon={<DeleteOutlined />} aria-label={t('command.remove')} onClick={() => setDraft((d) => d!.filter((_, j) => j !== i))} />
              </Space>
            ))}
            <Select
              showSearch
              filterOption={false}
              onSearch={setSearch}
              placeholder={t('command.addMember')}
              suffixIcon={<PlusOutlined />}
              style={{ width: 260 }}
              value={null}
              onChange={(userId: number) => {
                const u = users.data?.items.find((x) => x.id === userId);
                if (u && !draft.some((x) => x.userId === userId)) setDraft([...draft, { userId, name: u.displayName, role: 'member', duty: '' }]);
              }}
              options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.scope.name}）` }))}
            />
            <Space>
              <Button
                type="primary"
                loading={save.isPending}
                onClick={() =>
                  save.mutate({ params: { id }, body: { members: draft.map((m) => ({ userId: m.userId, role: m.role, duty: m.duty || undefined })) } })
                }
                data-testid="members-save"
              >
                {t('common.save')}
              </Button>
              <Button onClick={() => setDraft(null)}>{t('common.cancel')}</Button>
            </Space>
          </Space>
        )}
      </Card>
      <Card size="small" title={t('command.openWork', { count: g.openTaskCount })}>
        <List
          size="small"
          dataSource={g.openTasks}
          locale={{ emptyText: t('command.noWork') }}
          renderItem={(task) => (
            <List.Item>
              <Space wrap>
                <Typography.Text>{taskTitle(task as never, t)}</Typography.Text>
                <Typography.Text type="secondary">{task.assigneeName}</Typography.Text>
                {task.overdue && <Tag color="red">{t('command.overdue')}</Tag>}
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
