/**
 * One organisation: kind, area, place and dates, secretary; its members (draw members in, let them
 * leave); moved under another committee (its subtree along); a temporary branch is closed here (its memberships end, home ones stay); and the enlistment
 * link with its QR code for those who manage or approve.
 */
import { Alert, App, Button, Card, Col, Descriptions, Empty, Popconfirm, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import { ApartmentOutlined, EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { DrawMembersModal } from './DrawMembersModal';
import { EnlistLinkCard } from './EnlistLinkCard';
import { OrgFormModal } from './OrgFormModal';
import { OrgMoveModal } from './OrgMoveModal';
import { CategoryTag, OrgKindTag } from './labels';
import { closeOrg, getOrg, leaveMembers, type Org, type OrgMember } from '../../../domain/volunteers/api';

interface Props {
  id: number;
  orgs: Org[];
  onChanged: () => void;
  onSelect: (id: number) => void;
}

export function OrgDetail({ id, orgs, onChanged, onSelect }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const orgQuery = useApiQuery(getOrg, { params: { id } });
  const org = orgQuery.data;
  const error = orgQuery.error ? errorText(orgQuery.error, t) : null;
  const closing = useApiMutation(closeOrg);
  const leaving = useApiMutation(leaveMembers);
  const [editing, setEditing] = useState(false);
  const [addingChild, setAddingChild] = useState(false);
  const [drawing, setDrawing] = useState(false);
  const [moving, setMoving] = useState(false);
  const canManage = can('party.manage');

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!org) return <Spin style={{ display: 'block', margin: '48px auto' }} />;

  // Writes through the contracts refresh what is shown; the forms that answer an organisation say so here.
  const changed = () => {
    void orgQuery.refetch();
    onChanged();
  };
  const close = async () => {
    try {
      await closing.mutateAsync({ params: { id: org.id } });
      onChanged();
      message.success(t('volunteers.org.closedDone'));
    } catch (e) {
      message.error(errorText(e, t));
    }
  };
  const leave = async (m: OrgMember) => {
    try {
      await leaving.mutateAsync({ params: { id: org.id }, body: { volunteerIds: [m.volunteerId] } });
      onChanged();
    } catch (e) {
      message.error(errorText(e, t));
    }
  };

  const none = t('common.none');
  const parent = orgs.find((o) => o.id === org.parentId);
  const current = org.members.filter((m) => !m.leftOn);
  const closed = Boolean(org.closedAt);
  const columns = [
    { title: t('volunteers.field.name'), key: 'name', render: (_: unknown, m: OrgMember) => <Link to={`/volunteers/${m.volunteerId}`}>{m.name}</Link> },
    { title: t('volunteers.field.category'), key: 'category', render: (_: unknown, m: OrgMember) => <CategoryTag category={m.category} /> },
    {
      title: t('volunteers.org.membership'),
      key: 'kind',
      render: (_: unknown, m: OrgMember) => (
        <Space size={4} wrap>
          <Tag>{t(`volunteers.membershipKind.${m.kind}`)}</Tag>
          {m.role !== 'member' && <Tag color="red">{t(`volunteers.memberRole.${m.role}`)}</Tag>}
        </Space>
      ),
    },
    { title: t('volunteers.org.joinedOn'), dataIndex: 'joinedOn' },
    ...(canManage && !closed
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, m: OrgMember) => (
              <Popconfirm title={t('volunteers.org.leaveConfirm', { name: m.name })} onConfirm={() => void leave(m)}>
                <Button size="small" type="link" danger>
                  {t('volunteers.org.leave')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="org-detail">
      <Card
        size="small"
        title={
          <Space wrap size={8}>
            <Typography.Text strong style={{ fontSize: 16 }} data-testid="org-title">
              {org.name}
            </Typography.Text>
            <OrgKindTag kind={org.kind} />
            {closed && <Tag>{t('volunteers.org.closed')}</Tag>}
          </Space>
        }
        extra={
          canManage && (
            <Space wrap size={4}>
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
              {!org.closedAt && (
                <Button size="small" icon={<ApartmentOutlined />} onClick={() => setMoving(true)} data-testid="org-move">
                  {t('volunteers.org.move')}
                </Button>
              )}
              {org.kind === 'committee' && (
                <Button size="small" icon={<PlusOutlined />} onClick={() => setAddingChild(true)}>
                  {t('volunteers.org.addChild')}
                </Button>
              )}
              {org.kind === 'temporary_branch' && !closed && (
                <Popconfirm title={t('volunteers.org.closeConfirm')} description={t('volunteers.org.closeText')} onConfirm={() => void close()}>
                  <Button size="small" danger icon={<StopOutlined />} data-testid="org-close">
                    {t('volunteers.org.close')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          )
        }
        styles={{ header: { flexWrap: 'wrap', paddingBlock: 8 } }}
      >
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('volunteers.org.area')}>{org.areaName}</Descriptions.Item>
          <Descriptions.Item label={t('volunteers.org.parent')}>
            {parent ? <Typography.Link onClick={() => onSelect(parent.id)}>{parent.name}</Typography.Link> : none}
          </Descriptions.Item>
          <Descriptions.Item label={t('volunteers.org.secretary')}>
            {org.secretaryId ? <Link to={`/volunteers/${org.secretaryId}`}>{org.secretaryName}</Link> : none}
          </Descriptions.Item>
          <Descriptions.Item label={t('volunteers.org.memberCountLabel')}>{org.memberCount}</Descriptions.Item>
          {org.kind === 'temporary_branch' && (
            <>
              <Descriptions.Item label={t('volunteers.org.place')}>{org.place ?? none}</Descriptions.Item>
              <Descriptions.Item label={t('volunteers.org.dates')}>
                {org.startsOn ?? '…'} – {org.endsOn ?? t('volunteers.org.open')}
              </Descriptions.Item>
            </>
          )}
          {closed && <Descriptions.Item label={t('volunteers.org.closedAt')}>{org.closedAt!.slice(0, 10)}</Descriptions.Item>}
          <Descriptions.Item label={t('volunteers.field.notes')}>{org.notes ?? none}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={org.enlistToken ? 15 : 24}>
          <Card
            size="small"
            title={t('volunteers.org.members', { count: current.length })}
            extra={
              canManage &&
              !closed && (
                <Button size="small" icon={<PlusOutlined />} onClick={() => setDrawing(true)} data-testid="org-draw">
                  {t('volunteers.org.draw')}
                </Button>
              )
            }
          >
            <Table<OrgMember>
              rowKey={(m) => `${m.volunteerId}-${m.kind}-${m.joinedOn}`}
              size="small"
              columns={columns}
              dataSource={current}
              pagination={current.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('volunteers.org.noMembers')} /> }}
              data-testid="org-members"
            />
          </Card>
        </Col>
        {org.enlistToken && org.kind !== 'committee' && (
          <Col xs={24} xl={9}>
            <EnlistLinkCard org={org} canRotate={canManage} onRotated={changed} />
          </Col>
        )}
      </Row>
      {editing && (
        <OrgFormModal
          org={org}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            changed();
          }}
        />
      )}
      {addingChild && (
        <OrgFormModal
          parent={org}
          onClose={() => setAddingChild(false)}
          onSaved={(o) => {
            setAddingChild(false);
            onChanged();
            onSelect(o.id);
          }}
        />
      )}
      {moving && (
        <OrgMoveModal
          org={org}
          orgs={orgs}
          onClose={() => setMoving(false)}
          onMoved={() => {
            setMoving(false);
            message.success(t('volunteers.org.movedDone'));
            changed();
          }}
        />
      )}
      {drawing && (
        <DrawMembersModal
          org={org}
          onClose={() => setDrawing(false)}
          onDone={() => {
            setDrawing(false);
            changed();
          }}
        />
      )}
    </Space>
  );
}
