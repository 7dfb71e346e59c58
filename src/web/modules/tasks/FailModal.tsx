/** "Could not do it": a task closes as failed with a reason (1–200 characters). */
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../domain/tasks/api';
import { failTask } from '../../app/first-routes';
import { ReasonModal } from '../../app/components/ReasonModal';
import { useApiMutation } from '../../app/query';
import { taskTitle } from './task-title';

export function FailModal({ task, onClose, onDone }: { task: Task; onClose: () => void; onDone: (t: Task) => void }) {
  const { t } = useTranslation();
  const fail = useApiMutation(failTask);
  return (
    <ReasonModal
      title={t('tasks.failTitle', { title: taskTitle(task, t) })}
      okText={t('tasks.fail')}
      label={t('tasks.failReason')}
      testId="fail"
      onSubmit={async (reason) => onDone(await fail.mutateAsync({ params: { id: task.id }, body: { reason } }))}
      onClose={onClose}
    />
  );
}
