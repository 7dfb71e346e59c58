/**
 * The supervisor's task list (tasks.manage): every task in scope, filtered by area, status, type and
 * overdue; counts per grid or per person as bars; reassign one or many; create a task by hand.
 */
import { Alert, App, Button, Card, Col, Grid, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import { PlusOutlined, SwapOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { PagedList } from '../../app/components/PagedList';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { TASK_STATUSES } from '../../../domain/monitoring/schemas';
import { ALL_TASK_TYPES, listTasks, type Task } from '../../../domain/tasks/api';
import { CountBars } from './CountBars';
import { CreateTaskModal } from './CreateTaskModal';
import { PriorityTag, SubjectLink, TaskStatusTag, TypeTag } from './labels';
import { ReassignModal } from './ReassignModal';
import { taskTitle } from './task-title';

const PAGE_SIZE = 20;

export default function TasksPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { area } = useCurrentArea();
  const narrow = Grid.useBreakpoint().sm === false;
  const [under, setUnder] = useState<number | undefined>();
  const [status, setStatus] = useState<Task['status'] | undefined>('open');
  const [type, setType] = useState<(typeof ALL_TASK_TYPES)[number] | undefined>();
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<number[]>([]);
  const [reassigning, setReassigning] = useState<number[] | null>(null);
  const [creating, setCreating] = useState(false);
  const scopeUnder = under ?? area?.id;
  const tasks = useApiQuery(listTasks, {
    query: { under: scopeUnder, status, type, overdue: overdue ? 'true' : undefined, page, pageSize: PAGE_SIZE },
  });
  const data = tasks.data ?? { items: [], total: 0 };
  const error = tasks.error ? errorText(tasks.error, t) : null;

  // The list and the counts refetch by themselves after a write (the mutations invalidate them).
  const refresh = () => setSelected([]);
  const none = t('common.none');

  const assignee = (x: Task) =>
    x.assignee.userName ??
    x.assignee.teamName ??
    x.assignee.groupName ??
    (x.assignee.role ? t(`tasks.role.${x.assignee.role}`, { defaultValue: x.assignee.role }) : none);
  const due = (x: Task) => (x.dueAt ? dayjs(x.dueAt).format('MM-DD HH:mm') : none);
  const open = (x: Task) => x.status !== 'done' && x.status !== 'failed';
  const reassignButton = (x: Task) =>
    open(x) ? (
      <Button size="small" icon={<SwapOutlined />} onClick={() => setReassigning([x.id])}>
        {t('tasks.reassign')}
      </Button>
    ) : null;

  /** One task on a phone: what, where, who, by when, and what to do with it. */
  const card = (x: Task) => (
    <Space orientation="vertical" size={4} style={{ width: '100%' }} data-testid="task-row-card">
      <Typography.Text strong>{taskTitle(x, t)}</Typography.Text>
      <Space size={4} wrap>
        <TypeTag type={x.type} />
        <PriorityTag priority={x.priority} />
        <TaskStatusTag status={x.status} />
        {x.overdue && open(x) && <Tag color="red">{t('tasks.overdue')}</Tag>}
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {x.areaName} · {assignee(x)} · {t('tasks.due')} {due(x)}
      </Typography.Text>
      {x.failReason && <Typography.Text type="danger">{x.failReason}</Typography.Text>}
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <SubjectLink task={x} />
        {reassignButton(x)}
      </Space>
    </Space>
  );

  const columns = [
    {
      title: t('tasks.field.title'),
      key: 'title',
      render: (_: unknown, x: Task) => (
        <Space orientation="vertical" size={2}>
          <Typography.Text strong>{taskTitle(x, t)}</Typography.Text>
          <Space size={4} wrap>
            <TypeTag type={x.type} />
            <PriorityTag priority={x.priority} />
            {x.overdue && x.status !== 'done' && x.status !== 'failed' && <Tag color="red">{t('tasks.overdue')}</Tag>}
          </Space>
          <SubjectLink task={x} />
        </Space>
      ),
    },
    { title: t('tasks.field.area'), dataIndex: 'areaName' },
    {
      title: t('tasks.field.assignee'),
      key: 'assignee',
      render: (_: unknown, x: Task) => assignee(x),
    },
    {
      title: t('tasks.field.dueAt'),
      key: 'dueAt',
      render: (_: unknown, x: Task) => <span style={{ whiteSpace: 'nowrap' }}>{due(x)}</span>,
    },
    {
      title: t('tasks.field.status'),
      key: 'status',
      render: (_: unknown, x: Task) => (
        <Space orientation="vertical" size={2}>
          <TaskStatusTag status={x.status} />
          {x.failReason && <Typography.Text type="danger">{x.failReason}</Typography.Text>}
          {x.doneByName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {x.doneByName} · {x.doneAt ? dayjs(x.doneAt).format('MM-DD HH:mm') : ''}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, x: Task) => reassignButton(x),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.tasks')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="task-create">
          {t('tasks.create')}
        </Button>
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={16}>
          <Card size="small" styles={{ body: { padding: narrow ? 8 : undefined } }}>
            <Space wrap style={{ marginBottom: 12 }}>
              <AreaTreeSelect
                value={under ?? null}
                onChange={(v) => (setUnder(v ?? undefined), setPage(1))}
                placeholder={t('tasks.allAreas')}
                allowClear
                style={{ minWidth: 200 }}
              />
              <Select
                allowClear
                placeholder={t('tasks.allStatuses')}
                value={status}
                onChange={(v) => (setStatus(v), setPage(1))}
                options={TASK_STATUSES.map((s) => ({ value: s, label: t(`tasks.status.${s}`) }))}
                style={{ minWidth: 120 }}
                data-testid="task-status-filter"
              />
              <Select
                allowClear
                placeholder={t('tasks.allTypes')}
                value={type}
                onChange={(v) => (setType(v), setPage(1))}
                options={ALL_TASK_TYPES.map((s) => ({ value: s, label: t(`tasks.type.${s}`) }))}
                style={{ minWidth: 120 }}
                data-testid="task-type-filter"
              />
              <Space size={4}>
                <Switch size="small" checked={overdue} onChange={(v) => (setOverdue(v), setPage(1))} />
                {t('tasks.overdueOnly')}
              </Space>
              <Button icon={<SwapOutlined />} disabled={!selected.length} onClick={() => setReassigning(selected)} data-testid="bulk-reassign">
                {t('tasks.reassignSelected', { count: selected.length })}
              </Button>
            </Space>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
            <PagedList<Task>
              rowKey="id"
              testId="task-table"
              renderCard={card}
              columns={columns}
              loading={tasks.isFetching}
              rowSelection={{
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as number[]),
                getCheckboxProps: (x) => ({ disabled: x.status === 'done' || x.status === 'failed' }),
              }}
              data={data}
              current={page}
              pageSize={PAGE_SIZE}
              onPage={setPage}
              empty={t('tasks.empty')}
            />
          </Card>
        </Col>
        <Col xs={24} xxl={8}>
          <CountBars under={scopeUnder} />
        </Col>
      </Row>
      {reassigning && (
        <ReassignModal
          taskIds={reassigning}
          areaPaths={data.items.filter((x) => reassigning.includes(x.id)).map((x) => x.areaPath)}
          onClose={() => setReassigning(null)}
          onDone={(n) => {
            setReassigning(null);
            message.success(t('tasks.reassigned', { count: n }));
            refresh();
          }}
        />
      )}
      {creating && (
        <CreateTaskModal
          areaId={area?.id}
          onClose={() => setCreating(false)}
          onDone={() => {
            setCreating(false);
            message.success(t('tasks.created'));
            refresh();
          }}
        />
      )}
    </Space>
  );
}
