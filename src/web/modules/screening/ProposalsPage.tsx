/**
 * Roster changes proposed by visits (a volunteer found someone living here, or someone gone): the registry
 * changes only when a cadre confirms one here; a rejection keeps it as it is, with the reason.
 */
import { Alert, Button, Input, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  PROPOSAL_STATUSES,
  type RosterProposal,
  confirmRosterProposal,
  listRosterProposals,
  rejectRosterProposal,
} from '../../../domain/screening/api/proposals';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';

type Status = (typeof PROPOSAL_STATUSES)[number];
const STATUS_COLOUR: Record<Status, string> = { pending: 'orange', confirmed: 'green', rejected: 'default' };

export default function ProposalsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status>('pending');
  const [page, setPage] = useState(1);
  const list = useApiQuery(listRosterProposals, { query: { status, page, pageSize: 50 } });
  const confirming = useApiMutation(confirmRosterProposal);
  const rejecting = useApiMutation(rejectRosterProposal);
  const [rejectOf, setRejectOf] = useState<RosterProposal | null>(null);
  const [reason, setReason] = useState('');
  const failure = list.error ?? confirming.error ?? rejecting.error;

  const reject = async () => {
    if (!rejectOf || !reason.trim()) return;
    const done = await rejecting.mutateAsync({ params: { id: rejectOf.id }, body: { reason: reason.trim() } }).catch(() => null);
    if (done) setRejectOf(null), setReason('');
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1100, margin: '0 auto', display: 'flex' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('nav.rosterProposals')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('screening.proposal.intro')}</Typography.Text>
      <Segmented<Status>
        value={status}
        onChange={(v) => (setPage(1), setStatus(v))}
        options={PROPOSAL_STATUSES.map((s) => ({ value: s, label: t(`screening.proposal.status.${s}`) }))}
      />
      {failure && <Alert type="error" showIcon title={errorText(failure, t)} />}
      <Table<RosterProposal>
        rowKey="id"
        size="small"
        scroll={{ x: true }}
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        data-testid="proposals-table"
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          {
            title: t('screening.proposal.kind'),
            render: (_, p) => <Tag color={p.kind === 'add' ? 'blue' : 'purple'}>{t(`screening.proposal.kinds.${p.kind}`)}</Tag>,
          },
          {
            title: t('screening.proposal.person'),
            render: (_, p) =>
              p.residentId ? (
                <Link to={`/residents/${p.residentId}`}>{p.name}</Link>
              ) : (
                <Space orientation="vertical" size={0}>
                  {p.anonymised ? <Typography.Text type="secondary">{t('screening.proposal.anonymised')}</Typography.Text> : <span>{p.name}</span>}
                  {p.idNumber && <Typography.Text type="secondary">{p.idNumber}</Typography.Text>}
                </Space>
              ),
          },
          { title: t('screening.proposal.household'), render: (_, p) => <Link to={`/residents/households/${p.householdId}`}>{p.address}</Link> },
          { title: t('screening.proposal.on'), dataIndex: 'on' },
          { title: t('screening.proposal.reason'), render: (_, p) => p.reason ?? '—' },
          { title: t('screening.proposal.by'), render: (_, p) => p.proposedByName ?? '—' },
          {
            title: t('screening.proposal.decision'),
            render: (_, p) =>
              p.status === 'pending' ? (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    loading={confirming.isPending && confirming.variables?.params.id === p.id}
                    onClick={() => void confirming.mutateAsync({ params: { id: p.id } }).catch(() => null)}
                    data-testid="proposal-confirm"
                  >
                    {t('screening.proposal.confirm')}
                  </Button>
                  <Button size="small" onClick={() => setRejectOf(p)} data-testid="proposal-reject">
                    {t('screening.proposal.reject')}
                  </Button>
                </Space>
              ) : (
                <Space orientation="vertical" size={0}>
                  <Tag color={STATUS_COLOUR[p.status]}>{t(`screening.proposal.status.${p.status}`)}</Tag>
                  <Typography.Text type="secondary">{[p.decidedByName, p.decisionReason].filter(Boolean).join(' · ')}</Typography.Text>
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={rejectOf !== null}
        title={t('screening.proposal.rejectTitle', { name: rejectOf?.name ?? '' })}
        okText={t('screening.proposal.reject')}
        okButtonProps={{ disabled: !reason.trim(), loading: rejecting.isPending }}
        onOk={() => void reject()}
        onCancel={() => (setRejectOf(null), setReason(''))}
      >
        <Input.TextArea
          rows={3}
          maxLength={200}
          value={reason}
          placeholder={t('screening.proposal.reasonPlaceholder')}
          onChange={(e) => setReason(e.target.value)}
          data-testid="proposal-reject-reason"
        />
      </Modal>
    </Space>
  );
}
