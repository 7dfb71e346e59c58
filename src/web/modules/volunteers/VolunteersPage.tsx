/**
 * The people who serve, under the current area: search by name or ID / phone tail, filter by category,
 * skill or branch; the filtered list as .xlsx (masked, or with full numbers for those who may reveal them).
 */
import { Alert, Button, Card, Empty, Input, Select, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { withQuery } from '../../app/api';
import { ExportButton } from '../../app/components/ExportButton';
import { CATEGORIES, SKILLS } from '../../../domain/volunteers/schemas';
import { Masked } from '../residents/tags';
import { CategoryTag, SkillTags } from './labels';
import { type Category, exportVolunteers, listVolunteers, type Skill, type Volunteer } from '../../../domain/volunteers/api';
import { useOrgs } from './use-orgs';

const PAGE_SIZE = 20;

export default function VolunteersPage() {
  const { t } = useTranslation();
  const { area } = useCurrentArea();
  const { can } = useAuth();
  const { orgs } = useOrgs(area?.id);
  const [q, setQ] = useState('');
  const [category, setCategory] = useState<Category | undefined>();
  const [skill, setSkill] = useState<Skill | undefined>();
  const [orgId, setOrgId] = useState<number | undefined>();
  const [page, setPage] = useState(1);

  const list = useApiQuery(listVolunteers, { query: { q: q.trim() || undefined, under: area?.id, category, skill, orgId, page, pageSize: PAGE_SIZE } });
  const data = list.data ?? { items: [], total: 0 };
  const loading = list.isFetching;
  const error = list.error ? errorText(list.error, t) : null;

  const filtered = Boolean(q || category || skill || orgId);
  const columns = [
    { title: t('volunteers.field.name'), key: 'name', render: (_: unknown, v: Volunteer) => <Link to={`/volunteers/${v.id}`}>{v.name}</Link> },
    { title: t('volunteers.field.category'), key: 'category', render: (_: unknown, v: Volunteer) => <CategoryTag category={v.category} /> },
    { title: t('volunteers.field.skills'), key: 'skills', render: (_: unknown, v: Volunteer) => <SkillTags skills={v.skills} /> },
    { title: t('volunteers.field.phone'), key: 'phone', render: (_: unknown, v: Volunteer) => <Masked value={v.phone} /> },
    { title: t('volunteers.field.area'), dataIndex: 'areaName' },
    { title: t('volunteers.field.status'), key: 'status', render: (_: unknown, v: Volunteer) => t(`volunteers.status.${v.status}`) },
  ];

  const exportUrl = (reveal: boolean) =>
    withQuery(exportVolunteers.path, { q: q.trim() || undefined, under: area?.id, category, skill, orgId, reveal: reveal ? 'true' : undefined });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.volunteers')}
        </Typography.Title>
        {can('volunteers.export') && (
          <Space wrap size={4}>
            <ExportButton url={exportUrl(false)} fileName="volunteers.xlsx" buttonProps={{ icon: <DownloadOutlined /> }} data-testid="volunteers-export">
              {t('volunteers.list.export')}
            </ExportButton>
            {can('residents.reveal') && (
              <ExportButton
                url={exportUrl(true)}
                fileName="volunteers.xlsx"
                warning={t('volunteers.list.exportFullConfirm')}
                buttonProps={{ type: 'link' }}
                data-testid="volunteers-export-full"
              >
                {t('volunteers.list.exportFull')}
              </ExportButton>
            )}
          </Space>
        )}
      </Space>
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder={t('volunteers.list.searchPlaceholder')}
            onSearch={(v) => (setQ(v), setPage(1))}
            style={{ width: 260, maxWidth: '100%' }}
            data-testid="volunteers-search"
          />
          <Select
            allowClear
            placeholder={t('volunteers.field.category')}
            value={category}
            onChange={(v) => (setCategory(v), setPage(1))}
            options={CATEGORIES.map((c) => ({ value: c, label: t(`volunteers.category.${c}`) }))}
            style={{ minWidth: 160 }}
          />
          <Select
            allowClear
            placeholder={t('volunteers.field.skills')}
            value={skill}
            onChange={(v) => (setSkill(v), setPage(1))}
            options={SKILLS.map((s) => ({ value: s, label: t(`volunteers.skill.${s}`) }))}
            style={{ minWidth: 140 }}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('volunteers.field.org')}
            value={orgId}
            onChange={(v) => (setOrgId(v), setPage(1))}
            options={orgs.map((o) => ({ value: o.id, label: o.name }))}
            style={{ minWidth: 180, maxWidth: '100%' }}
          />
        </Space>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table<Volunteer>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data.items}
          loading={loading}
          scroll={{ x: 'max-content' }}
          data-testid="volunteers-table"
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t('volunteers.list.noMatch') : t('volunteers.list.empty')} />,
          }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data.total,
            showSizeChanger: false,
            onChange: setPage,
            showTotal: (total) => t('common.total', { count: total }),
          }}
        />
      </Card>
    </Space>
  );
}
