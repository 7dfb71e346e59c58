/**
 * Roles × permissions as a checkbox matrix, permissions grouped by module. Changes are kept as a
 * draft and saved per role with PUT /api/roles/:code.
 */
import { Alert, App, Badge, Button, Card, Checkbox, Empty, Grid, Space, Spin, Table, Tag, Typography } from 'antd';
import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listPermissions, listRoles, type Role, setRolePermissions } from '../../../domain/users/api';
import { errorText } from '../../app/errors';
import { localName, useLanguage } from '../../app/i18n';
import { useApiMutation, useApiQuery } from '../../app/query';
import { useRoles } from '../../app/use-roles';

type Draft = Record<string, string[]>;

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

interface Row {
  code: string;
  module: string;
  /** How many rows of the same module follow, for merging the module cell. */
  span: number;
}

export default function RolesPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const { roles, loading, error } = useRoles();
  const permissions = useApiQuery(listPermissions, undefined, { staleTime: Number.POSITIVE_INFINITY });
  const perms = permissions.data?.items ?? null;
  const permError = permissions.error;
  const saveRole = useApiMutation(setRolePermissions, { invalidates: [listRoles] });
  const [draft, setDraft] = useState<Draft>({});
  const [saving, setSaving] = useState(false);
  // On phones the module column is dropped so the permission names can stay pinned while roles scroll.
  const narrow = Grid.useBreakpoint().md === false;

  useEffect(() => {
    setDraft(Object.fromEntries(roles.map((r) => [r.code, [...r.permissions]])));
  }, [roles]);

  const rows = useMemo<Row[]>(() => {
    const sorted = [...(perms ?? [])].sort((a, b) => a.module.localeCompare(b.module));
    return sorted.map((p, i) => {
      const first = i === 0 || sorted[i - 1].module !== p.module;
      const span = first ? sorted.filter((q) => q.module === p.module).length : 0;
      return { code: p.code, module: p.module, span };
    });
  }, [perms]);

  const dirty = roles.filter((r) => draft[r.code] && !sameSet(draft[r.code], r.permissions));

  const toggle = (role: string, perm: string, on: boolean) =>
    setDraft((d) => ({ ...d, [role]: on ? [...(d[role] ?? []), perm] : (d[role] ?? []).filter((p) => p !== perm) }));

  const save = async () => {
    setSaving(true);
    let failed = false;
    for (const r of dirty) {
      try {
        await saveRole.mutateAsync({ params: { code: r.code }, body: { permissions: draft[r.code] } });
      } catch (e) {
        failed = true;
        message.error(`${localName(r.name, lang) || r.code}: ${errorText(e, t)}`);
      }
    }
    setSaving(false);
    if (!failed) message.success(t('common.saved'));
  };

  const anyError = error ?? permError;
  if (anyError) return <Alert type="error" showIcon title={errorText(anyError, t)} />;
  if (loading || !perms) return <Spin style={{ display: 'block', margin: '48px auto' }} />;

  const roleColumn = (r: Role) => ({
    key: r.code,
    align: 'center' as const,
    title: (
      <Space orientation="vertical" size={0}>
        <Badge dot={dirty.includes(r)} offset={[6, 0]}>
          <span style={{ whiteSpace: 'nowrap' }}>{localName(r.name, lang) || r.code}</span>
        </Badge>
        {r.builtIn && <Tag style={{ fontSize: 10, lineHeight: '14px', marginInlineEnd: 0 }}>{t('roles.builtIn')}</Tag>}
      </Space>
    ),
    render: (_: unknown, row: Row) => (
      <Checkbox
        aria-label={`${r.code} ${row.code}`}
        checked={draft[r.code]?.includes(row.code) ?? false}
        onChange={(e) => toggle(r.code, row.code, e.target.checked)}
      />
    ),
  });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.roles')}
        </Typography.Title>
        <Space wrap>
          <Button
            icon={<UndoOutlined />}
            disabled={!dirty.length || saving}
            onClick={() => setDraft(Object.fromEntries(roles.map((r) => [r.code, [...r.permissions]])))}
          >
            {t('roles.discard')}
          </Button>
          <Button type="primary" icon={<SaveOutlined />} disabled={!dirty.length} loading={saving} onClick={() => void save()}>
            {dirty.length ? t('roles.save', { count: dirty.length }) : t('common.save')}
          </Button>
        </Space>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('roles.hint')}
      </Typography.Paragraph>
      <Card size="small">
        {!roles.length ? (
          <Empty description={t('roles.empty')} />
        ) : (
          <Table<Row>
            rowKey="code"
            size="small"
            pagination={false}
            dataSource={rows}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('roles.noPermissions') }}
            columns={[
              ...(narrow
                ? []
                : [
                    {
                      key: 'module',
                      title: t('roles.module'),
                      fixed: 'left' as const,
                      onCell: (row: Row) => ({ rowSpan: row.span }),
                      render: (_: unknown, row: Row) => <strong>{t(`module.${row.module}`, { defaultValue: row.module })}</strong>,
                    },
                  ]),
              {
                key: 'perm',
                title: t('roles.permission'),
                fixed: 'left' as const,
                render: (_: unknown, row: Row) => (
                  <span style={{ whiteSpace: narrow ? 'normal' : 'nowrap' }}>{t(`perm.${row.code}`, { defaultValue: row.code })}</span>
                ),
              },
              ...roles.map(roleColumn),
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
