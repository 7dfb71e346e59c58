/** Residents as a table (cards on a phone): the list page's columns, or a household's members (with relation). */
import { Space, Tag, Typography, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ResponsiveList } from '../../app/components/ResponsiveList';
import { GroupTags, Masked, StatusTag } from './tags';
import type { Resident } from '../../../domain/residents/api';

interface Props {
  items: Resident[];
  variant: 'list' | 'members';
  loading?: boolean;
  empty?: ReactNode;
  pagination?: TableProps<Resident>['pagination'];
}

export function ResidentTable({ items, variant, loading, empty, pagination = false }: Props) {
  const { t } = useTranslation();
  const columns: TableProps<Resident>['columns'] = [
    {
      title: t('residents.field.name'),
      dataIndex: 'name',
      fixed: 'left',
      render: (name: string, r) => (
        <Link to={`/residents/${r.id}`} style={{ whiteSpace: 'nowrap' }}>
          {name}
        </Link>
      ),
    },
    ...(variant === 'members'
      ? [{ title: t('residents.field.relation'), dataIndex: 'relation', render: (rel: string | null) => (rel ? t(`residents.relation.${rel}`) : '') }]
      : []),
    { title: t('residents.field.sex'), dataIndex: 'sex', render: (s: string | null) => (s ? t(`residents.sex.${s}`) : '') },
    { title: t('residents.field.age'), dataIndex: 'age', align: 'right' as const, render: (a: number | null) => a ?? '' },
    { title: t('residents.field.idNumber'), dataIndex: 'idNumber', render: (v: string | null) => <Masked value={v} /> },
    { title: t('residents.field.phone'), dataIndex: 'phone', render: (v: string | null) => <Masked value={v} /> },
    ...(variant === 'list'
      ? [
          {
            title: t('residents.field.household'),
            dataIndex: 'householdAddress',
            render: (addr: string | null, r: Resident) => (r.householdId ? <Link to={`/residents/households/${r.householdId}`}>{addr}</Link> : ''),
          },
          { title: t('residents.field.area'), dataIndex: 'areaName', render: (n: string) => <span style={{ whiteSpace: 'nowrap' }}>{n}</span> },
        ]
      : []),
    { title: t('residents.field.groups'), dataIndex: 'groups', render: (g: Resident['groups']) => <GroupTags groups={g} /> },
    { title: t('residents.field.status'), dataIndex: 'status', render: (s: Resident['status']) => <StatusTag status={s} /> },
  ];
  /** One resident on a phone: name, age and sex, where they live, the masked numbers and their groups. */
  const card = (r: Resident) => (
    <Space orientation="vertical" size={4} style={{ width: '100%' }} data-testid="resident-card">
      <Space wrap size={6}>
        <Link to={`/residents/${r.id}`}>
          <Typography.Text strong>{r.name}</Typography.Text>
        </Link>
        <Typography.Text type="secondary">{[r.sex ? t(`residents.sex.${r.sex}`) : null, r.age ?? null].filter((x) => x !== null).join(' · ')}</Typography.Text>
        {variant === 'members' && r.relation && <Tag>{t(`residents.relation.${r.relation}`)}</Tag>}
        <StatusTag status={r.status} />
      </Space>
      {variant === 'list' && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {r.areaName}
          {r.householdId ? (
            <>
              {' · '}
              <Link to={`/residents/households/${r.householdId}`}>{r.householdAddress}</Link>
            </>
          ) : null}
        </Typography.Text>
      )}
      <Space wrap size={12} style={{ fontSize: 13 }}>
        <Masked value={r.idNumber} />
        <Masked value={r.phone} />
      </Space>
      <GroupTags groups={r.groups} />
    </Space>
  );
  return (
    <ResponsiveList<Resident>
      renderCard={card}
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items}
      columns={columns}
      scroll={{ x: 'max-content' }}
      pagination={pagination}
      // While rows load the spinner says so; the empty text waits for an answer that is empty.
      locale={{ emptyText: loading ? <span /> : (empty ?? t('common.empty')) }}
      testId={variant === 'list' ? 'residents-table' : 'members-table'}
    />
  );
}
