/**
 * The branch secretary's approval queue: applications by status (pending first), filtered by branch
 * or a name / ID tail; each shows who, what they can do, when they can serve and their pledge in their
 * own words; approve (optionally with an account) or refuse with a reason.
 */
import { Alert, Button, Card, Empty, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { Masked } from '../residents/tags';
import { ApproveModal } from './ApproveModal';
import { AvailabilityText } from './AvailabilityText';
import { CategoryTag, SkillTags } from './labels';
import { RefuseModal } from './RefuseModal';
import { type Enlistment, listEnlistments } from '../../../domain/volunteers/api';
import { useOrgs } from './use-orgs';

type Status = Enlistment['status'];
const PAGE_SIZE = 20;

export default function EnlistmentsPage() {
  const { t } = useTranslation();
  const { area } = useCurrentArea();
  const { orgs } = useOrgs(area?.id);
  const [status, setStatus] = useState<Status>('pending');
  const [orgId, setOrgId] = useState<number | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [approving, setApproving] = useState<Enlistment | null>(null);
  const [refusing, setRefusing] = useState<Enlistment | null>(null);
  const list = useApiQuery(listEnlistments, { query: { status, orgId, q: q.trim() || undefined, page, pageSize: PAGE_SIZE } });
  const data = list.data ?? { items: [], total: 0 };
  const loading = list.isFetching;
  const error = list.error ? errorText(list.error, t) : null;

  // The approval or refusal already refreshed the queue (every write invalidates what is shown).
  const done = () => {
    setApproving(null);
    setRefusing(null);
  };

  const none = t('common.none');
  const columns = [
    {
      title: t('volunteers.field.name'),
      key: 'name',
      render: (_: unknown, e: Enlistment) => (
        <Space orientation="vertical" size={2}>
          <Space size={4} wrap>
            <Typography.Text strong>{e.name}</Typography.Text>
            {e.submitCount > 1 && <Tag color="blue">{t('volunteers.queue.resubmitted', { count: e.submitCount })}</Tag>}
            {e.sameIdCount > 0 && <Tag color="orange">{t('volunteers.queue.sameId', { count: e.sameIdCount })}</Tag>}
          </Space>
          <Masked value={e.idNumber} />
          <Masked value={e.phone} />
          {/* The list may leave residentId out; the approval dialog reads the application itself. */}
          {e.residentId && <Link to={`/residents/${e.residentId}`}>{t('volunteers.queue.isResident')}</Link>}
        </Space>
      ),
    },
    {
      title: t('volunteers.field.category'),
      key: 'category',
      render: (_: unknown, e: Enlistment) => (
        <Space orientation="vertical" size={4}>
          <CategoryTag category={e.category} />
          <SkillTags skills={e.skills} />
        </Space>
      ),
    },
    { title: t('volunteers.field.availability'), key: 'availability', render: (_: unknown, e: Enlistment) => <AvailabilityText value={e.availability} /> },
    {
      title: t('volunteers.field.pledge'),
      dataIndex: 'pledge',
      render: (v: string | null) => (
        <Typography.Paragraph style={{ margin: 0, maxWidth: 280, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 4, expandable: true }}>
          {v || none}
        </Typography.Paragraph>
      ),
    },
    { title: t('volunteers.field.org'), dataIndex: 'orgName' },
    {
      title: t('volunteers.queue.submittedAt'),
      key: 'submittedAt',
      render: (_: unknown, e: Enlistment) => <span style={{ whiteSpace: 'nowrap' }}>{dayjs(e.updatedAt).format('YYYY-MM-DD HH:mm')}</span>,
    },
    status === 'pending'
      ? {
          title: t('common.actions'),
          key: 'actions',
          render: (_: unknown, e: Enlistment) => (
            <Space wrap size={4}>
              <Button type="primary" size="small" icon={<CheckOutlined />} onClick={() => setApproving(e)} data-testid="approve">
                {t('volunteers.queue.approve')}
              </Button>
              <Button danger size="small" icon={<CloseOutlined />} onClick={() => setRefusing(e)} data-testid="refuse">
                {t('volunteers.queue.refuse')}
              </Button>
            </Space>
          ),
        }
      : {
          title: t('volunteers.queue.decision'),
          key: 'decision',
          render: (_: unknown, e: Enlistment) => (
            <Space orientation="vertical" size={2}>
              <span>
                {e.decidedBy ?? none} · {e.decidedAt ? dayjs(e.decidedAt).format('YYYY-MM-DD HH:mm') : none}
              </span>
              {e.refusalReason && <Typography.Text type="danger">{e.refusalReason}</Typography.Text>}
              {e.volunteerId && <Link to={`/volunteers/${e.volunteerId}`}>{t('volunteers.queue.openVolunteer')}</Link>}
            </Space>
          ),
        },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('nav.enlistments')}
      </Typography.Title>
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented<Status>
            value={status}
            onChange={(v) => (setStatus(v), setPage(1))}
            options={(['pending', 'approved', 'refused'] as const).map((s) => ({ value: s, label: t(`volunteers.queue.status.${s}`) }))}
            data-testid="queue-status"
          />
          <Select
            allowClear
            placeholder={t('volunteers.queue.allBranches')}
            value={orgId}
            onChange={(v) => (setOrgId(v), setPage(1))}
            options={orgs.filter((o) => o.kind !== 'committee').map((o) => ({ value: o.id, label: o.name }))}
            style={{ minWidth: 200, maxWidth: '100%' }}
            showSearch={{ optionFilterProp: 'label' }}
          />
          <Input.Search
            allowClear
            placeholder={t('volunteers.queue.searchPlaceholder')}
            onSearch={(v) => (setQ(v), setPage(1))}
            style={{ width: 240, maxWidth: '100%' }}
          />
        </Space>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table<Enlistment>
          rowKey="id"
          size="small"
          data-testid="queue-table"
          columns={columns}
          dataSource={data.items}
          loading={loading}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`volunteers.queue.empty.${status}`)} /> }}
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
      {approving && <ApproveModal enlistment={approving} onClose={() => setApproving(null)} onDone={done} />}
      {refusing && <RefuseModal enlistment={refusing} onClose={() => setRefusing(null)} onDone={done} />}
    </Space>
  );
}
