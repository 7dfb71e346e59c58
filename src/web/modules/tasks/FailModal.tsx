/** "Could not do it": a task closes as failed with a reason (1–200 characters). */
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { ReasonModal } from '../../app/components/ReasonModal';
import type { Task } from './types';

export function FailModal({ task, onClose, onDone }: { task: Task; onClose: () => void; onDone: (t: Task) => void }) {
  const { t } = useTranslation();
  return (
    <ReasonModal
      title={t('tasks.failTitle', { title: task.title })}
      okText={t('tasks.fail')}
      label={t('tasks.failReason')}
      testId="fail"
      onSubmit={async (reason) => onDone(await api.post<Task>(`/api/tasks/${task.id}/fail`, { reason }))}
      onClose={onClose}
    />
  );
}
