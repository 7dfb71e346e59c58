/**
 * The contacts board (接触者看板): every contact of the cases in scope by where finding them stands — to find,
 * placed, under measure, elsewhere — with bulk actions: their tasks to one worker, not found (keep looking), or
 * handed on to another county as assist requests (协查). The assist sheet goes out and comes back filled in here.
 */
import { Alert, Button, Card, Input, Modal, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ResponseOf } from '../../../domain/contract';
import { BOARD_STATES, bulkContacts, contactsBoard, exportAssistRequests, importAssistAnswers, listAssistRequests } from '../../../domain/tracing/api-board';
import { ApiError, api } from '../../app/api';
import { ExportButton } from '../../app/components/ExportButton';
import { useAuth } from '../../app/auth';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { UserSelect } from '../tasks/UserSelect';
import { LevelTag, PlacementTag } from './labels';

type Item = ResponseOf<typeof contactsBoard>['items'][number];
type State = (typeof BOARD_STATES)[number];

export default function ContactsBoardPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const writable = can('tracing.write');
  const [state, setState] = useState<State>('to_find');
  const [page, setPage] = useState(1);
  const [chosen, setChosen] = useState<React.Key[]>([]);
  const [dialog, setDialog] = useState<'assign' | 'assist' | null>(null);
  const [userId, setUserId] = useState<number | null>(null);
  const [region, setRegion] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const board = useApiQuery(contactsBoard, { query: { state, limit: 50, offset: (page - 1) * 50 } });
  const bulk = useApiMutation(bulkContacts);
  const counts = board.data?.counts;

  const run = async (body: Parameters<typeof bulk.mutateAsync>[0]['body']) => {
    const res = await bulk.mutateAsync({ body }).catch(() => null);
    if (!res) return;
    setOutcome(t('tracing.board.done', { updated: res.updated, skipped: res.skipped.length }));
    setChosen([]);
    setDialog(null);
  };
  const ids = chosen.map(Number);

  const columns = [
    { title: t('tracing.field.person'), dataIndex: 'name' },
    { title: t('tracing.board.case'), key: 'case', render: (_: unknown, k: Item) => <Link to={`/tracing/cases/${k.caseId}`}>{k.caseName}</Link> },
    { title: t('tracing.field.level'), key: 'level', render: (_: unknown, k: Item) => <LevelTag level={k.level} /> },
    { title: t('tracing.field.lastExposureOn'), dataIndex: 'lastExposureOn' },
    { title: t('tracing.field.area'), dataIndex: 'areaName' },
    { title: t('tracing.field.placement'), key: 'placement', render: (_: unknown, k: Item) => <PlacementTag placement={k.placement} /> },
    {
      title: t('tracing.board.due'),
      key: 'due',
      render: (_: unknown, k: Item) => (k.taskDueAt && k.taskStatus !== 'done' ? dayjs(k.taskDueAt).format('MM-DD HH:mm') : t('common.none')),
    },
    {
      title: t('tracing.board.assist'),
      key: 'assist',
      render: (_: unknown, k: Item) => (k.assistState ? <Tag>{t(`tracing.assist.state.${k.assistState}`)}</Tag> : null),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('nav.tracingBoard')}
      </Typography.Title>
      {outcome && <Alert type="success" showIcon closable title={outcome} onClose={() => setOutcome(null)} />}
      {bulk.error && <Alert type="error" showIcon title={errorText(bulk.error, t)} />}
      <Card size="small">
        <Tabs
          activeKey={state}
          onChange={(k) => {
            setState(k as State);
            setPage(1);
            setChosen([]);
          }}
          items={BOARD_STATES.map((s) => ({ key: s, label: `${t(`tracing.board.state.${s}`)} ${counts?.[s] ?? ''}` }))}
        />
        {writable && (
          <Space wrap style={{ marginBottom: 12 }}>
            <Button disabled={!ids.length} onClick={() => setDialog('assign')} data-testid="board-assign">
              {t('tracing.board.assign')}
            </Button>
            <Button disabled={!ids.length} onClick={() => void run({ action: 'placed', contactIds: ids })} data-testid="board-placed">
              {t('tracing.board.placed')}
            </Button>
            <Button disabled={!ids.length} onClick={() => void run({ action: 'not_found', contactIds: ids })} data-testid="board-not-found">
              {t('tracing.board.notFound')}
            </Button>
            <Button disabled={!ids.length} onClick={() => setDialog('assist')} data-testid="board-assist">
              {t('tracing.board.makeAssist')}
            </Button>
          </Space>
        )}
        <Table<Item>
          rowKey="id"
          size="small"
          loading={board.isLoading}
          columns={columns}
          dataSource={board.data?.items ?? []}
          rowSelection={writable ? { selectedRowKeys: chosen, onChange: setChosen } : undefined}
          pagination={{ current: page, pageSize: 50, total: board.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          data-testid="board-table"
        />
      </Card>
      <AssistCard writable={writable} />
      <Modal
        open={dialog === 'assign'}
        title={t('tracing.board.assign')}
        onCancel={() => setDialog(null)}
        okButtonProps={{ disabled: !userId }}
        onOk={() => userId && void run({ action: 'assign', contactIds: ids, userId })}
      >
        <UserSelect value={userId} onChange={(v) => setUserId(v)} role="grid_worker" />
      </Modal>
      <Modal
        open={dialog === 'assist'}
        title={t('tracing.board.makeAssist')}
        onCancel={() => setDialog(null)}
        okButtonProps={{ disabled: !region.trim() }}
        onOk={() => void run({ action: 'assist', contactIds: ids, targetRegion: region.trim() })}
      >
        <Input placeholder={t('tracing.board.targetRegion')} maxLength={100} value={region} onChange={(e) => setRegion(e.target.value)} />
      </Modal>
    </Space>
  );
}

/** Assist requests: the sheet for the other county out (a stamped .xlsx), the same sheet filled in back. */
function AssistCard({ writable }: { writable: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const list = useApiQuery(listAssistRequests, { query: { limit: 50, offset: 0 } });
  const [note, setNote] = useState<{ type: 'info' | 'warning' | 'error'; text: string; rows?: [string, string][] } | null>(null);

  const upload = async (f: File) => {
    const form = new FormData();
    form.append('file', f, f.name);
    try {
      const res = await api.upload<ResponseOf<typeof importAssistAnswers>>(importAssistAnswers.path, form);
      const text = t('tracing.assist.imported', {
        applied: res.applied,
        duplicates: res.duplicates,
        unanswered: res.unanswered,
        refused: res.refused.length,
        unknown: res.unknown.length,
      });
      setNote({
        type: res.refused.length || res.unknown.length ? 'warning' : 'info',
        text,
        rows: res.refused.map((r) => [t('tracing.assist.row', { row: r.row }), `${r.ref}：${t(`tracing.assist.refused.${r.reason}`)}`]),
      });
      await client.invalidateQueries({ queryKey: [listAssistRequests.path] });
    } catch (e) {
      setNote({ type: 'error', text: errorText(e, t), rows: e instanceof ApiError ? Object.entries(e.fields) : [] });
    }
    return false;
  };
  return (
    <Card
      size="small"
      title={t('tracing.assist.title')}
      extra={
        writable && (
          <Space>
            <ExportButton
              url={exportAssistRequests.path}
              fileName={t('tracing.assist.fileName', { day: dayjs().format('YYYYMMDD') })}
              warning={t('tracing.assist.exportWarning')}
              buttonProps={{ size: 'small', icon: <DownloadOutlined /> }}
              data-testid="assist-export"
            >
              {t('tracing.assist.export')}
            </ExportButton>
            <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(f) => upload(f)}>
              <Button size="small" icon={<UploadOutlined />}>
                {t('tracing.assist.import')}
              </Button>
            </Upload>
          </Space>
        )
      }
    >
      {note && (
        <Alert
          type={note.type}
          showIcon
          closable
          title={note.text}
          description={note.rows?.length ? note.rows.map(([k, v]) => <div key={k}>{`${k}：${v}`}</div>) : undefined}
          onClose={() => setNote(null)}
          style={{ marginBottom: 12 }}
          data-testid="assist-note"
        />
      )}
      <Table
        rowKey="id"
        size="small"
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('tracing.assist.ref'), dataIndex: 'ref' },
          { title: t('tracing.field.person'), dataIndex: 'name' },
          { title: t('tracing.board.targetRegion'), dataIndex: 'targetRegion' },
          { title: t('tracing.field.lastExposureOn'), dataIndex: 'lastExposureOn' },
          { title: t('tracing.assist.stateLabel'), key: 's', render: (_: unknown, a: { state: string }) => <Tag>{t(`tracing.assist.state.${a.state}`)}</Tag> },
          { title: t('tracing.field.note'), dataIndex: 'answerNote' },
        ]}
      />
    </Card>
  );
}
