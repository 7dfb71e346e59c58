/** Accounts inside the caller's scope: search, page, create, edit, disable/enable, reset password. */
import { Alert, App, Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listUsers, type UserView as User, updateUser } from '../../../domain/users/api';
import { useAuth, useMe } from '../../app/auth';
import { KindTag } from '../../app/components/KindTag';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { useRoleName, useRoles } from '../../app/use-roles';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormModal } from './UserFormModal';

const PAGE_SIZE = 20;

export default function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const { modal, message } = App.useApp();
  const { area: current } = useCurrentArea();
  const { roles } = useRoles();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const canWrite = can('users.write');

  const users = useApiQuery(listUsers, { query: { q: q.trim() || undefined, page, pageSize: PAGE_SIZE } });
  const data = users.data ?? { items: [], total: 0 };
  const error = users.error ? errorText(users.error, t) : null;
  const update = useApiMutation(updateUser);

  const roleName = useRoleName();

  const toggleDisabled = (u: User) =>
    modal.confirm({
      title: u.disabled ? t('users.enableConfirm', { name: u.displayName }) : t('users.disableConfirm', { name: u.displayName }),
      content: u.disabled ? undefined : t('users.disableText'),
      okText: u.disabled ? t('users.enable') : t('users.disable'),
      okButtonProps: { danger: !u.disabled },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await update.mutateAsync({ params: { id: u.id }, body: { disabled: !u.disabled } });
          message.success(t('common.saved'));
        } catch (e) {
          message.error(errorText(e, t));
        }
      },
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.users')}
        </Typography.Title>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('users.create')}
          </Button>
        )}
      </Space>
      <Card size="small">
        <Input.Search
          allowClear
          placeholder={t('users.searchPlaceholder')}
          onSearch={(v) => {
            setPage(1);
            setQ(v);
          }}
          style={{ maxWidth: 360, marginBottom: 12 }}
        />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table<User>
          rowKey="id"
          size="small"
          loading={users.isFetching}
          dataSource={data.items}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('users.empty') }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data.total,
            showSizeChanger: false,
            onChange: setPage,
            showTotal: (n) => t('common.total', { count: n }),
          }}
          columns={[
            { title: t('user.username'), dataIndex: 'username' },
            { title: t('user.displayName'), dataIndex: 'displayName' },
            { title: t('user.phone'), dataIndex: 'phone', render: (p: string | null) => p ?? '' },
            {
              title: t('user.roles'),
              dataIndex: 'roles',
              render: (rs: string[]) => (
                <Space size={[2, 2]} wrap>
                  {rs.map((r) => (
                    <Tag key={r}>{roleName(r)}</Tag>
                  ))}
                </Space>
              ),
            },
            {
              title: t('user.scope'),
              dataIndex: 'scope',
              render: (s: User['scope']) => (
                <span style={{ whiteSpace: 'nowrap' }}>
                  {s.name}
                  <KindTag kind={s.kind} />
                </span>
              ),
            },
            {
              title: t('user.status'),
              dataIndex: 'disabled',
              render: (d: boolean) => (d ? <Tag color="default">{t('users.disabled')}</Tag> : <Tag color="success">{t('users.active')}</Tag>),
            },
            ...(canWrite
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_: unknown, u: User) => (
                      <Space size={0} wrap>
                        <Button type="link" size="small" onClick={() => setEditing(u)}>
                          {t('common.edit')}
                        </Button>
                        {/* One's own password is changed from the user menu, and nobody locks themselves out. */}
                        {u.id !== me.id && (
                          <>
                            <Button type="link" size="small" onClick={() => setResetting(u)}>
                              {t('users.resetPassword')}
                            </Button>
                            <Button type="link" size="small" danger={!u.disabled} onClick={() => toggleDisabled(u)}>
                              {u.disabled ? t('users.enable') : t('users.disable')}
                            </Button>
                          </>
                        )}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {editing && (
        <UserFormModal
          user={editing === 'new' ? undefined : editing}
          roles={roles}
          defaultAreaId={current?.id}
          onClose={() => setEditing(null)}
          onSaved={() => setEditing(null)}
        />
      )}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
    </Space>
  );
}
