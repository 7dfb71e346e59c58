/**
 * A case's contacts: each with its level, last exposure, where finding them stands, the measure proposed (or kept)
 * and the grid worker's deadline; the placement is recorded here (placed / not found / elsewhere).
 */
import { Alert, Button, Card, Dropdown, Space, Table, Tag, Typography } from 'antd';
import { DownOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ResponseOf } from '../../../domain/contract';
import { type getCase, setPlacement } from '../../../domain/tracing/api';
import { errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';
import { KindTag } from '../monitoring/labels';
import { Masked } from '../residents/tags';
import { AddContactsModal } from './AddContactsModal';
import { LevelTag, PlacementTag } from './labels';

type Contact = ResponseOf<typeof getCase>['contacts'][number];
const STATES = ['placed', 'not_found', 'elsewhere'] as const;

export function CaseContacts(p: { caseId: number; contacts: Contact[]; isolatedOn: string | null; writable: boolean }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const place = useApiMutation(setPlacement);
  const error = place.error ? errorText(place.error, t) : null;
  const none = t('common.none');
  const byId = new Map(p.contacts.map((k) => [k.id, k]));
  const counts = STATES.map((s) => [s, p.contacts.filter((k) => k.placement === s).length] as const);
  const toFind = p.contacts.filter((k) => k.placement === 'to_find').length;

  const columns = [
    {
      title: t('tracing.field.person'),
      key: 'name',
      render: (_: unknown, k: Contact) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/residents/${k.residentId}`}>{k.name}</Link>
          <Masked value={k.idNumber} />
        </Space>
      ),
    },
    {
      title: t('tracing.field.level'),
      key: 'level',
      render: (_: unknown, k: Contact) => (
        <Space orientation="vertical" size={0}>
          <LevelTag level={k.level} />
          {k.viaContactId && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('tracing.via', { name: byId.get(k.viaContactId)?.name ?? none })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('tracing.field.lastExposureOn'), dataIndex: 'lastExposureOn' },
    {
      title: t('tracing.field.exposure'),
      key: 'exposure',
      render: (_: unknown, k: Contact) =>
        [t(`tracing.exposureKind.${k.exposureKind}`), k.place, t(`tracing.certainty.${k.certainty}`)].filter(Boolean).join(' · '),
    },
    { title: t('tracing.field.area'), dataIndex: 'areaName' },
    {
      title: t('tracing.field.measure'),
      key: 'measure',
      render: (_: unknown, k: Contact) =>
        k.measureId && k.measureKind ? (
          <Link to={`/monitoring/measures/${k.measureId}`}>
            <KindTag kind={k.measureKind} /> {k.measureEndsOn && t('tracing.until', { day: k.measureEndsOn })}
          </Link>
        ) : (
          none
        ),
    },
    {
      title: t('tracing.field.placement'),
      key: 'placement',
      render: (_: unknown, k: Contact) => (
        <Space orientation="vertical" size={0}>
          <PlacementTag placement={k.placement} />
          {k.taskDueAt && k.placement !== 'placed' && k.placement !== 'elsewhere' && (
            <Typography.Text type={dayjs(k.taskDueAt).isBefore(dayjs()) ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
              {t('tracing.dueBy', { at: dayjs(k.taskDueAt).format('MM-DD HH:mm') })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    ...(p.writable
      ? [
          {
            title: '',
            key: 'actions',
            render: (_: unknown, k: Contact) => (
              <Dropdown
                trigger={['click']}
                menu={{
                  items: STATES.filter((s) => s !== k.placement).map((s) => ({ key: s, label: t(`tracing.setPlacement.${s}`) })),
                  onClick: ({ key }) => void place.mutateAsync({ params: { id: k.id }, body: { state: key as (typeof STATES)[number] } }).catch(() => {}),
                }}
              >
                <Button size="small" data-testid="contact-placement-menu">
                  {t('tracing.placementAction')} <DownOutlined />
                </Button>
              </Dropdown>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      size="small"
      title={
        <Space wrap>
          {t('tracing.contacts')}
          <Tag color="gold">
            {t('tracing.placement.to_find')} {toFind}
          </Tag>
          {counts.map(([s, n]) => (
            <Tag key={s}>
              {t(`tracing.placement.${s}`)} {n}
            </Tag>
          ))}
        </Space>
      }
      extra={
        p.writable && (
          <Button size="small" type="primary" icon={<UsergroupAddOutlined />} onClick={() => setAdding(true)} data-testid="contacts-add">
            {t('tracing.addContacts')}
          </Button>
        )
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<Contact>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={p.contacts}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="contact-table"
      />
      {adding && <AddContactsModal caseId={p.caseId} contacts={p.contacts} isolatedOn={p.isolatedOn} onClose={() => setAdding(false)} />}
    </Card>
  );
}
