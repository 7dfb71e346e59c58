/**
 * One task on a phone: what, where, when (overdue in red), a link to its subject, and start / done / could not do.
 * A household visit is closed by the visit itself (visited, nobody home, refused), so its card offers the visit
 * as its one big button and no "done": a bare "done" used to close it with the household still unvisited.
 */
import { App, Button, Card, Space, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, EnvironmentOutlined, HomeOutlined, PhoneOutlined, PlayCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Task } from '../../../domain/tasks/api';
import { callTaskPerson, completeTask, startTask } from '../../app/first-routes';
import { errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';
import { FailModal } from './FailModal';
import { PriorityTag, SubjectLink, TaskStatusTag, TypeTag, subjectPath } from './labels';
import { taskTitle } from './task-title';

/**
 * Subjects whose task is closed by working the subject (the server refuses a bare done / fail: TASK_NEEDS_VISIT,
 * TASK_NEEDS_DISINFECTION_RECORD; a care call is closed by recording its outcome on the day's list).
 */
const CLOSED_BY_SUBJECT = new Set(['screening_target', 'disinfection_job', 'help_outreach_call']);

/**
 * Who a home-sampling or retest task is about: name, household address and masked phone, and a big call button
 * when the server says this user may call. The number is fetched on the tap (the server audits it) and handed
 * to the phone's dialler; it is never in the list.
 */
function PersonBlock({ task }: { task: Task }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const call = useApiMutation(callTaskPerson);
  const p = task.person;
  if (!p) return null;
  const dial = async () => {
    try {
      const { phone } = await call.mutateAsync({ params: { id: task.id } });
      window.location.href = `tel:${phone}`;
    } catch (e) {
      message.error(errorText(e, t));
    }
  };
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }} data-testid="task-person">
      <Typography.Text>
        <Typography.Text strong>{p.name}</Typography.Text>
        {p.phone && <Typography.Text type="secondary"> · {p.phone}</Typography.Text>}
      </Typography.Text>
      <Typography.Text data-testid="task-address">
        <EnvironmentOutlined /> {p.address ?? t('tasks.noAddress')} <Typography.Text type="secondary">({p.areaName})</Typography.Text>
      </Typography.Text>
      {p.canCall && (
        <Button size="large" block icon={<PhoneOutlined />} loading={call.isPending} onClick={() => void dial()} data-testid="task-call">
          {t('tasks.call', { phone: p.phone })}
        </Button>
      )}
    </Space>
  );
}

export function TaskCard({ task, onChanged }: { task: Task; onChanged?: (t: Task) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const start = useApiMutation(startTask);
  const complete = useApiMutation(completeTask);
  const busy = start.isPending || complete.isPending;
  const [failing, setFailing] = useState(false);
  const closed = task.status === 'done' || task.status === 'failed';
  const visitPath = task.subject && CLOSED_BY_SUBJECT.has(task.subject.kind) ? subjectPath(task.subject) : null;

  const act = async (action: 'start' | 'done') => {
    try {
      const input = { params: { id: task.id } };
      const r = action === 'start' ? await start.mutateAsync(input) : await complete.mutateAsync({ ...input, body: {} });
      message.success(t(action === 'start' ? 'tasks.started' : 'tasks.doneMessage'));
      onChanged?.(r);
    } catch (e) {
      message.error(errorText(e, t));
    }
  };

  return (
    <Card size="small" data-testid="task-card" style={task.overdue && !closed ? { borderColor: '#ff7875' } : undefined}>
      <Space orientation="vertical" size={6} style={{ width: '100%' }}>
        <Space size={4} wrap>
          {task.overdue && !closed && (
            <Tag color="red" data-testid="task-overdue">
              {t('tasks.overdue')}
            </Tag>
          )}
          <PriorityTag priority={task.priority} />
          <TypeTag type={task.type} />
          <TaskStatusTag status={task.status} />
        </Space>
        <Typography.Text strong style={{ fontSize: 16 }} data-testid="task-title">
          {taskTitle(task, t)}
        </Typography.Text>
        <Typography.Text type="secondary">
          {task.areaName}
          {task.dueAt && ` · ${t('tasks.due')} ${dayjs(task.dueAt).format('MM-DD HH:mm')}`}
        </Typography.Text>
        {task.failReason && <Typography.Text type="danger">{task.failReason}</Typography.Text>}
        {!closed && <PersonBlock task={task} />}
        {!visitPath && <SubjectLink task={task} />}
        {!closed && visitPath && (
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <Link to={visitPath} data-testid="task-visit">
              <Button type="primary" size="large" block icon={<HomeOutlined />}>
                {t('tasks.goVisit')}
              </Button>
            </Link>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('tasks.visitCloses')}
            </Typography.Text>
          </Space>
        )}
        {!closed && !visitPath && (
          <Space wrap size={8}>
            {task.status === 'open' && (
              <Button icon={<PlayCircleOutlined />} loading={busy} onClick={() => void act('start')} data-testid="task-start">
                {t('tasks.start')}
              </Button>
            )}
            <Button type="primary" icon={<CheckOutlined />} loading={busy} onClick={() => void act('done')} data-testid="task-done">
              {t('tasks.done')}
            </Button>
            <Button danger icon={<CloseOutlined />} disabled={busy} onClick={() => setFailing(true)} data-testid="task-fail">
              {t('tasks.fail')}
            </Button>
          </Space>
        )}
      </Space>
      {failing && (
        <FailModal
          task={task}
          onClose={() => setFailing(false)}
          onDone={(r) => {
            setFailing(false);
            message.success(t('tasks.failed'));
            onChanged?.(r);
          }}
        />
      )}
    </Card>
  );
}
