/** Task tags and the link from a task to what it is about. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Task } from '../../../domain/tasks/api';

type TaskPriority = Task['priority'];
type TaskStatus = Task['status'];

const PRIORITY_COLOUR: Record<TaskPriority, string> = { urgent: 'red', high: 'orange', normal: 'blue', low: 'default' };
const STATUS_COLOUR: Record<TaskStatus, string> = { open: 'blue', in_progress: 'processing', done: 'success', failed: 'default' };

export function PriorityTag({ priority }: { priority: TaskPriority }) {
  const { t } = useTranslation();
  return <Tag color={PRIORITY_COLOUR[priority]}>{t(`tasks.priority.${priority}`)}</Tag>;
}

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOUR[status]} data-testid="task-status">
      {t(`tasks.status.${status}`)}
    </Tag>
  );
}

export function TypeTag({ type }: { type: string }) {
  const { t } = useTranslation();
  return <Tag>{t(`tasks.type.${type}`, { defaultValue: type })}</Tag>;
}

/** Where a task's subject is shown; null when no screen shows that kind yet. */
export function subjectPath(subject: Task['subject']): string | null {
  if (!subject) return null;
  switch (subject.kind) {
    case 'measure':
      return `/monitoring/measures/${subject.id}`;
    case 'fever_alert':
      return `/monitoring/alerts?focus=${subject.id}`;
    case 'follow_up':
      return '/monitoring/today';
    case 'resident':
      return `/residents/${subject.id}`;
    case 'household':
      return `/residents/households/${subject.id}`;
    case 'screening_target':
      return `/screening/visit/${subject.id}`;
    case 'sampling_home':
      // The subject is the resident: the desk offers to bind them into the mobile team's open tube.
      return `/sampling/desk?resident=${subject.id}`;
    case 'checkpoint_swap_ask':
      // A colleague asked me to take their shift: answered on my shifts.
      return '/checkpoints/my-shifts';
    case 'checkpoint_roster_request':
      return '/checkpoints/roster';
    case 'help_outreach_call':
      // A care call: its outcome is recorded on the day's call list, which closes the task.
      return '/help/outreach';
    case 'inspection_rectification':
    case 'inspection_reinspection':
    case 'inspection_escalation':
      // Worked on the order's page: the unit reports it done, an inspector re-inspects.
      return `/inspections/rectifications/${subject.id}`;
    case 'disinfection_job':
      // Recorded done on the job's phone form, with its photos (field work module).
      return `/fieldwork/disinfection/new?jobId=${subject.id}`;
    case 'vaccination_call':
    case 'vaccination_observe':
    case 'vaccination_followup':
      // The subject is the person: their vaccination card.
      return `/vaccination/people/${subject.id}`;
    default:
      return null;
  }
}

export function SubjectLink({ task }: { task: Task }) {
  const { t } = useTranslation();
  const to = subjectPath(task.subject);
  if (!to || !task.subject) return null;
  return (
    <Link to={to} data-testid="task-subject">
      {t(`tasks.subject.${task.subject.kind}`, { defaultValue: t('tasks.subject.open') })}
    </Link>
  );
}
